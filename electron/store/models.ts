// The model registry: numbered versions of trained model files with their lineage, and MLflow-style aliases.
import { PlumbError } from '../../shared/errors.js';
import { requireBlobBytes } from './blob-files.js';
import { blobWriter, sha256 } from './blobs.js';
import { fromJson, read, toJson, write, type StoreContext } from './db.js';

export interface ModelVersionInput {
  name: string;
  /** The Plumb model file (JSON bytes). */
  bytes: Uint8Array;
  /** The node type that trained it, e.g. `model.gradient_boosting`. */
  type: string;
  metrics?: unknown;
  runId?: string;
  nodeId?: string;
  /** Dataset versions it was trained, validated or tested on. */
  datasets?: readonly { versionId: number; role: string }[];
  /** The trainer's effective params. */
  params?: unknown;
  /** What it reads and predicts: columns with types, target, task, classes. */
  signature?: unknown;
  /** A summary of how the run explained it (top features), when it did. */
  explanation?: unknown;
  /** The pipeline version the run ran, kept so lineage outlives the run. */
  pipeline?: { name: string; version?: number; hash?: string };
  /** Points this alias at the new version in the same transaction (logged with `note`). */
  alias?: string;
  note?: string;
}

export interface AliasMove {
  alias: string;
  /** null: the alias was new. */
  from: number | null;
  /** null: the alias was deleted. */
  to: number | null;
  movedAt: string;
  note: string | null;
}

export interface ModelVersion {
  id: number;
  name: string;
  version: number;
  hash: string;
  size: number;
  type: string;
  metrics: unknown;
  runId: string | null;
  nodeId: string | null;
  createdAt: string;
  aliases: string[];
  datasets: { versionId: number; name: string; version: number; role: string; hash: string; rowCount: number | null; source: string | null }[];
  params: unknown;
  signature: unknown;
  explanation: unknown;
  pipeline: { name: string; version: number | null; hash: string | null } | null;
}

export interface ModelSummary {
  name: string;
  createdAt: string;
  latestVersion: number;
  /** alias → version number */
  aliases: Record<string, number>;
}

/** `name`, `name@latest`, `name@3`, `name@v3` or `name@champion`. */
export type ModelRef = { name: string; version: number } | { name: string; alias: string } | { name: string };

export interface Models {
  /**
   * Adds a version; registering bytes this model already has returns that version (`created: false`)
   * with its original lineage, so re-running a cached training node does not multiply versions.
   */
  register(input: ModelVersionInput): ModelVersion & { created: boolean };
  list(): ModelSummary[];
  versions(name: string): ModelVersion[];
  /** Points the alias at the version, moving it if it pointed elsewhere (one alias names one version); logged. */
  setAlias(name: string, alias: string, version: number, note?: string): AliasMove;
  deleteAlias(name: string, alias: string, note?: string): void;
  /** Moves the alias back to the version it named before its last move; logged like any move. */
  rollbackAlias(name: string, alias: string, note?: string): AliasMove;
  /** Every move of the model's aliases (or of one), oldest first. */
  aliasLog(name: string, alias?: string): AliasMove[];
  /** Versions registered from a run's outputs. */
  fromRun(runId: string): { name: string; version: number; node: string | null }[];
  /** Throws invalid_input naming what was missing. */
  resolve(ref: string): ModelVersion;
  artifact(ref: string): Uint8Array;
}

export function parseModelRef(ref: string): ModelRef {
  const at = ref.indexOf('@');
  if (at < 0) return { name: ref };
  const name = ref.slice(0, at);
  const selector = ref.slice(at + 1);
  const numbered = /^[vV]?(\d+)$/.exec(selector);
  if (numbered) return { name, version: Number(numbered[1]) };
  if (selector.toLowerCase() === 'latest') return { name };
  return { name, alias: selector };
}

const ALIAS = /^[A-Za-z0-9_-]{1,255}$/;

