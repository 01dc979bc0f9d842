// Preload: exposes one function per API method (never a generic invoke) and the run-event subscription.
import { contextBridge, ipcRenderer } from 'electron';
import { apiMethods } from '../../shared/api/contract.js';
import { RUN_EVENT_CHANNEL } from './channels.js';

const bridge: Record<string, unknown> = {};
for (const method of Object.keys(apiMethods)) {
  bridge[method] = (request: unknown) => ipcRenderer.invoke(method, request);
}
bridge.onRunEvent = (listener: (event: unknown) => void) => {
  const handler = (_event: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(RUN_EVENT_CHANNEL, handler);
  return () => ipcRenderer.removeListener(RUN_EVENT_CHANNEL, handler);
};

contextBridge.exposeInMainWorld('plumb', bridge);
