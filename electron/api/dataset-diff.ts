// datasets.diff: two dataset versions compared — schema changes, row-count change, and per-column drift computed
// by the same code as monitor.drift (in a worker, off the main thread).
import { invalidInput } from '../../shared/errors.js';
import type { DatasetDiffView } from '../../shared/api/lifecycle.js';
import { openDataSession } from '../data/session.js';
import type { Frame } from '../data/types.js';
import { createWorkerPool, type WorkerPool } from '../engine/workers.js';
import { monitorTasks } from '../nodes/monitor/worker-tasks.js';
import type { DatasetVersion } from '../store/datasets.js';
import type { ProjectFile } from '../store/project-file.js';

/** `<name>@<n>` (the name is the file's stem, e.g. `churn@2`) or a prefix of the content hash (at least 6 hex digits). */
export function resolveDatasetVersion(project: ProjectFile, ref: string): DatasetVersion {
  const at = ref.lastIndexOf('@');
  if (at > 0 && /^\d+$/.test(ref.slice(at + 1))) return project.datasets.get(ref.slice(0, at), Number(ref.slice(at + 1)));
  if (/^[0-9a-f]{6,64}$/i.test(ref)) {
    const matches = project.datasets
      .list()
      .flatMap((d) => project.datasets.versions(d.name))
      .filter((v) => v.hash.startsWith(ref.toLowerCase()));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) throw invalidInput(`dataset hash '${ref}' is ambiguous: give more of it`, { file: project.path });
  }
  throw invalidInput(`no dataset version '${ref}' in this project (give <name>@<version> or a hash prefix)`, { file: project.path });
}

const buffersOf = (frame: Frame): ArrayBuffer[] =>
  frame.columns.map((c) => (c.kind === 'numeric' ? c.values.buffer : c.codes.buffer) as ArrayBuffer);

export async function diffDatasets(project: ProjectFile, refA: string, refB: string, workers?: WorkerPool): Promise<DatasetDiffView> {
  const [a, b] = [resolveDatasetVersion(project, refA), resolveDatasetVersion(project, refB)];
  if (a.format !== 'parquet' || b.format !== 'parquet') throw invalidInput(`only Parquet dataset versions can be compared (got ${a.format} and ${b.format})`);
  const data = await openDataSession();
  const pool = workers ?? createWorkerPool({ size: 1 });
  try {
    const [tableA, tableB] = [await data.fromParquetBytes(project.datasets.bytes(a.id), 'a'), await data.fromParquetBytes(project.datasets.bytes(b.id), 'b')];
    const [columnsA, columnsB] = [await data.columns(tableA), await data.columns(tableB)];
    const typeB = new Map(columnsB.map((c) => [c.name, c.type]));
    const namesA = new Set(columnsA.map((c) => c.name));
    const shared = columnsA.filter((c) => typeB.get(c.name) === c.type).map((c) => c.name);
    const [frameA, frameB] = [await data.toFrame(tableA, shared), await data.toFrame(tableB, shared)];
    const drift = shared.length
      ? await pool.run(monitorTasks.drift, { reference: frameA, current: frameB, options: {} }, { transfer: [...buffersOf(frameA), ...buffersOf(frameB)] })
      : null;
    // Row counts are the whole content's (a version above the blob cap stores a sample; its drift is on that).
    const side = (v: DatasetVersion, frame: Frame) => ({ name: v.name, version: v.version, hash: v.hash, rows: v.rowCount ?? frame.nrows, sampleRows: v.sampleRows });
    const [sideA, sideB] = [side(a, frameA), side(b, frameB)];
    return {
      a: sideA,
      b: sideB,
      schema: {
        added: columnsB.filter((c) => !namesA.has(c.name)),
        removed: columnsA.filter((c) => !typeB.has(c.name)),
        changed: columnsA.filter((c) => typeB.has(c.name) && typeB.get(c.name) !== c.type).map((c) => ({ name: c.name, from: c.type, to: typeB.get(c.name)! })),
      },
      rowChange: sideB.rows - sideA.rows,
      drift,
    };
  } finally {
    await data.close();
    if (!workers) await pool.close();
  }
}