/** MLflow's rules, plus plain numbers, which `name@3` reads as a version. */
export function checkAlias(alias: string): void {
  if (!ALIAS.test(alias)) {
    throw new PlumbError('invalid_input', `alias '${alias}' may only contain letters, digits, '_' and '-' (1 to 255)`);
  }
  if (alias.toLowerCase() === 'latest' || /^[vV]?\d+$/.test(alias)) {
    throw new PlumbError('invalid_input', `alias '${alias}' is reserved: it reads as a version`);
  }
}

function checkModelName(name: string): void {
  if (name.trim() === '' || name !== name.trim() || /[@:]/.test(name)) {
    throw new PlumbError('invalid_input', `model name '${name}' must be non-empty, without surrounding spaces, '@' or ':'`);
  }
}

const VERSION_COLUMNS = `
  v.id, m.name, v.version, v.blob_hash AS hash, b.size, v.type, v.metrics, v.run_id AS runId,
  v.node_id AS nodeId, v.created_at AS createdAt, v.params, v.signature, v.explanation,
  v.pipeline_name AS pipelineName, v.pipeline_version AS pipelineVersion, v.pipeline_hash AS pipelineHash
  FROM model_versions v JOIN models m ON m.id = v.model_id JOIN blobs b ON b.hash = v.blob_hash`;

type JsonColumn = 'metrics' | 'params' | 'signature' | 'explanation';
type VersionRow = Omit<ModelVersion, 'aliases' | 'datasets' | 'pipeline' | JsonColumn> & { [K in JsonColumn]: string | null } & {
  pipelineName: string | null;
  pipelineVersion: number | null;
  pipelineHash: string | null;
};

