// Cancel reaches DuckDB (issue 10): aborting a run interrupts the query the data session is running, so a long
// read_csv stops too, and the run (which closes its data session, waiting for the query in flight) ends promptly.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runPipelineDocument } from '../../../../electron/api/pipeline-run.js';
import { createWorkerPool } from '../../../../electron/engine/workers.js';

describe('runPipelineDocument: cancel', () => {
  it('interrupts a long read_csv: the run ends within a second or two, not when the file has been read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plumb-cancel-csv-'));
    // 300 MB of CSV in 1.6 MB on disk: gzip members concatenated (one compressed once), which DuckDB reads as one
    // stream; reading it all takes about 10 s on this machine.
    const member = gzipSync(Buffer.from('1,2.5,abc\n'.repeat(100_000)), { level: 1 });
    await writeFile(join(dir, 'big.csv.gz'), Buffer.concat([gzipSync(Buffer.from('x,y,z\n')), ...Array<Buffer>(300).fill(member)]));
    const workers = createWorkerPool({ size: 1 });
    const controller = new AbortController();
    let running!: () => void;
    const started = new Promise<void>((resolve) => (running = resolve));
    try {
      const run = runPipelineDocument({
        document: { plumb: 1, name: 'slow', nodes: [{ id: 'a', type: 'data.read_csv', params: { path: 'big.csv.gz' } }] },
        baseDir: dir,
        signal: controller.signal,
        workers,
        onEvent: (event) => {
          if (event.kind === 'node_status' && event.node === 'a' && event.status === 'running') running();
        },
      });
      await started;
      await new Promise((resolve) => setTimeout(resolve, 500)); // well into the read
      const abortedAt = performance.now();
      controller.abort();
      const result = await run;
      expect(result.status).toBe('cancelled');
      expect(result.nodes.find((n) => n.id === 'a')?.status).toBe('cancelled');
      // Before: ~6 s more (the read went on, then a second scan looked for malformed rows to explain the failure).
      expect(performance.now() - abortedAt).toBeLessThan(2500);
    } finally {
      await workers.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
