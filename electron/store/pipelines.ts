// Pipelines in the project file: each save appends a version holding the YAML text and the editor layout.
import { PlumbError } from '../../shared/errors.js';
import { fromJson, read, toJson, write, type StoreContext } from './db.js';

export interface PipelineSummary {
  name: string;
  createdAt: string;
  latestVersion: number;
  savedAt: string;
}

export interface PipelineVersionInfo {
  version: number;
  savedAt: string;
  message: string | null;
}

export interface PipelineVersion extends PipelineVersionInfo {
  name: string;
  yaml: string;
  /** Editor state (node positions, viewport) as saved; undefined when none was. */
  layout: unknown;
}

export interface Pipelines {
  list(): PipelineSummary[];
  get(name: string): PipelineSummary | undefined;
  /** Appends a version (creating the pipeline on its first save); returns the new version number. */
  save(name: string, yaml: string, layout?: unknown, message?: string): number;
  /** Like save, but returns the latest version unchanged when its YAML and layout are the same. */
  saveIfChanged(name: string, yaml: string, layout?: unknown, message?: string): { version: number; saved: boolean };
  versions(name: string): PipelineVersionInfo[];
  /** The given version, or the latest; throws invalid_input when there is no such pipeline or version. */
  load(name: string, version?: number): PipelineVersion;
  rename(from: string, to: string): void;
  /** Deletes the pipeline and its versions; its runs stay, keeping the pipeline's name. */
  delete(name: string): void;
}

interface VersionRow {
  version: number;
  yaml: string;
  layout: string | null;
  saved_at: string;
  message: string | null;
}

export function pipelinesOf({ db, path, now }: StoreContext): Pipelines {
  const summaries = `
    SELECT p.name, p.created_at AS createdAt, v.version AS latestVersion, v.saved_at AS savedAt
    FROM pipelines p JOIN pipeline_versions v ON v.pipeline_id = p.id
    WHERE v.version = (SELECT max(version) FROM pipeline_versions WHERE pipeline_id = p.id)`;
  const selectAll = db.prepare(`${summaries} ORDER BY p.name`);
  const selectOne = db.prepare(`${summaries} AND p.name = ?`);
  const selectId = db.prepare('SELECT id FROM pipelines WHERE name = ?').pluck();
  const insertPipeline = db.prepare('INSERT INTO pipelines (name, created_at) VALUES (?, ?)');
  const nextVersion = db
    .prepare('SELECT coalesce(max(version), 0) + 1 FROM pipeline_versions WHERE pipeline_id = ?')
    .pluck();
  const insertVersion = db.prepare(
    'INSERT INTO pipeline_versions (pipeline_id, version, yaml, layout, saved_at, message) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectVersions = db.prepare(
    'SELECT version, saved_at, message FROM pipeline_versions WHERE pipeline_id = ? ORDER BY version',
  );
  const selectVersion = db.prepare(
    'SELECT version, yaml, layout, saved_at, message FROM pipeline_versions WHERE pipeline_id = ? AND version = ?',
  );
  const selectLatest = db.prepare(
    'SELECT version, yaml, layout, saved_at, message FROM pipeline_versions WHERE pipeline_id = ? ORDER BY version DESC LIMIT 1',
  );
  const updateName = db.prepare('UPDATE pipelines SET name = ? WHERE id = ?');
  const updateRunNames = db.prepare('UPDATE runs SET pipeline_name = ? WHERE pipeline_id = ?');
  const deletePipeline = db.prepare('DELETE FROM pipelines WHERE id = ?');

  const idOf = (name: string): number | undefined => selectId.get(name) as number | undefined;
  const requireId = (name: string): number => {
    const id = idOf(name);
    if (id === undefined) throw notFound(path, name);
    return id;
  };

  const save = (name: string, yaml: string, layout?: unknown, message?: string): number => {
    checkName(name);
    return write(db, () => {
      const at = now();
      const id = idOf(name) ?? Number(insertPipeline.run(name, at).lastInsertRowid);
      const version = nextVersion.get(id) as number;
      insertVersion.run(id, version, yaml, toJson(layout), at, message ?? null);
      return version;
    });
  };

  return {
    list: () => selectAll.all() as PipelineSummary[],
    get: (name) => selectOne.get(name) as PipelineSummary | undefined,
    save,
    saveIfChanged(name, yaml, layout, message) {
      return write(db, () => {
        const id = idOf(name);
        const latest = id === undefined ? undefined : (selectLatest.get(id) as VersionRow);
        if (latest && latest.yaml === yaml && latest.layout === toJson(layout)) {
          return { version: latest.version, saved: false };
        }
        return { version: save(name, yaml, layout, message), saved: true };
      });
    },
    versions: (name) =>
      read(db, () =>
        (selectVersions.all(requireId(name)) as VersionRow[]).map((row) => ({
          version: row.version,
          savedAt: row.saved_at,
          message: row.message,
        })),
      ),
    load(name, version) {
      const row = read(db, () => {
        const id = requireId(name);
        return (version === undefined ? selectLatest.get(id) : selectVersion.get(id, version)) as VersionRow | undefined;
      });
      if (!row) throw new PlumbError('invalid_input', `pipeline '${name}' has no version ${version}`, { file: path });
      return {
        name,
        version: row.version,
        yaml: row.yaml,
        layout: fromJson(row.layout),
        savedAt: row.saved_at,
        message: row.message,
      };
    },
    rename(from, to) {
      checkName(to);
      write(db, () => {
        const id = requireId(from);
        if (from === to) return;
        if (idOf(to) !== undefined) {
          throw new PlumbError('invalid_input', `a pipeline named '${to}' already exists`, { file: path });
        }
        updateName.run(to, id);
        updateRunNames.run(to, id);
      });
    },
    delete(name) {
      write(db, () => deletePipeline.run(requireId(name)));
    },
  };
}

function checkName(name: string): void {
  if (name.trim() === '' || name !== name.trim()) {
    throw new PlumbError('invalid_input', `pipeline name must be non-empty without surrounding spaces: '${name}'`);
  }
}

const notFound = (file: string, name: string): PlumbError =>
  new PlumbError('invalid_input', `no pipeline named '${name}' in this project`, { file });