export function modelsOf(context: StoreContext): Models {
  const { db, path, now } = context;
  const storeBlob = blobWriter(context);
  const selectModelId = db.prepare('SELECT id FROM models WHERE name = ?').pluck();
  const insertModel = db.prepare('INSERT INTO models (name, created_at) VALUES (?, ?)');
  const selectByHash = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE v.model_id = ? AND v.blob_hash = ?`);
  const nextVersion = db.prepare('SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE model_id = ?').pluck();
  const insertVersion = db.prepare(`
    INSERT INTO model_versions (model_id, version, blob_hash, type, metrics, run_id, node_id, created_at,
      params, signature, explanation, pipeline_name, pipeline_version, pipeline_hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertLineage = db.prepare(
    'INSERT OR IGNORE INTO model_version_datasets (model_version_id, dataset_version_id, role) VALUES (?, ?, ?)',
  );
  const selectById = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE v.id = ?`);
  const selectVersion = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE m.name = ? AND v.version = ?`);
  const selectLatest = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE m.name = ? ORDER BY v.version DESC LIMIT 1`);
  const selectByAlias = db.prepare(
    `SELECT ${VERSION_COLUMNS} JOIN model_aliases a ON a.version_id = v.id WHERE m.name = ? AND a.alias = ?`,
  );
  const selectVersions = db.prepare(`SELECT ${VERSION_COLUMNS} WHERE m.name = ? ORDER BY v.version`);
  const selectAliases = db.prepare('SELECT alias FROM model_aliases WHERE version_id = ? ORDER BY alias').pluck();
  const selectLineage = db.prepare(`
    SELECT l.dataset_version_id AS versionId, d.name, dv.version, l.role, dv.blob_hash AS hash,
      dv.row_count AS rowCount, dv.source
    FROM model_version_datasets l JOIN dataset_versions dv ON dv.id = l.dataset_version_id
    JOIN datasets d ON d.id = dv.dataset_id WHERE l.model_version_id = ? ORDER BY l.role, d.name`);
  const selectSummaries = db.prepare(`
    SELECT m.id, m.name, m.created_at AS createdAt, max(v.version) AS latestVersion
    FROM models m JOIN model_versions v ON v.model_id = m.id GROUP BY m.id ORDER BY m.name`);
  const selectModelAliases = db.prepare(`
    SELECT a.alias, v.version FROM model_aliases a JOIN model_versions v ON v.id = a.version_id
    WHERE a.model_id = ? ORDER BY a.alias`);
  const upsertAlias = db.prepare(`
    INSERT INTO model_aliases (model_id, alias, version_id) VALUES (?, ?, ?)
    ON CONFLICT (model_id, alias) DO UPDATE SET version_id = excluded.version_id`);
  const runExists = db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck();
  const datasetVersionExists = db.prepare('SELECT 1 FROM dataset_versions WHERE id = ?').pluck();
  const selectArtifact = db.prepare('SELECT bytes, size FROM blobs WHERE hash = ?');
  const deleteAliasRow = db.prepare(
    'DELETE FROM model_aliases WHERE alias = ? AND model_id = (SELECT id FROM models WHERE name = ?)',
  );
  const selectAliasVersion = db.prepare(`
    SELECT v.version FROM model_aliases a JOIN model_versions v ON v.id = a.version_id
    WHERE a.model_id = ? AND a.alias = ?`).pluck();
  const insertMove = db.prepare(
    'INSERT INTO model_alias_log (model_id, alias, from_version, to_version, moved_at, note) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectLastMove = db.prepare(`
    SELECT alias, from_version AS "from", to_version AS "to", moved_at AS movedAt, note FROM model_alias_log
    WHERE model_id = ? AND alias = ? ORDER BY id DESC LIMIT 1`);
  const selectFromRun = db.prepare(`
    SELECT m.name, v.version, v.node_id AS node FROM model_versions v JOIN models m ON m.id = v.model_id
    WHERE v.run_id = ? ORDER BY m.name, v.version`);
  const selectMoves = db.prepare(`
    SELECT alias, from_version AS "from", to_version AS "to", moved_at AS movedAt, note FROM model_alias_log
    WHERE model_id = @modelId AND (@alias IS NULL OR alias = @alias) ORDER BY id`);

  const full = (row: unknown): ModelVersion | undefined => {
    if (row === undefined) return undefined;
    const { pipelineName, pipelineVersion, pipelineHash, ...r } = row as VersionRow;
    return {
      ...r,
      metrics: fromJson(r.metrics),
      params: fromJson(r.params),
      signature: fromJson(r.signature),
      explanation: fromJson(r.explanation),
      pipeline: pipelineName === null ? null : { name: pipelineName, version: pipelineVersion, hash: pipelineHash },
      aliases: selectAliases.all(r.id) as string[],
      datasets: selectLineage.all(r.id) as ModelVersion['datasets'],
    };
  };

  /** Inside a write transaction: points the alias at the version id and logs the move. */
  const moveAlias = (modelId: number, alias: string, target: { id: number; version: number }, note?: string): AliasMove => {
    const from = (selectAliasVersion.get(modelId, alias) as number | undefined) ?? null;
    upsertAlias.run(modelId, alias, target.id);
    const movedAt = now();
    insertMove.run(modelId, alias, from, target.version, movedAt, note ?? null);
    return { alias, from, to: target.version, movedAt, note: note ?? null };
  };

  const requireModel = (name: string): number => {
    const id = selectModelId.get(name) as number | undefined;
    if (id === undefined) throw new PlumbError('invalid_input', `no model named '${name}' in this project`, { file: path });
    return id;
  };

  const resolve = (ref: string): ModelVersion =>
    read(db, () => {
      const parsed = parseModelRef(ref);
      requireModel(parsed.name);
      if ('version' in parsed) {
        const found = full(selectVersion.get(parsed.name, parsed.version));
        if (!found) throw new PlumbError('invalid_input', `model '${parsed.name}' has no version ${parsed.version}`, { file: path });
        return found;
      }
      if ('alias' in parsed) {
        const found = full(selectByAlias.get(parsed.name, parsed.alias));
        if (!found) throw new PlumbError('invalid_input', `model '${parsed.name}' has no alias '${parsed.alias}'`, { file: path });
        return found;
      }
      return full(selectLatest.get(parsed.name)) as ModelVersion;
    });

  return {
    register(input) {
      checkModelName(input.name);
      if (input.alias !== undefined) checkAlias(input.alias);
      const hash = sha256(input.bytes);
      return write(db, () => {
        const modelId =
          (selectModelId.get(input.name) as number | undefined) ?? Number(insertModel.run(input.name, now()).lastInsertRowid);
        const existing = full(selectByHash.get(modelId, hash));
        if (existing) {
          if (input.alias !== undefined) moveAlias(modelId, input.alias, existing, input.note);
          return { ...(full(selectById.get(existing.id)) as ModelVersion), created: false };
        }
        if (input.runId !== undefined && runExists.get(input.runId) === undefined) {
          throw new PlumbError('runtime', `no run '${input.runId}' in this project`, { file: path, node: input.nodeId });
        }
        for (const { versionId } of input.datasets ?? []) {
          if (datasetVersionExists.get(versionId) === undefined) {
            throw new PlumbError('runtime', `no dataset version with id ${versionId} in this project`, { file: path });
          }
        }
        storeBlob(hash, input.bytes);
        const version = nextVersion.get(modelId) as number;
        const { pipeline } = input;
        const id = Number(
          insertVersion.run(
            modelId, version, hash, input.type, toJson(input.metrics), input.runId ?? null, input.nodeId ?? null, now(),
            toJson(input.params), toJson(input.signature), toJson(input.explanation),
            pipeline?.name ?? null, pipeline?.version ?? null, pipeline?.hash ?? null,
          ).lastInsertRowid,
        );
        for (const { versionId, role } of input.datasets ?? []) insertLineage.run(id, versionId, role);
        if (input.alias !== undefined) moveAlias(modelId, input.alias, { id, version }, input.note);
        return { ...(full(selectById.get(id)) as ModelVersion), created: true };
      });
    },
    list: () =>
      read(db, () =>
        (selectSummaries.all() as (Omit<ModelSummary, 'aliases'> & { id: number })[]).map(({ id, ...model }) => ({
          ...model,
          aliases: Object.fromEntries(
            (selectModelAliases.all(id) as { alias: string; version: number }[]).map((a) => [a.alias, a.version]),
          ),
        })),
      ),
    versions: (name) =>
      read(db, () => {
        requireModel(name);
        return selectVersions.all(name).map((row) => full(row) as ModelVersion);
      }),
    setAlias(name, alias, version, note) {
      checkAlias(alias);
      return write(db, () => {
        const modelId = requireModel(name);
        const target = selectVersion.get(name, version) as VersionRow | undefined;
        if (!target) throw new PlumbError('invalid_input', `model '${name}' has no version ${version}`, { file: path });
        return moveAlias(modelId, alias, target, note);
      });
    },
    deleteAlias(name, alias, note) {
      write(db, () => {
        const modelId = requireModel(name);
        const from = selectAliasVersion.get(modelId, alias) as number | undefined;
        if (from === undefined || deleteAliasRow.run(alias, name).changes === 0) {
          throw new PlumbError('invalid_input', `model '${name}' has no alias '${alias}'`, { file: path });
        }
        insertMove.run(modelId, alias, from, null, now(), note ?? null);
      });
    },
    rollbackAlias(name, alias, note) {
      return write(db, () => {
        const modelId = requireModel(name);
        const last = selectLastMove.get(modelId, alias) as AliasMove | undefined;
        if (!last) throw new PlumbError('invalid_input', `model '${name}' has no alias '${alias}'`, { file: path });
        if (last.from === null) {
          throw new PlumbError('invalid_input', `alias '${alias}' of model '${name}' named no version before version ${last.to}`, { file: path });
        }
        const target = selectVersion.get(name, last.from) as VersionRow | undefined;
        if (!target) throw new PlumbError('invalid_input', `model '${name}' has no version ${last.from} any more`, { file: path });
        return moveAlias(modelId, alias, target, note ?? `rollback from version ${last.to ?? '(deleted)'}`);
      });
    },
    fromRun: (runId) => selectFromRun.all(runId) as { name: string; version: number; node: string | null }[],
    aliasLog: (name, alias) =>
      read(db, () => selectMoves.all({ modelId: requireModel(name), alias: alias ?? null }) as AliasMove[]),
    resolve,
    artifact(ref) {
      return read(db, () => {
        const hash = resolve(ref).hash;
        const row = selectArtifact.get(hash) as { bytes: Uint8Array; size: number };
        return requireBlobBytes(context, hash, row.bytes, row.size);
      });
    },
  };
}
