// The open project: project.* handlers (open, create, save-as, recent list). Switching projects first lets the
// other parts let go of the old one (runs cancelled, previews dropped); a failed switch keeps the old one open.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openProjectFile, type ProjectFile } from '../store/project-file.js';
import { expectedComputeBackend } from './compute-backend.js';
import type { ApiHandlers } from './service.js';

export type { ProjectFile } from '../store/project-file.js';

/** A project file for `plumb run --project`: created when it does not exist yet. */
export function openProject(path: string): ProjectFile {
  return openProjectFile(path, { create: true });
}

/**
 * A project file that must exist already (the CLI's runs/models/datasets commands): a missing one is invalid input.
 * `readonly` commands leave the file untouched, unless it still needs migrating (then it is upgraded once).
 */
export function openExistingProject(path: string, options: { readonly?: boolean } = {}): ProjectFile {
  if (options.readonly) {
    try {
      return openProjectFile(path, { readonly: true });
    } catch (e) {
      if (!(e instanceof Error && /uses an older schema/.test(e.message))) throw e;
    }
  }
  return openProjectFile(path, { create: false });
}

export interface ProjectsOptions {
  projectPath: string;
  host: 'electron' | 'browser';
  /** Folder for app settings (recent projects). */
  userDataDir: string;
  computeBackend?: () => string;
  /** Called before the open project is replaced: stop using it. */
  leaving: () => Promise<void>;
}

export interface Projects {
  /** The project open now. */
  current(): ProjectFile;
  handlers: Pick<ApiHandlers, 'project.info' | 'project.open' | 'project.create' | 'project.saveAs' | 'project.recent'>;
  close(): void;
}

export async function openProjects(options: ProjectsOptions): Promise<Projects> {
  const computeBackend = expectedComputeBackend();
  const recentFile = join(options.userDataDir, 'recent-projects.json');
  let project = openProjectFile(options.projectPath, { create: true });

  async function readRecent(): Promise<string[]> {
    try {
      const parsed = JSON.parse(await readFile(recentFile, 'utf8')) as unknown;
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }
  async function rememberRecent(path: string): Promise<void> {
    const next = [path, ...(await readRecent()).filter((p) => p !== path)].slice(0, 10);
    await mkdir(options.userDataDir, { recursive: true });
    await writeFile(recentFile, JSON.stringify(next, null, 2));
  }

  /** Replaces the open project with `next` (already open, so a file that fails to open never closes the old one). */
  async function switchTo(next: ProjectFile, alreadyLeft = false): Promise<{ path: string }> {
    if (!alreadyLeft) await options.leaving();
    project.close();
    project = next;
    await rememberRecent(project.path);
    return { path: project.path };
  }

  await rememberRecent(project.path);
  return {
    current: () => project,
    close: () => project.close(),
    handlers: {
      'project.info': async () => ({
        path: project.path,
        name: project.path.split(/[\\/]/).pop() ?? project.path,
        readonly: project.readonly,
        host: options.host,
        computeBackend: options.computeBackend?.() ?? computeBackend,
      }),
      'project.open': async ({ path }) => switchTo(openProjectFile(resolve(path), { create: false })),
      'project.create': async ({ path }) => switchTo(openProjectFile(resolve(path), { create: true })),
      'project.saveAs': async ({ path }) => {
        const target = resolve(path);
        if (target === project.path) return { path: project.path };
        // Runs stop before the copy so it holds no half-recorded run; the old project stays open until the copy opens.
        await options.leaving();
        await project.saveCopy(target);
        return switchTo(openProjectFile(target), true);
      },
      'project.recent': async () => ({ paths: await readRecent() }),
    },
  };
}

/** A working copy of the bundled sample project (and the datasets its pipelines read), made once. */
export async function ensureSampleCopy(sampleProject: string, datasetsDir: string, userDataDir: string): Promise<string> {
  const target = join(userDataDir, 'sample', 'sample.plumb');
  if (!existsSync(target)) {
    await mkdir(join(userDataDir, 'sample', 'datasets'), { recursive: true });
    await copyFile(sampleProject, target);
    for (const file of await readdir(datasetsDir)) {
      if (file.endsWith('.csv') || file.endsWith('.parquet')) await copyFile(join(datasetsDir, file), join(userDataDir, 'sample', 'datasets', file));
    }
  }
  return target;
}
