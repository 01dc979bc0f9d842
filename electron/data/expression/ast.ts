// The parsed form of a filter expression, and the error a bad expression raises (with a 1-based column).

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

/** `pos` is the 1-based column in the expression text where the node starts (for binary nodes: the operator). */
export type Expr =
  | { kind: 'number'; text: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'null'; pos: number }
  | { kind: 'column'; name: string; quoted: boolean; pos: number }
  | { kind: 'unary'; op: '-' | '+' | 'not'; operand: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { kind: 'in'; operand: Expr; items: Expr[]; negated: boolean; pos: number }
  | { kind: 'is_null'; operand: Expr; negated: boolean; pos: number }
  | { kind: 'call'; name: string; args: Expr[]; pos: number };

/** A value as quoted in an error message: long ones are cut (a 5 000-digit number must not fill the screen). */
export function clip(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

export class ExpressionError extends Error {
  /** 1-based column in the expression text. */
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'ExpressionError';
    this.position = position;
  }

  /** Two detail lines pointing at the column: the expression, then a caret under the position. */
  pointAt(text: string): string[] {
    // Long expressions are shown as a window of at most 120 characters around the position.
    const at = Math.max(0, this.position - 1);
    if (text.length <= 120) return [`  ${text}`, `  ${' '.repeat(at)}^`];
    const start = Math.max(0, Math.min(at - 60, text.length - 120));
    const head = start > 0 ? '…' : '';
    const tail = start + 120 < text.length ? '…' : '';
    return [`  ${head}${text.slice(start, start + 120)}${tail}`, `  ${' '.repeat(head.length + at - start)}^`];
  }
}
