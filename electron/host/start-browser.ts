// Starts the browser host: the app API and the built renderer on 127.0.0.1, opened in the system browser.
// Usage: tsx electron/host/start-browser.ts [project.plumb] [--port N] [--no-open]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { invalidInput, isPlumbError, toPlumbError } from '../../shared/errors.js';
import { createAppService, ensureSampleCopy } from '../api/app-service.js';
import { startBrowserHost } from './web.js';
import { userDataDir } from './user-data.js';

const root = resolve(import.meta.dirname, '../..');

/** Newest modification time of the renderer's sources (and the shared code it bundles). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const rendererDist = () => join(root, 'renderer', 'dist');

export function ensureRendererBuilt(): string {
  const dist = rendererDist();
  const index = join(dist, 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(newestSource(join(root, 'renderer')), newestSource(join(root, 'shared')));
  if (stale) {
    process.stderr.write('building the app UI…\n');
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', join(root, 'renderer'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
    if (result.status !== 0) throw new Error('building the renderer failed');
  }
  return dist;
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`could not open a browser; open the address above yourself\n`));
  child.unref();
}

export interface StartOptions {
  /** the project to open; undefined opens the working copy of the sample project */
  projectPath?: string;
  port?: number;
  open: boolean;
  token?: string;
}

/** Reads `[project.plumb] [--port N] [--no-open] [--browser] [--token T]`; anything else is an invalid_input error. */
export function parseStartArgs(argv: string[]): StartOptions {
  let parsed: ReturnType<typeof parseStart>;
  try {
    parsed = parseStart(argv);
  } catch (e) {
    // Node's parseArgs messages run on with advice about '--'; the first sentence is the point.
    const message = (e instanceof Error ? e.message : String(e)).replace(/^Unknown option '([^']*)'.*$/s, "unknown option '$1'");
    throw invalidInput(`${message} (usage: npm start -- [project.plumb] [--port N] [--no-open] [--browser])`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw invalidInput(`one project file at most, got ${positionals.length}: ${positionals.join(' ')}`);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
    if (!(port >= 0 && port <= 65535)) throw invalidInput(`--port must be a whole number from 0 to 65535 (0 picks a free port), got '${values.port}'`);
  }
  const projectPath = positionals[0] === undefined ? undefined : resolve(positionals[0]);
  if (projectPath !== undefined) checkProjectPath(projectPath);
  return { projectPath, port, open: !values['no-open'], token: values.token };
}

function parseStart(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, browser: { type: 'boolean' }, token: { type: 'string' } },
  });
}

/** An existing path must be a file (opening it checks that it is a project); a new one becomes a project only as `*.plumb`. */
function checkProjectPath(path: string): void {
  if (existsSync(path)) {
    if (!statSync(path).isFile()) throw invalidInput(`${path} is not a Plumb project file (it is a folder or a device)`, { file: path });
    return;
  }
  if (!path.endsWith('.plumb')) throw invalidInput(`no project file at ${path} (a new project's file name ends in .plumb)`, { file: path });
  if (!existsSync(dirname(path))) throw invalidInput(`no project file at ${path}, and its folder does not exist`, { file: path });
}

export async function startBrowserApp(argv: string[]): Promise<void> {
  const options = parseStartArgs(argv);
  const dataDir = userDataDir();
  const projectPath =
    options.projectPath ?? (await ensureSampleCopy(join(root, 'assets', 'sample.plumb'), join(root, 'assets', 'datasets'), dataDir));
  const service = await createAppService({ projectPath, host: 'browser', userDataDir: dataDir });
  let host: Awaited<ReturnType<typeof startBrowserHost>>;
  try {
    // Listen first (a busy port is reported at once), then build the UI; the address is printed only after that.
    host = await startBrowserHost({ service, staticDir: rendererDist(), port: options.port, token: options.token, saveUpload: service.saveUpload }).catch((e: unknown) => {
      throw listenError(e, options.port);
    });
  } catch (e) {
    await service.close();
    throw e;
  }
  try {
    ensureRendererBuilt();
  } catch (e) {
    await host.close();
    await service.close();
    throw e;
  }
  process.stdout.write(`Plumb running at ${host.url}\n`);
  if (options.open) openInBrowser(host.url);
  const stop = async () => {
    await host.close();
    await service.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** A port that is taken or not ours to bind is the user's choice to change, so invalid input. */
function listenError(e: unknown, port: number | undefined): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return invalidInput(`port ${port} is already in use: pick another with --port N (or --port 0 for a free one)`);
  if (code === 'EACCES') return invalidInput(`no permission to listen on port ${port}: pick a port above 1023 with --port N`);
  return e;
}

/** `npm start` in the browser: starts the host, or prints one `error: plumb: …` line and exits 2 (invalid input) or 1. */
export async function runBrowserApp(argv: string[]): Promise<void> {
  try {
    await startBrowserApp(argv);
  } catch (e) {
    const error = toPlumbError(e);
    const where = error.where.file && !error.message.includes(error.where.file) ? `${error.where.file}: ` : '';
    process.stderr.write(`error: plumb: ${where}${error.message}\n`);
    process.exit(isPlumbError(e) && e.kind === 'invalid_input' ? 2 : 1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  void runBrowserApp(process.argv.slice(2));
}
