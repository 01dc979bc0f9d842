// files.* and uploads through the real browser host: listings limited to the project folder and added folders, bad
// paths refused with one-line errors, uploads landing in the project folder without replacing files, the size cap.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFiles } from '../../electron/api/files.js';
import type { ApiHandlers } from '../../electron/api/service.js';
import { startBrowserHost, type BrowserHost } from '../../electron/host/web.js';

let host: BrowserHost;
let base: string;
let project: string;
let outside: string;
let userData: string;
const CAP = 64 * 1024;

interface Reply {
  status: number;
  json: { error?: { message: string; kind: string } } & Record<string, unknown>;
}

function send(path: string, body: Buffer | string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ hostname: '127.0.0.1', port: host.port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') as Reply['json'] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const api = (method: string, body: unknown) => send(`/api/${method}`, JSON.stringify(body), { 'content-type': 'application/json', 'x-plumb-token': host.token });
const upload = (name: string, bytes: Buffer, headers: Record<string, string> = {}) =>
  send(`/upload?name=${encodeURIComponent(name)}`, bytes, { 'content-type': 'application/octet-stream', 'x-plumb-token': host.token, ...headers });

function oneLineError(reply: Reply, status: number, pattern: RegExp): void {
  expect(reply.status).toBe(status);
  expect(reply.json.error?.message).toMatch(pattern);
  expect(reply.json.error?.message).not.toContain('\n');
  expect(reply.json.error?.message).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
}

beforeEach(async () => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'plumb-picking-')));
  project = join(base, 'proj');
  outside = join(base, 'elsewhere');
  userData = join(base, 'user');
  mkdirSync(join(project, 'datasets'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(project, 'p.plumb'), '');
  writeFileSync(join(project, 'datasets', 'churn.csv'), 'a,b\n1,2\n');
  writeFileSync(join(project, 'datasets', 'notes.md'), '# notes');
  writeFileSync(join(project, 'datasets', 'big.parquet'), Buffer.alloc(2048));
  writeFileSync(join(outside, 'secret.csv'), 'x\n1\n');
  symlinkSync(outside, join(project, 'datasets', 'link-out'));
  const files = createFiles({ projectPath: () => join(project, 'p.plumb'), host: 'browser', userDataDir: userData });
  const staticDir = mkdtempSync(join(tmpdir(), 'plumb-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  host = await startBrowserHost({
    service: { handlers: files.handlers as unknown as ApiHandlers, onRunEvent: () => () => undefined },
    staticDir,
    saveUpload: files.saveUpload,
    maxUploadBytes: CAP,
  });
});
afterEach(async () => host.close());

