// Tells a run whose process is still running it from a run whose process died, across processes.
//
// While a run is 'running', the process running it holds an exclusive SQLite lock on a small side file
// `<project>-run-<run id>`. The operating system drops that lock when the process ends in any way
// (exit, crash, SIGKILL), so whoever can take the lock knows the run's process is gone. Unlike a stored
// pid this cannot be fooled by pid reuse, and a project copied to another machine without its side
// files reads as dead too. The side file is empty: SQLite locks byte ranges beyond its end.
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export interface RunLock {
  /** Lets go of the lock and removes the side file. */
  release(): void;
}

export const runLockPath = (projectPath: string, runId: string): string => `${projectPath}-run-${runId}`;

/**
 * How long taking a run's own lock waits for a probe (another process sweeping or recovering) that holds it
 * for a moment.
 */
const HOLD_WAIT_MS = 2000;

/** Takes the lock for a run this process is about to start. */
export function holdRunLock(projectPath: string, runId: string): RunLock {
  const path = runLockPath(projectPath, runId);
  let lock: Database.Database | undefined;
  for (let attempt = 0; !lock; attempt++) {
    const candidate = new Database(path, { timeout: HOLD_WAIT_MS });
    try {
      // An in-memory journal: the lock connection never writes, and no `-journal` file appears.
      candidate.pragma('journal_mode = MEMORY');
      candidate.exec('BEGIN EXCLUSIVE');
    } catch (e) {
      candidate.close();
      throw e;
    }
    // A sweep in another process (sweepStaleRunLocks) may have taken the new file's lock before us and removed
    // the file: a lock on a removed file proves nothing to anyone, so start over with a new file.
    if (existsSync(path)) lock = candidate;
    else {
      candidate.exec('ROLLBACK');
      candidate.close();
      if (attempt >= 5) throw new Error(`cannot hold the run lock ${path}: the file keeps disappearing`);
    }
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      lock.exec('ROLLBACK');
      lock.close();
      removeQuietly(path);
    },
  };
}

/**
 * Removes the side files of runs whose process is gone and that `isRunning` does not claim (a run is settled by
 * ifRunProcessGone instead). They are left by a process killed between a run's final commit and the removal of
 * its lock, or between taking the lock and recording the run. A side file whose lock is held is kept.
 * Returns the run ids whose side files were removed.
 */
export function sweepStaleRunLocks(projectPath: string, isRunning: (runId: string) => boolean): string[] {
  const prefix = `${basename(projectPath)}-run-`;
  let names: string[];
  try {
    names = readdirSync(dirname(projectPath));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const runId = name.slice(prefix.length);
    if (!RUN_LOCK_ID.test(runId) || isRunning(runId)) continue;
    const path = join(dirname(projectPath), name);
    let probe: Database.Database;
    try {
      probe = new Database(path, { timeout: 0, fileMustExist: true });
    } catch {
      continue; // removed meanwhile, or not an SQLite-lockable file
    }
    try {
      probe.pragma('journal_mode = MEMORY');
      probe.exec('BEGIN EXCLUSIVE');
    } catch {
      probe.close();
      continue; // held: its process is alive
    }
    // Removed while the lock is held, so a process that opened the file but has not locked it yet finds it gone
    // once it has the lock and starts over (holdRunLock).
    removeQuietly(path);
    probe.exec('ROLLBACK');
    probe.close();
    if (existsSync(path)) removeQuietly(path); // where an open file cannot be removed (Windows)
    removed.push(runId);
  }
  return removed;
}

/** Run ids as runs.ts allows them (they name the side file). */
const RUN_LOCK_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * If the run's process is gone, calls `whenDead` while holding the run's lock (so no one else can be
 * deciding the same thing), then removes the side file. Returns whether the process was gone.
 */
export function ifRunProcessGone(projectPath: string, runId: string, whenDead: () => void): boolean {
  const path = runLockPath(projectPath, runId);
  let probe: Database.Database;
  try {
    probe = new Database(path, { timeout: 0, fileMustExist: true });
  } catch {
    // No side file: its process finished the run after the caller looked (the caller's update must
    // check the status again), or the project was copied here without it. Nobody holds it either way.
    whenDead();
    return true;
  }
  try {
    probe.pragma('journal_mode = MEMORY');
    probe.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    probe.close();
    if (isBusy(e)) return false;
    throw e;
  }
  try {
    whenDead();
  } finally {
    probe.exec('ROLLBACK');
    probe.close();
  }
  removeQuietly(path);
  return true;
}

const isBusy = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_BUSY');

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already removed by another process that found the same dead run.
  }
}
