// The browser host's file upload (POST /upload?name=…, the raw bytes as the body): a dropped file has no path in a
// browser, so its bytes are streamed into the project folder. The query and the answer are checked with zod.
import type { IncomingMessage } from 'node:http';
import { uploadQuerySchema, uploadResponseSchema } from '../../shared/api/contract.js';
import { toPlumbError } from '../../shared/errors.js';
import { UploadTooLarge } from '../api/files.js';

export { MAX_UPLOAD_BYTES } from '../api/files.js';

export type SaveUpload = (name: string, body: AsyncIterable<Buffer>, maxBytes: number) => Promise<{ path: string; bytes: number }>;

export interface UploadReply {
  status: 200 | 400 | 413 | 415 | 500;
  body: unknown;
  /** whether the request body was left unread (the connection must close after the answer) */
  unread: boolean;
}

const fail = (status: UploadReply['status'], message: string, unread: boolean, kind = 'invalid_input'): UploadReply => ({ status, body: { error: { kind, message } }, unread });

export async function receiveUpload(req: IncomingMessage, url: URL, save: SaveUpload, maxBytes: number): Promise<UploadReply> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) return fail(415, 'content-type must be application/octet-stream', true);
  const query = uploadQuerySchema.safeParse({ name: url.searchParams.get('name') ?? undefined });
  if (!query.success) return fail(400, 'bad upload: give the file name as ?name=…', true);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return fail(413, `file too large (more than ${maxBytes} bytes)`, true);
  try {
    const saved = await save(query.data.name, req, maxBytes);
    return { status: 200, body: uploadResponseSchema.parse(saved), unread: false };
  } catch (e) {
    const tooLarge = e instanceof UploadTooLarge;
    const error = toPlumbError(e);
    if (tooLarge) return fail(413, error.message, true);
    return fail(error.kind === 'invalid_input' ? 400 : 500, error.message, !req.readableEnded, error.kind);
  }
}
