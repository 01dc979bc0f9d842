// Issue 10 item 8: the browser host's defences, tried the way an attacker on the same machine or a hostile web
// page would: token on HTTP and WebSocket, Host/Origin checks, loopback-only bind, path traversal, security
// headers on every answer, and body limits.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiHandlers, ApiService } from '../../electron/host/handlers.js';
import { startBrowserHost, type BrowserHost } from '../../electron/host/web.js';

let host: BrowserHost;
let root = '';
let staticDir = '';
const SECRET = 'top-secret-outside-the-app-folder';

function fakeService(): ApiService {
  const handlers = {
    'pipelines.list': async () => ({ pipelines: [] }),
    'project.info': async () => ({ path: '/p.plumb', name: 'p.plumb', readonly: false, host: 'browser', computeBackend: 'cpu' }),
  } as unknown as ApiHandlers;
  return { handlers, onRunEvent: () => () => {} };
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The connection ended without an HTTP answer (reset or closed). */
  reset?: boolean;
}

/** One raw HTTP/1.1 request, byte for byte as given (no client-side normalization of the path or headers). */
function raw(request: string | Buffer, options: { body?: Buffer | string; chunks?: number } = {}): Promise<Reply> {
  return new Promise((resolve) => {
    const socket: Socket = connect(host.port, '127.0.0.1');
    let data = Buffer.alloc(0);
    socket.on('data', (d) => (data = Buffer.concat([data, d])));
    const finish = () => {
      const text = data.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return resolve({ status: 0, headers: {}, body: '', reset: true });
      const [statusLine, ...headerLines] = text.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body = text.slice(end + 4);
      if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    };
    socket.on('end', finish);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(request);
    if (options.body !== undefined) {
      const body = Buffer.from(options.body);
      const parts = options.chunks ?? 1;
      const size = Math.ceil(body.length / parts);
      for (let i = 0; i < parts; i++) socket.write(body.subarray(i * size, (i + 1) * size));
    }
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const line = rest.indexOf('\r\n');
    if (line < 0) return out;
    const size = parseInt(rest.slice(0, line), 16);
    if (!(size > 0)) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const all = { host: `127.0.0.1:${host.port}`, connection: 'close', ...headers };
  const lines = Object.entries(all)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`);
  return raw(`GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
}

function post(path: string, body: string | Buffer, headers: Record<string, string> = {}, chunks?: number): Promise<Reply> {
  const all: Record<string, string> = {
    host: `127.0.0.1:${host.port}`,
    connection: 'close',
    'content-type': 'application/json',
    'x-plumb-token': host.token,
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return raw(`POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`, { body, chunks });
}

function openSocket(url: string, headers: Record<string, string> = {}): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }));
    ws.on('error', () => resolve({ opened: false }));
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'plumb-host-security-'));
  staticDir = join(root, 'app');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Plumb</title>');
  writeFileSync(join(staticDir, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  // A sibling folder whose name starts like the app folder: a prefix check without a separator would let it out.
  mkdirSync(join(root, 'app-evil'));
  writeFileSync(join(root, 'app-evil', 'index.html'), SECRET);
  host = await startBrowserHost({ service: fakeService(), staticDir });
});
afterAll(async () => host.close());

