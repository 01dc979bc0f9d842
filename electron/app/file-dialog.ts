// The native open dialog behind a file param's Browse… button: validated like every IPC call, and the picked path
// handed back as the param value the API's files.locate makes of it (relative when inside the project folder).
import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { PICK_FILE_CHANNEL, pickFileRequestSchema, type PickFileResponse } from '../../shared/api/desktop-files.js';
import type { ApiService } from '../api/service.js';
import { dispatch } from '../host/handlers.js';

export function registerFileDialog(service: ApiService, window: BrowserWindow, trusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(PICK_FILE_CHANNEL, async (event, payload: unknown): Promise<PickFileResponse | { error: string }> => {
    if (!trusted(event)) return { error: 'untrusted sender' };
    const request = pickFileRequestSchema.safeParse(payload);
    if (!request.success) return { error: 'bad request for the file dialog' };
    const { extensions, title } = request.data;
    const picked = await dialog.showOpenDialog(window, {
      title: title ?? 'Choose a file',
      properties: ['openFile'],
      filters: extensions?.length ? [{ name: extensions.join(', '), extensions }, { name: 'All files', extensions: ['*'] }] : [],
    });
    const path = picked.canceled ? undefined : picked.filePaths[0];
    if (!path) return { path: null, insideProject: false };
    const located = await dispatch(service, 'files.locate', { path });
    if (!located.ok) return { error: located.body.error.message };
    return located.body as PickFileResponse;
  });
}
