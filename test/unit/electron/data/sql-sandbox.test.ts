// data.sql's two walls: the parser check (with CTE scoping) and a DuckDB instance without file access;
// plus the limits (memory, time) and cancel that interrupts the running query.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataSession, type PlumbDataSession } from '../../../../electron/data/session.js';
import { checkReadOnlyQuery } from '../../../../electron/data/sql-query.js';
import { memoryLimitBytes, sandboxConfig } from '../../../../electron/data/sql-sandbox.js';
import type { TableRef } from '../../../../electron/data/types.js';

const SECRET = 'plumb-secret-4242';
/** SQL string literal / quoted identifier of a path. */
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

let dir: string;
let data: PlumbDataSession;
let people: TableRef;
let plain: DuckDBInstance;
let open: DuckDBConnection;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plumb-sandbox-test-'));
  await writeFile(join(dir, 'secret.csv'), `k,v\nkey,${SECRET}\n`);
  await writeFile(join(dir, 'secret.json'), JSON.stringify([{ k: SECRET }]));
  await writeFile(join(dir, 'secret.csv.gz'), gzipSync(`k,v\nkey,${SECRET}\n`));
  data = await openDataSession({ threads: 1 });
  people = await data.createTable(`SELECT * FROM (VALUES (1, 'ann'), (2, 'bo')) v(id, name)`, 'people');
  plain = await DuckDBInstance.create(':memory:', { threads: '1' });
  open = await plain.connect();
});
afterAll(async () => {
  open.closeSync();
  plain.closeSync();
  await data.close();
  await rm(dir, { recursive: true, force: true });
});

function attacks(): [string, string][] {
  const csv = join(dir, 'secret.csv');
  return [
    ['CTE named after the path it reads', `WITH ${ident(csv)} AS (SELECT * FROM ${ident(csv)}) SELECT * FROM ${ident(csv)}`],
    ['CTE named after /etc/passwd', `WITH "/etc/passwd" AS (SELECT * FROM "/etc/passwd") SELECT * FROM "/etc/passwd"`],
    ['path in a nested WITH', `WITH b AS (SELECT 1) SELECT * FROM b, (WITH q AS (SELECT 1) SELECT * FROM ${ident(csv)}) x`],
    ['CTE used before it is defined', `WITH b AS (SELECT * FROM ${ident(csv)}), ${ident(csv)} AS (SELECT 1) SELECT * FROM b`],
    ['CTE out of its subquery', `SELECT * FROM (WITH ${ident(csv)} AS (SELECT 1 AS k) SELECT * FROM ${ident(csv)}) a, ${ident(csv)}`],
    ['recursive CTE whose base case reads the path', `WITH RECURSIVE ${ident(csv)} AS (SELECT * FROM ${ident(csv)} UNION ALL SELECT * FROM ${ident(csv)} WHERE false) SELECT * FROM ${ident(csv)}`],
    ['replacement scan', `SELECT * FROM ${lit(csv)}`],
    ['FROM-first replacement scan', `FROM ${lit(csv)}`],
    ['join with a path', `SELECT * FROM t1 JOIN ${lit(csv)} ON true`],
    ['read_csv', `SELECT * FROM read_csv(${lit(csv)})`],
    ['read_csv_auto with a glob', `SELECT * FROM read_csv_auto(${lit(join(dir, '*.csv'))})`],
    ['glob path', `SELECT * FROM ${lit(join(dir, 's*.csv'))}`],
    ['gzipped CSV', `SELECT * FROM ${lit(join(dir, 'secret.csv.gz'))}`],
    ['read_json', `SELECT * FROM read_json(${lit(join(dir, 'secret.json'))})`],
    ['JSON replacement scan', `SELECT * FROM ${lit(join(dir, 'secret.json'))}`],
    ['read_text', `SELECT * FROM read_text('/etc/passwd')`],
    ['glob()', `SELECT * FROM glob(${lit(join(dir, '*'))})`],
    ['information_schema', 'SELECT * FROM information_schema.tables'],
    ['catalog function', 'SELECT * FROM duckdb_tables()'],
    ['SUMMARIZE of a path', `SUMMARIZE ${lit(csv)}`],
    ['DESCRIBE of a path', `DESCRIBE ${lit(csv)}`],
    ['SHOW TABLES', 'SHOW TABLES'],
    ['path in a scalar subquery', `SELECT (SELECT v FROM ${lit(csv)} LIMIT 1) AS v FROM t1`],
    ['path in IN (subquery)', `SELECT * FROM t1 WHERE name IN (SELECT v FROM ${lit(csv)})`],
    ['qualified input', 'SELECT * FROM memory.main.t1'],
  ];
}

