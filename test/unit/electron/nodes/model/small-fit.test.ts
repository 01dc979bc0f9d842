// Small fits of headless runs skip the worker: with smallFitsInProcess set, logistic regression and naive Bayes on
// a small table never reach the pool (a pool that fails every task proves it) and give the same model file as the
// fit in a real worker; larger models still go to the pool.
import { describe, expect, it } from 'vitest';
import type { WorkerPool } from '../../../../../electron/engine/workers.js';
import type { NodeEnv, PlumbNode } from '../../../../../electron/nodes/env.js';
import type { NodeDeclaration } from '../../../../../shared/catalog/define.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { naiveBayesNode } from '../../../../../electron/nodes/model/naive_bayes.js';
import { randomForestNode } from '../../../../../electron/nodes/model/random_forest.js';
import { sharedEnv, table, train } from './run-node.js';

/** The two trainer nodes differ only in their params: one type for the table of cases. */
const anyTrainer = (node: unknown): PlumbNode<NodeDeclaration> => node as PlumbNode<NodeDeclaration>;

const refusingPool: WorkerPool = {
  run: () => Promise.reject(new Error('the worker pool was used')),
  stats: () => ({ workers: 0, busy: 0, queued: 0, replaced: 0 }),
  close: () => Promise.resolve(),
};

describe('small fits in process', () => {
  const { env } = sharedEnv();
  const sql = `SELECT (i % 17) * 0.3 - 2 AS x1, ((i * 7) % 11) * 0.5 AS x2, CASE WHEN (i % 17) * 0.3 + ((i * 7) % 11) * 0.2 + (i % 5) * 0.4 > 3.5 THEN 'yes' ELSE 'no' END AS label FROM range(600) t(i)`;

  it.each([
    ['logistic_regression', anyTrainer(logisticRegressionNode)] as const,
    ['naive_bayes', anyTrainer(naiveBayesNode)] as const,
  ])('%s: no worker round-trip, same model as in a worker', async (_name, node) => {
    const data = await table(env().data, sql);
    const headless: NodeEnv = { ...env(), workers: refusingPool, smallFitsInProcess: true };
    const here = await train(node, headless, data, { target: 'label' });
    const inWorker = await train(node, env(), data, { target: 'label' });
    const { created: _a, ...hereRest } = here.model as unknown as Record<string, unknown>;
    const { created: _b, ...workerRest } = inWorker.model as unknown as Record<string, unknown>;
    expect(stripTimes(hereRest)).toEqual(stripTimes(workerRest));
    expect(here.history.length).toBeGreaterThan(0);
  }, 30_000);

  it('a forest still goes to the pool, and without the flag so does a small logistic fit', async () => {
    const data = await table(env().data, sql);
    await expect(train(randomForestNode, { ...env(), workers: refusingPool, smallFitsInProcess: true }, data, { target: 'label', n_estimators: 3 })).rejects.toThrow(/pool was used/);
    await expect(train(logisticRegressionNode, { ...env(), workers: refusingPool }, data, { target: 'label' })).rejects.toThrow(/pool was used/);
  });
});

/** Model files carry fit timings; everything else must match. */
function stripTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (/seconds|created|timestamp|_at$/i.test(key) ? undefined : v)));
}
