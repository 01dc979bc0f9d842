// A browser host in its own process, for attacks that could take the whole process down (an uncaught error in a
// socket handler): prints `<port> <token>` once listening and runs until killed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiHandlers } from '../../../electron/host/handlers.js';
import { startBrowserHost } from '../../../electron/host/web.js';

const staticDir = mkdtempSync(join(tmpdir(), 'plumb-host-child-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Plumb</title>');
const handlers = { 'pipelines.list': async () => ({ pipelines: [] }) } as unknown as ApiHandlers;
const host = await startBrowserHost({ service: { handlers, onRunEvent: () => () => {} }, staticDir });
process.stdout.write(`${host.port} ${host.token}\n`);
