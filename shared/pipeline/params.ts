// Node params against their declaration: names in declared order, defaults, and checking written values.
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import type { NodeDeclaration } from '../catalog/define.js';
import { componentNameOf } from './components.js';
import type { DocumentPath, PipelineIssue } from './issues.js';
import type { PipelineNodeSpec } from './schema.js';
import { didYouMean } from './suggest.js';

/** Param names in declaration order: the order of the zod shape, used for export and the inspector. */
export function declaredParamNames(declaration: NodeDeclaration): string[] {
  return Object.keys(declaration.params.shape);
}

export function paramField(declaration: NodeDeclaration, name: string): z.ZodType | undefined {
  return Object.hasOwn(declaration.params.shape, name) ? (declaration.params.shape[name] as z.ZodType) : undefined;
}

/** The value a param takes when it is not written: `{ value }` (undefined for an optional one), or undefined if required. */
export function paramDefault(declaration: NodeDeclaration, name: string): { value: unknown } | undefined {
  const field = paramField(declaration, name);
  if (!field) return undefined;
  // Asked of a one-key object, not of the field alone: inside an object zod requires a z.unknown() key to be present
  // although z.unknown() itself accepts undefined.
  const result = z.object({ [name]: field }).safeParse({});
  return result.success ? { value: result.data[name] } : undefined;
}

/** zod's "Invalid input: expected number, received string" → "expected number, received string". */
export function zodMessage(issue: z.core.$ZodIssue): string {
  return issue.message.replace(/^Invalid input: /, '');
}

function subPath(path: readonly PropertyKey[]): string {
  return path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${String(step)}`)).join('');
}

export function listNames(names: readonly string[]): string {
  return names.length === 0 ? 'no params' : names.map((n) => `'${n}'`).join(', ');
}

/**
 * Every problem with one node's params: unknown names (with the closest known one), missing required ones,
 * and values of the wrong type (zod's message). `index` is the node's place in `doc.nodes`, for the issue path.
 */
export function checkNodeParams(
  node: PipelineNodeSpec,
  index: number,
  declaration: NodeDeclaration,
): { params?: Record<string, unknown>; issues: PipelineIssue[] } {
  const issues: PipelineIssue[] = [];
  const written = node.params ?? {};
  const names = declaredParamNames(declaration);
  const base: DocumentPath = ['nodes', index, 'params'];
  const known: Record<string, unknown> = {};

  for (const [name, value] of Object.entries(written)) {
    if (paramField(declaration, name)) {
      known[name] = value;
      continue;
    }
    const hint = didYouMean(name, names) || ` (${declaration.type} takes ${listNames(names)})`;
    issues.push({
      code: 'unknown_param',
      message: `unknown param '${name}' in node '${node.id}'${hint}`,
      node: node.id,
      key: name,
      path: [...base, name],
    });
  }

  const result = declaration.params.safeParse(known);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [name, ...rest] = issue.path;
      if (typeof name !== 'string') {
        issues.push({
          code: 'param_type',
          message: `params of node '${node.id}': ${zodMessage(issue)}`,
          node: node.id,
          path: base,
        });
      } else if (rest.length === 0 && known[name] === undefined) {
        issues.push({
          code: 'missing_param',
          message: `node '${node.id}' is missing required param '${name}'`,
          node: node.id,
          key: name,
          path: [...base, name],
        });
      } else {
        issues.push({
          code: 'param_type',
          message: `param '${name}${subPath(rest)}' of node '${node.id}': ${zodMessage(issue)}`,
          node: node.id,
          key: name,
          path: [...base, name, ...rest.map((step) => (typeof step === 'number' ? step : String(step)))],
        });
      }
    }
  }
  return issues.length === 0 && result.success ? { params: result.data, issues } : { issues };
}

export function unknownTypeIssue(node: PipelineNodeSpec, index: number, catalog: Catalog): PipelineIssue {
  const component = componentNameOf(node.type);
  if (component !== undefined) {
    const defined = catalog.all().flatMap((d) => componentNameOf(d.type) ?? []);
    const hint = didYouMean(component, defined) || ` (${defined.length ? `components: ${defined.join(', ')}` : 'the pipeline defines no components'})`;
    return {
      code: 'unknown_component',
      message: `node '${node.id}' uses unknown component '${component}'${hint}`,
      node: node.id,
      key: 'type',
      path: ['nodes', index, 'type'],
    };
  }
  const hint = didYouMean(node.type, catalog.all().map((d) => d.type));
  return {
    code: 'unknown_type',
    message: `node '${node.id}' has unknown type '${node.type}'${hint}`,
    node: node.id,
    key: 'type',
    path: ['nodes', index, 'type'],
  };
}
