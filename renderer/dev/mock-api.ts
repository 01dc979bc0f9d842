// A throwaway in-memory AppApi for looking at the UI without the host (`npx vite renderer`, open /dev/).
// It serves one pipeline whose SQL node outputs a million-row table, and plays run events with progress.
import type { ApiMethodName, ApiRequest, ApiResponse, AppApi, AppRunEvent } from '../../shared/api/contract.js';
import type { PipelineDocument } from '../../shared/pipeline/schema.js';

const ROWS = 1_000_000;

export function mockApi(): AppApi {
  const listeners = new Set<(e: AppRunEvent) => void>();
  const emit = (e: AppRunEvent) => listeners.forEach((l) => l(e));
  const docs = new Map<string, PipelineDocument>([
    [
      'big',
      {
        plumb: 1,
        name: 'big',
        nodes: [
          { id: 'data', type: 'data.read_csv', params: { path: 'big.csv' } },
          { id: 'numbers', type: 'data.sql', inputs: { t1: 'data.table' }, params: { query: 'SELECT range AS i FROM range(1000000)' } },
          { id: 'split', type: 'data.split', inputs: { table: 'numbers.table' } },
        ],
      },
    ],
  ]);
  let runs = 0;
  const handlers: { [M in ApiMethodName]?: (r: ApiRequest<M>) => ApiResponse<M> } = {
    'project.info': () => ({ path: '/tmp/mock.plumb', name: 'mock.plumb', readonly: false, host: 'browser', computeBackend: 'mock' }),
    'project.recent': () => ({ paths: ['/tmp/mock.plumb', '/tmp/other.plumb'] }),
    'pipelines.list': () => ({ pipelines: [...docs.keys()].map((name) => ({ name, version: 1, savedAt: new Date().toISOString() })) }),
    'pipelines.load': ({ name }) => ({ name, version: 1, document: docs.get(name)!, issues: [] }),
    'pipelines.save': ({ name, document }) => {
      docs.set(name, document);
      return { version: 2, issues: [] };
    },
    'runs.list': () => ({ runs: [], total: 0, offset: 0, metricColumns: [] }),
    'runs.start': ({ targetNode }) => {
      const runId = `run${++runs}`;
      // Odd runs fail at split, even runs succeed, to see both.
      const fails = runs % 2 === 1;
      const nodes = targetNode ? ['data', 'numbers', 'split'].slice(0, ['data', 'numbers', 'split'].indexOf(targetNode) + 1) : ['data', 'numbers', 'split'];
      setTimeout(() => emit({ kind: 'run_started', runId, nodes }), 10);
      nodes.forEach((node, i) => {
        setTimeout(() => emit({ kind: 'node_status', runId, node, status: 'running' }), 100 + i * 1000);
        for (let k = 1; k < 10; k++) setTimeout(() => emit({ kind: 'node_progress', runId, node, fraction: k / 10, message: `step ${k}` }), 100 + i * 1000 + k * 90);
        setTimeout(() => emit({ kind: 'node_status', runId, node, status: fails && node === 'split' ? 'failed' : 'done', seconds: 0.9, error: fails && node === 'split' ? 'stratify column species has a class with 1 row' : undefined }), 1000 + i * 1000);
      });
      setTimeout(() => emit({ kind: 'run_finished', runId, status: fails ? 'failed' : 'ok', seconds: nodes.length }), 1100 + nodes.length * 1000);
      return { runId };
    },
    'runs.cancel': () => ({}),
    'pipelines.schemas': () => ({ columns: [{ name: 'i', type: 'BIGINT' }, { name: 'label', type: 'VARCHAR' }], partial: false, problem: null }),
    'outputs.columns': () => ({ columns: [{ name: 'i', type: 'BIGINT' }, { name: 'label', type: 'VARCHAR' }] }),
    'outputs.preview': ({ port, offset = 0, limit = 100, stats }) =>
      port === 'test'
        ? {
            kind: 'json',
            port,
            portType: 'metrics',
            value: {
              accuracy: 0.9123,
              roc_auc: 0.97,
              n: 84,
              confusion_matrix: { labels: ['Adelie', 'Chinstrap', 'Gentoo'], matrix: [[30, 1, 0], [2, 20, 0], [0, 0, 31]] },
              roc: { fpr: Array.from({ length: 40 }, (_, i) => i / 40), tpr: [0, 1] },
              columns: [{ name: 'bill_length_mm', test: 'ks', statistic: 0.12, p_value: 0.3, drifted: false }],
            },
          }
        : ({
      kind: 'table',
      port,
      table: {
        columns: [
          { name: 'i', type: 'BIGINT' },
          { name: 'x', type: 'DOUBLE' },
          { name: 'label', type: 'VARCHAR' },
        ],
        rowCount: ROWS,
        offset,
        rows: Array.from({ length: Math.min(limit, ROWS - offset) }, (_, k) => [offset + k, Math.sin(offset + k), (offset + k) % 3 === 0 ? null : `row ${offset + k}`]),
        ...(stats ? { stats: [{ name: 'i', type: 'BIGINT', count: ROWS, missing: 0, mean: ROWS / 2, histogram: { edges: [0, 250000, 500000, 750000, 1000000], counts: [1, 1, 1, 1].map((c) => c * 250000) } }] } : {}),
      },
    }),
  };
  return {
    async call(method, request) {
      await new Promise((r) => setTimeout(r, 30));
      const handler = handlers[method] as ((r: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`the mock has no ${method}`);
      return handler(request) as never;
    },
    onRunEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
