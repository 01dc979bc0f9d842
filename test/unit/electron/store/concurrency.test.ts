// Readers and writers at the same time (WAL): a reader is never blocked and never sees a write in part.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import { spawnWriter } from './children/spawn-writer.js';
import { nodeIds, pipelineYaml } from './children/writer-content.js';
import { useTempDir } from './temp-dir.js';

const NODES = 30;

describe('concurrent access', () => {
  const dir = useTempDir();

  it('a reader in another process sees only whole commits while a writer keeps writing', async () => {
    const file = join(dir(), 'busy.plumb');
    const writer = spawnWriter(['churn', file, String(NODES), '1024', '2', '-1']);
    try {
      await writer.waitFor((line) => line.startsWith('started '));
      const reader = openProjectFile(file, { readonly: true });
      const sameTime = openProjectFile(file); // read-write: its recovery must leave the live runs alone
      try {
        expect(sameTime.runs.list({ status: 'interrupted' })).toEqual([]);
        const finishedAtStart = writer.lines.filter((l) => l.startsWith('finished ')).length;
        const seenRuns = new Set<number>();
        let reads = 0;
        while (writer.lines.filter((l) => l.startsWith('finished ')).length < finishedAtStart + 6) {
          const versions = reader.pipelines.versions('churn').map((v) => v.version);
          expect(versions).toEqual(versions.map((_, i) => i + 1));
          const latest = reader.pipelines.load('churn');
          expect(latest.yaml).toBe(pipelineYaml(latest.version - 1));

          const runs = reader.runs.list();
          seenRuns.add(runs.length);
          for (const summary of runs.slice(0, 3)) {
            const run = reader.runs.get(summary.id)!;
            expect(run.nodes.map((n) => n.id)).toEqual(nodeIds(NODES));
            expect(['running', 'ok']).toContain(run.status);
            if (run.status === 'ok') expect(run.nodes.every((n) => n.status === 'done')).toBe(true);
            for (const node of run.nodes) {
              if (node.status === 'done') expect(reader.runs.outputs(run.id, node.id)?.table).toHaveLength(1024);
            }
          }
          reads++;
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        // The reader kept reading while the writer committed: it saw the number of runs grow.
        expect(seenRuns.size).toBeGreaterThan(1);
        expect(reads).toBeGreaterThan(1);
        expect(sameTime.runs.list({ status: 'interrupted' })).toEqual([]);
      } finally {
        reader.close();
        sameTime.close();
      }
    } finally {
      await writer.kill();
    }
  });

  it('a reader is not blocked by an open write transaction and sees it once committed', () => {
    const file = join(dir(), 'snapshot.plumb');
    const project = openProjectFile(file, { create: true });
    project.pipelines.save('a', 'plumb: 1\n');

    const raw = new Database(file);
    raw.exec('BEGIN IMMEDIATE');
    raw.prepare("INSERT INTO pipelines (name, created_at) VALUES ('b', '2025-01-01T00:00:00.000Z')").run();

    const reader = openProjectFile(file, { readonly: true });
    // Not blocked by the writer's lock, and the uncommitted pipeline is invisible.
    expect(reader.pipelines.list().map((p) => p.name)).toEqual(['a']);
    expect(reader.pipelines.load('a').yaml).toBe('plumb: 1\n');
    raw.prepare("INSERT INTO pipeline_versions (pipeline_id, version, yaml, saved_at) SELECT id, 1, 'b: 1', created_at FROM pipelines WHERE name = 'b'").run();
    raw.exec('COMMIT');
    raw.close();
    expect(reader.pipelines.list().map((p) => p.name)).toEqual(['a', 'b']);
    reader.close();
    project.close();
  });
});
