// Node outputs cached in a folder: <dir>/<key[0:2]>/<key>/<port>.bin plus the sha256 of each port in
// hashes.json. An entry is written whole in a temporary folder and renamed into place, so a process killed
// mid-write never leaves a half-written entry behind; an entry whose bytes no longer match their hashes is
// deleted when read and reported missing, so the engine recomputes it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputCache } from './types.js';

const KEY = /^[A-Za-z0-9_-]{8,128}$/;
const PORT = /^[A-Za-z0-9_]+$/;
const SUFFIX = '.bin';
const HASHES = 'hashes.json';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class DirectoryCache implements OutputCache {
  private swept = false;
  constructor(readonly dir: string) {}

  /** Staging folders (`.tmp/<key>-<pid>-<random>`) of processes killed mid-write are removed on the first put. */
  private async sweepStaging(): Promise<void> {
    if (this.swept) return;
    this.swept = true;
    const staging = join(this.dir, '.tmp');
    for (const name of await readdir(staging).catch(() => [] as string[])) {
      const pid = Number(/-(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
      if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
      await rm(join(staging, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private entryDir(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid cache key '${key}'`);
    return join(this.dir, key.slice(0, 2), key);
  }

  async has(key: string): Promise<boolean> {
    const info = await stat(this.entryDir(key)).catch(() => undefined);
    return info?.isDirectory() ?? false;
  }

  async get(key: string): Promise<Record<string, Uint8Array> | undefined> {
    const dir = this.entryDir(key);
    const names = await readdir(dir).catch(() => undefined);
    if (!names) return undefined;
    const hashes = await readFile(join(dir, HASHES), 'utf8')
      .then((text) => JSON.parse(text) as Record<string, unknown>)
      .catch(() => undefined);
    const ports = names.filter((n) => n.endsWith(SUFFIX)).map((n) => n.slice(0, -SUFFIX.length));
    let intact = typeof hashes === 'object' && hashes !== null && Object.keys(hashes).length === ports.length;
    const outputs: Record<string, Uint8Array> = {};
    for (const port of intact ? ports : []) {
      const bytes = await readFile(join(dir, port + SUFFIX)).catch(() => undefined);
      if (!bytes || sha256(bytes) !== hashes![port]) {
        intact = false;
        break;
      }
      outputs[port] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    if (intact) return outputs;
    // Damaged (or written before entries had hashes): drop it so the recomputed outputs can take its place.
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    return undefined;
  }

  async put(key: string, outputs: Record<string, Uint8Array>): Promise<void> {
    const target = this.entryDir(key);
    for (const port of Object.keys(outputs)) if (!PORT.test(port)) throw new Error(`invalid port name '${port}'`);
    await this.sweepStaging();
    const staging = join(this.dir, '.tmp', `${key}-${process.pid}-${randomBytes(6).toString('hex')}`);
    await mkdir(staging, { recursive: true });
    try {
      const hashes: Record<string, string> = {};
      for (const [port, bytes] of Object.entries(outputs)) {
        await writeFile(join(staging, port + SUFFIX), bytes);
        hashes[port] = sha256(bytes);
      }
      await writeFile(join(staging, HASHES), JSON.stringify(hashes));
      await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
      try {
        await rename(staging, target);
      } catch (e) {
        // Someone else stored the same key first: same key, same bytes, so theirs is as good as ours.
        if (!(await this.has(key))) throw e;
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
