// The Electron main process: one secure window on the bundled renderer, the app API over validated IPC.
import { app, BrowserWindow, ipcMain, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { apiMethods, type ApiMethodName } from '../../shared/api/contract.js';
import { createAppService, ensureSampleCopy, type AppService } from '../api/app-service.js';
import { dispatch } from '../host/handlers.js';
import { RUN_EVENT_CHANNEL } from './channels.js';
import { registerFileDialog } from './file-dialog.js';
import { registerOutputWindows } from './output-window.js';
import { registerReportPdf } from './report-pdf.js';

const APP_ORIGIN = 'plumb://app';
const root = join(__dirname, '..', '..');
const rendererDir = join(root, 'renderer', 'dist');

protocol.registerSchemesAsPrivileged([{ scheme: 'plumb', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Only our own top-level page may call the API. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
}

function registerApi(service: AppService): void {
  for (const method of Object.keys(apiMethods) as ApiMethodName[]) {
    ipcMain.handle(method, async (event, payload: unknown) => {
      if (!trustedSender(event)) return { ok: false, body: { error: { kind: 'invalid_input', message: 'untrusted sender' } } };
      return dispatch(service, method, payload);
    });
  }
}

/** A window on the app's page (`hash` picks a route, e.g. a popped-out output), every one equally locked down. */
function createWindow(hash = '', title = 'Plumb', size = { width: 1440, height: 900 }): BrowserWindow {
  const window = new BrowserWindow({
    ...size,
    title,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(`${APP_ORIGIN}/index.html${hash}`);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  protocol.handle('plumb', async (request) => {
    const url = new URL(request.url);
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    const file = join(rendererDir, relative);
    if (url.host !== 'app' || !file.startsWith(rendererDir + sep)) return new Response('forbidden', { status: 403 });
    try {
      return new Response(await readFile(file), { headers: { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });

  const projectArg = process.argv.slice(2).find((a) => a.endsWith('.plumb'));
  const userData = app.getPath('userData');
  const projectPath = projectArg ?? (await ensureSampleCopy(join(root, 'assets', 'sample.plumb'), join(root, 'assets', 'datasets'), userData));
  const service = await createAppService({ projectPath, host: 'electron', userDataDir: userData });
  registerApi(service);
  const window = createWindow();
  registerFileDialog(service, window, trustedSender);
  const outputWindows = registerOutputWindows({ trusted: trustedSender, open: (hash, title) => createWindow(hash, title, { width: 1000, height: 720 }) });
  window.on('closed', () => outputWindows.closeAll());
  registerReportPdf(service, window, trustedSender);
  service.onRunEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send(RUN_EVENT_CHANNEL, event);
    outputWindows.send(RUN_EVENT_CHANNEL, event);
  });
  app.on('window-all-closed', () => {
    void service.close().then(() => app.quit());
  });
}

void start();
