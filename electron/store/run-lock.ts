// Tells a run whose process is still running it from a run whose process died, across processes.
//
// While a run is 'running', the process running it holds an exclusive SQLite lock on a small side file
// `<project>-run-<run id>`. The operating system drops that lock when the process ends in any way
// (exit, crash, SIGKILL), so whoever can take the lock knows the run's process is gone. Unlike a stored
// pid this cannot be fooled by pid reuse, and a project copied to another machine without its side
// files reads as dead too. The side file is empty: SQLite locks byte ranges beyond its end.
import { unlinkSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface RunLock {
  /** Lets go of the lock and removes the side file. */
  release(): void;
}

export const runLockPath = (projectPath: string, runId: string): string => `${projectPath}-run-${runId}`;

/** Takes the lock for a run this process is about to start. */
export function holdRunLock(projectPath: string, runId: string): RunLock {
  const path = runLockPath(projectPath, runId);
  const lock = new Database(path, { timeout: 0 });
  try {
    // An in-memory journal: the lock connection never writes, and no `-journal` file appears.
    lock.pragma('journal_mode = MEMORY');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    lock.close();
    throw e;
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
