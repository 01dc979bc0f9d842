// The browser host: the app API over HTTP + WebSocket on 127.0.0.1 only, with a random token
// (URL query once, then an HttpOnly cookie) checked on every request, plus the built renderer.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, type ApiService } from './handlers.js';
import { MAX_UPLOAD_BYTES, receiveUpload, type SaveUpload } from './upload.js';

export const LOOPBACK = '127.0.0.1';
/** The largest API request body (8 MiB); a bigger one is answered 413 'request too large'. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** The largest message a client may send on the event socket (64 KiB; it is one-way); a bigger one closes it with 1009. */
export const MAX_WS_MESSAGE_BYTES = 64 * 1024;
const COOKIE = 'plumb_token';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

export interface BrowserHostOptions {
  service: ApiService;
  /** folder with the built renderer (index.html + assets) */
  staticDir: string;
  port?: number;
  /** fixed token for tests; random otherwise */
  token?: string;
  /** stores an uploaded file in the project folder (POST /upload); without it uploads are refused */
  saveUpload?: SaveUpload;
  /** the upload cap in bytes (MAX_UPLOAD_BYTES unless a test lowers it) */
  maxUploadBytes?: number;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${LOOPBACK}:${port}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let port = 0;
  const sockets = new Set<WebSocket>();

  const authorized = (req: IncomingMessage, url: URL): boolean =>
    sameToken(url.searchParams.get('token') ?? undefined, token) ||
    sameToken(req.headers['x-plumb-token'] as string | undefined, token) ||
    sameToken(readCookie(req, COOKIE), token);

  // DNS-rebinding guard: only our own loopback origin may talk to us.
  const hostAllowed = (req: IncomingMessage) => req.headers.host === `${LOOPBACK}:${port}` || req.headers.host === `localhost:${port}`;
  const originAllowed = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://${LOOPBACK}:${port}` || origin === `http://localhost:${port}`;
  };

  const send = (res: ServerResponse, status: number, body: string | Buffer, type = 'application/json') => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(body);
  };

  const badRequest = (res: ServerResponse, message: string) => send(res, 400, JSON.stringify({ error: { kind: 'invalid_input', message } }));

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      // A malformed %-escape anywhere in the address is the client's mistake, not ours.
      if (e instanceof URIError) return badRequest(res, 'malformed %-encoding in the request address');
      send(res, 500, JSON.stringify({ error: { kind: 'runtime', message: String(e) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
    } catch {
      return badRequest(res, 'malformed request address');
    }
    if (!hostAllowed(req) || !originAllowed(req)) return send(res, 403, JSON.stringify({ error: { kind: 'invalid_input', message: 'forbidden origin' } }));
    if (!authorized(req, url)) return send(res, 401, JSON.stringify({ error: { kind: 'invalid_input', message: 'missing or wrong token' } }));
    if (url.pathname === '/upload') {
      if (req.method !== 'POST' || !options.saveUpload) return send(res, 405, JSON.stringify({ error: { kind: 'invalid_input', message: 'uploads are POST /upload?name=…' } }));
      const reply = await receiveUpload(req, url, options.saveUpload, options.maxUploadBytes ?? MAX_UPLOAD_BYTES);
      if (reply.unread) {
        // As for an oversized API request: answer, then close, without reading a body we refused.
        req.resume();
        res.setHeader('connection', 'close');
        res.once('finish', () => setTimeout(() => req.socket.destroy(), 1000).unref());
      }
      return send(res, reply.status, JSON.stringify(reply.body));
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: { kind: 'invalid_input', message: 'use POST' } }));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, JSON.stringify({ error: { kind: 'invalid_input', message: 'content-type must be application/json' } }));
      }
      const body = await readBody(req);
      if (body === undefined) {
        // Answer first, then close: destroying the socket mid-upload would reach the client as a connection reset.
        res.setHeader('connection', 'close');
        res.once('finish', () => setTimeout(() => req.socket.destroy(), 1000).unref());
        return send(res, 413, JSON.stringify({ error: { kind: 'invalid_input', message: `request too large (more than ${MAX_BODY_BYTES} bytes)` } }));
      }
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body) : {};
      } catch {
        return send(res, 400, JSON.stringify({ error: { kind: 'invalid_input', message: 'body is not JSON' } }));
      }
      const result = await dispatch(options.service, decodeURIComponent(url.pathname.slice('/api/'.length)), payload);
      return send(res, result.ok ? 200 : result.status, JSON.stringify(result.body));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
    if (url.searchParams.has('token')) {
      res.setHeader('set-cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    return serveStatic(url.pathname, res);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(options.staticDir, relative || 'index.html');
    if (!file.startsWith(options.staticDir + sep) && file !== options.staticDir) return send(res, 403, '');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      file = join(options.staticDir, 'index.html'); // single-page app fallback
    }
    try {
      send(res, 200, await readFile(file), MIME[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(res, 404, 'renderer not built: run `npm run build:renderer`', 'text/plain');
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node hands the socket over without its error listener: a reset now would be an uncaught error.
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      return;
    }
    if (url.pathname !== '/events' || !hostAllowed(req) || !originAllowed(req) || !authorized(req, url)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', () => ws.close(1008, 'events socket is one-way'));
      // Errors are per socket (a message over maxPayload, a bad frame, a reset): that socket ends, the host stays.
      // ws has already started closing with the matching code (1009 for a message too large, 1002 for a bad frame).
      ws.on('error', (e: Error & { code?: string }) => {
        sockets.delete(ws);
        if (ws.readyState === ws.OPEN) ws.close(e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 1009 : 1002);
        // Do not wait 30 s for a peer that may never answer the close frame.
        setTimeout(() => ws.terminate(), 1000).unref();
      });
    });
  });
  const unsubscribe = options.service.onRunEvent((event) => {
    const text = JSON.stringify(event);
    for (const ws of sockets) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string' || address.address !== LOOPBACK) {
    server.close();
    throw new Error('browser host must bind to 127.0.0.1');
  }
  port = address.port;
  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** The body as text, or undefined when it is larger than MAX_BODY_BYTES (the rest is read and dropped). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      req.resume(); // drain without keeping anything, so the client can read the answer
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
