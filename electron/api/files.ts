// files.* handlers and uploads: the file browser over the project folder and the folders the user added, adding a
// folder (kept in the user's settings), locating a picked path, copying a file into the project, and storing an
// uploaded file in the project folder (streamed, size-capped, never replacing a file).
import { copyFile, mkdir, readdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { invalidInput, PlumbError } from '../../shared/errors.js';
import { createUnique, hasExtension, isInside, paramPath, resolveAllowed, sanitizeFileName, type FileRoot } from './file-access.js';
import type { ApiHandlers } from './service.js';

/** The largest upload (1 GiB). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** What may be uploaded: the data files the readers take. */
export const UPLOAD_EXTENSIONS = ['csv', 'tsv', 'txt', 'parquet'];

export interface FilesOptions {
  /** the open project's file (its folder is the project folder) */
  projectPath: () => string;
  host: 'electron' | 'browser';
  /** folder for app settings (the added folders) */
  userDataDir: string;
}

export interface Files {
  handlers: Pick<ApiHandlers, 'files.list' | 'files.addFolder' | 'files.locate' | 'files.copyIntoProject'>;
  /** Stores an uploaded file in the project folder; `name` is the browser's file name; more than `maxBytes` is refused. */
  saveUpload(name: string, body: AsyncIterable<Buffer>, maxBytes?: number): Promise<{ path: string; bytes: number }>;
}

export function createFiles(options: FilesOptions): Files {
  const settingsFile = join(options.userDataDir, 'file-folders.json');

  async function addedFolders(): Promise<string[]> {
    try {
      const parsed = JSON.parse(await readFile(settingsFile, 'utf8')) as unknown;
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string' && isAbsolute(p)) : [];
    } catch {
      return [];
    }
  }

  async function projectDir(): Promise<string> {
    return realpath(dirname(options.projectPath()));
  }

  /** The project folder first, then the added folders that still exist. */
  async function roots(): Promise<FileRoot[]> {
    const list: FileRoot[] = [{ kind: 'project', path: await projectDir() }];
    for (const folder of await addedFolders()) {
      try {
        list.push({ kind: 'added', path: await realpath(folder) });
      } catch {
        // a folder removed since it was added is left out, not an error
      }
    }
    return list;
  }

  return {
    handlers: {
      'files.list': async ({ folder, extensions }) => {
        const allowed = await roots();
        const project = allowed[0]!.path;
        const { real, root } = await resolveAllowed(allowed, folder);
        if (!(await stat(real)).isDirectory()) throw invalidInput(`'${folder}' is not a folder`);
        const entries = [];
        for (const entry of await readdir(real, { withFileTypes: true })) {
          if (entry.name.startsWith('.')) continue;
          const full = join(real, entry.name);
          let info;
          try {
            // stat follows links; a link leading out of the allowed roots is not shown.
            info = await stat(full);
            if (entry.isSymbolicLink()) {
              const target = await realpath(full);
              if (!allowed.some((r) => isInside(r.path, target))) continue;
            }
          } catch {
            continue;
          }
          if (info.isDirectory()) entries.push({ name: entry.name, kind: 'dir' as const, size: null, path: paramPath(project, full) });
          else if (info.isFile() && hasExtension(entry.name, extensions)) entries.push({ name: entry.name, kind: 'file' as const, size: info.size, path: paramPath(project, full) });
        }
        entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
        return {
          folder: paramPath(project, real),
          parent: real === root.path ? null : paramPath(project, dirname(real)),
          roots: allowed.map((r) => ({ name: r.kind === 'project' ? 'Project folder' : r.path, folder: paramPath(project, r.path), kind: r.kind })),
          entries,
        };
      },
      'files.addFolder': async ({ path }) => {
        if (!isAbsolute(path)) throw invalidInput(`'${path}' is not an absolute path (give the full path of the folder to add)`);
        let real: string;
        try {
          real = await realpath(resolve(path));
        } catch {
          throw invalidInput(`'${path}' does not exist`);
        }
        if (!(await stat(real)).isDirectory()) throw invalidInput(`'${path}' is not a folder`);
        const folders = [...(await addedFolders()).filter((f) => f !== real), real];
        await mkdir(options.userDataDir, { recursive: true });
        const temp = `${settingsFile}.${process.pid}.tmp`;
        await writeFile(temp, JSON.stringify(folders, null, 2));
        await rename(temp, settingsFile);
        return { folders };
      },
      'files.locate': async ({ path }) => {
        const project = await projectDir();
        if (!isAbsolute(path)) throw invalidInput(`'${path}' is not an absolute path`);
        // The desktop app may use any file the user picked; the browser host only those under the allowed roots.
        const real = options.host === 'electron' ? await realOrRefuse(path) : (await resolveAllowed(await roots(), path)).real;
        return { path: paramPath(project, real), insideProject: isInside(project, real) };
      },
      'files.copyIntoProject': async ({ path }) => {
        const project = await projectDir();
        const source = options.host === 'electron' && isAbsolute(path) ? await realOrRefuse(path) : (await resolveAllowed(await roots(), path)).real;
        if (!(await stat(source)).isFile()) throw invalidInput(`'${path}' is not a file`);
        if (isInside(project, source)) return { path: paramPath(project, source), bytes: (await stat(source)).size };
        const { path: target, handle } = await createUnique(project, sanitizeFileName(source));
        await handle.close();
        try {
          await copyFile(source, target);
        } catch (e) {
          await unlink(target).catch(() => undefined);
          throw e;
        }
        return { path: paramPath(project, target), bytes: (await stat(target)).size };
      },
    },

    async saveUpload(name, body, maxBytes = MAX_UPLOAD_BYTES) {
      const clean = sanitizeFileName(name);
      if (!hasExtension(clean, UPLOAD_EXTENSIONS)) throw invalidInput(`'${clean}' is not a data file (upload .${UPLOAD_EXTENSIONS.join(', .')})`);
      const { path, handle } = await createUnique(await projectDir(), clean);
      let bytes = 0;
      try {
        for await (const chunk of body) {
          bytes += chunk.length;
          if (bytes > maxBytes) throw new UploadTooLarge(maxBytes);
          await handle.write(chunk);
        }
        await handle.close();
      } catch (e) {
        await handle.close().catch(() => undefined);
        await unlink(path).catch(() => undefined);
        throw e;
      }
      return { path: paramPath(await projectDir(), path), bytes };
    },
  };
}

/** An upload over the cap (the host answers 413). */
export class UploadTooLarge extends PlumbError {
  constructor(readonly limit: number) {
    super('invalid_input', `file too large (more than ${limit} bytes)`);
    this.name = 'UploadTooLarge';
  }
}

async function realOrRefuse(path: string): Promise<string> {
  try {
    return await realpath(resolve(path));
  } catch {
    throw invalidInput(`'${path}' does not exist`);
  }
}
