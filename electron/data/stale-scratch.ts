// Scratch folders a killed process leaves behind (DuckDB spill and parquet hand-offs under the OS temp folder):
// each records its owner's pid when made, and the next process sweeps those whose owner is gone.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SCRATCH_PREFIX = 'plumb-data-';
const OWNER = 'owner.pid';
/** A folder without an owner file (made before owners were recorded, or killed before writing it) is kept this long. */
const UNOWNED_GRACE_MS = 24 * 60 * 60 * 1000;

/** Records this process as the owner of a fresh scratch folder. */
export async function claimScratch(dir: string): Promise<void> {
  await writeFile(join(dir, OWNER), String(process.pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes `<parent>/plumb-data-*` folders whose owner process no longer runs; returns how many. Never throws. */
export async function sweepStaleScratch(parent: string, now = Date.now()): Promise<number> {
  let removed = 0;
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    const dir = join(parent, name);
    try {
      const pid = Number(await readFile(join(dir, OWNER), 'utf8').catch(() => 'NaN'));
      const stale = Number.isInteger(pid) && pid > 0 ? pid !== process.pid && !alive(pid) : now - (await stat(dir)).mtimeMs > UNOWNED_GRACE_MS;
      if (!stale) continue;
      await rm(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // Another process may be sweeping the same folder; whatever is left is swept next time.
    }
  }
  return removed;
}

let swept: Promise<number> | undefined;
/** Sweeps `parent` once per process (in the background of the first session). */
export function sweepStaleScratchOnce(parent: string): Promise<number> {
  swept ??= sweepStaleScratch(parent);
  return swept;
}
