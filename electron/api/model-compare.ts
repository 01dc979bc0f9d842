// models.compare: loads the chosen models and table from the runs' stored outputs, checks they belong together
// (one task, target and class list; the table has every feature), predicts in a worker and scores them.
import type { ModelComparison } from '../../shared/api/model-compare.js';
import { invalidInput } from '../../shared/errors.js';
import { openDataSession } from '../data/session.js';
import { quoteIdent } from '../data/sql-text.js';
import type { DataSession, Frame } from '../data/types.js';
import type { WorkerPool } from '../engine/workers.js';
import { loadModelFile, type PlumbModelFile } from '../ml/model-file.js';
import { unwrapTableBytes } from '../nodes/data/table-chain.js';
import { frameColumn, modelFeatures, modelTarget, pickRows, pickTarget, rowsWhere } from '../nodes/inputs/ml-frame.js';
import { predictTask } from '../nodes/inputs/predict-rows.js';
import type { ProjectFile } from '../store/project-file.js';
import { compareScores, type ScoredModel, type ScoredRows } from './model-compare-scores.js';
import type { ApiHandlers } from './service.js';

type Request = Parameters<ApiHandlers['models.compare']>[0];

export interface ModelCompare {
  handlers: Pick<ApiHandlers, 'models.compare'>;
  close(): Promise<void>;
}

export function createModelCompare(current: () => ProjectFile, workers: WorkerPool): ModelCompare {
  let session: DataSession | undefined;
  // One comparison at a time: the session's scratch table is dropped before the next one loads.
  let queue: Promise<unknown> = Promise.resolve();

  async function compare(request: Request): Promise<ModelComparison> {
    const project = current();
    const files = request.models.map(({ runId, node, port }) => ({ runId, node, file: modelOf(project, runId, node, port) }));
    const { task, target } = checkTogether(files);
    session ??= await openDataSession();
    const frame = await tableFrame(project, session, request.data, [...new Set([...files.flatMap((f) => f.file.features), target])], files);
    const labelled = modelTarget(frameColumn(frame, target), files[0].file);
    const known = task === 'classification' ? rowsWhere(labelled.keep.length, (r) => (labelled.y as Extract<typeof labelled.y, { task: 'classification' }>).codes[r] >= 0) : null;
    const keep = known ? Int32Array.from(known, (r) => labelled.keep[r]) : labelled.keep;
    const y = known ? pickTarget(labelled.y, known) : labelled.y;
    if (keep.length === 0) throw invalidInput(`'${request.data.node}.${request.data.port}' has no rows with a value of '${target}' the models know`, { node: request.data.node });
    const scored: ScoredModel[] = [];
    for (const { runId, node, file } of files) {
      const X = pickRows(modelFeatures(frame, file).X, keep);
      scored.push({ node, runId, file, out: await workers.run(predictTask, { file, X }) });
    }
    const rows: ScoredRows = { target, y, index: keep, dropped: frame.nrows - keep.length, ...cellsOf(frame, target, files) };
    return compareScores(scored, rows, { positive: request.positive, maxRows: request.maxRows });
  }

  return {
    handlers: {
      'models.compare': (request) => {
        const result = queue.then(() => compare(request));
        queue = result.catch(() => undefined);
        return result;
      },
    },
    async close() {
      await session?.close();
      session = undefined;
    },
  };
}

function modelOf(project: ProjectFile, runId: string, node: string, port: string): PlumbModelFile {
  const bytes = project.runs.outputs(runId, node)?.[port];
  if (!bytes) throw invalidInput(`node '${node}' has no output '${port}' in run ${runId}: run the pipeline first`, { node });
  try {
    return loadModelFile(JSON.parse(new TextDecoder().decode(bytes)) as unknown, `${node}.${port}`);
  } catch {
    throw invalidInput(`'${node}.${port}' is not a trained model`, { node });
  }
}

/** The models must answer the same question: one task, one target, the same classes in the same order. */
function checkTogether(files: { node: string; file: PlumbModelFile }[]): { task: PlumbModelFile['task']; target: string } {
  const [first] = files;
  if (first.file.target === null) throw invalidInput(`model '${first.node}' does not name its target column`, { node: first.node });
  for (const { node, file } of files.slice(1)) {
    if (file.task !== first.file.task) throw invalidInput(`'${first.node}' is a ${first.file.task} model and '${node}' a ${file.task} one: compare models of one task`, { node });
    if (file.target !== first.file.target) throw invalidInput(`'${first.node}' predicts '${first.file.target}' and '${node}' predicts '${file.target ?? '?'}': compare models of one target`, { node });
    if (file.classes.join('\u0000') !== first.file.classes.join('\u0000')) {
      throw invalidInput(`'${first.node}' and '${node}' know different classes (${first.file.classes.join(', ')} vs ${file.classes.join(', ')})`, { node });
    }
  }
  return { task: first.file.task, target: first.file.target };
}

async function tableFrame(
  project: ProjectFile,
  session: DataSession,
  ref: Request['data'],
  columns: string[],
  files: { node: string; file: PlumbModelFile }[],
): Promise<Frame> {
  const bytes = project.runs.outputs(ref.runId, ref.node)?.[ref.port];
  if (!bytes) throw invalidInput(`node '${ref.node}' has no output '${ref.port}' in run ${ref.runId}: run the pipeline first`, { node: ref.node });
  let table;
  try {
    table = await session.fromParquetBytes(unwrapTableBytes(bytes).parquet, 'compare');
  } catch {
    throw invalidInput(`'${ref.node}.${ref.port}' is not a table`, { node: ref.node });
  }
  try {
    const have = new Set((await session.columns(table)).map((c) => c.name));
    for (const { node, file } of files) {
      const missing = [...file.features, file.target!].filter((name) => !have.has(name));
      if (missing.length) {
        throw invalidInput(`'${ref.node}.${ref.port}' lacks ${missing.map((m) => `'${m}'`).join(', ')}, which model '${node}' needs: score it on the table it was trained from`, { node: ref.node });
      }
    }
    return await session.toFrame(table, columns);
  } finally {
    await session.exec(`DROP TABLE IF EXISTS ${quoteIdent(table.table)}`);
  }
}

/** The feature columns shown beside the predictions (the first model's, then the others' new ones), as table cells. */
function cellsOf(frame: Frame, target: string, files: { file: PlumbModelFile }[]): Pick<ScoredRows, 'columns' | 'cellsOf'> {
  const columns = [...new Set(files.flatMap((f) => f.file.features))].filter((c) => c !== target);
  const picked = columns.map((name) => frameColumn(frame, name));
  return {
    columns,
    cellsOf: (row) =>
      picked.map((c) => {
        if (c.kind === 'numeric') return Number.isNaN(c.values[row]) ? null : c.values[row];
        if (c.codes[row] < 0) return null;
        return c.kind === 'boolean' ? c.codes[row] === 1 : c.levels[c.codes[row]];
      }),
  };
}
