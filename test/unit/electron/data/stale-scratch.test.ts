// Scratch folders of killed processes are swept on the next start; live owners' folders are kept.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryCache } from '../../../../electron/engine/cache-dir.js';
import { sweepStaleScratch } from '../../../../electron/data/stale-scratch.js';
import { openDataSession } from '../../../../electron/data/session.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plumb-sweep-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('stale scratch folders', () => {
  it('removes folders whose owner is gone, keeps live and recent unowned ones', async () => {
    const parent = join(dir, 'sweep');
    const make = async (name: string, owner?: number) => {
      await mkdir(join(parent, name, 'spill'), { recursive: true });
      if (owner !== undefined) await writeFile(join(parent, name, 'owner.pid'), String(owner));
    };
    await make('plumb-data-dead', deadPid());
    await make('plumb-data-live', process.pid);
    await make('plumb-data-unowned-new');
    await make('plumb-data-unowned-old');
    const old = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    await utimes(join(parent, 'plumb-data-unowned-old'), old, old);
    await make('other-folder', deadPid());
    expect(await sweepStaleScratch(parent)).toBe(2);
    expect(existsSync(join(parent, 'plumb-data-dead'))).toBe(false);
    expect(existsSync(join(parent, 'plumb-data-unowned-old'))).toBe(false);
    expect(existsSync(join(parent, 'plumb-data-live'))).toBe(true);
    expect(existsSync(join(parent, 'plumb-data-unowned-new'))).toBe(true);
    expect(existsSync(join(parent, 'other-folder'))).toBe(true);
  });

  it('a data session records its owner and sweeps a killed run\'s folder when it starts', async () => {
    const parent = join(dir, 'session');
    await mkdir(join(parent, 'plumb-data-killed', 'spill'), { recursive: true });
    await writeFile(join(parent, 'plumb-data-killed', 'owner.pid'), String(deadPid()));
    const session = await openDataSession({ tempDirectory: parent });
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(existsSync(join(parent, 'plumb-data-killed'))).toBe(false);
    } finally {
      await session.close();
    }
  });

  it('DirectoryCache removes staging folders of dead writers on its first put', async () => {
    const cacheDir = join(dir, 'cache');
    const leftover = join(cacheDir, '.tmp', `${'b'.repeat(64)}-${deadPid()}-0123456789ab`);
    const mine = join(cacheDir, '.tmp', `${'c'.repeat(64)}-${process.pid}-0123456789ab`);
    await mkdir(leftover, { recursive: true });
    await mkdir(mine, { recursive: true });
    await new DirectoryCache(cacheDir).put('d'.repeat(64), { t: new Uint8Array(1) });
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(mine)).toBe(true);
  });
});
