// What runs produced, read back: previews of output ports (tables through one DuckDB session), columns for
// the editor, drift reports as HTML, and what-if explanations of a trained model.
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput } from '../../shared/errors.js';
import { driftReportHtml } from '../../shared/drift/html-report.js';
import { readDriftReport } from '../../shared/drift/report-view.js';
import { openDataSession } from '../data/session.js';
import type { DataSession, TableRef } from '../data/types.js';
import { unwrapTableBytes } from '../nodes/data/table-chain.js';
import type { ProjectFile } from '../store/project-file.js';
import { loadPipeline } from './pipelines.js';
import type { ApiHandlers } from './service.js';
import { explainWhatIf } from './what-if.js';

export interface Outputs {
  handlers: Pick<ApiHandlers, 'outputs.preview' | 'outputs.columns' | 'drift.exportHtml' | 'whatIf.explain'>;
  /** Drops the tables loaded for previews (the project changed). */
  forget(): void;
  close(): Promise<void>;
}

export function createOutputs(current: () => ProjectFile): Outputs {
  let session: DataSession | undefined;
  const tables = new Map<string, TableRef>();

  async function data(): Promise<DataSession> {
    session ??= await openDataSession();
    return session;
  }

  async function outputTable(runId: string, node: string, port: string): Promise<TableRef | { missing: string }> {
    const key = `${runId}/${node}/${port}`;
    const known = tables.get(key);
    if (known) return known;
    const outputs = current().runs.outputs(runId, node);
    const bytes = outputs?.[port];
    if (!bytes) return { missing: outputs ? `node '${node}' has no output '${port}'` : `node '${node}' has no stored outputs in run ${runId}` };
    const table = await (await data()).fromParquetBytes(unwrapTableBytes(bytes).parquet, 'preview');
    tables.set(key, table);
    return table;
  }

  function pipelineOfRun(name: string) {
    try {
      return loadPipeline(current(), name).document;
    } catch {
      return undefined;
    }
  }

  const handlers: Outputs['handlers'] = {
    'outputs.preview': async ({ runId, node, port, offset, limit, stats }) => {
      const project = current();
      const run = project.runs.get(runId);
      const spec = run ? pipelineOfRun(run.pipeline)?.nodes.find((n) => n.id === node) : undefined;
      const declaration = spec ? nodeCatalog.get(spec.type) : undefined;
      const portType = declaration?.outputs[port]?.type;
      if (!portType) return { kind: 'missing', port, reason: `node '${node}' has no output '${port}'` };
      if (portType !== 'table') {
        const bytes = project.runs.outputs(runId, node)?.[port];
        if (!bytes) return { kind: 'missing', port, reason: `node '${node}' has not produced '${port}' in this run` };
        return { kind: 'json', port, portType, value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
      }
      const table = await outputTable(runId, node, port);
      if ('missing' in table) return { kind: 'missing', port, reason: table.missing };
      const preview = await (await data()).preview(table, { offset, limit, stats });
      return { kind: 'table', port, table: { ...preview, stats: preview.stats?.map((s) => ({ ...s })) } };
    },
    'outputs.columns': async ({ pipeline, node, port }) => {
      for (const run of current().runs.list({ pipeline, limit: 20 })) {
        const table = await outputTable(run.id, node, port);
        if (!('missing' in table)) return { columns: await (await data()).columns(table) };
      }
      return { columns: [] };
    },
    'drift.exportHtml': async ({ runId, node }) => {
      const project = current();
      const run = project.runs.get(runId);
      if (!run) throw invalidInput(`no run '${runId}' in this project`);
      const report = readDriftReport(project.drift.get(runId, node));
      if (!report) throw invalidInput(`node '${node}' has no drift report in run ${runId}`);
      return { html: driftReportHtml(report, `Drift report: ${run.pipeline} / ${node} (run ${run.startedAt})`) };
    },
    'whatIf.explain': (request) => explainWhatIf(current(), request),
  };

  return {
    handlers,
    forget: () => tables.clear(),
    async close() {
      await session?.close();
    },
  };
}
