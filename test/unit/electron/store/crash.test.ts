// A writer process SIGKILLed in the middle of writing never leaves a damaged file, a lost commit or a half-written run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import { runLockPath } from '../../../../electron/store/run-lock.js';
import { spawnWriter } from './children/spawn-writer.js';
import { nodeIds, nodeOutput, pipelineYaml } from './children/writer-content.js';
import { useTempDir } from './temp-dir.js';

const NODES = 100;
const PAUSE_MS = 40;
const OUTPUT_BYTES = 16_384;

describe('a writer killed mid-way', () => {
  const dir = useTempDir();

  it('leaves every reported commit, no damage, and no run that looks finished but is not', async () => {
    const file = join(dir(), 'crash.plumb');
    const reported = { saves: new Map<number, number>(), started: new Set<string>(), finished: new Set<string>() };
    let interruptedSoFar = 0;

    // Three rounds on the same file. Round 0 kills while the child sleeps half-way through its third run, so
    // that run is certainly unfinished; rounds 1 and 2 kill a child writing flat out, 5 and 15 ms
    // after a run started (a run takes about 10 to 20 ms), where the kill most likely lands inside a
    // transaction. Later rounds also check that a file recovered from a crash is fine to write on.
    for (const round of [0, 1, 2]) {
      const stopInRun = round === 0 ? 2 : -1;
      const writer = spawnWriter(['churn', file, String(NODES), String(OUTPUT_BYTES), String(PAUSE_MS), String(stopInRun)]);
      let finished = 0;
      await writer.waitFor((line) => line.startsWith('finished ') && ++finished === 2 + round);
      const seen = writer.lines.length;
      const cut = await writer.waitFor((line, index) => line.startsWith(round === 0 ? 'halfway ' : 'started ') && index >= seen);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 5 + 10 * (round - 1)));
      await writer.kill();

      for (const line of writer.lines) {
        const [what, a, b] = line.split(' ');
        if (what === 'saved') reported.saves.set(Number(a), Number(b));
        if (what === 'started') reported.started.add(a);
        if (what === 'finished') reported.finished.add(a);
      }

      const project = openProjectFile(file);
      try {
        expect(project.integrityCheck()).toEqual(['ok']);

        for (const [version, edit] of reported.saves) {
          expect(project.pipelines.load('churn', version).yaml).toBe(pipelineYaml(edit));
        }

        const runs = project.runs.list();
        for (const id of reported.started) expect(runs.map((r) => r.id)).toContain(id);
        expect(runs.filter((r) => r.status === 'running')).toEqual([]);
        for (const summary of runs) {
          const run = project.runs.get(summary.id)!;
          expect(run.nodes.map((n) => n.id)).toEqual(nodeIds(NODES));
          if (reported.finished.has(run.id)) expect(run.status).toBe('ok');
          expect(['ok', 'interrupted']).toContain(run.status);
          if (run.status === 'ok') expect(run.nodes.every((n) => n.status === 'done')).toBe(true);
          for (const node of run.nodes) {
            expect(['done', 'interrupted']).toContain(node.status);
            if (node.status === 'done') {
              const outputs = project.runs.outputs(run.id, node.id)!;
              expect(Object.keys(outputs)).toEqual(['table']);
              // Buffer.equals, not toEqual: a deep compare of every byte would dominate the test's time.
              expect(Buffer.from(outputs.table).equals(nodeOutput(run.id, node.id, OUTPUT_BYTES))).toBe(true);
            } else {
              expect(project.runs.outputs(run.id, node.id)).toBeUndefined();
            }
          }
          expect(existsSync(runLockPath(project.path, run.id))).toBe(false);
        }
        if (round === 0) {
          const halfway = project.runs.get(cut.split(' ')[1])!;
          expect(halfway.status).toBe('interrupted');
          expect(halfway.nodes.filter((n) => n.status === 'done')).toHaveLength(NODES / 2);
        }
        // At most the one run being written when the kill came is interrupted per round.
        const interrupted = runs.filter((r) => r.status === 'interrupted').length;
        expect(interrupted - interruptedSoFar).toBeLessThanOrEqual(1);
        interruptedSoFar = interrupted;
      } finally {
        project.close();
      }

      const raw = new Database(file, { readonly: true });
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();
    }
    expect(reported.finished.size).toBeGreaterThanOrEqual(2 + 3 + 4);
  });

  it('marks a run interrupted only once its process is gone', async () => {
    const file = join(dir(), 'held.plumb');
    const writer = spawnWriter(['hold', file]);
    const runId = (await writer.waitFor((line) => line.startsWith('started '))).split(' ')[1];

    const whileAlive = openProjectFile(file);
    try {
      expect(whileAlive.runs.get(runId)!.status).toBe('running');
      expect(whileAlive.runs.recoverInterrupted()).toEqual([]);
      expect(existsSync(runLockPath(whileAlive.path, runId))).toBe(true);

      await writer.kill();
      expect(whileAlive.runs.recoverInterrupted()).toEqual([runId]);
      const run = whileAlive.runs.get(runId)!;
      expect(run.status).toBe('interrupted');
      expect(run.nodes.map((n) => [n.id, n.status])).toEqual([
        ['n0', 'done'],
        ['n1', 'interrupted'],
        ['n2', 'interrupted'],
      ]);
      expect(existsSync(runLockPath(whileAlive.path, runId))).toBe(false);
      expect(() => whileAlive.runs.updateNode(runId, 'n1', 'done')).toThrow(/no longer running/);
    } finally {
      whileAlive.close();
      await writer.kill();
    }
  });
});
