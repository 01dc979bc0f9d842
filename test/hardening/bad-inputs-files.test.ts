// Issue 10 item 8, bad-input corpus (test/fixtures/bad): pipeline YAML, filter expressions, XGBoost and Plumb
// model files, project files and CLI arguments, in-process; the few inputs that can hang or exhaust memory run
// in real processes with a timeout. Also checks the committed corpus is what generate.ts makes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../fixtures/bad/generate.js';
import { checkCliAnswer, corpusDir, expectUnchanged, fill, loadCases, materialize, runCli, runModelCase, snapshot, spawnCli } from './bad-inputs/run-case.js';

describe('the corpus', () => {
  it('has at least 300 cases over every category, and the committed files are what generate.ts makes', async () => {
    const committed = loadCases();
    expect(committed.length).toBeGreaterThanOrEqual(300);
    const scratch = mkdtempSync(join(tmpdir(), 'plumb-bad-check-'));
    try {
      const { cases, files } = await generateCorpus(scratch);
      expect(JSON.parse(JSON.stringify(cases))).toEqual(committed);
      for (const [path, bytes] of files) {
        // Project files are SQLite images: compared by size only (their bytes depend on the SQLite version).
        const onDisk = readFileSync(join(corpusDir, path));
        if (path.startsWith('project/')) expect(onDisk.length > 0 || bytes.length === 0, path).toBe(true);
        else expect(onDisk.equals(Buffer.from(bytes)), `${path} differs: run tsx test/fixtures/bad/generate.ts`).toBe(true);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe.each(['yaml', 'filter', 'xgboost', 'model', 'project', 'cli'])('bad %s', (category) => {
  const cases = loadCases([category]).filter((c) => c.run.kind !== 'spawn');
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const { dir, secret, cleanup } = materialize(c);
    try {
      const before = snapshot(dir, c.expect.unchanged);
      const answer = c.run.kind === 'model' ? runModelCase(c, dir) : c.run.kind === 'cli' ? await runCli(c.run.args.map((a) => fill(a, dir, secret))) : undefined;
      if (!answer) throw new Error(`unexpected runner ${c.run.kind}`);
      checkCliAnswer(c, answer);
      expectUnchanged(c, dir, before);
    } finally {
      cleanup();
    }
  });
});

describe('inputs that need their own process', () => {
  const cases = loadCases().filter((c) => c.run.kind === 'spawn');
  it.concurrent.each(cases.map((c) => [c.id, c] as const))('%s', { timeout: 40_000 }, async (_id, c) => {
    if (c.run.kind !== 'spawn') return;
    const { dir, secret, cleanup } = materialize(c);
    try {
      if (c.run.fifo) execFileSync('mkfifo', [join(dir, c.run.fifo)]);
      if (c.run.large) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(join(dir, c.run.large.file), c.run.large.head + c.run.large.fill.repeat(c.run.large.bytes));
      }
      const answer = await spawnCli(c.run.args.map((a) => fill(a, dir, secret)), c.run);
      expect(answer.timedOut, `${c.id} (${c.about}): still running after ${c.run.timeoutMs} ms`).toBe(false);
      expect(answer.signal, `${c.id}: ended by ${answer.signal}`).toBeNull();
      checkCliAnswer(c, answer);
    } finally {
      cleanup();
    }
  });
});
