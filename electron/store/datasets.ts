// Dataset versions: named, numbered versions of table bytes (CSV, Parquet) stored once by content hash. Content
// above the project's blob cap is versioned as DVC versions external data: by its hash, its column stats and a
// sample of its rows, with the source path saying where the whole of it lives.
import { PlumbError } from '../../shared/errors.js';
import { requireBlobBytes } from './blob-files.js';
import { blobWriter, sha256 } from './blobs.js';
import { fromJson, read, toJson, withKnownRun, write, type StoreContext } from './db.js';

export interface DatasetVersionInput {
  name: string;
  /** The whole content, stored in the project (give this or `external`). */
  bytes?: Uint8Array;
  /** Content above the blob cap: its sha256 and a sample of its rows (same format), stored instead of it. */
  external?: { hash: string; sample: Uint8Array; sampleRows: number };
  /** 'csv', 'parquet', ...: how to read the bytes back. */
  format: string;
  rowCount?: number;
  /** Columns and their types, as the data layer describes them. */
  schema?: unknown;
  /** Where the bytes came from: a path, a URL, a node. */
  source?: string;
  runId?: string;
  nodeId?: string;
  /** Column stats of the whole content (JSON), as the data layer computes them. */
  stats?: unknown;
}

export interface DatasetVersion {
  id: number;
  name: string;
  version: number;
  /** sha256 of the whole content: the version's identity */
  hash: string;
  /** bytes stored in the project: the whole content, or the sample when `sampleRows` is set */
  size: number;
  format: string;
  rowCount: number | null;
  schema: unknown;
  source: string | null;
  runId: string | null;
  nodeId: string | null;
  createdAt: string;
  stats: unknown;
  /** null: the stored bytes are the whole content; else they are a sample of this many rows (the rest is at `source`) */
  sampleRows: number | null;
}

export interface DatasetSummary {
  name: string;
  createdAt: string;
  latestVersion: number;
}

export interface Datasets {
  /**
   * Adds a version, or returns the existing version of this dataset with the same bytes (`created: false`); either
   * way the run (when given) is recorded as having read it.
   */
  addVersion(input: DatasetVersionInput): DatasetVersion & { created: boolean };
  list(): DatasetSummary[];
  versions(name: string): DatasetVersion[];
  /** The given version (default latest); throws invalid_input when missing. */
  get(name: string, version?: number): DatasetVersion;
  byId(id: number): DatasetVersion | undefined;
  /** The stored bytes: the whole content, or its sample when the version has `sampleRows`. */
  bytes(id: number): Uint8Array;
  /** The dataset versions a run read, in node order. */
  readBy(runId: string): (DatasetVersion & { readBy: string })[];
  /** A version of any dataset with this content hash that has its column stats, if one exists. */
  profiled(hash: string): DatasetVersion | undefined;
  /** Ids of the runs that read a version, oldest first. */
  runsOf(versionId: number): string[];
}

const VERSION_COLUMNS = `
  v.id, d.name, v.version, coalesce(v.content_hash, v.blob_hash) AS hash, b.size, v.format, v.row_count AS rowCount, v.schema,
  v.source, v.run_id AS runId, v.node_id AS nodeId, v.created_at AS createdAt, v.stats, v.sample_rows AS sampleRows
  FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id JOIN blobs b ON b.hash = v.blob_hash`;

