import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvDelimiter, physicalLines } from '../../../../electron/data/csv-read.js';
import { openDataSession, type PlumbDataSession } from '../../../../electron/data/session.js';
import type { CsvReadOptions } from '../../../../electron/data/types.js';
import { PlumbError } from '../../../../shared/errors.js';

const fixture = (name: string) => resolve(__dirname, '../../../fixtures/data', name);

let data: PlumbDataSession;
let dir: string;
beforeAll(async () => {
  data = await openDataSession({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'plumb-csv-test-'));
});
afterAll(async () => {
  await data.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function read(path: string, options: Partial<CsvReadOptions> = {}) {
  const result = await data.readCsv(path, { onError: 'fail', ...options });
  const rows = await data.all(`SELECT * FROM ${result.table.table}`);
  const types = Object.fromEntries((await data.columns(result.table)).map((c) => [c.name, c.type]));
  return { ...result, rows, types };
}

async function failure(promise: Promise<unknown>): Promise<PlumbError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof PlumbError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('readCsv: the sniffer', () => {
  it('infers integers, floats, text, dates and booleans, with empty cells missing', async () => {
    const { types, rows } = await read(fixture('types.csv'));
    expect(types).toEqual({
      id: 'BIGINT',
      price: 'DOUBLE',
      name: 'VARCHAR',
      joined: 'DATE',
      active: 'BOOLEAN',
      score: 'BIGINT',
    });
    expect(rows.map((r) => r.price)).toEqual([9.5, 10.25, null, 3]);
    expect(rows.map((r) => r.name)).toEqual(['alice', 'bob', 'carol', null]);
    expect(rows.map((r) => r.joined)).toEqual(['2021-03-04', '2020-12-31', null, '2019-01-01']);
    expect(rows.map((r) => r.active)).toEqual([true, false, true, null]);
    expect(rows.map((r) => r.score)).toEqual([null, 7, 8, 9]);
  });

  it('gives missing values as NaN and -1 in frames', async () => {
    const { table } = await data.readCsv(fixture('types.csv'), { onError: 'fail' });
    const frame = await data.toFrame(table);
    const [id, price, name, joined, active, score] = frame.columns;
    expect(id.kind === 'numeric' && Array.from(id.values)).toEqual([1, 2, 3, 4]);
    expect(price.kind === 'numeric' && Array.from(price.values)).toEqual([9.5, 10.25, NaN, 3]);
    expect(name).toMatchObject({ kind: 'categorical', levels: ['alice', 'bob', 'carol'], codes: Int32Array.from([0, 1, 2, -1]) });
    // 2021-03-04 is day 18690 after 1970-01-01
    expect(joined.kind === 'numeric' && joined.values[0]).toBe(18690 * 86400);
    expect(joined.kind === 'numeric' && Number.isNaN(joined.values[2])).toBe(true);
    expect(active).toMatchObject({ kind: 'boolean', codes: Int32Array.from([1, 0, 1, -1]) });
    expect(score.kind === 'numeric' && Array.from(score.values)).toEqual([NaN, 7, 8, 9]);
  });

  it('detects ; and tab delimiters and keeps a comma-decimal column as text', async () => {
    const semi = await read(fixture('semicolon.csv'));
    expect(Object.keys(semi.types)).toEqual(['a', 'b', 'c']);
    expect(semi.rows[0]).toEqual({ a: 1, b: 'x', c: '2,5' });
    const tab = await read(fixture('tab.tsv'));
    expect(tab.types).toEqual({ a: 'BIGINT', b: 'VARCHAR', c: 'DOUBLE' });
    expect(tab.rows[1]).toEqual({ a: 2, b: 'y', c: 3.5 });
  });

  it('uses a given delimiter and header setting', async () => {
    const path = file('pipes.txt', '1|2\n3|4\n');
    const { rows, types } = await read(path, { delimiter: '|', header: false });
    expect(Object.keys(types)).toHaveLength(2);
    expect(rows.map((r) => Object.values(r))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const withHeader = await read(path, { delimiter: '|', header: true });
    expect(Object.keys(withHeader.types)).toEqual(['1', '2']);
    expect(withHeader.rows).toHaveLength(1);
  });

  it('reads quoted fields with embedded delimiters, newlines and doubled quotes', async () => {
    const { rows } = await read(fixture('quoted.csv'));
    expect(rows).toEqual([
      { id: 1, text: 'hello, world', n: 10 },
      { id: 2, text: 'line one\nline two', n: 20 },
      { id: 3, text: 'she said "hi"', n: 30 },
      { id: 4, text: 'plain', n: 40 },
    ]);
  });

  it('reads CRLF line ends, a UTF-8 byte order mark and header names with quotes', async () => {
    const path = file('crlf.csv', '\ufeffit\'s,"say ""x"""\r\n1,a\r\n2,b\r\n');
    const { rows } = await read(path);
    expect(rows).toEqual([
      { "it's": 1, 'say "x"': 'a' },
      { "it's": 2, 'say "x"': 'b' },
    ]);
    const bad = file('crlf-bad.csv', 'a,b\r\n1,2\r\n3\r\n4,5\r\n');
    await expect(data.readCsv(bad, { onError: 'fail' })).rejects.toMatchObject({ where: { file: bad, line: 3 } });
  });

  it('reads a quoted field that appears only after the sniffed sample', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 25_000; i++) lines.push(`${i},x${i}`);
    lines.push('99,"has, comma"');
    const { rows } = await data.readCsv(file('late-quote.csv', `${lines.join('\n')}\n`), { onError: 'fail' }).then(async (r) => ({
      rows: await data.all(`SELECT b FROM ${r.table.table} WHERE a = 99 AND b LIKE '%comma'`),
    }));
    expect(rows).toEqual([{ b: 'has, comma' }]);
  });
});

describe('readCsv: null_values and types', () => {
  it('treats the listed texts as missing, and so lets the column stay numeric', async () => {
    const plain = await read(fixture('na.csv'));
    expect(plain.types.x).toBe('VARCHAR');
    const { rows, types } = await read(fixture('na.csv'), { nullValues: ['NA', 'n/a'] });
    expect(types).toEqual({ x: 'BIGINT', y: 'BIGINT' });
    expect(rows.map((r) => [r.x, r.y])).toEqual([
      [1, 2],
      [2, 3],
      [3, null],
      [null, 5],
      [null, 6],
    ]);
  });

  it('overrides column types', async () => {
    const { types, rows } = await read(fixture('types.csv'), { types: { id: 'VARCHAR', price: 'DECIMAL(8,3)', score: 'DOUBLE' } });
    expect(types.id).toBe('VARCHAR');
    expect(types.price).toBe('DECIMAL(8,3)');
    expect(types.score).toBe('DOUBLE');
    expect(rows[0].id).toBe('1');
    expect(rows[1].price).toBe(10.25);
  });

  it('names an unknown column or an unknown type in `types`', async () => {
    const unknownColumn = await failure(data.readCsv(fixture('types.csv'), { onError: 'fail', types: { nope: 'INTEGER' } }));
    expect(unknownColumn).toMatchObject({ kind: 'invalid_input', where: { param: 'types' } });
    expect(unknownColumn.message).toMatch(/no column 'nope'.*id, price/);
    const unknownType = await failure(data.readCsv(fixture('types.csv'), { onError: 'fail', types: { id: 'NOTATYPE' } }));
    expect(unknownType).toMatchObject({ kind: 'invalid_input', where: { param: 'types' } });
    expect(unknownType.message).toMatch(/NOTATYPE/);
  });
});

describe('readCsv: bad input', () => {
  it('fails on a row with too many fields, at its physical line (after a multi-line field)', async () => {
    const path = fixture('bad_columns.csv');
    const e = await failure(data.readCsv(path, { onError: 'fail' }));
    expect(e.kind).toBe('invalid_input');
    expect(e.where).toMatchObject({ file: path, line: 5 });
    expect(e.message).toMatch(/Expected Number of Columns: 3 Found: 4/);
    expect(e.describe()).toContain(`${path}:5`);
  });

  it('fails on a row with too few fields at its line', async () => {
    const path = file('short.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n');
    const e = await failure(data.readCsv(path, { onError: 'fail' }));
    expect(e.where).toMatchObject({ file: path, line: 4 });
    expect(e.message).toMatch(/Expected Number of Columns: 3 Found: 2/);
  });

  it('fails on a value that does not fit the column type, naming the column and the line', async () => {
    const lines = ['id,amount'];
    for (let i = 1; i <= 30_000; i++) lines.push(`${i},${i * 2}`);
    lines.push('30001,lots'); // line 30002, beyond the sniffer's sample
    const path = file('late-type.csv', `${lines.join('\n')}\n`);
    const e = await failure(data.readCsv(path, { onError: 'fail' }));
    expect(e.where).toMatchObject({ file: path, line: 30_002 });
    expect(e.message).toMatch(/column "amount"/);
    expect(e.message).toMatch(/lots/);
  });

  it('skips malformed rows and counts them with on_error: skip', async () => {
    const path = fixture('bad_columns.csv');
    const result = await read(path, { onError: 'skip' });
    expect(result.skippedRows).toBe(1);
    expect(result.rejected).toEqual([{ line: 5, message: expect.stringMatching(/Found: 4.*3,bad,30,extra/) }]);
    expect(result.rows.map((r) => r.id)).toEqual([1, 2, 4]);

    const short = file('short-skip.csv', 'a,b,c\n1,2,3\n7,8\n4,5,6\n9\n9,10,11\n');
    const skipped = await read(short, { onError: 'skip' });
    expect(skipped.skippedRows).toBe(2);
    expect(skipped.rejected.map((r) => r.line)).toEqual([3, 5]);
    expect(skipped.rows.map((r) => r.a)).toEqual([1, 4, 9]);
  });

  it('names a missing file, an empty file and a directory', async () => {
    const missing = join(dir, 'nope.csv');
    const e1 = await failure(data.readCsv(missing, { onError: 'fail' }));
    expect(e1).toMatchObject({ kind: 'invalid_input', where: { file: missing, param: 'path' } });
    expect(e1.message).toMatch(/not found/);
    const empty = file('empty.csv', '');
    const e2 = await failure(data.readCsv(empty, { onError: 'fail' }));
    expect(e2).toMatchObject({ kind: 'invalid_input', where: { file: empty } });
    expect(e2.message).toMatch(/empty/);
    const e3 = await failure(data.readCsv(dir, { onError: 'fail' }));
    expect(e3).toMatchObject({ kind: 'invalid_input', where: { file: dir } });
  });

  it('reports a header with fewer fields than the rows as a malformed row 2', async () => {
    const path = file('short-header.csv', 'a,b\n1,2,3\n4,5,6\n');
    const e = await failure(data.readCsv(path, { onError: 'fail', header: true }));
    expect(e.where).toMatchObject({ file: path, line: 2 });
  });

  it('reads a header-only file as an empty table', async () => {
    const { rows, types } = await read(file('header-only.csv', 'a,b\n'));
    expect(rows).toEqual([]);
    expect(Object.keys(types)).toEqual(['a', 'b']);
  });
});

describe('helpers', () => {
  it('csvDelimiter maps auto, tab spellings and passes others through', () => {
    expect(csvDelimiter('auto')).toBeUndefined();
    expect(csvDelimiter('\\t')).toBe('\t');
    expect(csvDelimiter('tab')).toBe('\t');
    expect(csvDelimiter('\t')).toBe('\t');
    expect(csvDelimiter(';')).toBe(';');
  });

  it('physicalLines counts newlines before each byte position', async () => {
    const path = file('lines.txt', 'ab\ncd\n\nef');
    expect(await physicalLines(path, [0, 2, 3, 6, 7, 9])).toEqual([1, 1, 2, 3, 4, 4]);
    expect(await physicalLines(path, [7, 0])).toEqual([4, 1]);
    expect(await physicalLines(path, [])).toEqual([]);
  });
});

describe('yes/no columns', () => {
  it('keeps yes/no and y/n labels as written, and true/false columns as BOOLEAN', async () => {
    const path = file('labels.csv', 'churn,flag,short,ok\nyes,true,y,TRUE\nno,false,n,false\n,true,y,\n');
    const { rows, types } = await read(path);
    expect(types).toEqual({ churn: 'VARCHAR', flag: 'BOOLEAN', short: 'VARCHAR', ok: 'BOOLEAN' });
    expect(rows.map((r) => r.churn)).toEqual(['yes', 'no', null]);
    expect(rows.map((r) => r.flag)).toEqual([true, false, true]);
    expect(rows.map((r) => r.ok)).toEqual([true, false, null]);
  });

  // The sample that decides a column is true/false is the sniffer's first rows; later rows can still disagree.
  const SAMPLE_ROWS = 25_000;
  const lines = (count: number, cell: (i: number) => string) => Array.from({ length: count }, (_, i) => cell(i)).join('\n');

  it('keeps a column as text when a value other than true/false comes after the sampled rows', async () => {
    const body = lines(SAMPLE_ROWS, (i) => `${i},${i % 3 === 0 ? 'true' : 'false'},${i % 2 === 0 ? 'false' : ''}`);
    const path = file('late-yes.csv', `id,flag,other\n${body}\n${SAMPLE_ROWS},yes,true\n`);
    const { rows, types } = await read(path);
    expect(types).toEqual({ id: 'BIGINT', flag: 'VARCHAR', other: 'BOOLEAN' });
    expect(rows).toHaveLength(SAMPLE_ROWS + 1);
    expect(rows.slice(0, 4).map((r) => r.flag)).toEqual(['true', 'false', 'false', 'true']);
    expect(rows.slice(0, 4).map((r) => r.other)).toEqual([false, null, false, null]);
    expect(rows.at(-1)).toEqual({ id: SAMPLE_ROWS, flag: 'yes', other: true });
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: SAMPLE_ROWS + 1 }, (_, i) => i));
  });

  it('reads true/false spelt in any case and padded after the sampled rows as BOOLEAN', async () => {
    const late = ['TRUE', ' false', 'False ', '', 'tRuE'];
    const body = lines(SAMPLE_ROWS, (i) => `${i},${i % 2 === 0 ? 'true' : 'false'}`);
    const path = file('late-case.csv', `id,flag\n${body}\n${late.map((v, i) => `${SAMPLE_ROWS + i},${v}`).join('\n')}\n`);
    const { rows, types } = await read(path);
    expect(types.flag).toBe('BOOLEAN');
    expect(rows.slice(-late.length).map((r) => r.flag)).toEqual([true, false, false, null, true]);
    expect(rows.slice(0, 2).map((r) => r.flag)).toEqual([true, false]);
  });

  it('keeps a late yes as text with on_error: skip, still skipping the malformed row', async () => {
    const body = lines(SAMPLE_ROWS, (i) => `${i},${i % 2 === 0 ? 'true' : 'false'}`);
    const path = file('late-yes-skip.csv', `id,flag\n${body}\n1,2,3\n${SAMPLE_ROWS},no\n`);
    const { rows, types, skippedRows, rejected } = await read(path, { onError: 'skip' });
    expect(types.flag).toBe('VARCHAR');
    expect(skippedRows).toBe(1);
    expect(rejected.map((r) => r.line)).toEqual([SAMPLE_ROWS + 2]);
    expect(rows.at(-1)).toEqual({ id: SAMPLE_ROWS, flag: 'no' });
  });

  it('still honours an explicit BOOLEAN type for yes/no', async () => {
    const path = file('labels2.csv', 'churn\nyes\nno\n');
    const { rows, types } = await read(path, { types: { churn: 'BOOLEAN' } });
    expect(types.churn).toBe('BOOLEAN');
    expect(rows.map((r) => r.churn)).toEqual([true, false]);
  });
});