describe('data.sql cannot read files', () => {
  it('refuses every file-reading query, through the session, without revealing the contents', async () => {
    for (const [what, sql] of attacks()) {
      const error = await data.query(sql, { t1: people }, 'attack').then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error, what).toBeDefined();
      expect(error, what).toMatchObject({ kind: 'invalid_input', where: { param: 'query' } });
      expect(JSON.stringify(error) + String(error?.message), what).not.toContain(SECRET);
    }
  });

  it('the parser wall alone refuses them, even on a connection that may read files', async () => {
    // The CTE trick used to pass because CTE names were collected globally.
    for (const [what, sql] of attacks()) {
      await expect(checkReadOnlyQuery(open, sql, ['t1']), what).rejects.toMatchObject({ kind: 'invalid_input' });
    }
  });

  it('scopes CTE names: a CTE hides a table name only after its definition and inside its query', async () => {
    const csv = join(dir, 'secret.csv');
    const ok: [string, string[]][] = [
      ['WITH a AS (SELECT * FROM t1) SELECT * FROM a', ['t1']],
      ['WITH a AS (SELECT * FROM t1), b AS (SELECT * FROM a) SELECT * FROM b', ['t1']],
      ['WITH a AS (SELECT 1 AS x) SELECT * FROM a UNION ALL SELECT * FROM a', []],
      ['WITH a AS (SELECT 1 AS x) SELECT * FROM (SELECT * FROM a) s WHERE x IN (SELECT x FROM a)', []],
      [`WITH ${ident(csv)} AS (SELECT 1 AS k) SELECT * FROM ${ident(csv)}`, []],
      ['WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r', []],
      ['WITH T1 AS (SELECT 5 AS id) SELECT * FROM t1', []],
      ['SELECT * FROM T1, t2', ['t1', 't2']],
      ['SUMMARIZE t1', ['t1']],
      ['SELECT * FROM range(3)', []],
    ];
    for (const [sql, used] of ok) expect(await checkReadOnlyQuery(open, sql, ['t1', 't2']), sql).toEqual(used);
    // a CTE named like an input hides it: its own definition still reads the input
    expect(await checkReadOnlyQuery(open, 'WITH t1 AS (SELECT * FROM t1 WHERE id > 1) SELECT * FROM t1', ['t1'])).toEqual(['t1']);
    // a CTE named like a path, in scope, reads no file: it runs
    const t = await data.query(`WITH ${ident(csv)} AS (SELECT 7 AS k) SELECT * FROM ${ident(csv)}`, { t1: people }, 'cte');
    expect(await data.all(`SELECT * FROM ${t.table}`)).toEqual([{ k: 7 }]);
  });

  it('runs user SQL in an instance without file access and with its configuration locked', async () => {
    // User SQL cannot read settings (current_setting('temp_directory') would reveal the spill folder's path) ...
    await expect(
      data.query(`SELECT current_setting('enable_external_access') AS external FROM t1`, { t1: people }, 'settings'),
    ).rejects.toMatchObject({ kind: 'invalid_input', message: expect.stringMatching(/function 'current_setting' is not allowed/) });
    // ... so they are read on an instance made with the sandbox's settings.
    const instance = await DuckDBInstance.create(':memory:', sandboxConfig(64 * 2 ** 20, join(dir, 'spill-settings'), 1));
    const c = await instance.connect();
    try {
      const rows = (await c.runAndReadAll(`SELECT current_setting('enable_external_access'), current_setting('lock_configuration')`)).getRows();
      expect(rows).toEqual([[false, true]]);
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });

  it('the engine wall alone refuses file access, while tables stay readable', async () => {
    const instance = await DuckDBInstance.create(':memory:', sandboxConfig(64 * 2 ** 20, join(dir, 'spill'), 1));
    const c = await instance.connect();
    try {
      await c.run('CREATE TABLE t1 AS SELECT 1 AS x');
      expect((await c.runAndReadAll('SELECT x FROM t1')).getRows()).toEqual([[1]]);
      const csv = join(dir, 'secret.csv');
      for (const sql of [
        `WITH ${ident(csv)} AS (SELECT * FROM ${ident(csv)}) SELECT * FROM ${ident(csv)}`,
        `SELECT * FROM read_csv(${lit(csv)})`,
        `SELECT * FROM ${lit(join(dir, 'secret.csv.gz'))}`,
        `SELECT * FROM read_json(${lit(join(dir, 'secret.json'))})`,
        `SELECT * FROM glob(${lit(join(dir, '*'))})`,
        `COPY t1 TO ${lit(join(dir, 'out.csv'))}`,
        `ATTACH ${lit(join(dir, 'x.db'))}`,
        'SET enable_external_access = true',
        'SET memory_limit = \'100GB\'',
      ]) {
        await expect(c.run(sql), sql).rejects.toThrow(/Permission Error|configuration has been locked/);
      }
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });

  it('copies every column type in and out unchanged', async () => {
    const typed = await data.createTable(
      `SELECT range::INTEGER AS "i d", range::HUGEINT * 1000000000000 AS h, (range / 3)::DECIMAL(10,3) AS dec,
              'x' || range AS "s""q", ('a' || (range % 2))::ENUM('a0', 'a1') AS e, {'a': range, 'b': 'y'} AS st,
              [range, range + 1] AS l, MAP {'k': range} AS m, DATE '2024-01-01' + range::INTEGER AS d,
              TIMESTAMPTZ '2024-01-01 10:00:00+00' AS tz, INTERVAL 3 DAY AS iv, '\\xAA'::BLOB AS b,
              uuid() IS NOT NULL AS flag, CASE WHEN range = 2 THEN NULL ELSE range * 0.5 END AS nul
       FROM range(5000)`,
      'typed',
    );
    const t = await data.query('SELECT * FROM t1', { t1: typed, t2: people }, 'copy');
    expect(await data.columns(t)).toEqual(await data.columns(typed));
    const [{ n, diff }] = await data.all(
      `SELECT (SELECT count(*) FROM ${t.table}) AS n,
              (SELECT count(*) FROM (SELECT * FROM ${typed.table} EXCEPT ALL SELECT * FROM ${t.table})) AS diff`,
    );
    expect({ n, diff }).toEqual({ n: 5000, diff: 0 });
  });
});

describe('data.sql limits and cancel', () => {
  it('reads memory limits like DuckDB, or as a share of RAM', () => {
    expect(memoryLimitBytes('2GB')).toBe(2e9);
    expect(memoryLimitBytes('512 MiB')).toBe(512 * 2 ** 20);
    expect(memoryLimitBytes('1.5gb')).toBe(1.5e9);
    expect(memoryLimitBytes('50%', 8e9)).toBe(4e9);
    for (const bad of ['lots', '2', '2 parsecs', '0%', '150%', '1KB', '-1GB', '']) {
      expect(() => memoryLimitBytes(bad), bad).toThrow(expect.objectContaining({ kind: 'invalid_input', where: { param: 'memory_limit' } }));
    }
  });

  it('fails cleanly, naming memory_limit, when the query needs more', async () => {
    await expect(
      data.query('SELECT list(range) AS l FROM range(30000000)', { t1: people }, 'big', { memoryLimit: '32MB' }),
    ).rejects.toMatchObject({
      kind: 'runtime',
      where: { param: 'memory_limit' },
      message: expect.stringMatching(/memory_limit.*32MB/),
    });
    // the session is still usable, and nothing was left behind
    expect(await data.rowCount(people)).toBe(2);
  });

  it('shares a session memory limit with the session: at most half of it, the session limit restored after', async () => {
    const bounded = await openDataSession({ threads: 1, memoryLimit: '64MB' });
    try {
      const limit = async () => (await bounded.all("SELECT current_setting('memory_limit') AS m"))[0].m;
      const before = await limit();
      const t1 = await bounded.createTable('SELECT 1 AS x', 't1');
      // 48MB asked, 32MB (half of the session's 64MB) given: the error names both.
      await expect(bounded.query('SELECT list(range) AS l FROM range(30000000)', { t1 }, 'big', { memoryLimit: '48MB' })).rejects.toMatchObject({
        kind: 'runtime',
        where: { param: 'memory_limit' },
        message: expect.stringMatching(/48MB, capped at 32000000 bytes: half of PLUMB_MEMORY_LIMIT/),
      });
      expect(await limit()).toBe(before);
      const sorted = await bounded.query('SELECT range AS i, md5(range::VARCHAR) AS s FROM range(300000) ORDER BY s', { t1 }, 'sorted', { memoryLimit: '1GB' });
      expect(await bounded.rowCount(sorted)).toBe(300000);
      expect(await limit()).toBe(before);
    } finally {
      await bounded.close();
    }
  }, 60_000);

  it('spills to its temp folder instead of failing when it can', async () => {
    const t = await data.query(
      'SELECT range AS i, md5(range::VARCHAR) AS s FROM range(600000) ORDER BY s',
      { t1: people },
      'sorted',
      { memoryLimit: '24MB' },
    );
    expect(await data.rowCount(t)).toBe(600000);
  }, 60_000);

  it('stops a query at time_limit_s, naming the limit', async () => {
    const started = performance.now();
    await expect(
      data.query('SELECT count(*) FROM range(1000000000000)', { t1: people }, 'slow', { timeLimitS: 0.3 }),
    ).rejects.toMatchObject({ kind: 'runtime', where: { param: 'time_limit_s' }, message: expect.stringMatching(/time_limit_s \(0\.3 s\)/) });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('interrupts the running query within a second of the signal', async () => {
    const abort = new AbortController();
    const started = performance.now();
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      abort.abort();
    }, 300);
    await expect(
      data.query('SELECT count(*) FROM range(1000000000000)', { t1: people }, 'slow', { signal: abort.signal }),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    const latency = performance.now() - abortedAt;
    expect(abortedAt - started).toBeGreaterThan(250);
    expect(latency).toBeLessThan(1000);
    // an already aborted signal never starts the query
    await expect(data.query('SELECT 1', { t1: people }, 'x', { signal: abort.signal })).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('session.interrupt() reaches the sandboxed query', async () => {
    const running = data.query('SELECT count(*) FROM range(1000000000000)', { t1: people }, 'slow');
    setTimeout(() => data.interrupt(), 300);
    const started = performance.now();
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await data.rowCount(people)).toBe(2);
  });
});
