// Issue 10 item 8, bad-input corpus (test/fixtures/bad): API payloads over HTTP to the browser host serving a real
// app service on a scratch project. Each answer has the declared status and a message naming the field or file;
// the project's content does not change and it stays open; files a case names stay byte for byte the same.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../electron/api/app-service.js';
import { startBrowserHost, type BrowserHost } from '../../electron/host/web.js';
import { openProjectFile } from '../../electron/store/project-file.js';
import { corpusDir, expectUnchanged, fill, loadCases, materialize, SECRET_MARK, snapshot } from './bad-inputs/run-case.js';

let root = '';
let projectPath = '';
let service: AppService;
let host: BrowserHost;

/** Every row of every table, read through a separate connection: what the project holds, WAL included. */
function fingerprint(): string {
  const db = new Database(projectPath, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).raw().all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))}`).join('\n');
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'plumb-bad-api-'));
  projectPath = join(root, 'project.plumb');
  copyFileSync(join(corpusDir, 'project', 'project-unknown-pipeline', 'project.plumb'), projectPath);
  const project = openProjectFile(projectPath);
  const yaml = 'plumb: 1\nname: existing\nnodes: []\n';
  project.pipelines.save('existing', yaml);
  project.pipelines.save('existing2', yaml.replace('existing', 'existing2'));
  project.close();
  service = await createAppService({ projectPath, host: 'browser', userDataDir: join(root, 'user-data') });
  host = await startBrowserHost({ service, staticDir: root });
});

afterAll(async () => {
  await host?.close();
  await service?.close();
  rmSync(root, { recursive: true, force: true });
});

async function call(method: string, body: string, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const reply = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, { method: 'POST', body, headers: { 'content-type': contentType, 'x-plumb-token': host.token } });
  return { status: reply.status, text: await reply.text() };
}

describe('bad API payloads', () => {
  it.each(loadCases(['api']).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    if (c.run.kind !== 'api') throw new Error(`unexpected runner ${c.run.kind}`);
    const { dir, secret, cleanup } = materialize(c);
    try {
      const before = fingerprint();
      const files = snapshot(dir, c.expect.unchanged);
      const body = fill(c.run.body, dir, secret).replace(/\{repeat:(.):(\d+)\}/g, (_m, ch: string, n: string) => ch.repeat(Number(n)));
      const reply = await call(c.run.method, body, c.run.contentType);
      const label = `${c.id} (${c.about})`;
      expect(reply.text, `${label}: leaked a secret`).not.toContain(SECRET_MARK);
      expect(reply.text, `${label}: stack trace in the answer`).not.toMatch(/\n\s+at |node:internal|Maximum call stack|Invalid array length/);
      expect(reply.status, `${label}: status; body ${reply.text.slice(0, 300)}`).toBe(c.expect.status);
      if (c.expect.status !== 200) {
        const message = (JSON.parse(reply.text) as { error: { message: string } }).error.message;
        expect(message, `${label}: the message must name where`).toMatch(new RegExp(c.expect.where));
      }
      expectUnchanged(c, dir, files);
      if (c.expect.projectStaysOpen) {
        const info = await call('project.info', '{}');
        expect(info.status, `${label}: project no longer answers: ${info.text.slice(0, 200)}`).toBe(200);
        expect((JSON.parse(info.text) as { path: string }).path).toBe(projectPath);
        expect(fingerprint(), `${label}: the project's content changed`).toBe(before);
      }
    } finally {
      cleanup();
    }
  });
});
