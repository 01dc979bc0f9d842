// Clean errors from the CLI and `npm start` (issue 10): one `error:` line and exit 2 for bad input, no stack
// traces, no hangs on FIFOs or /proc paths, quiet exit when stdout is closed early.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plumb, repoRoot, tempDir, writeFiles } from './cli-helpers.js';

const STACK = /^\s+at |node:internal|Maximum call stack|Invalid (typed )?array length|heap out of memory/m;

function expectCleanRefusal(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^error: /);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(STACK);
}

const csvPipeline = 'plumb: 1\nname: t\nnodes:\n  - id: data\n    type: data.read_csv\n    params: { path: d.csv }\n';

describe('plumb: clean errors for hostile input', () => {
  it('exits quietly when stdout is closed early (plumb nodes --json | head)', () => {
    const result = spawnSync('bash', ['-c', `node bin/plumb.mjs nodes --json | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(result.stdout.trim()).toBe('0');
  });

  it('refuses a FIFO as the pipeline file instead of blocking', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'p.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expectCleanRefusal(await plumb(['run', fifo]), /not a regular file/);
    expectCleanRefusal(await plumb(['validate', fifo]), /not a regular file/);
    expectCleanRefusal(await plumb(['validate', dir]), /not a regular file/);
  });

  it('refuses an --out folder it cannot create, quickly (recursive mkdir loops on /proc)', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'd.csv': 'x\n1\n', 'p.yaml': csvPipeline });
    const started = Date.now();
    expectCleanRefusal(await plumb(['run', join(dir, 'p.yaml'), '--out', '/proc/x']), /--out \/proc\/x: cannot write there/);
    expectCleanRefusal(await plumb(['run', join(dir, 'p.yaml'), '--out', '/proc/self']), /--out \/proc\/self/);
    expectCleanRefusal(await plumb(['run', join(dir, 'p.yaml'), '--cache', join(dir, 'd.csv', 'sub')]), /--cache/);
    expectCleanRefusal(await plumb(['export', join(repoRoot, 'assets', 'sample.plumb'), 'penguins-species', '-o', '/proc/x']), /cannot open \/proc\/x/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('caps the pipeline size (1 MiB) before parsing', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'big.yaml': `plumb: 1\nname: t\n${' '.repeat(2 * 1024 * 1024)}\nnodes: []\n` });
    expectCleanRefusal(await plumb(['validate', join(dir, 'big.yaml')]), /limit is 1048576 \(1 MiB\)/);
  });

  it('exits 2 with a message for nesting and counts beyond JavaScript limits', async () => {
    const dir = tempDir();
    copyFileSync(join(repoRoot, 'assets', 'datasets', 'housing.csv'), join(dir, 'housing.csv'));
    const deepYaml = `plumb: 1\nname: t\nnodes:\n  - id: data\n    type: data.read_csv\n    params: { path: d.csv, x: ${'['.repeat(20000)}${']'.repeat(20000)} }\n`;
    const deepFilter = `plumb: 1\nname: t\nnodes:\n  - id: data\n    type: data.read_csv\n    params: { path: housing.csv }\n  - id: f\n    type: data.filter\n    inputs: { table: data.table }\n    params: { expression: "${'('.repeat(20000)}price > 1${')'.repeat(20000)}" }\n`;
    const hugeRepeats = `plumb: 1\nname: t\nnodes:\n  - id: data\n    type: data.read_csv\n    params: { path: housing.csv }\n  - id: lin\n    type: model.linear_regression\n    inputs: { train: data.table }\n    params: { target: price }\n  - id: perm\n    type: explain.permutation_importance\n    inputs: { model: lin.model, data: data.table }\n    params: { n_repeats: 10000000000 }\n`;
    writeFiles(dir, { 'deep.yaml': deepYaml, 'filter.yaml': deepFilter, 'perm.yaml': hugeRepeats });
    expectCleanRefusal(await plumb(['validate', join(dir, 'deep.yaml')]), /nesting is (too deep|deeper than 64)/);
    const filter = await plumb(['run', join(dir, 'filter.yaml')]);
    expect(filter.code).toBe(2);
    expect(filter.stderr).toMatch(/^error: f: .*too deeply nested/m);
    const perm = await plumb(['run', join(dir, 'perm.yaml')]);
    expect(perm.code).toBe(2);
    expect(perm.stderr).toMatch(/^error: perm: .*too large/m);
  });

  it('refuses a forged 500-byte XGBoost file with a huge num_feature or num_class (no out-of-memory crash)', async () => {
    const dir = tempDir();
    const forged = (param: Record<string, string>, objective = 'reg:squarederror') =>
      JSON.stringify({
        learner: {
          gradient_booster: {
            name: 'gbtree',
            model: {
              gbtree_model_param: { num_trees: '1' },
              tree_info: [0],
              trees: [{ left_children: [-1], right_children: [-1], split_indices: [0], split_conditions: [0.5], default_left: [0], sum_hessian: [1], tree_param: { num_nodes: '1' } }],
            },
          },
          learner_model_param: { base_score: '5E-1', num_class: '0', num_feature: '1', ...param },
          objective: { name: objective },
        },
      });
    writeFiles(dir, {
      'nf.json': forged({ num_feature: '2000000000' }),
      'nc.json': forged({ num_class: '2000000000' }, 'multi:softprob'),
    });
    for (const [file, key] of [['nf.json', 'num_feature'], ['nc.json', 'num_class']]) {
      writeFileSync(join(dir, 'p.yaml'), `plumb: 1\nname: t\nnodes:\n  - id: imp\n    type: model.import_xgboost\n    params: { path: ${file} }\n`);
      const result = await plumb(['run', join(dir, 'p.yaml')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^error: imp: .*learner_model_param\\.${key}' is 2000000000`, 'm'));
      expect(result.stderr).not.toMatch(STACK);
    }
  });
});

/** `npm start -- --browser --no-open <args>` with its own user-data folder. */
function start(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'start.mjs'), '--browser', '--no-open', ...args], {
      cwd: repoRoot,
      env: { ...process.env, PLUMB_USER_DATA: tempDir('plumb-user-') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start: clean errors', () => {
  it('refuses an invalid port, an unknown flag and a path that is not a project, in one line with exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'notes.txt': 'hello, not a database' });
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /--port must be a whole number from 0 to 65535/],
      [['--port', '70000'], /--port must be a whole number/],
      [['--bogus'], /unknown option '--bogus'/],
      [[join(dir, 'notes.txt')], /is not a Plumb project file/],
      [[dir], /is not a Plumb project file \(it is a folder/],
      [[join(dir, 'missing.txt')], /no project file at .*missing\.txt/],
      [[join(dir, 'no', 'such.plumb')], /its folder does not exist/],
    ];
    for (const [args, pattern] of cases) {
      const result = await start(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^error: plumb: /);
      expect(result.stderr).toMatch(pattern);
    }
  });

  it('says so in one line when the port is busy', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    try {
      const result = await start(['--port', String(port), join(tempDir(), 'new.plumb')]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(`error: plumb: port ${port} is already in use: pick another with --port N (or --port 0 for a free one)`);
      expect(result.stdout).toBe('');
    } finally {
      server.close();
    }
  });
});
