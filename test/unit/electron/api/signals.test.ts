// Ctrl-C on a command-line run: the first signal cancels (and interrupts a running DuckDB query, so the run
// and its data session finish promptly), the second exits at once.
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipelineDocument } from '../../../../electron/api/pipeline-run.js';
import { abortOnSignals, type SignalSource } from '../../../../electron/api/signals.js';
import { createWorkerPool } from '../../../../electron/engine/workers.js';

const fakeProcess = () => new EventEmitter() as EventEmitter & SignalSource;

describe('abortOnSignals', () => {
  it('aborts on the first signal, exits with 128 + signo on the second, and lets go when released', () => {
    const source = fakeProcess();
    const controller = new AbortController();
    const exits: number[] = [];
    const first: string[] = [];
    const release = abortOnSignals(controller, { source, exit: (code) => exits.push(code), onFirst: (s) => first.push(s) });
    source.emit('SIGTERM', 'SIGTERM');
    expect(controller.signal.aborted).toBe(true);
    expect(first).toEqual(['SIGTERM']);
    expect(exits).toEqual([]);
    source.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    release();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });

  it('a signal during a long data.sql query stops the run and its DuckDB work within a second', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plumb-signal-'));
    await writeFile(join(dir, 'a.csv'), 'x\n1\n');
    const source = fakeProcess();
    const controller = new AbortController();
    const release = abortOnSignals(controller, { source, exit: () => undefined });
    const workers = createWorkerPool({ size: 1 });
    try {
      const run = runPipelineDocument({
        document: {
          plumb: 1,
          name: 'slow',
          nodes: [
            { id: 'a', type: 'data.read_csv', params: { path: 'a.csv' } },
            { id: 'q', type: 'data.sql', inputs: { t1: 'a.table' }, params: { query: 'SELECT count(*) FROM range(1000000000000)' } },
          ],
        },
        baseDir: dir,
        signal: controller.signal,
        workers,
      });
      await new Promise((r) => setTimeout(r, 1000));
      const signalledAt = performance.now();
      source.emit('SIGINT', 'SIGINT');
      const result = await run; // includes closing the data session, which waits for the running query
      expect(result.status).toBe('cancelled');
      expect(performance.now() - signalledAt).toBeLessThan(1000);
    } finally {
      release();
      await workers.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
