// Preload: exposes one function per API method (never a generic invoke) and the run-event subscription.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { apiMethods } from '../../shared/api/contract.js';
import { PICK_FILE_CHANNEL, type DesktopFiles } from '../../shared/api/desktop-files.js';
import { SAVE_REPORT_PDF_CHANNEL, type DesktopReports } from '../../shared/api/desktop-reports.js';
import type { OutputWindowsBridge } from '../../shared/api/output-window.js';
import { POP_OUT_OUTPUT_CHANNEL, RUN_EVENT_CHANNEL } from './channels.js';

/** The one IPC call: every channel passed here is fixed below (the API's method names, the file dialog, the PDF export, pop-outs). */
const invoke = (method: string, request: unknown) => ipcRenderer.invoke(method, request);

const bridge: Record<string, unknown> = {};
for (const method of Object.keys(apiMethods)) {
  bridge[method] = (request: unknown) => invoke(method, request);
}
bridge.onRunEvent = (listener: (event: unknown) => void) => {
  const handler = (_event: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(RUN_EVENT_CHANNEL, handler);
  return () => ipcRenderer.removeListener(RUN_EVENT_CHANNEL, handler);
};
// Files: the native open dialog (main process) and the path Electron knows for a dropped file.
const files: DesktopFiles = {
  pickFile: (request) => invoke(PICK_FILE_CHANNEL, request),
  pathForFile: (file) => (file instanceof File ? webUtils.getPathForFile(file) : ''),
};
bridge.files = files;
// Reports: the PDF export, which main builds and prints from the report's ids.
const reports: DesktopReports = { savePdf: (request) => invoke(SAVE_REPORT_PDF_CHANNEL, request) };
bridge.reports = reports;
// Outputs: a popped-out output opens in a window the main process makes (the renderer cannot open windows).
const outputs: OutputWindowsBridge = { popOut: (route) => invoke(POP_OUT_OUTPUT_CHANNEL, route) };
bridge.outputs = outputs;

contextBridge.exposeInMainWorld('plumb', bridge);
