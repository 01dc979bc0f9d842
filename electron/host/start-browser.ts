// Starts the browser host: the app API and the built renderer on 127.0.0.1, opened in the system browser.
// Usage: tsx electron/host/start-browser.ts [project.plumb] [--port N] [--no-open]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
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

export function ensureRendererBuilt(): string {
  const dist = join(root, 'renderer', 'dist');
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

export async function startBrowserApp(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, browser: { type: 'boolean' }, token: { type: 'string' } },
  });
  const dataDir = userDataDir();
  const projectPath = positionals[0]
    ? resolve(positionals[0])
    : await ensureSampleCopy(join(root, 'assets', 'sample.plumb'), join(root, 'assets', 'datasets'), dataDir);
  const staticDir = ensureRendererBuilt();
  const service = await createAppService({ projectPath, host: 'browser', userDataDir: dataDir });
  const host = await startBrowserHost({ service, staticDir, port: values.port ? Number(values.port) : undefined, token: values.token });
  process.stdout.write(`Plumb running at ${host.url}\n`);
  if (!values['no-open']) openInBrowser(host.url);
  const stop = async () => {
    await host.close();
    await service.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  startBrowserApp(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`error: plumb: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  });
}
