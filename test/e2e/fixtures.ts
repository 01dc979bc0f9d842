// Playwright fixture: every test gets the app on a fresh user-data folder (its own copy of the sample project),
// started through the same launcher as `npm start -- --browser --no-open`.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface RunningApp {
  url: string;
  userData: string;
  process: ChildProcess;
}

async function startApp(userData: string): Promise<RunningApp> {
  const child = spawn(process.execPath, [join(root, 'bin', 'start.mjs'), '--browser', '--no-open'], {
    cwd: root,
    env: { ...process.env, PLUMB_USER_DATA: userData },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (d: Buffer) => (errors += d.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`app did not start in time: ${errors}`)), 90_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Plumb running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`app exited with ${code}: ${errors}`)));
  });
  return { url, userData, process: child };
}

export const test = base.extend<{ app: RunningApp; appPage: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  app: async ({}, use) => {
    const app = await startApp(mkdtempSync(join(tmpdir(), 'plumb-e2e-')));
    await use(app);
    app.process.kill('SIGTERM');
  },
  appPage: async ({ page, app }, use) => {
    await page.goto(app.url);
    await use(page);
  },
});

export { expect };
