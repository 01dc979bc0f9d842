// Type-checks a parsed expression against a table's columns and writes it as DuckDB SQL: every column
// goes through quoteIdent, every string through quoteLiteral, every compound part is parenthesized.
import type { ColumnInfo } from '../types.js';
import { quoteIdent, quoteLiteral } from '../sql-text.js';
import { clip, ExpressionError, type Expr } from './ast.js';
import { columnKind, findColumn, unknownColumnMessage } from './columns.js';
import { parseExpression } from './parse.js';

/** `null` is the type of the null literal; `any` is what we do not check (dates, lists, ...). */
export type ValueType = 'number' | 'text' | 'boolean' | 'temporal' | 'null' | 'any';

export interface CompiledExpression {
  sql: string;
  type: ValueType;
  /** Columns the expression reads, by their names in the table. */
  columns: string[];
}

interface FunctionSignature {
  sql: string;
  args: ValueType[];
  optional?: number;
  result: ValueType;
}

const FUNCTIONS: Record<string, FunctionSignature> = {
  abs: { sql: 'abs', args: ['number'], result: 'number' },
  round: { sql: 'round', args: ['number', 'number'], optional: 1, result: 'number' },
  floor: { sql: 'floor', args: ['number'], result: 'number' },
  ceil: { sql: 'ceil', args: ['number'], result: 'number' },
  sqrt: { sql: 'sqrt', args: ['number'], result: 'number' },
  // Natural log as in numpy and Python's math.log (DuckDB's own `log` is base 10).
  log: { sql: 'ln', args: ['number'], result: 'number' },
  log10: { sql: 'log10', args: ['number'], result: 'number' },
  exp: { sql: 'exp', args: ['number'], result: 'number' },
  lower: { sql: 'lower', args: ['text'], result: 'text' },
  upper: { sql: 'upper', args: ['text'], result: 'text' },
  trim: { sql: 'trim', args: ['text'], result: 'text' },
  length: { sql: 'length', args: ['text'], result: 'number' },
  contains: { sql: 'contains', args: ['text', 'text'], result: 'boolean' },
  startswith: { sql: 'starts_with', args: ['text', 'text'], result: 'boolean' },
  endswith: { sql: 'ends_with', args: ['text', 'text'], result: 'boolean' },
};

export const EXPRESSION_FUNCTIONS: readonly string[] = [...Object.keys(FUNCTIONS), 'coalesce'];

const SQL_BINARY: Record<string, string> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '%': '%',
  '==': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=', and: 'AND', or: 'OR',
};

const TYPE_WORDS: Record<ValueType, string> = {
  number: 'a number', text: 'text', boolean: 'true/false', temporal: 'a date/time', null: 'null', any: 'a value',
};

/** Parse, check and translate a filter condition; it must give true/false. */
export function compileFilter(text: string, columns: readonly ColumnInfo[]): CompiledExpression {
  const compiled = compileExpression(parseExpression(text), columns);
  if (!accepts('boolean', compiled.type)) {
    throw new ExpressionError(
      `the expression gives ${TYPE_WORDS[compiled.type]}, but a filter needs a condition (true/false) such as \`x > 0\``,
      1,
    );
  }
  return compiled;
}

export function compileExpression(expr: Expr, columns: readonly ColumnInfo[]): CompiledExpression {
  const used = new Set<string>();
  const { sql, type } = new Translator(columns, used).translate(expr);
  return { sql, type, columns: [...used] };
}

function accepts(wanted: ValueType, actual: ValueType): boolean {
  return actual === wanted || actual === 'null' || actual === 'any';
}

function comparable(a: ValueType, b: ValueType): boolean {
  if (a === 'null' || b === 'null' || a === 'any' || b === 'any' || a === b) return true;
  // DuckDB reads a string such as '2024-01-31' as a date when compared with one.
  return (a === 'temporal' && b === 'text') || (a === 'text' && b === 'temporal');
}