describe('token', () => {
  it('is random, long, and required on pages, assets and API calls', async () => {
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
    for (const path of ['/', '/index.html', '/assets/main.js', '/?token=', `/?token=${host.token.slice(0, -1)}`, `/?token=${host.token}x`, `/?token=${host.token.toUpperCase()}`]) {
      expect((await get(path)).status, path).toBe(401);
    }
    expect((await post('/api/pipelines.list', '{}', { 'x-plumb-token': '' })).status).toBe(401);
    expect((await post('/api/pipelines.list', '{}', { 'x-plumb-token': 'a'.repeat(48) })).status).toBe(401);
    expect((await post('/api/pipelines.list', '{}', { 'x-plumb-token': `${host.token}0` })).status).toBe(401);
    expect((await post('/api/pipelines.list', '{}', { 'x-plumb-token': '', cookie: `plumb_token=${'0'.repeat(48)}` })).status).toBe(401);
    expect((await post('/api/pipelines.list', '{}')).status).toBe(200);
    expect((await post('/api/pipelines.list', '{}', { 'x-plumb-token': '', cookie: `other=1; plumb_token=${host.token}` })).status).toBe(200);
  });

  it('is turned into an HttpOnly, SameSite=Strict cookie, never echoed in a body', async () => {
    const page = await get(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toMatch(/^plumb_token=[0-9a-f]{48}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(page.body).not.toContain(host.token);
    const refused = await get('/?token=wrong');
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect(refused.body).not.toContain(host.token);
  });

  it('is required on the event WebSocket, by query, header or cookie', async () => {
    const base = `ws://127.0.0.1:${host.port}/events`;
    expect(await openSocket(base)).toMatchObject({ opened: false });
    expect(await openSocket(`${base}?token=wrong`)).toMatchObject({ opened: false });
    expect(await openSocket(`${base}?token=${host.token.slice(1)}`)).toMatchObject({ opened: false });
    expect(await openSocket(`${base}?token=${host.token}`)).toEqual({ opened: true });
    expect(await openSocket(base, { cookie: `plumb_token=${host.token}` })).toEqual({ opened: true });
    // Only /events upgrades.
    expect(await openSocket(`ws://127.0.0.1:${host.port}/api/pipelines.list?token=${host.token}`)).toMatchObject({ opened: false });
  });

  it('closes a socket that sends anything (one-way)', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=${host.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send('hello');
    expect(await closed).toBe(1008);
  });

  it('survives an oversized WebSocket frame (in its own process: an uncaught socket error would end it)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'children', 'host-child.ts')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const [port, token] = (await new Promise<string>((resolve) => child.stdout.setEncoding('utf8').once('data', resolve))).trim().split(' ');
      const ws = new WebSocket(`ws://127.0.0.1:${port}/events?token=${token}`);
      await new Promise((resolve) => ws.on('open', resolve));
      ws.on('error', () => {}); // the client may notice the refused frame too; the close code is what counts
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      ws.send('x'.repeat(200_000));
      expect(await closed).toBe(1009); // message too big
      const alive = () => Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 300))]);
      expect(await alive(), `host process ended: ${stderr.match(/\w*Error: .*/)?.[0] ?? stderr.slice(0, 200)}`).toBe(true);
      // A frame that is not WebSocket at all (reserved opcode), then a reset in the middle of a frame.
      const garbage = new WebSocket(`ws://127.0.0.1:${port}/events?token=${token}`);
      await new Promise((resolve) => garbage.on('open', resolve));
      garbage.on('error', () => {});
      const garbageClosed = new Promise<number>((resolve) => garbage.on('close', (code) => resolve(code)));
      (garbage as unknown as { _socket: import('node:net').Socket })._socket.write(Buffer.from([0x83, 0x80, 0, 0, 0, 0]));
      expect([1002, 1006]).toContain(await garbageClosed);
      const reset = new WebSocket(`ws://127.0.0.1:${port}/events?token=${token}`);
      await new Promise((resolve) => reset.on('open', resolve));
      reset.on('error', () => {});
      const socket = (reset as unknown as { _socket: import('node:net').Socket })._socket;
      socket.write(Buffer.from([0x81, 0xfe, 0xff, 0xff])); // announces 64 KiB, sends none of it
      socket.resetAndDestroy();
      expect(await alive(), `host process ended: ${stderr.match(/\w*Error: .*/)?.[0] ?? stderr.slice(0, 200)}`).toBe(true);
      const reply = await fetch(`http://127.0.0.1:${port}/api/pipelines.list`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-plumb-token': token } });
      expect(reply.status).toBe(200);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });
});

