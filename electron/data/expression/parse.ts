// Recursive-descent parser of the filter expression language. Precedence, loosest first:
// or (||) < and (&&) < not (!) < comparison / in / is null < + - < * / % < unary - < value.
import { clip, ExpressionError, type BinaryOp, type Expr } from './ast.js';
import { tokenize, type Token } from './tokens.js';

const COMPARISONS: Record<string, BinaryOp> = {
  '==': '==', '=': '==', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
};

/** Longest expression accepted, in characters: a condition, not a data file. */
export const MAX_EXPRESSION_LENGTH = 100_000;
/**
 * Deepest expression tree accepted: nested parentheses, `not`s, signs and chained operators (`a and b and ...`)
 * each add a level. Every walker of the tree recurses, so without a bound 20 000 `(` overflow the stack.
 */
export const MAX_EXPRESSION_DEPTH = 200;

export function parseExpression(text: string): Expr {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`the expression is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`, MAX_EXPRESSION_LENGTH + 1);
  }
  const parser = new Parser(tokenize(text));
  if (parser.peek().kind === 'end') throw new ExpressionError('the expression is empty: expected a condition such as `age > 30`', 1);
  const expr = parser.expression();
  const next = parser.peek();
  if (next.kind !== 'end') {
    throw new ExpressionError(`unexpected ${describe(next)} at column ${next.pos}: expected an operator or the end of the expression`, next.pos);
  }
  return expr;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end': return 'end of expression';
    case 'string': return `string ${clip(token.text)}`;
    case 'number': return `number ${clip(token.text)}`;
    case 'name':
    case 'quoted_name': return `name ${clip(token.text)}`;
    default: return `'${clip(token.text)}'`;
  }
}

function tooDeep(pos: number): ExpressionError {
  return new ExpressionError(
    `the expression is too deeply nested at column ${pos} (more than ${MAX_EXPRESSION_DEPTH} levels of parentheses, ` +
      "'not', signs or chained operators): simplify it, or use `in [...]` for long lists of alternatives",
    pos,
  );
}

/** Depth of the tree below a node built from parts of known depth. */
const DEPTH = new WeakMap<Expr, number>();
const depthOf = (expr: Expr): number => DEPTH.get(expr) ?? 1;

class Parser {
  private index = 0;
  /** Recursion depth of the parser itself (parentheses, lists, calls, `not`, signs). */
  private level = 0;

  constructor(private readonly tokens: Token[]) {}

  /** Records the node's depth (1 + its deepest part) and refuses trees deeper than the limit. */
  private node<T extends Expr>(expr: T, ...parts: Expr[]): T {
    let depth = 1;
    for (const part of parts) depth = Math.max(depth, 1 + depthOf(part));
    if (depth > MAX_EXPRESSION_DEPTH) throw tooDeep(expr.pos);
    DEPTH.set(expr, depth);
    return expr;
  }

  private enter(pos: number): void {
    if (++this.level > MAX_EXPRESSION_DEPTH) throw tooDeep(pos);
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.kind === 'op' && ops.includes(t.text);
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'keyword' && t.text === word;
  }

  private expect(op: string, what: string): Token {
    if (!this.isOp(op)) {
      const t = this.peek();
      throw new ExpressionError(`expected ${what} at column ${t.pos}, found ${describe(t)}`, t.pos);
    }
    return this.next();
  }

  expression(): Expr {
    this.enter(this.peek().pos);
    try {
      return this.or();
    } finally {
      this.level--;
    }
  }

  private or(): Expr {
    let left = this.and();
    while (this.isKeyword('or') || this.isOp('||')) {
      const op = this.next();
      const right = this.and();
      left = this.node({ kind: 'binary', op: 'or', left, right, pos: op.pos }, left, right);
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isKeyword('and') || this.isOp('&&')) {
      const op = this.next();
      const right = this.not();
      left = this.node({ kind: 'binary', op: 'and', left, right, pos: op.pos }, left, right);
    }
    return left;
  }