describe('files.list', () => {
  it('lists the project folder, then a subfolder filtered by extension, with param paths and sizes', async () => {
    const top = await api('files.list', {});
    expect(top.status).toBe(200);
    expect(top.json).toMatchObject({ folder: '', parent: null, roots: [{ kind: 'project', folder: '' }] });
    expect((top.json.entries as { name: string }[]).map((e) => e.name)).toEqual(['datasets', 'p.plumb']);

    const data = await api('files.list', { folder: 'datasets', extensions: ['csv'] });
    expect(data.status).toBe(200);
    expect(data.json.parent).toBe('');
    // notes.md and big.parquet are filtered out; the link pointing outside the project is not shown at all.
    expect(data.json.entries).toEqual([{ name: 'churn.csv', kind: 'file', size: readFileSync(join(project, 'datasets', 'churn.csv')).length, path: 'datasets/churn.csv' }]);
  });

  it('refuses paths outside the allowed roots with one-line errors', async () => {
    oneLineError(await api('files.list', { folder: '..' }), 400, /outside the project folder/);
    oneLineError(await api('files.list', { folder: 'datasets/../../elsewhere' }), 400, /outside/);
    oneLineError(await api('files.list', { folder: outside }), 400, /outside/);
    oneLineError(await api('files.list', { folder: '/' }), 400, /outside/);
    oneLineError(await api('files.list', { folder: 'datasets/link-out' }), 400, /outside/);
    oneLineError(await api('files.list', { folder: 'nope' }), 400, /does not exist/);
    oneLineError(await api('files.list', { folder: 'datasets/churn.csv' }), 400, /not a folder/);
    oneLineError(await api('files.list', { folder: '', extensions: ['../x'] }), 400, /bad request for files\.list/);
  });

  it('shows an added folder (remembered in the user settings) and nothing above it', async () => {
    oneLineError(await api('files.addFolder', { path: 'relative/path' }), 400, /not an absolute path/);
    oneLineError(await api('files.addFolder', { path: join(base, 'missing') }), 400, /does not exist/);
    const addedReply = await api('files.addFolder', { path: outside });
    expect(addedReply.json).toEqual({ folders: [outside] });
    expect(JSON.parse(readFileSync(join(userData, 'file-folders.json'), 'utf8'))).toEqual([outside]);

    const listed = await api('files.list', { folder: outside, extensions: ['csv'] });
    expect(listed.status).toBe(200);
    expect(listed.json.parent).toBeNull();
    expect(listed.json.entries).toEqual([{ name: 'secret.csv', kind: 'file', size: 4, path: join(outside, 'secret.csv') }]);
    expect((listed.json.roots as { kind: string }[]).map((r) => r.kind)).toEqual(['project', 'added']);
    oneLineError(await api('files.list', { folder: base }), 400, /outside/);
  });

  it('copies a file from an added folder into the project, but nothing from outside the roots', async () => {
    oneLineError(await api('files.copyIntoProject', { path: join(outside, 'secret.csv') }), 400, /outside/);
    await api('files.addFolder', { path: outside });
    const copied = await api('files.copyIntoProject', { path: join(outside, 'secret.csv') });
    expect(copied.json).toEqual({ path: 'secret.csv', bytes: 4 });
    const again = await api('files.copyIntoProject', { path: join(outside, 'secret.csv') });
    expect(again.json).toEqual({ path: 'secret-2.csv', bytes: 4 });
    expect(readFileSync(join(project, 'secret-2.csv'), 'utf8')).toBe('x\n1\n');
  });
});

describe('upload', () => {
  it('stores the bytes in the project folder under a safe name and never replaces a file', async () => {
    const bytes = Buffer.from('id,value\n1,2\n3,4\n');
    const first = await upload('../../evil/data.csv', bytes);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ path: 'data.csv', bytes: bytes.length });
    expect(readFileSync(join(project, 'data.csv'))).toEqual(bytes);
    const second = await upload('data.csv', Buffer.from('other\n'));
    expect(second.json).toEqual({ path: 'data-2.csv', bytes: 6 });
    expect(readFileSync(join(project, 'data.csv'))).toEqual(bytes); // the first is untouched
    expect(existsSync(join(base, 'evil'))).toBe(false);
  });

  it('refuses files over the cap (declared or streamed) and leaves no partial file', async () => {
    const before = readdirSync(project).sort();
    oneLineError(await upload('huge.csv', Buffer.alloc(CAP + 1, 97)), 413, /too large/);
    // Without a declared length the cap is enforced while streaming.
    oneLineError(await upload('huge.csv', Buffer.alloc(CAP + 10, 97), { 'transfer-encoding': 'chunked' }), 413, /too large/);
    expect(readdirSync(project).sort()).toEqual(before);
    expect((await upload('ok.csv', Buffer.alloc(CAP, 97))).status).toBe(200);
  });

  it('refuses other file types, the wrong content type and a missing token', async () => {
    oneLineError(await upload('script.sh', Buffer.from('rm -rf /')), 400, /not a data file/);
    oneLineError(await send('/upload?name=a.csv', 'a\n', { 'content-type': 'application/json', 'x-plumb-token': host.token }), 415, /octet-stream/);
    oneLineError(await send('/upload', 'a\n', { 'content-type': 'application/octet-stream', 'x-plumb-token': host.token }), 400, /name/);
    expect((await send('/upload?name=a.csv', 'a\n', { 'content-type': 'application/octet-stream' })).status).toBe(401);
    expect(readdirSync(project).filter((f) => f.endsWith('.csv') || f.endsWith('.sh'))).toEqual([]);
  });
});
