// The project file's schema as an ordered list of migrations; step i brings `PRAGMA user_version` from i to i + 1.
import { PlumbError } from '../../shared/errors.js';
import type { Db } from './db.js';

/** 'PLMB': marks a SQLite file as a Plumb project (PRAGMA application_id). */
export const PLUMB_APPLICATION_ID = 0x504c4d42;

/** Never edit a step that has shipped: append a new one. */
export const migrations: readonly string[] = [
  /* 1: the first schema */ `
  -- Content-addressed bytes: datasets, model artifacts and cached node outputs all point here, so the
  -- same bytes are stored once. A rowid table on purpose: large rows do not belong in a WITHOUT ROWID b-tree.
  CREATE TABLE blobs (
    id         INTEGER PRIMARY KEY,
    hash       TEXT    NOT NULL UNIQUE,          -- sha256, lowercase hex
    size       INTEGER NOT NULL,
    bytes      BLOB    NOT NULL,
    created_at TEXT    NOT NULL
  );

  CREATE TABLE pipelines (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );

  -- Saving appends a version; nothing is ever overwritten.
  CREATE TABLE pipeline_versions (
    pipeline_id INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CHECK (version >= 1),
    yaml        TEXT    NOT NULL,
    layout      TEXT,                            -- json
    saved_at    TEXT    NOT NULL,
    message     TEXT,
    PRIMARY KEY (pipeline_id, version)
  );

  CREATE TABLE runs (
    id               TEXT PRIMARY KEY,
    pipeline_id      INTEGER,
    pipeline_version INTEGER,
    pipeline_name    TEXT NOT NULL,              -- kept when the pipeline is deleted
    params           TEXT NOT NULL DEFAULT '{}', -- json
    overrides        TEXT NOT NULL DEFAULT '{}', -- json: --set node.param=value
    status           TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'gate_failed', 'cancelled', 'interrupted')),
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    seconds          REAL,
    error            TEXT,
    FOREIGN KEY (pipeline_id, pipeline_version) REFERENCES pipeline_versions(pipeline_id, version) ON DELETE SET NULL
  );
  CREATE INDEX runs_by_pipeline ON runs(pipeline_name, started_at);
  CREATE INDEX runs_by_version ON runs(pipeline_id, pipeline_version);
  CREATE INDEX runs_running ON runs(status) WHERE status = 'running';

  CREATE TABLE run_nodes (
    run_id    TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    node_id   TEXT NOT NULL,
    position  INTEGER NOT NULL,                  -- the node's place in the pipeline, for listing
    type      TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cached', 'skipped', 'cancelled', 'interrupted')),
    seconds   REAL,
    error     TEXT,
    cache_key TEXT,
    progress  REAL,
    PRIMARY KEY (run_id, node_id)
  ) WITHOUT ROWID;

  -- The engine's OutputCache. An entry is written whole in one transaction, so it exists with all its
  -- ports or not at all; a node with no output ports still has an entry.
  CREATE TABLE cache_entries (
    cache_key  TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE node_outputs (
    cache_key TEXT NOT NULL REFERENCES cache_entries(cache_key) ON DELETE CASCADE,
    port      TEXT NOT NULL,
    blob_hash TEXT NOT NULL REFERENCES blobs(hash),
    PRIMARY KEY (cache_key, port)
  ) WITHOUT ROWID;
  CREATE INDEX node_outputs_by_blob ON node_outputs(blob_hash);

  CREATE TABLE datasets (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE dataset_versions (
    id         INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1),
    blob_hash  TEXT    NOT NULL REFERENCES blobs(hash),
    format     TEXT    NOT NULL,                 -- csv | parquet | ...
    row_count  INTEGER,
    schema     TEXT,                             -- json: columns and types
    source     TEXT,                             -- where the bytes came from (path, URL, node)
    run_id     TEXT REFERENCES runs(id) ON DELETE SET NULL,
    node_id    TEXT,
    created_at TEXT    NOT NULL,
    UNIQUE (dataset_id, version),
    UNIQUE (dataset_id, blob_hash)               -- the same content is the same version
  );
  CREATE INDEX dataset_versions_by_blob ON dataset_versions(blob_hash);
  CREATE INDEX dataset_versions_by_run ON dataset_versions(run_id);

  CREATE TABLE models (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE model_versions (
    id         INTEGER PRIMARY KEY,
    model_id   INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1),
    blob_hash  TEXT    NOT NULL REFERENCES blobs(hash),
    type       TEXT    NOT NULL,                 -- the node type that trained it
    metrics    TEXT,                             -- json
    run_id     TEXT REFERENCES runs(id) ON DELETE SET NULL,
    node_id    TEXT,
    created_at TEXT    NOT NULL,
    UNIQUE (model_id, version),
    UNIQUE (model_id, blob_hash)
  );
  CREATE INDEX model_versions_by_blob ON model_versions(blob_hash);
  CREATE INDEX model_versions_by_run ON model_versions(run_id);
  -- Lineage: which dataset versions a model version was trained / validated / tested on.
  CREATE TABLE model_version_datasets (
    model_version_id   INTEGER NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
    dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions(id) ON DELETE CASCADE,
    role               TEXT    NOT NULL,
    PRIMARY KEY (model_version_id, dataset_version_id, role)
  ) WITHOUT ROWID;
  CREATE INDEX model_version_datasets_by_dataset ON model_version_datasets(dataset_version_id);
  -- As in MLflow: an alias names one version of one model; moving it is an update, deleting the version drops it.
  CREATE TABLE model_aliases (
    model_id   INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    alias      TEXT    NOT NULL,
    version_id INTEGER NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
    PRIMARY KEY (model_id, alias)
  ) WITHOUT ROWID;
  CREATE INDEX model_aliases_by_version ON model_aliases(version_id);

  -- What nodes of a run produced, one row per node (series: per port), replaced when written again.
  CREATE TABLE metrics (
    run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    node_id    TEXT NOT NULL,
    value      TEXT NOT NULL,                    -- json
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, node_id)
  ) WITHOUT ROWID;
  CREATE TABLE series (
    run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    node_id    TEXT NOT NULL,
    port       TEXT NOT NULL,
    points     TEXT NOT NULL,                    -- json array of SeriesPoint
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, node_id, port)
  );
  CREATE TABLE explanations (
    run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    node_id    TEXT NOT NULL,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, node_id)
  );
  CREATE TABLE drift_reports (
    run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    node_id    TEXT NOT NULL,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, node_id)
  );

  CREATE TABLE alerts (
    id           INTEGER PRIMARY KEY,
    created_at   TEXT    NOT NULL,
    level        TEXT    NOT NULL CHECK (level IN ('info', 'warning', 'error')),
    message      TEXT    NOT NULL,
    run_id       TEXT REFERENCES runs(id) ON DELETE SET NULL,
    node_id      TEXT,
    acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1))
  );
  CREATE INDEX alerts_open ON alerts(created_at) WHERE acknowledged = 0;
  CREATE INDEX alerts_by_run ON alerts(run_id);
  `,
  /* 2: alerts remember their rule, evidence and the retraining run they started */ `
  ALTER TABLE alerts ADD COLUMN rule             TEXT;
  ALTER TABLE alerts ADD COLUMN evidence         TEXT;   -- json: the values the rule read
  ALTER TABLE alerts ADD COLUMN retrain_pipeline TEXT;
  ALTER TABLE alerts ADD COLUMN retrain_run_id   TEXT REFERENCES runs(id) ON DELETE SET NULL;
  CREATE INDEX alerts_by_retrain_run ON alerts(retrain_run_id);
  `,
  /* 3: complete run records (pipeline hash, effective params, backend, version, note, tags, scalar metrics, datasets
        read) and a model registry with signatures, lineage snapshots and a log of alias moves */ `
  ALTER TABLE runs ADD COLUMN pipeline_hash   TEXT;   -- sha256 of the pipeline version's YAML (null for older runs)
  ALTER TABLE runs ADD COLUMN compute_backend TEXT;
  ALTER TABLE runs ADD COLUMN plumb_version   TEXT;
  ALTER TABLE runs ADD COLUMN note            TEXT;
  ALTER TABLE run_nodes ADD COLUMN params     TEXT;   -- json: the node's effective params (defaults filled in)

  CREATE TABLE run_tags (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    tag    TEXT NOT NULL,
    PRIMARY KEY (run_id, tag)
  ) WITHOUT ROWID;
  CREATE INDEX run_tags_by_tag ON run_tags(tag, run_id);

  -- Scalar metrics flattened out of the metrics table (one row per number), so the runs list can sort and
  -- filter on any metric in SQL. Written with the metrics row it came from.
  CREATE TABLE run_metrics (
    run_id  TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    key     TEXT NOT NULL,                         -- e.g. 'roc_auc', 'difference.value'
    value   REAL NOT NULL,
    PRIMARY KEY (run_id, node_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX run_metrics_by_key ON run_metrics(node_id, key, value);
  INSERT INTO run_metrics (run_id, node_id, key, value)
    SELECT m.run_id, m.node_id, j.key, j.value FROM metrics m, json_each(m.value) j
    WHERE json_valid(m.value) AND json_type(m.value) = 'object' AND j.type IN ('integer', 'real');

  -- Every dataset version a run read (dataset_versions.run_id only names the run that first stored it).
  CREATE TABLE run_datasets (
    run_id             TEXT    NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    node_id            TEXT    NOT NULL,
    dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions(id) ON DELETE CASCADE,
    PRIMARY KEY (run_id, node_id)
  ) WITHOUT ROWID;
  CREATE INDEX run_datasets_by_version ON run_datasets(dataset_version_id);
  INSERT OR IGNORE INTO run_datasets (run_id, node_id, dataset_version_id)
    SELECT run_id, coalesce(node_id, ''), id FROM dataset_versions WHERE run_id IS NOT NULL;

  -- What a version was, kept with it so its lineage outlives the run and the pipeline it came from.
  ALTER TABLE model_versions ADD COLUMN params           TEXT;     -- json: the trainer's effective params
  ALTER TABLE model_versions ADD COLUMN signature        TEXT;     -- json: input columns, types, target, task, classes
  ALTER TABLE model_versions ADD COLUMN explanation      TEXT;     -- json: top features, when the run explained it
  ALTER TABLE model_versions ADD COLUMN pipeline_name    TEXT;
  ALTER TABLE model_versions ADD COLUMN pipeline_version INTEGER;
  ALTER TABLE model_versions ADD COLUMN pipeline_hash    TEXT;

  -- Every alias move (MLflow keeps none): rollback is a move back to an earlier version.
  CREATE TABLE model_alias_log (
    id           INTEGER PRIMARY KEY,
    model_id     INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    alias        TEXT    NOT NULL,
    from_version INTEGER,                          -- null: the alias is new
    to_version   INTEGER,                          -- null: the alias was deleted
    moved_at     TEXT    NOT NULL,
    note         TEXT
  );
  CREATE INDEX model_alias_log_by_model ON model_alias_log(model_id, alias, id);
  `,
  /* 4: predictions served by `plumb serve`, for data.prediction_log */ `
  CREATE TABLE prediction_log (
    id            INTEGER PRIMARY KEY,
    served_at     TEXT    NOT NULL,                -- ISO-8601, when the request arrived
    model         TEXT    NOT NULL,                -- the served name
    model_version TEXT    NOT NULL,
    latency_ms    REAL    NOT NULL,
    request_key   TEXT,                            -- "key" / X-Plumb-Key, to join labels that arrive later
    inputs        TEXT    NOT NULL,                -- json object: column -> value, as requested
    prediction    TEXT    NOT NULL,                -- json: class label or value
    probabilities TEXT                             -- json object: class -> probability (classifiers)
  );
  CREATE INDEX prediction_log_by_model ON prediction_log(model, model_version, served_at);
  `,
  /* 5: dataset versions profiled (column stats), and versions above the blob cap kept as a sample, as DVC does for
     external data: the content hash and stats identify the version, the source path says where the bytes are */ `
  ALTER TABLE dataset_versions ADD COLUMN stats TEXT;                       -- json: ColumnStats[] of the whole content
  ALTER TABLE dataset_versions ADD COLUMN content_hash TEXT;                -- sha256 of the whole content (null: = blob_hash)
  ALTER TABLE dataset_versions ADD COLUMN sample_rows INTEGER;              -- null: the blob is the whole content
  CREATE UNIQUE INDEX dataset_versions_by_content ON dataset_versions(dataset_id, content_hash) WHERE content_hash IS NOT NULL;
  `,
  /* 6: the component library: components saved to be reused by any pipeline of the project (SPEC §3) */ `
  CREATE TABLE component_library (
    name     TEXT PRIMARY KEY,
    yaml     TEXT NOT NULL,                    -- a pipeline document holding just this component
    saved_at TEXT NOT NULL
  );
  `,
];

export const LATEST_SCHEMA = migrations.length;

/**
 * Brings the file up to `steps.length`, one transaction per step, so a crash mid-upgrade leaves the
 * file at the last whole step. `PRAGMA user_version` lives in the header page and commits with the step.
 */
export function migrate(db: Db, file: string, steps: readonly string[] = migrations): number {
  const from = userVersion(db);
  if (from > steps.length) throw newerFileError(file, from, steps.length);
  for (let version = from + 1; version <= steps.length; version++) {
    db.transaction(() => {
      // Re-read inside the write lock: another process may have run this step since we looked.
      if (userVersion(db) >= version) return;
      db.exec(steps[version - 1]);
      if (version === 1) db.pragma(`application_id = ${PLUMB_APPLICATION_ID}`);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
  return userVersion(db);
}

export const userVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

export const newerFileError = (file: string, found: number, known: number): PlumbError =>
  new PlumbError(
    'invalid_input',
    `project file was written by a newer version of Plumb (schema ${found}; this version reads up to ${known}): update Plumb to open it`,
    { file },
  );
