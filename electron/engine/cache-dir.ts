// Node outputs cached in a folder: <dir>/<key[0:2]>/<key>/<port>.bin. An entry is written whole in a temporary
// folder and renamed into place, so a process killed mid-write never leaves a half-written entry behind.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputCache } from './types.js';

const KEY = /^[A-Za-z0-9_-]{8,128}$/;
const PORT = /^[A-Za-z0-9_]+$/;
const SUFFIX = '.bin';

export class DirectoryCache implements OutputCache {
  constructor(readonly dir: string) {}

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
    const outputs: Record<string, Uint8Array> = {};
    for (const name of names.filter((n) => n.endsWith(SUFFIX))) {
      const bytes = await readFile(join(dir, name));
      outputs[name.slice(0, -SUFFIX.length)] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return outputs;
  }

  async put(key: string, outputs: Record<string, Uint8Array>): Promise<void> {
    const target = this.entryDir(key);
    for (const port of Object.keys(outputs)) if (!PORT.test(port)) throw new Error(`invalid port name '${port}'`);
    const staging = join(this.dir, '.tmp', `${key}-${process.pid}-${randomBytes(6).toString('hex')}`);
    await mkdir(staging, { recursive: true });
    try {
      for (const [port, bytes] of Object.entries(outputs)) await writeFile(join(staging, port + SUFFIX), bytes);
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
