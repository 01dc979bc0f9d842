// What runs produced, read back: previews of output ports (tables through one DuckDB session), columns for
// the editor, drift reports as HTML, and what-if explanations of a trained model.
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput } from '../../shared/errors.js';
import { driftReportHtml } from '../../shared/drift/html-report.js';
import { readDriftReport } from '../../shared/drift/report-view.js';
import { openDataSession, type PlumbDataSession } from '../data/session.js';
import type { TableRef } from '../data/types.js';
import type { WorkerPool } from '../engine/workers.js';
import { unwrapTableBytes } from '../nodes/data/table-chain.js';
import type { ProjectFile } from '../store/project-file.js';
import { loadPipeline } from './pipelines.js';
import { PARQUET_ROW_NUMBER, parquetFileView, parquetView, tableViewSql, type PreviewTable, type TableViewRequest } from './table-view.js';
import type { ApiHandlers } from './service.js';
import { explanationReport } from './explain-report.js';
import { explainWhatIf, runModelFile } from './what-if.js';
import { whatIfCounterfactualsInWorker } from './what-if-counterfactuals-task.js';
import type { FormColumn } from '../../shared/api/what-if.js';
import type { PlumbModelFile } from '../ml/model-file.js';
import { formColumns, rowsInForm, withRanges, type Cell } from './what-if-space.js';

export interface Outputs {
  handlers: Pick<ApiHandlers, 'outputs.preview' | 'outputs.columns' | 'drift.exportHtml' | 'whatIf.explain' | 'whatIf.rows' | 'whatIf.counterfactuals' | 'explain.exportHtml'>;
  /** Drops the tables loaded for previews (the project changed). */
  forget(): void;
  close(): Promise<void>;
}

// Reference rows for counterfactuals: enough for stable MAD scales and a near neighbour, few enough for ≤ 1 s.
const REFERENCE_ROWS = 2000;
const MAX_TABLE_VIEWS = 8;

export function createOutputs(current: () => ProjectFile, workers: WorkerPool): Outputs {
  let session: PlumbDataSession | undefined;
  const tables = new Map<string, PreviewTable>();

  async function data(): Promise<PlumbDataSession> {
    session ??= await openDataSession();
    return session;
  }

  // Column statistics of a large table take seconds: they run in a session of their own, over the same Parquet
  // file, so the pages a scrolling grid asks for meanwhile are not queued behind them.
  let statsSession: Promise<PlumbDataSession> | undefined;
  const statsViews = new Map<string, Promise<{ session: PlumbDataSession; table: PreviewTable }>>();
  function statsTable(whole: PreviewTable): Promise<{ session: PlumbDataSession; table: PreviewTable }> | undefined {
    if (whole.parquet === undefined) return undefined;
    const path = whole.parquet;
    let found = statsViews.get(path);
    if (!found) {
      statsSession ??= openDataSession();
      found = statsSession.then(async (session) => ({ session, table: await parquetFileView(session, path) }));
      statsViews.set(path, found);
      found.catch(() => statsViews.delete(path));
    }
    return found;
  }

  async function outputTable(runId: string, node: string, port: string): Promise<PreviewTable | { missing: string }> {
    const key = `${runId}/${node}/${port}`;
    const known = tables.get(key);
    if (known) return known;
    const outputs = current().runs.outputs(runId, node);
    const bytes = outputs?.[port];
    if (!bytes) return { missing: outputs ? `node '${node}' has no output '${port}'` : `node '${node}' has no stored outputs in run ${runId}` };
    const session = await data();
    const { parquet } = unwrapTableBytes(bytes);
    let table = await parquetView(session, parquet);
    // DuckDB cannot number the rows of a Parquet file with a column of that name: such a table is loaded whole.
    if ((await session.columns(table)).some((c) => c.name === PARQUET_ROW_NUMBER)) table = await session.fromParquetBytes(parquet, 'preview');
    tables.set(key, table);
    return table;
  }

  // Sorted or searched views of output tables, the most recently used few kept (a grid asks page after page).
  const views = new Map<string, Promise<TableRef>>();
  async function tableView(key: string, whole: PreviewTable, view: TableViewRequest): Promise<TableRef> {
    const viewKey = JSON.stringify([key, view]);
    let found = views.get(viewKey);
    if (!found) {
      const session = await data();
      found = session.columns(whole).then((columns) => session.createTable(tableViewSql(whole, columns, view), 'preview_view'));
      views.set(viewKey, found);
      if (views.size > MAX_TABLE_VIEWS) views.delete(views.keys().next().value!);
      found.catch(() => views.delete(viewKey));
    } else {
      views.delete(viewKey);
      views.set(viewKey, found);
    }
    return found;
  }

  // Outputs of a finished run never change: the form and its rows are kept per (model, table, limit).
  const forms = new Map<string, Promise<{ file: PlumbModelFile; columns: FormColumn[]; rows: Cell[][]; rowCount: number }>>();

  /** The model of a run output and the first `limit` rows of a table in its form's columns (see what-if-space.ts). */
  function formRows(model: { runId: string; node: string; port: string }, source: { runId: string; node: string; port: string }, limit: number) {
    const key = JSON.stringify([model, source, limit]);
    let found = forms.get(key);
    if (!found) {
      found = (async () => {
        const file = runModelFile(current(), model.runId, model.node, model.port);
        const table = await outputTable(source.runId, source.node, source.port);
        if ('missing' in table) throw invalidInput(table.missing, { param: 'data' });
        const preview = await (await data()).preview(table, { limit, stats: false });
        const columns = formColumns(file);
        const rows = rowsInForm(file, columns, preview);
        return { file, columns: withRanges(columns, rows), rows, rowCount: preview.rowCount };
      })();
      forms.set(key, found);
      found.catch(() => forms.delete(key));
      if (forms.size > 8) forms.delete(forms.keys().next().value!);
    }
    return found;
  }

  function pipelineOfRun(name: string) {
    try {
      return loadPipeline(current(), name).document;
    } catch {
      return undefined;
    }
  }

  const handlers: Outputs['handlers'] = {
    'outputs.preview': async ({ runId, node, port, offset, limit, stats, sort, search }) => {
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
      const whole = await outputTable(runId, node, port);
      if ('missing' in whole) return { kind: 'missing', port, reason: whole.missing };
      const table = sort || search ? await tableView(`${runId}/${node}/${port}`, whole, { sort, search }) : whole;
      const forStats = stats && table === whole ? await statsTable(whole) : undefined;
      const preview = forStats ? await forStats.session.preview(forStats.table, { offset, limit, stats }) : await (await data()).preview(table, { offset, limit, stats });
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
    'explain.exportHtml': async (request) => explanationReport(current(), request),
    'whatIf.rows': async ({ model, data: source, limit }) => {
      const { file, columns, rows, rowCount } = await formRows(model, source, limit);
      return { original: Boolean(file.preprocessing), columns, rows, rowCount };
    },
    'whatIf.counterfactuals': async ({ model, reference, ...request }) => {
      const { columns, rows } = await formRows(model, reference, REFERENCE_ROWS);
      const bytes = current().runs.outputs(model.runId, model.node)?.[model.port];
      if (!bytes) throw invalidInput(`node '${model.node}' has no output '${model.port}' in run ${model.runId}`, { param: 'model' });
      return whatIfCounterfactualsInWorker(workers, bytes, columns, rows, request);
    },
  };

  return {
    handlers,
    forget: () => {
      tables.clear();
      forms.clear();
      statsViews.clear();
    },
    async close() {
      // the stats session reads files in the main session's scratch folder: it closes first
      await (await statsSession)?.close();
      await session?.close();
    },
  };
}
