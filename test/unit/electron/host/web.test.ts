// The browser host: loopback only, token on every request, every API message validated.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppRunEvent } from '../../../../shared/api/contract.js';
import type { ApiHandlers, ApiService } from '../../../../electron/api/service.js';
import { startBrowserHost, type BrowserHost } from '../../../../electron/host/web.js';

let host: BrowserHost;
let emitEvent: (e: AppRunEvent) => void = () => {};
const calls: unknown[] = [];

function fakeService(): ApiService {
  const listeners = new Set<(e: AppRunEvent) => void>();
  emitEvent = (e) => listeners.forEach((l) => l(e));
  const handlers = {
    'pipelines.list': async () => ({ pipelines: [{ name: 'p', version: 1, savedAt: '2026-01-01' }] }),
    'runs.cancel': async (req: unknown) => {
      calls.push(req);
      return {};
    },
    'runs.list': async () => ({ runs: 'not a list' }),
  } as unknown as ApiHandlers;
  return { handlers, onRunEvent: (l) => (listeners.add(l), () => listeners.delete(l)) };
}

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(path: string, options: { method?: string; body?: string; headers?: Record<string, string>; port?: number; hostname?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname: options.hostname ?? '127.0.0.1', port: options.port ?? host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const api = (method: string, body: unknown, token = host.token) =>
  send(`/api/${method}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-plumb-token': token } });

beforeEach(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'plumb-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Plumb</title>');
  host = await startBrowserHost({ service: fakeService(), staticDir });
});
afterEach(async () => host.close());

describe('browser host', () => {
  it('listens on 127.0.0.1 with a random token and prints a tokenized URL', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    const other = await startBrowserHost({ service: fakeService(), staticDir: tmpdir() });
    expect(other.token).not.toBe(host.token);
    await other.close();
  });

  it('cannot be reached on a non-loopback address', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) return; // a machine without a non-loopback interface has nothing to reach
    await expect(send('/', { hostname: external.address })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('answers 401 without the right token, for pages, API calls and the event socket', async () => {
    expect((await send('/')).status).toBe(401);
    expect((await send('/?token=wrong')).status).toBe(401);
    expect((await api('pipelines.list', {}, 'x'.repeat(48))).status).toBe(401);
    expect((await api('pipelines.list', {}, '')).status).toBe(401);
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=nope`);
    await expect(new Promise((resolve, reject) => (ws.on('open', resolve), ws.on('error', reject)))).rejects.toThrow(/401/);
  });

  it('serves the app with a strict CSP and sets the token cookie once the URL token is right', async () => {
    const page = await send(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect((await send('/assets/x.js', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses other Host and Origin headers (DNS rebinding, cross-site pages)', async () => {
    const evilHost = await send(`/?token=${host.token}`, { headers: { host: 'evil.example:80' } });
    expect(evilHost.status).toBe(403);
    const evilOrigin = await send(`/api/pipelines.list`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', 'x-plumb-token': host.token, origin: 'http://evil.example' },
    });
    expect(evilOrigin.status).toBe(403);
  });

  it('validates every API message', async () => {
    const ok = await api('pipelines.list', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ pipelines: [{ name: 'p', version: 1, savedAt: '2026-01-01' }] });

    expect((await api('no.such.method', {})).status).toBe(404);
    const bad = await api('runs.cancel', { runId: 42 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/runId/);
    expect(calls).toEqual([]);
    expect((await api('runs.cancel', { runId: 'r1' })).status).toBe(200);
    expect(calls).toEqual([{ runId: 'r1' }]);

    const notJson = await send('/api/pipelines.list', { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json', 'x-plumb-token': host.token } });
    expect(notJson.status).toBe(400);
    const wrongType = await send('/api/pipelines.list', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain', 'x-plumb-token': host.token } });
    expect(wrongType.status).toBe(415);
    expect((await send('/api/pipelines.list', { headers: { 'x-plumb-token': host.token } })).status).toBe(405);
    // A handler answering outside its contract is an error, not passed through.
    expect((await api('runs.list', {})).status).toBe(500);
  });

  it('does not serve files outside the app folder', async () => {
    const res = await send(`/..%2F..%2F..%2Fetc%2Fpasswd?token=${host.token}`);
    expect(res.body).not.toMatch(/root:/);
  });

  it('pushes run events to token-holding sockets', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=${host.token}`);
    await new Promise((resolve, reject) => (ws.on('open', resolve), ws.on('error', reject)));
    const received = new Promise<unknown>((resolve) => ws.on('message', (d) => resolve(JSON.parse(String(d)))));
    const event: AppRunEvent = { kind: 'run_finished', runId: 'r1', status: 'ok', seconds: 1.5 };
    emitEvent(event);
    expect(await received).toEqual(event);
    ws.close();
  });
});