function label(expr: Expr): string {
  switch (expr.kind) {
    case 'column': return `column '${clip(expr.name)}'`;
    case 'number': return clip(expr.text);
    case 'string': return `'${clip(expr.value)}'`;
    case 'boolean': return String(expr.value);
    case 'null': return 'null';
    case 'call': return `${expr.name}(…)`;
    default: return `the part at column ${expr.pos}`;
  }
}

class Translator {
  constructor(
    private readonly columns: readonly ColumnInfo[],
    private readonly used: Set<string>,
  ) {}

  translate(expr: Expr): { sql: string; type: ValueType } {
    switch (expr.kind) {
      case 'number':
        return { sql: normalizeNumber(expr.text, expr.pos), type: 'number' };
      case 'string':
        return { sql: quoteLiteral(expr.value), type: 'text' };
      case 'boolean':
        return { sql: expr.value ? 'TRUE' : 'FALSE', type: 'boolean' };
      case 'null':
        return { sql: 'NULL', type: 'null' };
      case 'column':
        return this.column(expr);
      case 'unary': {
        const operand = this.translate(expr.operand);
        const wanted: ValueType = expr.op === 'not' ? 'boolean' : 'number';
        this.require(wanted, operand.type, expr.operand, `'${expr.op}'`);
        if (expr.op === '+') return { sql: operand.sql, type: 'number' };
        return { sql: `(${expr.op === 'not' ? 'NOT' : '-'} ${operand.sql})`, type: wanted };
      }
      case 'binary':
        return this.binary(expr);
      case 'is_null': {
        const operand = this.translate(expr.operand);
        return { sql: `(${operand.sql} IS ${expr.negated ? 'NOT ' : ''}NULL)`, type: 'boolean' };
      }
      case 'in':
        return this.inList(expr);
      case 'call':
        return this.call(expr);
    }
  }

  private column(expr: Extract<Expr, { kind: 'column' }>): { sql: string; type: ValueType } {
    const column = findColumn(this.columns, expr.name);
    if (!column) {
      const hint = expr.quoted ? '' : ` (text values go in single quotes: '${clip(expr.name)}')`;
      throw new ExpressionError(`${unknownColumnMessage(expr.name, this.columns)} (at column ${expr.pos})${hint}`, expr.pos);
    }
    this.used.add(column.name);
    const kind = columnKind(column.type);
    return { sql: quoteIdent(column.name), type: kind === 'other' ? 'any' : kind };
  }

  private require(wanted: ValueType, actual: ValueType, expr: Expr, context: string): void {
    if (!accepts(wanted, actual)) {
      throw new ExpressionError(
        `${context} needs ${TYPE_WORDS[wanted]}, but ${label(expr)} is ${TYPE_WORDS[actual]} (at column ${expr.pos})`,
        expr.pos,
      );
    }
  }

  private binary(expr: Extract<Expr, { kind: 'binary' }>): { sql: string; type: ValueType } {
    const left = this.translate(expr.left);
    const right = this.translate(expr.right);
    const op = SQL_BINARY[expr.op];
    if (expr.op === 'and' || expr.op === 'or') {
      this.require('boolean', left.type, expr.left, `'${expr.op}'`);
      this.require('boolean', right.type, expr.right, `'${expr.op}'`);
      return { sql: `(${left.sql} ${op} ${right.sql})`, type: 'boolean' };
    }
    if (['+', '-', '*', '/', '%'].includes(expr.op)) {
      // Date arithmetic is left to DuckDB; everything else must be numbers.
      if (left.type === 'temporal' || right.type === 'temporal') return { sql: `(${left.sql} ${op} ${right.sql})`, type: 'any' };
      this.require('number', left.type, expr.left, `'${expr.op}'`);
      this.require('number', right.type, expr.right, `'${expr.op}'`);
      return { sql: `(${left.sql} ${op} ${right.sql})`, type: 'number' };
    }
    // `x == null` means "x is missing", as users of pandas and JavaScript expect; SQL would give null.
    if ((expr.op === '==' || expr.op === '!=') && (expr.left.kind === 'null' || expr.right.kind === 'null')) {
      const other = expr.left.kind === 'null' ? right : left;
      return { sql: `(${other.sql} IS ${expr.op === '!=' ? 'NOT ' : ''}NULL)`, type: 'boolean' };
    }
    if (!comparable(left.type, right.type)) {
      throw new ExpressionError(
        `cannot compare ${label(expr.left)} (${TYPE_WORDS[left.type]}) with ${label(expr.right)} (${TYPE_WORDS[right.type]}) at column ${expr.pos}`,
        expr.pos,
      );
    }
    return { sql: `(${left.sql} ${op} ${right.sql})`, type: 'boolean' };
  }

