// Dataset versions: named, numbered versions of table bytes (CSV, Parquet) stored once by content hash.
import { PlumbError } from '../../shared/errors.js';
import { requireBlobBytes } from './blob-files.js';
import { blobWriter, sha256 } from './blobs.js';
import { fromJson, read, toJson, withKnownRun, write, type StoreContext } from './db.js';

export interface DatasetVersionInput {
  name: string;
  bytes: Uint8Array;
  /** 'csv', 'parquet', ...: how to read the bytes back. */
  format: string;
  rowCount?: number;
  /** Columns and their types, as the data layer describes them. */
  schema?: unknown;
  /** Where the bytes came from: a path, a URL, a node. */
  source?: string;
  runId?: string;
  nodeId?: string;
}

export interface DatasetVersion {
  id: number;
  name: string;
  version: number;
  hash: string;
  size: number;
  format: string;
  rowCount: number | null;
  schema: unknown;
  source: string | null;
  runId: string | null;
  nodeId: string | null;
  createdAt: string;
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
  bytes(id: number): Uint8Array;
  /** The dataset versions a run read, in node order. */
  readBy(runId: string): (DatasetVersion & { readBy: string })[];
  /** Ids of the runs that read a version, oldest first. */
  runsOf(versionId: number): string[];
}

const VERSION_COLUMNS = `
  v.id, d.name, v.version, v.blob_hash AS hash, b.size, v.format, v.row_count AS rowCount, v.schema,
  v.source, v.run_id AS runId, v.node_id AS nodeId, v.created_at AS createdAt
  FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id JOIN blobs b ON b.hash = v.blob_hash`;

export function datasetsOf(context: StoreContext): Datasets {
  const { db, path, now } = context;
  const storeBlob = blobWriter(context);
  const selectId = db.prepare('SELECT id FROM datasets WHERE name = ?').pluck();
  const insertDataset = db.prepare('INSERT INTO datasets (name, created_at) VALUES (?, ?)');
  const selectByHash = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE v.dataset_id = ? AND v.blob_hash = ?`);
  const nextVersion = db
    .prepare('SELECT coalesce(max(version), 0) + 1 FROM dataset_versions WHERE dataset_id = ?')
    .pluck();
  const insertVersion = db.prepare(`
    INSERT INTO dataset_versions (dataset_id, version, blob_hash, format, row_count, schema, source, run_id, node_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const selectById = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE v.id = ?`);
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
    const r = row as DatasetVersion & { schema: string | null };
    return { ...r, schema: fromJson(r.schema) };
  };

  return {
    addVersion(input) {
      if (input.name.trim() === '') throw new PlumbError('invalid_input', 'dataset name must not be empty');
      const hash = sha256(input.bytes);
      return withKnownRun(path, input.runId ?? '', () => write(db, () => {
        const datasetId =
          (selectId.get(input.name) as number | undefined) ?? Number(insertDataset.run(input.name, now()).lastInsertRowid);
        const existing = rowOf(selectByHash.get(datasetId, hash));
        if (existing) {
          if (input.runId) linkRun.run(input.runId, input.nodeId ?? '', existing.id);
          return { ...existing, created: false };
        }
        storeBlob(hash, input.bytes);
        const version = nextVersion.get(datasetId) as number;
        const id = insertVersion.run(
          datasetId, version, hash, input.format, input.rowCount ?? null, toJson(input.schema),
          input.source ?? null, input.runId ?? null, input.nodeId ?? null, now(),
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
    readBy: (runId) => selectReadBy.all(runId).map((row) => rowOf(row) as DatasetVersion & { readBy: string }),
    runsOf: (versionId) => selectRunsOf.all(versionId) as string[],
    bytes(id) {
      const row = read(db, () => selectBytes.get(id)) as { hash: string; bytes: Uint8Array; size: number } | undefined;
      if (row === undefined) throw new PlumbError('invalid_input', `no dataset version with id ${id}`, { file: path });
      return requireBlobBytes(context, row.hash, row.bytes, row.size);
    },
  };
}