  private not(): Expr {
    if (this.isKeyword('not') || this.isOp('!')) {
      const op = this.next();
      this.enter(op.pos);
      try {
        const operand = this.not();
        return this.node({ kind: 'unary', op: 'not', operand, pos: op.pos }, operand);
      } finally {
        this.level--;
      }
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    let result: Expr;
    if (t.kind === 'op' && t.text in COMPARISONS) {
      this.next();
      const right = this.additive();
      result = this.node({ kind: 'binary', op: COMPARISONS[t.text], left, right, pos: t.pos }, left, right);
    } else if (this.isKeyword('is')) {
      this.next();
      const negated = this.isKeyword('not');
      if (negated) this.next();
      if (!this.isKeyword('null')) {
        const n = this.peek();
        throw new ExpressionError(`expected 'null' after '${negated ? 'is not' : 'is'}' at column ${n.pos}, found ${describe(n)}`, n.pos);
      }
      this.next();
      result = this.node({ kind: 'is_null', operand: left, negated, pos: t.pos }, left);
    } else if (this.isKeyword('in') || (this.isKeyword('not') && this.isKeyword('in', 1))) {
      const negated = this.isKeyword('not');
      if (negated) this.next();
      this.next();
      const items = this.list();
      result = this.node({ kind: 'in', operand: left, items, negated, pos: t.pos }, left, ...items);
    } else {
      return left;
    }
    const after = this.peek();
    if ((after.kind === 'op' && after.text in COMPARISONS) || this.isKeyword('is') || this.isKeyword('in')) {
      throw new ExpressionError(
        `comparisons cannot be chained (column ${after.pos}): write \`a < x and x < b\` instead of \`a < x < b\``,
        after.pos,
      );
    }
    return result;
  }

  private list(): Expr[] {
    const open = this.peek();
    if (!this.isOp('[', '(')) {
      throw new ExpressionError(`expected a list such as [1, 2] after 'in' at column ${open.pos}, found ${describe(open)}`, open.pos);
    }
    this.next();
    const close = open.text === '[' ? ']' : ')';
    const items: Expr[] = [];
    if (this.isOp(close)) {
      throw new ExpressionError(`the list at column ${open.pos} is empty: expected at least one value`, open.pos);
    }
    for (;;) {
      items.push(this.expression());
      if (this.isOp(',')) {
        this.next();
        continue;
      }
      this.expect(close, `',' or '${close}' to close the list opened at column ${open.pos}`);
      return items;
    }
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+', '-')) {
      const op = this.next();
      const right = this.multiplicative();
      left = this.node({ kind: 'binary', op: op.text as BinaryOp, left, right, pos: op.pos }, left, right);
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*', '/', '%')) {
      const op = this.next();
      const right = this.unary();
      left = this.node({ kind: 'binary', op: op.text as BinaryOp, left, right, pos: op.pos }, left, right);
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-', '+')) {
      const op = this.next();
      this.enter(op.pos);
      try {
        const operand = this.unary();
        return this.node({ kind: 'unary', op: op.text as '-' | '+', operand, pos: op.pos }, operand);
      } finally {
        this.level--;
      }
    }
    return this.value();
  }

  private value(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', text: t.text, pos: t.pos };
      case 'string':
        return { kind: 'string', value: t.value, pos: t.pos };
      case 'quoted_name':
        return { kind: 'column', name: t.value, quoted: true, pos: t.pos };
      case 'name':
        if (this.isOp('(')) {
          const args = this.callArguments();
          return this.node({ kind: 'call', name: t.text, args, pos: t.pos }, ...args);
        }
        return { kind: 'column', name: t.text, quoted: false, pos: t.pos };
      case 'keyword':
        if (t.text === 'true' || t.text === 'false') return { kind: 'boolean', value: t.text === 'true', pos: t.pos };
        if (t.text === 'null') return { kind: 'null', pos: t.pos };
        break;
      case 'op':
        if (t.text === '(') {
          const inner = this.expression();
          this.expect(')', `')' to close the '(' at column ${t.pos}`);
          return inner;
        }
        break;
      default:
        break;
    }
    throw new ExpressionError(
      `expected a value (a column, number, 'string', true/false/null or '(') at column ${t.pos}, found ${describe(t)}`,
      t.pos,
    );
  }

  private callArguments(): Expr[] {
    const open = this.next();
    const args: Expr[] = [];
    if (this.isOp(')')) {
      this.next();
      return args;
    }
    for (;;) {
      args.push(this.expression());
      if (this.isOp(',')) {
        this.next();
        continue;
      }
      this.expect(')', `',' or ')' to close the call opened at column ${open.pos}`);
      return args;
    }
  }
}
