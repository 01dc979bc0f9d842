// The renderer's side of file picking: the desktop bridge when running in Electron (native dialog, dropped files'
// paths), else the browser host's upload endpoint (a dropped file has no path in a browser, so its bytes are sent).
import { pickFileResponseSchema, type DesktopFiles, type PickFileResponse } from '../../shared/api/desktop-files.js';
import { uploadResponseSchema } from '../../shared/api/contract.js';
import { ApiError } from './client.js';

/** The native file bridge, in the desktop app only. */
export function desktopFiles(): DesktopFiles | undefined {
  return window.plumb?.files;
}

/** The native open dialog; null path when the user cancelled. */
export async function pickWithNativeDialog(bridge: DesktopFiles, extensions: string[] | undefined): Promise<PickFileResponse> {
  const answer = await bridge.pickFile({ extensions });
  const parsed = pickFileResponseSchema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const error = (answer as { error?: unknown } | null)?.error;
  throw new ApiError(typeof error === 'string' ? error : 'the file dialog gave no usable answer', 'invalid_input');
}

/** Sends a file's bytes to the browser host, which stores it in the project folder; the answer is its param path. */
export async function uploadToProject(file: File): Promise<{ path: string; bytes: number }> {
  const token = sessionStorage.getItem('plumb-token') ?? '';
  const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-plumb-token': token },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (body as { error?: { message?: unknown; kind?: unknown } } | null)?.error;
    throw new ApiError(typeof error?.message === 'string' ? error.message : `upload failed (HTTP ${res.status})`, typeof error?.kind === 'string' ? error.kind : 'runtime');
  }
  return uploadResponseSchema.parse(body);
}
