// control.gate: evaluates its condition on the metrics; false → a gate_failed error naming the values seen.
import { gate } from '../../../shared/catalog/control/gate.js';
import { invalidInput, PlumbError } from '../../../shared/errors.js';
import { ExpressionError } from '../../data/expression/ast.js';
import { parseExpression } from '../../data/expression/parse.js';
import { implementNode } from '../env.js';
import { evaluateCondition } from './condition.js';

export const gateNode = implementNode({
  declaration: gate,
  implVersion: 1,
  async run(_ctx, inputs, params) {
    const text = params.condition;
    const used = new Map<string, number | string | boolean | null>();
    let result: unknown;
    try {
      result = evaluateCondition(parseExpression(text), inputs.metrics, used);
    } catch (e) {
      if (e instanceof ExpressionError) throw invalidInput(`condition: ${e.message} (column ${e.position})`, { param: 'condition' }, e.pointAt(text));
      throw e;
    }
    if (typeof result !== 'boolean') throw invalidInput(`condition must be true or false, got ${JSON.stringify(result)}`, { param: 'condition' });
    if (!result) {
      const seen = [...used].map(([k, v]) => `${k} = ${typeof v === 'number' ? Number(v.toPrecision(6)) : JSON.stringify(v)}`).join(', ');
      throw new PlumbError('gate_failed', `condition '${text}' is false${seen ? ` (${seen})` : ''}`, { param: 'condition' });
    }
    return {};
  },
});

export const controlImplementations = [gateNode];
