// Pop-out windows, one output each: the renderer may not open windows itself (window.open is denied), so it asks
// over a validated IPC call and the main process opens a window as locked down as the main one on the output's route.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { outputRouteHash, outputRouteSchema, type OutputRoute, type PopOutResponse } from '../../shared/api/output-window.js';
import { POP_OUT_OUTPUT_CHANNEL } from './channels.js';

/** More than this many open pop-outs is refused: a misbehaving renderer cannot flood the screen. */
const MAX_OUTPUT_WINDOWS = 12;

export interface OutputWindows {
  /** Sends to every open pop-out (run events, so they follow new runs). */
  send(channel: string, payload: unknown): void;
  /** Closes every pop-out (the main window closed: they must not keep the app running on their own). */
  closeAll(): void;
}

export interface OutputWindowOptions {
  trusted(event: IpcMainInvokeEvent): boolean;
  /** opens a window with the main window's web preferences and navigation guards on the app's page plus `hash` */
  open(hash: string, title: string): BrowserWindow;
}

/** One window per output (pipeline, node, port): asking again focuses the open one. */
const windowKey = (route: OutputRoute) => JSON.stringify([route.pipeline, route.node, route.port]);

export function registerOutputWindows(options: OutputWindowOptions): OutputWindows {
  const windows = new Map<string, BrowserWindow>();
  ipcMain.handle(POP_OUT_OUTPUT_CHANNEL, (event, payload: unknown): PopOutResponse => {
    if (!options.trusted(event)) return { error: 'untrusted sender' };
    const request = outputRouteSchema.safeParse(payload);
    if (!request.success) return { error: 'bad request for a pop-out output' };
    const key = windowKey(request.data);
    const open = windows.get(key);
    if (open && !open.isDestroyed()) {
      open.focus();
      return { opened: false };
    }
    if (windows.size >= MAX_OUTPUT_WINDOWS) return { error: `at most ${MAX_OUTPUT_WINDOWS} outputs can be popped out at once; close one first` };
    const { node, port, pipeline } = request.data;
    const window = options.open(outputRouteHash(request.data), `${node}.${port} (${pipeline}) — Plumb`);
    windows.set(key, window);
    window.on('closed', () => windows.delete(key));
    return { opened: true };
  });
  return {
    send(channel, payload) {
      for (const window of windows.values()) if (!window.isDestroyed()) window.webContents.send(channel, payload);
    },
    closeAll() {
      for (const window of windows.values()) if (!window.isDestroyed()) window.close();
    },
  };
}
