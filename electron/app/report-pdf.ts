// The reports' PDF export in the desktop app: the renderer names a report (drift or explanation) by its ids; main
// builds the HTML itself, renders it in a hidden window that runs no script and loads nothing else, prints it with
// Chromium's print-to-PDF and writes the file where the user chooses.
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportPdfRequestSchema, SAVE_REPORT_PDF_CHANNEL, type ReportPdfResponse } from '../../shared/api/desktop-reports.js';
import type { ApiService } from '../api/service.js';
import { printablePage } from '../../shared/explain-report/printable-page.js';
import { REPORT_PDF_OPTIONS, reportHtml, reportPdfFileName } from './report-pdf-page.js';

/** An in-memory session of its own: the print window shares no cookies, cache or permissions with the app. */
const PRINT_PARTITION = 'plumb-report-print';

/** Prints a standalone HTML page to PDF bytes in a hidden, sandboxed window without JavaScript. */
async function printToPdf(html: string): Promise<Buffer> {
  // A file rather than a data: URL, which Chromium refuses past 2 MB (a beeswarm of many rows gets there).
  const dir = await mkdtemp(join(tmpdir(), 'plumb-report-'));
  const page = join(dir, 'report.html');
  const window = new BrowserWindow({
    show: false,
    width: 1240,
    height: 1754,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, spellcheck: false, partition: PRINT_PARTITION },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  try {
    await writeFile(page, printablePage(html), 'utf8');
    await window.loadFile(page);
    return await window.webContents.printToPDF(REPORT_PDF_OPTIONS);
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** `fallback` parents the save dialog when the asking window is gone (a pop-out closed meanwhile). */
export function registerReportPdf(service: ApiService, fallback: BrowserWindow, trusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(SAVE_REPORT_PDF_CHANNEL, async (event, payload: unknown): Promise<ReportPdfResponse | { error: string }> => {
    if (!trusted(event)) return { error: 'untrusted sender' };
    const request = reportPdfRequestSchema.safeParse(payload);
    if (!request.success) return { error: `bad request for the PDF export: ${request.error.issues[0]?.message ?? 'invalid'}` };
    try {
      const html = await reportHtml(service, request.data);
      const target = await dialog.showSaveDialog(BrowserWindow.fromWebContents(event.sender) ?? fallback, {
        title: 'Save report as PDF',
        defaultPath: join(app.getPath('documents'), reportPdfFileName(request.data)),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (target.canceled || !target.filePath) return { path: null };
      await writeFile(target.filePath, await printToPdf(html));
      return { path: target.filePath };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });
}
