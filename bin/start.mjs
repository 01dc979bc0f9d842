#!/usr/bin/env node
// `npm start`: the Electron app when its binary is installed, else the browser host (same app, same API).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const electron = args.includes('--browser') ? undefined : electronBinary();
if (electron) {
  const { buildElectronMain } = await import('./build-electron.mjs');
  await buildElectronMain(root);
  const child = spawn(electron, [join(root, 'dist', 'electron', 'main.cjs'), ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!args.includes('--browser')) {
    console.error('Electron binary not installed (its download is unavailable here), so Plumb opens in your browser instead.');
  }
  register();
  const { runBrowserApp } = await import('../electron/host/start-browser.ts');
  await runBrowserApp(args.filter((a) => a !== '--browser'));
}