export function datasetsOf(context: StoreContext): Datasets {
  const { db, path, now } = context;
  const storeBlob = blobWriter(context);
  const selectId = db.prepare('SELECT id FROM datasets WHERE name = ?').pluck();
  const insertDataset = db.prepare('INSERT INTO datasets (name, created_at) VALUES (?, ?)');
  const selectByHash = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE v.dataset_id = ? AND coalesce(v.content_hash, v.blob_hash) = ?`);
  const nextVersion = db
    .prepare('SELECT coalesce(max(version), 0) + 1 FROM dataset_versions WHERE dataset_id = ?')
    .pluck();
  const insertVersion = db.prepare(`
    INSERT INTO dataset_versions (dataset_id, version, blob_hash, content_hash, sample_rows, format, row_count, schema, stats, source, run_id, node_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const fillProfile = db.prepare(
    'UPDATE dataset_versions SET row_count = coalesce(row_count, ?), schema = coalesce(schema, ?), stats = coalesce(stats, ?) WHERE id = ?',
  );
  const selectById = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE v.id = ?`);
  const selectProfiled = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE coalesce(v.content_hash, v.blob_hash) = ? AND v.stats IS NOT NULL LIMIT 1`);
  const selectVersions = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE d.name = ? ORDER BY v.version`);
  const selectVersion = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE d.name = ? AND v.version = ?`);
  const selectLatest = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE d.name = ? ORDER BY v.version DESC LIMIT 1`);
  const selectSummaries = db.prepare(`
    SELECT d.name, d.created_at AS createdAt, max(v.version) AS latestVersion
    FROM datasets d JOIN dataset_versions v ON v.dataset_id = d.id GROUP BY d.id ORDER BY d.name`);
  const linkRun = db.prepare(
    'INSERT OR REPLACE INTO run_datasets (run_id, node_id, dataset_version_id) VALUES (?, ?, ?)',
  );
  const selectReadBy = db.prepare(`SELECT rd.node_id AS readBy, ${VERSION_COLUMNS} JOIN run_datasets rd ON rd.dataset_version_id = v.id
    WHERE rd.run_id = ? ORDER BY rd.node_id`);
  const selectRunsOf = db.prepare(`SELECT rd.run_id FROM run_datasets rd JOIN runs r ON r.id = rd.run_id
    WHERE rd.dataset_version_id = ? GROUP BY rd.run_id ORDER BY min(r.started_at), min(r.rowid)`).pluck();
  const selectBytes = db
    .prepare('SELECT b.hash, b.bytes, b.size FROM dataset_versions v JOIN blobs b ON b.hash = v.blob_hash WHERE v.id = ?');

  const rowOf = (row: unknown): DatasetVersion | undefined => {
    if (row === undefined) return undefined;
    const r = row as DatasetVersion & { schema: string | null; stats: string | null };
    return { ...r, schema: fromJson(r.schema), stats: fromJson(r.stats) };
  };

  return {
    addVersion(input) {
      if (input.name.trim() === '') throw new PlumbError('invalid_input', 'dataset name must not be empty');
      const { bytes, external } = input;
      if ((bytes === undefined) === (external === undefined)) throw new PlumbError('invalid_input', 'a dataset version takes either its bytes or an external hash with a sample');
      const hash = bytes ? sha256(bytes) : external!.hash;
      return withKnownRun(path, input.runId ?? '', () => write(db, () => {
        const datasetId =
          (selectId.get(input.name) as number | undefined) ?? Number(insertDataset.run(input.name, now()).lastInsertRowid);
        const existing = rowOf(selectByHash.get(datasetId, hash));
        if (existing) {
          // Versions recorded before profiling existed get their row count, schema and stats now.
          fillProfile.run(input.rowCount ?? null, toJson(input.schema), toJson(input.stats), existing.id);
          if (input.runId) linkRun.run(input.runId, input.nodeId ?? '', existing.id);
          return { ...(rowOf(selectById.get(existing.id)) as DatasetVersion), created: false };
        }
        const blob = bytes ?? external!.sample;
        const blobHash = bytes ? hash : sha256(blob);
        storeBlob(blobHash, blob);
        const version = nextVersion.get(datasetId) as number;
        const id = insertVersion.run(
          datasetId, version, blobHash, hash, external ? external.sampleRows : null, input.format, input.rowCount ?? null, toJson(input.schema),
          toJson(input.stats), input.source ?? null, input.runId ?? null, input.nodeId ?? null, now(),
        ).lastInsertRowid;
        if (input.runId) linkRun.run(input.runId, input.nodeId ?? '', id);
        return { ...(rowOf(selectById.get(id)) as DatasetVersion), created: true };
      }));
    },
    list: () => selectSummaries.all() as DatasetSummary[],
    versions: (name) => selectVersions.all(name).map((row) => rowOf(row) as DatasetVersion),
    get(name, version) {
      const row = rowOf(version === undefined ? selectLatest.get(name) : selectVersion.get(name, version));
      if (!row) {
        const what = version === undefined ? '' : ` version ${version}`;
        throw new PlumbError('invalid_input', `no dataset '${name}'${what} in this project`, { file: path });
      }
      return row;
    },
    byId: (id) => rowOf(selectById.get(id)),
    profiled: (hash) => rowOf(selectProfiled.get(hash)),
    readBy: (runId) => selectReadBy.all(runId).map((row) => rowOf(row) as DatasetVersion & { readBy: string }),
    runsOf: (versionId) => selectRunsOf.all(versionId) as string[],
    bytes(id) {
      const row = read(db, () => selectBytes.get(id)) as { hash: string; bytes: Uint8Array; size: number } | undefined;
      if (row === undefined) throw new PlumbError('invalid_input', `no dataset version with id ${id}`, { file: path });
      return requireBlobBytes(context, row.hash, row.bytes, row.size);
    },
  };
}
