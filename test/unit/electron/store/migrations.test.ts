// The migration runner and the schema it builds.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../shared/errors.js';
import { LATEST_SCHEMA, migrate, migrations, userVersion } from '../../../../electron/store/migrations.js';

const tablesOf = (db: Database.Database): string[] =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('migrate', () => {
  it('applies the steps in order and records each in user_version', () => {
    const db = new Database(':memory:');
    const steps = ['CREATE TABLE a (x)', 'ALTER TABLE a ADD COLUMN y', 'CREATE TABLE b (z)'];
    expect(migrate(db, 'mem', steps.slice(0, 2))).toBe(2);
    expect(migrate(db, 'mem', steps)).toBe(3);
    expect(tablesOf(db)).toEqual(['a', 'b']);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('a')).toEqual(['x', 'y']);
    expect(migrate(db, 'mem', steps)).toBe(3);
  });

  it('runs each step in its own transaction: a failing step leaves the file at the step before', () => {
    const db = new Database(':memory:');
    const steps = ['CREATE TABLE a (x)', 'CREATE TABLE half (x); CREATE TABLE a (x)'];
    expect(() => migrate(db, 'mem', steps)).toThrow(/already exists/);
    expect(userVersion(db)).toBe(1);
    expect(tablesOf(db)).toEqual(['a']);
  });

  it('refuses a file newer than the steps it knows', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 3');
    const e = (() => {
      try {
        migrate(db, '/p/x.plumb', ['CREATE TABLE a (x)']);
      } catch (caught) {
        return caught as PlumbError;
      }
      throw new Error('not refused');
    })();
    expect(e.kind).toBe('invalid_input');
    expect(e.where.file).toBe('/p/x.plumb');
    expect(tablesOf(db)).toEqual([]);
  });
});

describe('the schema', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 'mem');

  it('is at the latest version', () => {
    expect(userVersion(db)).toBe(LATEST_SCHEMA);
    expect(LATEST_SCHEMA).toBe(migrations.length);
  });

  it('points every foreign key at an existing table and a unique key of it', () => {
    const tables = tablesOf(db);
    let checked = 0;
    for (const table of tables) {
      const fks = db.pragma(`foreign_key_list(${table})`) as { id: number; table: string; to: string }[];
      for (const id of new Set(fks.map((fk) => fk.id))) {
        const parts = fks.filter((fk) => fk.id === id);
        expect(tables).toContain(parts[0].table);
        const target = parts.map((fk) => fk.to);
        const parentKeys = uniqueKeys(db, parts[0].table);
        expect(parentKeys.some((key) => key.join() === target.join()), `${table} -> ${parts[0].table}(${target})`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('indexes the child side of every foreign key, so deletes and joins do not scan', () => {
    for (const table of tablesOf(db)) {
      const fks = db.pragma(`foreign_key_list(${table})`) as { id: number; from: string; seq: number }[];
      const byId = new Map<number, string[]>();
      for (const fk of fks) byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk.from]);
      const indexes = indexedPrefixes(db, table);
      for (const columns of byId.values()) {
        const covered = indexes.some((index) => columns.every((c, i) => index[i] === c));
        expect(covered, `${table}(${columns.join(', ')})`).toBe(true);
      }
    }
  });
});

/** Column lists of the primary key and every unique index of a table. */
function uniqueKeys(db: Database.Database, table: string): string[][] {
  const keys: string[][] = [];
  const pk = (db.pragma(`table_info(${table})`) as { name: string; pk: number }[]).filter((c) => c.pk > 0);
  if (pk.length) keys.push(pk.sort((a, b) => a.pk - b.pk).map((c) => c.name));
  for (const index of db.pragma(`index_list(${table})`) as { name: string; unique: number }[]) {
    if (index.unique) keys.push((db.pragma(`index_info(${index.name})`) as { name: string }[]).map((c) => c.name));
  }
  return keys;
}

/** Column lists of every index of a table, the primary key included. */
function indexedPrefixes(db: Database.Database, table: string): string[][] {
  const lists = uniqueKeys(db, table);
  for (const index of db.pragma(`index_list(${table})`) as { name: string; unique: number }[]) {
    if (!index.unique) lists.push((db.pragma(`index_info(${index.name})`) as { name: string }[]).map((c) => c.name));
  }
  return lists;
}

describe('step 3: complete run records and the registry', () => {
  it('upgrades a schema-2 file, backfilling scalar metrics and the datasets each run read', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 'mem', migrations.slice(0, 2));
    const t = '2025-01-01T00:00:00.000Z';
    db.exec(`
      INSERT INTO pipelines (id, name, created_at) VALUES (1, 'train', '${t}');
      INSERT INTO pipeline_versions (pipeline_id, version, yaml, saved_at) VALUES (1, 1, 'plumb: 1', '${t}');
      INSERT INTO runs (id, pipeline_id, pipeline_version, pipeline_name, status, started_at) VALUES ('r1', 1, 1, 'train', 'ok', '${t}');
      INSERT INTO metrics (run_id, node_id, value, created_at) VALUES ('r1', 'evaluate', '{"roc_auc":0.9,"n":10,"roc":{"fpr":[0]}}', '${t}');
      INSERT INTO blobs (hash, size, bytes, created_at) VALUES ('h', 1, x'00', '${t}');
      INSERT INTO datasets (id, name, created_at) VALUES (1, 'churn', '${t}');
      INSERT INTO dataset_versions (dataset_id, version, blob_hash, format, run_id, node_id, created_at) VALUES (1, 1, 'h', 'parquet', 'r1', 'data', '${t}');
    `);
    expect(migrate(db, 'mem')).toBe(LATEST_SCHEMA);
    expect(db.prepare('SELECT node_id, key, value FROM run_metrics ORDER BY key').all()).toEqual([
      { node_id: 'evaluate', key: 'n', value: 10 },
      { node_id: 'evaluate', key: 'roc_auc', value: 0.9 },
    ]);
    expect(db.prepare('SELECT run_id, node_id, dataset_version_id FROM run_datasets').all()).toEqual([{ run_id: 'r1', node_id: 'data', dataset_version_id: 1 }]);
    expect(db.prepare('SELECT pipeline_hash, note FROM runs').get()).toEqual({ pipeline_hash: null, note: null });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
