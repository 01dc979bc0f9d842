// Tokenizer of the filter expression language: numbers, 'strings', columns (bare, "quoted", `quoted`), operators.
import { clip, ExpressionError } from './ast.js';

export type TokenKind = 'number' | 'string' | 'name' | 'quoted_name' | 'keyword' | 'op' | 'end';

export interface Token {
  kind: TokenKind;
  /** The source text of the token (for keywords: lower-cased). */
  text: string;
  /** Decoded value: the string's or quoted name's content without quotes and escapes. */
  value: string;
  /** 1-based column of the first character. */
  pos: number;
}

export const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false']);

// Longest first, so `<=` wins over `<`.
const OPERATORS = ['==', '!=', '<=', '>=', '<>', '&&', '||', '=', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '[', ']', ','];

// Sticky (`y`): matched at `lastIndex` without copying the rest of the text for every token.
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME_START = /[\p{L}_]/u;
const NAME = /[\p{L}_][\p{L}\p{N}_]*/uy;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const pos = i + 1;
    const number = matchAt(NUMBER, text, i);
    if (number) {
      const after = text[i + number[0].length];
      if (after !== undefined && (NAME_START.test(after) || /\d|\./.test(after))) {
        throw new ExpressionError(`unexpected '${after}' after the number ${clip(number[0])} at column ${pos + number[0].length}`, pos + number[0].length);
      }
      tokens.push({ kind: 'number', text: number[0], value: number[0], pos });
      i += number[0].length;
      continue;
    }
    const name = matchAt(NAME, text, i);
    if (name) {
      const lower = name[0].toLowerCase();
      if (KEYWORDS.has(lower)) tokens.push({ kind: 'keyword', text: lower, value: lower, pos });
      else tokens.push({ kind: 'name', text: name[0], value: name[0], pos });
      i += name[0].length;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      const { value, end } = readQuoted(text, i, ch);
      tokens.push({ kind: ch === "'" ? 'string' : 'quoted_name', text: text.slice(i, end), value, pos });
      i = end;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, value: op, pos });
      i += op.length;
      continue;
    }
    throw new ExpressionError(`unexpected character '${ch}' at column ${pos}`, pos);
  }
  tokens.push({ kind: 'end', text: '', value: '', pos: text.length + 1 });
  return tokens;
}

/** Reads a quoted run starting at `start`; a doubled quote character stands for itself (SQL style). */
function readQuoted(text: string, start: number, quote: string): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += text[i];
    i++;
  }
  const what = quote === "'" ? 'string' : 'quoted column name';
  throw new ExpressionError(
    `unterminated ${what} starting at column ${start + 1}: expected a closing ${quote}`,
    text.length + 1,
  );
}
