// The browser host's answers to malformed requests: an oversized body gets a 413 the client can read (not a
// connection reset), a malformed %-escape gets 400 (not 500).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, ApiService } from '../../../../electron/host/handlers.js';
import { MAX_BODY_BYTES, startBrowserHost, type BrowserHost } from '../../../../electron/host/web.js';

let host: BrowserHost;

function fakeService(): ApiService {
  const handlers = { 'pipelines.list': async () => ({ pipelines: [] }) } as unknown as ApiHandlers;
  return { handlers, onRunEvent: () => () => {} };
}

function send(path: string, options: { body?: Buffer; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: '127.0.0.1',
        port: host.port,
        path,
        method: options.body ? 'POST' : 'GET',
        headers: { 'x-plumb-token': host.token, 'content-type': 'application/json', ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

beforeEach(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'plumb-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Plumb</title>');
  host = await startBrowserHost({ service: fakeService(), staticDir });
});
afterEach(async () => host.close());

describe('browser host limits', () => {
  it('answers an oversized body with 413, with or without a content-length', async () => {
    const body = Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20);
    const sized = await send('/api/pipelines.list', { body });
    expect(sized.status).toBe(413);
    expect(sized.body).toMatch(/request too large/);
    const chunked = await send('/api/pipelines.list', { body, headers: { 'transfer-encoding': 'chunked' } });
    expect(chunked.status).toBe(413);
    // The host still serves the next request.
    expect((await send('/api/pipelines.list', { body: Buffer.from('{}') })).status).toBe(200);
  });

  it('answers a malformed %-escape with 400, for API calls and pages', async () => {
    const api = await send('/api/pipelines%E0%A4%A', { body: Buffer.from('{}') });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toEqual({ error: { kind: 'invalid_input', message: expect.stringMatching(/%-encoding/) } });
    expect((await send('/assets/%zz.js')).status).toBe(400);
    expect((await send('/%')).status).toBe(400);
  });
});
