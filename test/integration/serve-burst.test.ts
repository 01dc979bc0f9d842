// The prediction log after a burst: 1,000 single-row requests fired at once (over 32 connections) together with a 3,000-row batch
// (predicted in the worker thread, so it finishes out of arrival order) — every row reaches the project's log, in
// time order, with its own inputs and answer, and the server's counters agree with it.
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKER_BATCH_ROWS } from '../../electron/serve/predictor.js';
import { serveModels } from '../../electron/serve/serve-models.js';
import { openProjectFile } from '../../electron/store/project-file.js';
import { repoRoot, tempDir } from './cli-helpers.js';

const dir = tempDir('plumb-serve-burst-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The hand-written tree of test/fixtures/serve (see golden/README.md): p(yes) by tenure and contract. */
function expectedYes(tenure: number | null, contract: string | null): number {
  if (tenure === null || tenure > 12) return 0.1;
  return contract === 'month' || contract === null ? 0.8 : 0.3;
}

describe('prediction log after a burst', () => {
  it('holds every row of 1,000 concurrent requests and a worker-sized batch, ordered by time', async () => {
    const project = join(dir, 'burst.plumb');
    openProjectFile(project, { create: true }).close();
    const serving = await serveModels({ specs: [join(repoRoot, 'test/fixtures/serve/churn-tree.json')], port: 0, project });
    const contracts = ['month', 'year', 'two_year', null];
    const N = 1000;
    const batch = WORKER_BATCH_ROWS + 1000;
    const row = (i: number) => ({ tenure: i % 29 === 0 ? null : i % 25, contract: contracts[i % 4] });
    // All requests are handed to 32 keep-alive connections at once (the queue of each stays full until the end).
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const url = new URL(`${serving.server.url}/v1/models/churn-tree:predict`);
    const send = (body: unknown) =>
      new Promise<number>((resolve, reject) => {
        const text = JSON.stringify(body);
        const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('error', reject);
        req.end(text);
      });
    try {
      const codes = await Promise.all([
        send({ key: 'batch', instances: Array.from({ length: batch }, (_, i) => row(i)) }),
        ...Array.from({ length: N }, (_, i) => send({ key: `r${i}`, instances: [row(i)] })),
      ]);
      expect(codes).toEqual(new Array(N + 1).fill(200));
    } finally {
      agent.destroy();
      await serving.close();
    }
    expect(serving.server.stats.total).toBe(N + 1);

    const file = openProjectFile(project);
    try {
      const log = file.predictionLog.list({ model: 'churn-tree' });
      expect(log).toHaveLength(N + batch);
      for (let i = 1; i < log.length; i++) expect(log[i].servedAt >= log[i - 1].servedAt).toBe(true);
      const single = log.filter((r) => r.key !== 'batch');
      expect(new Set(single.map((r) => r.key)).size).toBe(N);
      for (const r of single) {
        const i = Number(r.key!.slice(1));
        expect(r.inputs).toEqual(row(i));
        expect(r.probabilities!.yes).toBe(expectedYes(row(i).tenure, row(i).contract));
      }
      const fromBatch = log.filter((r) => r.key === 'batch');
      expect(fromBatch.map((r) => r.inputs)).toEqual(Array.from({ length: batch }, (_, i) => row(i)));
      expect(fromBatch.map((r) => r.probabilities!.yes)).toEqual(Array.from({ length: batch }, (_, i) => expectedYes(row(i).tenure, row(i).contract)));
    } finally {
      file.close();
    }
  }, 120_000);
});
