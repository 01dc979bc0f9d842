// Bundles the Electron main process and preload (CommonJS, native modules left external) into dist/electron.
import { build } from 'esbuild';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export async function buildElectronMain(root) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['electron', 'better-sqlite3', '@duckdb/node-api', '@duckdb/node-bindings', '@tensorflow/*', 'tsx', 'tsx/*'],
    logLevel: 'warning',
  };
  await build({ ...common, entryPoints: [join(root, 'electron/app/main.ts')], outfile: join(root, 'dist/electron/main.cjs') });
  await build({ ...common, entryPoints: [join(root, 'electron/app/preload.ts')], outfile: join(root, 'dist/electron/preload.cjs') });
  if (!existsSync(join(root, 'renderer/dist/index.html'))) {
    spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', join(root, 'renderer')], { stdio: 'inherit' });
  }
}

if (process.argv[1] && process.argv[1].endsWith('build-electron.mjs')) {
  await buildElectronMain(join(import.meta.dirname, '..'));
}
