// The metric columns of the runs list (the union of metric names among the runs a filter matches), found by a
// skip scan of the metrics index: checked against brute force over random runs, metrics, statuses and tags.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import type { RunStatus } from '../../../../electron/store/runs.js';
import { tickingClock, useTempDir } from './temp-dir.js';

describe('runs list metric columns', () => {
  const dir = useTempDir();

  it('equals the brute-force union for every filter, and is empty without metrics', () => {
    const p = openProjectFile(join(dir(), 'p.plumb'), { create: true, now: tickingClock() });
    try {
      for (const name of ['a', 'b', 'c']) p.pipelines.save(name, `plumb: 1\nname: ${name}\nnodes: []\n`);
      expect(p.history.query({}).metricColumns).toEqual([]);
      let seed = 7;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const nodes = ['eval', 'eval_b', 'x'];
      const keys = ['accuracy', 'roc_auc', 'n', 'a.value'];
      const truth: { pipeline: string; status: RunStatus; tags: string[]; metrics: string[] }[] = [];
      for (let i = 0; i < 40; i++) {
        const pipeline = ['a', 'b', 'c'][Math.floor(random() * 3)];
        const tags = random() < 0.3 ? ['t1'] : random() < 0.5 ? ['t2'] : [];
        const started = p.runs.start({ pipeline, nodes: [], computeBackend: 'cpu', plumbVersion: '0', tags });
        const metrics: string[] = [];
        // Pipeline c never records metrics; the others a random subset.
        if (pipeline !== 'c') {
          for (const node of nodes) {
            const value: Record<string, unknown> = {};
            for (const key of keys) if (random() < 0.4) value[key.split('.')[0]] = key === 'a.value' ? { value: 1 } : random();
            if (Object.keys(value).length === 0) continue;
            p.metrics.put(started.id, node, value);
            for (const key of keys) if (key.split('.')[0] in value) metrics.push(`${node}.${key}`);
          }
        }
        const status: RunStatus = random() < 0.7 ? 'ok' : 'failed';
        p.runs.finish(started.id, { status, nodes: [] });
        truth.push({ pipeline, status, tags, metrics });
      }
      const filters = [{}, { pipeline: 'a' }, { pipeline: 'c' }, { status: 'failed' as const }, { tag: 't1' }, { pipeline: 'b', status: 'ok' as const, tag: 't2' }, { tag: 'none' }];
      for (const filter of filters) {
        const matching = truth.filter((r) => (!('pipeline' in filter) || r.pipeline === filter.pipeline) && (!('status' in filter) || r.status === filter.status) && (!('tag' in filter) || r.tags.includes(filter.tag!)));
        const expected = [...new Set(matching.flatMap((r) => r.metrics))].sort();
        expect(p.history.query(filter).metricColumns, JSON.stringify(filter)).toEqual(expected);
      }
    } finally {
      p.close();
    }
  });
});
