// The expression parser: precedence and associativity, literals and names, and errors that point at a column.
import { describe, expect, it } from 'vitest';
import { ExpressionError, type Expr } from '../../../../../electron/data/expression/ast.js';
import { parseExpression } from '../../../../../electron/data/expression/parse.js';

/** A fully parenthesized rendering of the tree, so precedence is visible in one string. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number': return e.text;
    case 'string': return `'${e.value}'`;
    case 'boolean': return String(e.value);
    case 'null': return 'null';
    case 'column': return `[${e.name}]`;
    case 'unary': return `(${e.op} ${show(e.operand)})`;
    case 'binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'in': return `(${show(e.operand)} ${e.negated ? 'not in' : 'in'} {${e.items.map(show).join(', ')}})`;
    case 'is_null': return `(${show(e.operand)} is ${e.negated ? 'not ' : ''}null)`;
    case 'call': return `${e.name}(${e.args.map(show).join(', ')})`;
  }
}

const parsed = (text: string) => show(parseExpression(text));

function errorOf(text: string): ExpressionError {
  try {
    parseExpression(text);
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  throw new Error(`expected '${text}' to fail`);
}

describe('parseExpression precedence', () => {
  it.each([
    ['a + b * c', '([a] + ([b] * [c]))'],
    ['a * b + c', '(([a] * [b]) + [c])'],
    ['a - b - c', '(([a] - [b]) - [c])'],
    ['a / b % c', '(([a] / [b]) % [c])'],
    ['-a * b', '((- [a]) * [b])'],
    ['- - 1', '(- (- 1))'],
    ['a + b > c * 2', '(([a] + [b]) > ([c] * 2))'],
    ['a > 1 and b < 2 or c == 3', '((([a] > 1) and ([b] < 2)) or ([c] == 3))'],
    ['a > 1 or b < 2 and c == 3', '(([a] > 1) or (([b] < 2) and ([c] == 3)))'],
    ['not a == 1 and b', '((not ([a] == 1)) and [b])'],
    ['!a || b && c', '((not [a]) or ([b] and [c]))'],
    ['not not x', '(not (not [x]))'],
    ['(a or b) and c', '(([a] or [b]) and [c])'],
    ['a = 1', '([a] == 1)'],
    ['a <> 1', '([a] != 1)'],
    ['a != 1', '([a] != 1)'],
    ['a >= 1 AND b <= 2', '(([a] >= 1) and ([b] <= 2))'],
    ['x in [1, 2, 3]', '([x] in {1, 2, 3})'],
    ["x not in ('a', 'b')", "([x] not in {'a', 'b'})"],
    ['not x in [1]', '(not ([x] in {1}))'],
    ['x + 1 in [2, 1 + 2]', '(([x] + 1) in {2, (1 + 2)})'],
    ['x is null or y IS NOT NULL', '(([x] is null) or ([y] is not null))'],
    ['a + 1 is null', '(([a] + 1) is null)'],
    ['abs(x - 3) < 1', '(abs(([x] - 3)) < 1)'],
    ['round(x, 2) == 1.5', '(round([x], 2) == 1.5)'],
    ['coalesce(a, b, 0) > 0', '(coalesce([a], [b], 0) > 0)'],
  ])('%s', (text, tree) => {
    expect(parsed(text)).toBe(tree);
  });
});

describe('parseExpression literals and names', () => {
  it('reads numbers in decimal and exponent forms', () => {
    expect(parsed('x > 1.5e3 or x < .25 or x == 7.')).toBe('((([x] > 1.5e3) or ([x] < .25)) or ([x] == 7.))');
  });

  it('reads single-quoted strings with doubled quotes as escapes', () => {
    const e = parseExpression("name == 'O''Brien'");
    expect(e.kind === 'binary' && e.right.kind === 'string' && e.right.value).toBe("O'Brien");
  });

  it('reads double-quoted and backtick names, with doubled quote characters', () => {
    expect(parsed('"sepal length" > 1 and `petal width` < 2')).toBe('(([sepal length] > 1) and ([petal width] < 2))');
    expect(parsed('"a""b" == 1')).toBe('([a"b] == 1)');
    expect(parsed('`a``b` == 1')).toBe('([a`b] == 1)');
  });

  it('keeps a quoted keyword as a column name, and keywords are case-insensitive', () => {
    expect(parsed('"and" == TRUE OR "null" IS NULL')).toBe('(([and] == true) or ([null] is null))');
  });

  it('reads unicode column names', () => {
    expect(parsed('température > 20')).toBe('([température] > 20)');
  });

  it('reads -- as two minus signs, never as a comment', () => {
    expect(parsed('x > 1 -- comment')).toBe('([x] > (1 - (- [comment])))');
  });

  it('treats a name followed by ( as a call, otherwise as a column', () => {
    expect(parsed('length(name) > length')).toBe('(length([name]) > [length])');
  });
});

describe('parseExpression errors', () => {
  it.each([
    // [text, column, words the message must contain]
    ['', 1, 'empty'],
    ['age >', 6, 'expected a value'],
    ['age > and 3', 7, "found 'and'"],
    ['(age > 3', 9, "expected ')'"],
    ['age > 3)', 8, 'expected an operator or the end'],
    ['age 3', 5, 'number 3'],
    ["name == 'abc", 13, 'unterminated string'],
    ['"abc == 1', 10, 'unterminated quoted column name'],
    ['x; DROP TABLE t', 2, "unexpected character ';'"],
    ['x > 1 --', 9, 'expected a value'],
    ['1 < x < 5', 7, 'cannot be chained'],
    ['x in 1, 2', 6, 'expected a list'],
    ['x in []', 6, 'empty'],
    ['x in [1, 2', 11, "',' or ']'"],
    ['x is 3', 6, "expected 'null'"],
    ['f(1, ', 6, 'expected a value'],
    ['x > 3abc', 6, "unexpected 'a' after the number"],
    ['x == 1.2.3', 9, "unexpected '.'"],
    ['x @ 2', 3, "unexpected character '@'"],
  ])('%j fails at column %i', (text, column, words) => {
    const error = errorOf(text);
    expect(error.position).toBe(column);
    expect(error.message).toContain(words);
  });

  it('points a caret at the column', () => {
    const error = errorOf('age > and 3');
    expect(error.pointAt('age > and 3')).toEqual(['  age > and 3', '        ^']);
  });
});

describe('bounded input (issue 10)', () => {
  it.each([
    ['20 000 parentheses', `${'('.repeat(20_000)}x${')'.repeat(20_000)} > 1`],
    ["20 000 'not's", `${'not '.repeat(20_000)}x > 1`],
    ['20 000 signs', `x > ${'-'.repeat(20_000)}1`],
    ['a chain of 5 000 conditions', Array.from({ length: 5_000 }, () => 'x > 1').join(' and ')],
    ['nested calls', `${'abs('.repeat(5_000)}x${')'.repeat(5_000)} > 1`],
  ])('refuses %s with a clear error, not a stack overflow', (_what, text) => {
    const error = errorOf(text);
    expect(error.message).toMatch(/too deeply nested at column \d+/);
  });

  it('accepts depth up to the limit', () => {
    expect(() => parseExpression(`${'('.repeat(150)}x${')'.repeat(150)} > 1`)).not.toThrow();
    expect(() => parseExpression(Array.from({ length: 150 }, () => 'x > 1').join(' and '))).not.toThrow();
    expect(() => parseExpression(`x in [${Array.from({ length: 10_000 }, (_, i) => i).join(', ')}]`)).not.toThrow();
  });

  it('refuses an expression longer than 100 000 characters', () => {
    expect(errorOf(`label == '${'a'.repeat(100_000)}'`).message).toMatch(/100011 characters long; the limit is 100000/);
  });

  it('cuts long values out of its messages and shows a window around the caret', () => {
    const text = `x > ${'9'.repeat(5_000)}1e`;
    const error = errorOf(text);
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).toContain('(5001 characters)');
    const [line, caret] = error.pointAt(text);
    expect(line.length).toBeLessThan(130);
    expect(line[caret.length - 1]).toBe('e');
  });
});