  private inList(expr: Extract<Expr, { kind: 'in' }>): { sql: string; type: ValueType } {
    const operand = this.translate(expr.operand);
    const values: string[] = [];
    let hasNull = false;
    for (const item of expr.items) {
      const value = this.translate(item);
      if (!comparable(operand.type, value.type)) {
        throw new ExpressionError(
          `cannot compare ${label(expr.operand)} (${TYPE_WORDS[operand.type]}) with ${label(item)} (${TYPE_WORDS[value.type]}) in the list at column ${item.pos}`,
          item.pos,
        );
      }
      if (item.kind === 'null') hasNull = true;
      else values.push(value.sql);
    }
    // SQL's `x IN (1, NULL)` is never true for a missing x; here a null in the list matches missing values.
    const parts: string[] = [];
    if (values.length) parts.push(`(${operand.sql} ${expr.negated ? 'NOT IN' : 'IN'} (${values.join(', ')}))`);
    if (hasNull) parts.push(`(${operand.sql} IS ${expr.negated ? 'NOT ' : ''}NULL)`);
    const sql = parts.length === 1 ? parts[0] : `(${parts.join(expr.negated ? ' AND ' : ' OR ')})`;
    return { sql, type: 'boolean' };
  }

  private call(expr: Extract<Expr, { kind: 'call' }>): { sql: string; type: ValueType } {
    const name = expr.name.toLowerCase();
    const args = expr.args.map((a) => this.translate(a));
    if (name === 'coalesce') {
      if (args.length === 0) throw new ExpressionError(`coalesce at column ${expr.pos} needs at least one value`, expr.pos);
      const type = args.find((a) => a.type !== 'null')?.type ?? 'null';
      args.forEach((a, i) => {
        if (!comparable(type, a.type)) {
          throw new ExpressionError(
            `coalesce needs values of one type, but ${label(expr.args[i])} is ${TYPE_WORDS[a.type]} (at column ${expr.args[i].pos})`,
            expr.args[i].pos,
          );
        }
      });
      return { sql: `coalesce(${args.map((a) => a.sql).join(', ')})`, type };
    }
    const signature = FUNCTIONS[name];
    if (!signature) {
      throw new ExpressionError(
        `unknown function '${clip(expr.name)}' at column ${expr.pos}; available: ${EXPRESSION_FUNCTIONS.join(', ')}`,
        expr.pos,
      );
    }
    const min = signature.args.length - (signature.optional ?? 0);
    if (args.length < min || args.length > signature.args.length) {
      const count = min === signature.args.length ? `${min}` : `${min} or ${signature.args.length}`;
      throw new ExpressionError(`${name}() at column ${expr.pos} takes ${count} argument${count === '1' ? '' : 's'}, got ${args.length}`, expr.pos);
    }
    args.forEach((a, i) => this.require(signature.args[i], a.type, expr.args[i], `${name}()`));
    return { sql: `${signature.sql}(${args.map((a) => a.sql).join(', ')})`, type: signature.result };
  }
}

/** The tokenizer only lets digits, one '.', and an exponent through; DuckDB wants a digit on both sides of '.'. */
function normalizeNumber(text: string, pos: number): string {
  let out = text;
  if (out.startsWith('.')) out = `0${out}`;
  out = out.replace(/\.(?=$|[eE])/, '.0');
  if (!/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(out) || !Number.isFinite(Number(out))) {
    throw new ExpressionError(`the number ${clip(text)} at column ${pos} is out of range`, pos);
  }
  return out;
}