describe('Host and Origin (DNS rebinding, cross-site pages)', () => {
  it('refuses foreign Host headers even with the right token', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`, `localhost.evil.example:${host.port}`, `[::1]:${host.port}`, `0.0.0.0:${host.port}`, `127.0.0.2:${host.port}`, '']) {
      const reply = await get(`/?token=${host.token}`, { host: hostHeader });
      expect(reply.status, `Host: ${hostHeader}`).toBeGreaterThanOrEqual(400);
      expect(reply.body).not.toContain('<title>Plumb');
    }
    expect((await get(`/?token=${host.token}`, { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses foreign Origins on the API even with the right token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`, `http://127.0.0.1:${host.port}.evil.example`, 'file://']) {
      const reply = await post('/api/pipelines.list', '{}', { origin });
      expect(reply.status, `Origin: ${origin}`).toBe(403);
    }
    expect((await post('/api/pipelines.list', '{}', { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('refuses foreign Host and Origin on the WebSocket even with the right token', async () => {
    const url = `ws://127.0.0.1:${host.port}/events?token=${host.token}`;
    expect(await openSocket(url, { origin: 'http://evil.example' })).toMatchObject({ opened: false });
    expect(await openSocket(url, { origin: 'null' })).toMatchObject({ opened: false });
    expect(await openSocket(url, { host: 'evil.example' })).toMatchObject({ opened: false });
    expect(await openSocket(url, { origin: `http://127.0.0.1:${host.port}` })).toEqual({ opened: true });
  });

  it('accepts API calls only as POST application/json (no simple cross-site form posts)', async () => {
    expect((await post('/api/pipelines.list', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('/api/pipelines.list', '{}', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post('/api/pipelines.list', '{}', { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(415);
    expect((await get('/api/pipelines.list', { 'x-plumb-token': host.token })).status).toBe(405);
    for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '..%2Fpipelines.list']) {
      expect((await post(`/api/${method}`, '{}')).status, method).toBe(404);
    }
  });
});

describe('loopback only', () => {
  it('binds 127.0.0.1 and is not reachable on other addresses', async () => {
    expect(host.url.startsWith(`http://127.0.0.1:${host.port}/`)).toBe(true);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ port: host.port, host: address });
        socket.on('connect', () => (socket.destroy(), resolve(true)));
        socket.on('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
    // IPv6 loopback is a different socket: not listened on either.
    const v6 = await new Promise<boolean>((resolve) => {
      const socket = connect({ port: host.port, host: '::1' });
      socket.on('connect', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    expect(v6).toBe(false);
  });
});

describe('path traversal', () => {
  const attempts = [
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e%252fsecret.txt',
    '//..//secret.txt',
    '/../app-evil/index.html',
    '/..%2fapp-evil%2findex.html',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/index.html%00.js',
    '/..%c0%afsecret.txt',
  ];
  it.each(attempts)('%s never serves a file outside the app folder', async (path) => {
    for (const auth of [{ cookie: `plumb_token=${host.token}` }, {}] as Record<string, string>[]) {
      const reply = await get(auth.cookie ? path : `${path}${path.includes('?') ? '&' : '?'}token=${host.token}`, auth);
      expect(reply.body).not.toContain(SECRET);
      expect(reply.body).not.toMatch(/root:.*:0:0:/);
      expect(reply.status).not.toBe(500);
    }
  });
});

describe('headers', () => {
  it('sends CSP, nosniff, no-referrer and no-store on every answer, errors included', async () => {
    const answers = [
      await get(`/?token=${host.token}`),
      await get('/assets/main.js', { cookie: `plumb_token=${host.token}` }),
      await get('/'),
      await get('/', { host: 'evil.example' }),
      await post('/api/pipelines.list', '{}'),
      await post('/api/nope', '{}'),
      await post('/api/pipelines.list', '{nope'),
    ];
    for (const reply of answers) {
      const csp = reply.headers['content-security-policy'] ?? '';
      expect(csp, `status ${reply.status}`).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|script-src[^;]*\*/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/base-uri 'none'/);
      expect(csp).toMatch(new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${host.port}(;|$)`));
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(answers[0].headers['content-type']).toMatch(/^text\/html/);
    expect(answers[1].headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('answers errors as JSON without stack traces or file paths', async () => {
    for (const reply of [await post('/api/pipelines.list', '{nope'), await post('/api/nope', '{}'), await get('/')]) {
      expect(reply.body).not.toMatch(/\n\s+at |node:internal|\/electron\//);
      expect(() => JSON.parse(reply.body)).not.toThrow();
    }
  });
});

describe('body limits', () => {
  it('answers 413 to a body over the limit, streamed or declared, and keeps serving', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 0x20);
    const streamed = await post('/api/pipelines.list', big, {}, 64);
    expect(streamed.reset, 'connection reset instead of an answer').not.toBe(true);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.message).toMatch(/too large/);
    // Declared too large: refused from the header, before reading the body.
    const declared = await raw(
      `POST /api/pipelines.list HTTP/1.1\r\nhost: 127.0.0.1:${host.port}\r\nconnection: close\r\ncontent-type: application/json\r\nx-plumb-token: ${host.token}\r\ncontent-length: ${100 * 1024 * 1024}\r\n\r\n{}`,
    );
    expect(declared.reset, 'connection reset instead of an answer').not.toBe(true);
    expect(declared.status).toBe(413);
    expect((await post('/api/pipelines.list', '{}')).status).toBe(200);
  });

  it('answers 400 to bad %-encoding in API and page paths, not 500', async () => {
    for (const path of ['/api/pipelines%ZZlist', '/api/%E0%A4%A', '/api/%']) {
      const reply = await post(path, '{}');
      expect(reply.status, path).toBe(400);
      expect(reply.body).not.toMatch(/URIError|\n\s+at /);
    }
    for (const path of ['/%', '/assets/%E0%A4%A', '/%ZZ']) {
      const reply = await get(path, { cookie: `plumb_token=${host.token}` });
      expect(reply.status, path).toBe(400);
      expect(reply.body).not.toMatch(/URIError|\n\s+at /);
    }
  });

  it('refuses a deeply nested or non-object JSON body with 400', async () => {
    for (const body of ['[]', '"x"', '1', 'null', '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, '{"__proto__": {"polluted": 1}}']) {
      const reply = await post('/api/pipelines.list', body);
      expect([200, 400], body.slice(0, 30)).toContain(reply.status);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still alive.
    expect((await post('/api/pipelines.list', '{}')).status).toBe(200);
  });
});
