// The inspector's form, derived from a node declaration: one field description per param, read off the zod shape
// (kind, default, limits, help text) and the declaration's UI hint, so the form is never written by hand.
import type { z } from 'zod';
import type { NodeDeclaration, ParamWidget } from '../../shared/catalog/define.js';

export type ScalarValue = string | number | boolean;

export type ParamFieldKind =
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'choice'; options: ScalarValue[] }
  | { kind: 'list'; item: 'string' | 'number'; length?: number }
  | { kind: 'scalar' }
  | { kind: 'json' };

export type ParamField = ParamFieldKind & {
  name: string;
  /** The param's help text (zod `.describe`). */
  description?: string;
  /** `{ value }` when the param can be left out; absent for required params. */
  defaultValue?: { value: unknown };
  /** null is an accepted value (shown as "none"). */
  nullable: boolean;
  widget?: ParamWidget;
  schema: z.ZodType;
};

interface Walked {
  core: z.ZodType;
  nullable: boolean;
  description?: string;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** Strip default/optional/nullable/readonly/pipe wrappers, collecting nullability and the first description. */
function unwrap(schema: z.ZodType): Walked {
  let core = schema;
  let nullable = false;
  let description = schema.description;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(core);
    if (def.type === 'nullable') nullable = true;
    const next =
      def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly' || def.type === 'prefault'
        ? def.innerType
        : def.type === 'pipe'
          ? def.in
          : undefined;
    if (!next) break;
    core = next;
    description ??= core.description;
  }
  return { core, nullable, description };
}

/** The literal values a schema accepts when it is an enum, a literal, or a union of those; undefined otherwise. */
function choices(schema: z.ZodType): ScalarValue[] | undefined {
  const def = defOf(schema);
  if (def.type === 'enum') return Object.values(def.entries ?? {}) as ScalarValue[];
  if (def.type === 'literal') return (def.values ?? []) as ScalarValue[];
  if (def.type === 'boolean') return [true, false];
  if (def.type === 'union') {
    const all: ScalarValue[] = [];
    for (const option of def.options ?? []) {
      const values = choices(unwrap(option).core);
      if (!values) return undefined;
      all.push(...values);
    }
    return all;
  }
  return undefined;
}

function isScalarSchema(schema: z.ZodType): boolean {
  const type = defOf(schema).type;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'literal' || type === 'enum';
}

function kindOf(core: z.ZodType): ParamFieldKind {
  const def = defOf(core);
  switch (def.type) {
    case 'number': {
      const n = core as unknown as { isInt: boolean; minValue: number | null; maxValue: number | null };
      const min = n.minValue !== null && Number.isFinite(n.minValue) && Math.abs(n.minValue) < Number.MAX_SAFE_INTEGER ? n.minValue : undefined;
      const max = n.maxValue !== null && Number.isFinite(n.maxValue) && Math.abs(n.maxValue) < Number.MAX_SAFE_INTEGER ? n.maxValue : undefined;
      return { kind: 'number', integer: n.isInt, min, max };
    }
    case 'string':
      return { kind: 'string' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
    case 'literal':
      return { kind: 'choice', options: choices(core) ?? [] };
    case 'array': {
      const item = defOf(unwrap(def.element!).core).type;
      if (item === 'string' || item === 'number') return { kind: 'list', item };
      return { kind: 'json' };
    }
    case 'tuple': {
      const items = (def.items ?? []).map((i) => defOf(unwrap(i).core).type);
      if (!def.rest && items.length > 0 && items.every((t) => t === items[0]) && (items[0] === 'string' || items[0] === 'number')) {
        return { kind: 'list', item: items[0], length: items.length };
      }
      return { kind: 'json' };
    }
    case 'union': {
      const values = choices(core);
      if (values) return { kind: 'choice', options: values };
      if ((def.options ?? []).every((o) => isScalarSchema(unwrap(o).core))) return { kind: 'scalar' };
      return { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}

/** One field per declared param, in declaration order (the order YAML export uses too). */
export function paramFields(declaration: NodeDeclaration): ParamField[] {
  const shape = declaration.params.shape as Record<string, z.ZodType>;
  const ui = (declaration.ui ?? {}) as Record<string, ParamWidget | undefined>;
  return Object.entries(shape).map(([name, schema]) => {
    const { core, nullable, description } = unwrap(schema);
    const widget = ui[name];
    const fallback = schema.safeParse(undefined);
    let kind = kindOf(core);
    if (widget?.widget === 'json') kind = { kind: 'json' };
    return {
      ...kind,
      name,
      description,
      defaultValue: fallback.success ? { value: fallback.data } : undefined,
      nullable,
      widget,
      schema,
    };
  });
}

/** zod's message for a value, or undefined when it is accepted. */
export function checkParamValue(field: ParamField, value: unknown): string | undefined {
  const result = field.schema.safeParse(value);
  return result.success ? undefined : result.error.issues.map((i) => i.message.replace(/^Invalid input: /, '')).join('; ');
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What the document should hold after a field edit: undefined (leave the param out) when it equals the default. */
export function storedParamValue(field: ParamField, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (field.defaultValue && sameValue(field.defaultValue.value, value)) return undefined;
  return value;
}

/** Text typed into a field of kind `scalar` as the value it most likely means: a number, true/false, else text. */
export function parseScalarText(text: string): ScalarValue {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return text;
}

/** Items of a list field typed one per line (text) or comma-separated (numbers, also as written in YAML: `[64, 64]`). */
export function parseListText(text: string, item: 'string' | 'number'): { value: ScalarValue[] } | { error: string } {
  if (item === 'string') return { value: text.split('\n').map((s) => s.trim()).filter((s) => s !== '') };
  const parts = text.trim().replace(/^\[([^\]]*)\]$/, '$1').split(/[\s,]+/).filter((s) => s !== '');
  const numbers = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(numbers[i]));
  return bad === undefined ? { value: numbers } : { error: `'${bad}' is not a number` };
}

export function formatListText(value: unknown, item: 'string' | 'number'): string {
  if (!Array.isArray(value)) return '';
  return value.map(String).join(item === 'string' ? '\n' : ', ');
}
