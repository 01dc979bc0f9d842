// Evaluates a parsed condition against a metrics object (no JS eval: a small interpreter over the AST).
import type { Expr } from '../../data/expression/ast.js';
import { ExpressionError } from '../../data/expression/ast.js';

type Value = number | string | boolean | null;

const FUNCTIONS: Record<string, (args: number[]) => number> = {
  abs: ([x]) => Math.abs(x),
  round: ([x, digits = 0]) => Math.round(x * 10 ** digits) / 10 ** digits,
  floor: ([x]) => Math.floor(x),
  ceil: ([x]) => Math.ceil(x),
  sqrt: ([x]) => Math.sqrt(x),
  log: ([x]) => Math.log(x),
  exp: ([x]) => Math.exp(x),
  min: (xs) => Math.min(...xs),
  max: (xs) => Math.max(...xs),
};

/** Looks `a.b.c` up in nested objects; undefined when any step is missing or not a plain value. */
export function lookupMetric(metrics: unknown, name: string): Value | undefined {
  let current: unknown = metrics;
  for (const part of name.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current === null || typeof current === 'number' || typeof current === 'string' || typeof current === 'boolean' ? current : undefined;
}

/** Names of the plain values in `metrics` (dotted paths), to list when a name is unknown. */
export function metricNames(metrics: unknown, prefix = ''): string[] {
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics)) return [];
  const names: string[] = [];
  for (const [key, value] of Object.entries(metrics)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value === null || ['number', 'string', 'boolean'].includes(typeof value)) names.push(path);
    else names.push(...metricNames(value, path));
  }
  return names;
}

export function evaluateCondition(expr: Expr, metrics: unknown, used: Map<string, Value>): Value {
  const num = (v: Value, pos: number): number => {
    if (typeof v !== 'number') throw new ExpressionError(`expected a number, got ${v === null ? 'null' : typeof v}`, pos);
    return v;
  };
  const bool = (v: Value, pos: number): boolean => {
    if (typeof v !== 'boolean') throw new ExpressionError(`expected true/false, got ${v === null ? 'null' : typeof v}`, pos);
    return v;
  };
  const ev = (e: Expr): Value => evaluateCondition(e, metrics, used);
  switch (expr.kind) {
    case 'number':
      return Number(expr.text);
    case 'string':
      return expr.value;
    case 'boolean':
      return expr.value;
    case 'null':
      return null;
    case 'column': {
      const value = lookupMetric(metrics, expr.name);
      if (value === undefined) {
        throw new ExpressionError(`unknown metric '${expr.name}'; available: ${metricNames(metrics).slice(0, 30).join(', ')}`, expr.pos);
      }
      used.set(expr.name, value);
      return value;
    }
    case 'unary': {
      const v = ev(expr.operand);
      if (expr.op === 'not') return !bool(v, expr.pos);
      return expr.op === '-' ? -num(v, expr.pos) : num(v, expr.pos);
    }
    case 'binary': {
      if (expr.op === 'and') return bool(ev(expr.left), expr.pos) && bool(ev(expr.right), expr.pos);
      if (expr.op === 'or') return bool(ev(expr.left), expr.pos) || bool(ev(expr.right), expr.pos);
      const l = ev(expr.left);
      const r = ev(expr.right);
      switch (expr.op) {
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case '<':
          return num(l, expr.pos) < num(r, expr.pos);
        case '<=':
          return num(l, expr.pos) <= num(r, expr.pos);
        case '>':
          return num(l, expr.pos) > num(r, expr.pos);
        case '>=':
          return num(l, expr.pos) >= num(r, expr.pos);
        case '+':
          return num(l, expr.pos) + num(r, expr.pos);
        case '-':
          return num(l, expr.pos) - num(r, expr.pos);
        case '*':
          return num(l, expr.pos) * num(r, expr.pos);
        case '/':
          return num(l, expr.pos) / num(r, expr.pos);
        case '%':
          return num(l, expr.pos) % num(r, expr.pos);
      }
      return null;
    }
    case 'in': {
      const v = ev(expr.operand);
      const found = expr.items.some((item) => ev(item) === v);
      return expr.negated ? !found : found;
    }
    case 'is_null': {
      const isNull = ev(expr.operand) === null;
      return expr.negated ? !isNull : isNull;
    }
    case 'call': {
      const fn = FUNCTIONS[expr.name.toLowerCase()];
      if (!fn) throw new ExpressionError(`unknown function '${expr.name}'; known: ${Object.keys(FUNCTIONS).join(', ')}`, expr.pos);
      return fn(expr.args.map((a) => num(ev(a), a.pos)));
    }
  }
}
