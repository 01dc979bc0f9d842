// Translating expressions to DuckDB SQL: quoting, type checks, null handling, and agreement with a
// JavaScript evaluation of the same expression on real rows.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExpressionError } from '../../../../../electron/data/expression/ast.js';
import { compileFilter } from '../../../../../electron/data/expression/to-sql.js';
import { openDataSession } from '../../../../../electron/data/session.js';
import type { ColumnInfo, DataSession } from '../../../../../electron/data/types.js';

const COLUMNS: ColumnInfo[] = [
  { name: 'age', type: 'BIGINT' },
  { name: 'fare', type: 'DOUBLE' },
  { name: 'species', type: 'VARCHAR' },
  { name: 'alive', type: 'BOOLEAN' },
  { name: 'born', type: 'DATE' },
  { name: 'sepal length', type: 'DOUBLE' },
];

const sql = (text: string) => compileFilter(text, COLUMNS).sql;

function errorOf(text: string, columns: ColumnInfo[] = COLUMNS): ExpressionError {
  try {
    compileFilter(text, columns);
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  throw new Error(`expected '${text}' to fail`);
}

describe('compileFilter SQL text', () => {
  it.each([
    ['age > 30', '("age" > 30)'],
    ["species == 'Adelie' and fare <= 7.5", `(("species" = 'Adelie') AND ("fare" <= 7.5))`],
    ['not alive || age % 2 != 0', '((NOT "alive") OR (("age" % 2) <> 0))'],
    ['"sepal length" >= .5', '("sepal length" >= 0.5)'],
    ['x > 1e3', null],
    ['fare > 2.', '("fare" > 2.0)'],
    ['fare > - -1', '("fare" > (- (- 1)))'],
    ['fare > +1', '("fare" > 1)'],
    ['age == null', '("age" IS NULL)'],
    ['null != age', '("age" IS NOT NULL)'],
    ["species in ['a', null]", `(("species" IN ('a')) OR ("species" IS NULL))`],
    ["species not in ['a', null]", `(("species" NOT IN ('a')) AND ("species" IS NOT NULL))`],
    ['age in [null]', '("age" IS NULL)'],
    ["log(fare) > 0 and startswith(lower(species), 'ad')", `((ln("fare") > 0) AND starts_with(lower("species"), 'ad'))`],
    ["born > '2020-01-31'", `("born" > '2020-01-31')`],
    ['coalesce(age, 0) > 1', '(coalesce("age", 0) > 1)'],
    ['AGE > 1', '("age" > 1)'],
    ["species == 'O''Brien'", `("species" = 'O''Brien')`],
  ])('%s', (text, expected) => {
    if (expected === null) expect(() => sql(text)).toThrow(ExpressionError);
    else expect(sql(text)).toBe(expected);
  });

  it('reports the columns it reads', () => {
    expect(compileFilter('age > 1 and "sepal length" < fare', COLUMNS).columns.sort()).toEqual(['age', 'fare', 'sepal length']);
  });
});

describe('compileFilter errors', () => {
  it('names an unknown column, suggests a close one and lists what is available', () => {
    const e = errorOf('agee > 3');
    expect(e.position).toBe(1);
    expect(e.message).toContain("unknown column 'agee'");
    expect(e.message).toContain("did you mean 'age'?");
    expect(e.message).toContain("'species'");
    expect(e.message).toContain("'sepal length'");
  });

  it('hints at quotes when a bare word was probably meant as text', () => {
    const e = errorOf('species == Adelie');
    expect(e.position).toBe(12);
    expect(e.message).toContain("text values go in single quotes: 'Adelie'");
  });

  it.each([
    ["species > 3", 9, 'cannot compare'],
    ['age and alive', 1, "'and' needs true/false"],
    ['not age', 5, "'not' needs true/false"],
    ["species + 1 > 2", 1, "'+' needs a number"],
    ['length(age) > 1', 8, 'length() needs text'],
    ['sqrt(fare, 2) > 1', 1, 'takes 1 argument'],
    ['round() > 1', 1, 'takes 1 or 2 arguments'],
    ['eval(fare) > 1', 1, "unknown function 'eval'"],
    ['age + 1', 1, 'needs a condition'],
    ["age in [1, 'a']", 12, 'cannot compare'],
    ["coalesce(age, 'x') > 1", 15, 'one type'],
    ['fare > 1e999', 8, 'out of range'],
  ])('%s', (text, column, words) => {
    const e = errorOf(text);
    expect(e.message).toContain(words);
    expect(e.position).toBe(column);
  });
});

describe('compileFilter against injection', () => {
  it('keeps a quoted name with quotes and comment marks inside one identifier', () => {
    const tricky: ColumnInfo[] = [{ name: 'a" or 1=1 --', type: 'DOUBLE' }];
    expect(compileFilter('"a"" or 1=1 --" > 0', tricky).sql).toBe('("a"" or 1=1 --" > 0)');
    expect(errorOf('"a"" or 1=1 --" > 0').message).toContain(`unknown column 'a" or 1=1 --'`);
  });

  it('keeps a string with quotes and semicolons inside one literal', () => {
    expect(sql(`species == 'x''; DROP TABLE t; --'`)).toBe(`("species" = 'x''; DROP TABLE t; --')`);
  });

  it('never lets a statement separator or comment through', () => {
    expect(errorOf('age > 1; DROP TABLE t').message).toContain("unexpected character ';'");
    expect(errorOf('age > 1 /* x */').message).toContain('expected a value');
  });
});

describe('compileFilter in DuckDB', () => {
  let data: DataSession;
  const rows: { a: number; b: number; c: number }[] = [];
  for (let i = 0; i < 30; i++) rows.push({ a: (i * 7) % 11 - 5, b: (i * 3) % 7 - 3, c: i % 4 });
  let table = '';

  beforeAll(async () => {
    data = await openDataSession({ threads: 1 });
    const values = rows.map((r, i) => `(${i}, ${r.a}::DOUBLE, ${r.b}::DOUBLE, ${r.c}::DOUBLE)`).join(', ');
    table = (await data.createTable(`SELECT * FROM (VALUES ${values}) v(i, a, b, c)`, 'abc')).table;
  });
  afterAll(async () => data.close());

  async function kept(condition: string): Promise<number[]> {
    const columns = await data.columns({ table });
    const where = compileFilter(condition, columns).sql;
    const result = await data.all(`SELECT i FROM "${table}" WHERE ${where} ORDER BY i`);
    return result.map((r) => Number(r.i));
  }

  it('keeps the same rows as evaluating the expression in JavaScript', async () => {
    type Node = { text: string; js: (r: { a: number; b: number; c: number }) => number | boolean };
    const column = fc.constantFrom<Node>(
      { text: 'a', js: (r) => r.a },
      { text: 'b', js: (r) => r.b },
      { text: '"c"', js: (r) => r.c },
    );
    const literal = fc.integer({ min: -4, max: 4 }).map<Node>((n) => ({ text: n < 0 ? `(${n})` : String(n), js: () => n }));
    // A flat chain `t0 op t1 op t2 ...` without parentheses: the parser's precedence must match the
    // usual rule, evaluated here by first multiplying out runs of `*`, then folding + and - left to right.
    const term = fc.oneof(column, literal);
    const arith = fc
      .tuple(term, fc.array(fc.tuple(fc.constantFrom('+', '-', '*'), term), { maxLength: 4 }))
      .map<Node>(([first, rest]) => ({
        text: [first.text, ...rest.map(([op, t]) => `${op} ${t.text}`)].join(' '),
        js: (row) => {
          const sums: { sign: number; value: number }[] = [{ sign: 1, value: first.js(row) as number }];
          for (const [op, t] of rest) {
            const v = t.js(row) as number;
            if (op === '*') sums[sums.length - 1].value *= v;
            else sums.push({ sign: op === '+' ? 1 : -1, value: v });
          }
          return sums.reduce((acc, s) => acc + s.sign * s.value, 0);
        },
      }));
    const comparison = fc.tuple(arith, fc.constantFrom('<', '<=', '>', '>=', '==', '!='), arith).map<Node>(([l, op, r]) => ({
      text: `(${l.text}) ${op} (${r.text})`,
      js: (row) => {
        const x = l.js(row) as number;
        const y = r.js(row) as number;
        return { '<': x < y, '<=': x <= y, '>': x > y, '>=': x >= y, '==': x === y, '!=': x !== y }[op] as boolean;
      },
    }));
    const condition = fc.tuple(comparison, fc.constantFrom('and', 'or', '&&', '||'), comparison, fc.boolean()).map<Node>(
      ([l, op, r, negate]) => ({
        text: `${negate ? 'not ' : ''}${l.text} ${op} ${r.text}`,
        js: (row) => {
          const x = l.js(row) as boolean;
          const y = r.js(row) as boolean;
          const v = op === 'and' || op === '&&' ? x && y : x || y;
          // `not` binds looser than comparisons but tighter than and/or.
          return negate ? (op === 'and' || op === '&&' ? !x && y : !x || y) : v;
        },
      }),
    );
    await fc.assert(
      fc.asyncProperty(condition, async (c) => {
        const expected = rows.flatMap((r, i) => (c.js(r) ? [i] : []));
        expect(await kept(c.text)).toEqual(expected);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('drops rows where a comparison meets a missing value, keeps them with is null', async () => {
    const t = (await data.createTable(`SELECT * FROM (VALUES (0, 1.0), (1, NULL), (2, 3.0)) v(i, x)`, 'nulls')).table;
    const columns = await data.columns({ table: t });
    const run = async (cond: string) =>
      (await data.all(`SELECT i FROM "${t}" WHERE ${compileFilter(cond, columns).sql} ORDER BY i`)).map((r) => r.i);
    expect(await run('x != 1')).toEqual([2]);
    expect(await run('x != 1 or x is null')).toEqual([1, 2]);
    expect(await run('x in [3, null]')).toEqual([1, 2]);
    expect(await run('x not in [3, null]')).toEqual([0]);
    expect(await run('x == null')).toEqual([1]);
    expect(await run('coalesce(x, 0) < 2')).toEqual([0, 1]);
  });
});
