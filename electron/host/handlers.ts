// The one validating dispatcher both transports use: checks the method and payload, runs the handler, checks the answer.
import { toPlumbError } from '../../shared/errors.js';
import { apiMethods, isApiMethod } from '../../shared/api/contract.js';
import type { ApiService } from '../api/service.js';

// Transports import the service shape from here too; it is defined once, in the api layer.
export type { ApiHandlers, ApiService } from '../api/service.js';

export type DispatchResult =
  | { ok: true; body: unknown }
  | { ok: false; status: 400 | 404 | 500; body: { error: { kind: string; message: string; node?: string; param?: string; line?: number; details?: string[] } } };

/** Validate the method name and the payload, run the handler, validate what it returns. */
export async function dispatch(service: ApiService, method: string, payload: unknown): Promise<DispatchResult> {
  if (!isApiMethod(method)) return { ok: false, status: 404, body: { error: { kind: 'invalid_input', message: `unknown API method '${method}'` } } };
  const schema = apiMethods[method];
  const parsed = schema.request.safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, status: 400, body: { error: { kind: 'invalid_input', message: `bad request for ${method}: ${first ? `${first.path.join('.') || '(body)'}: ${first.message}` : 'invalid'}` } } };
  }
  try {
    const handler = service.handlers[method] as (request: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    return { ok: true, body: schema.response.parse(result) };
  } catch (e) {
    const error = toPlumbError(e);
    const { node, param, line } = error.where;
    return {
      ok: false,
      status: error.kind === 'invalid_input' ? 400 : 500,
      body: { error: { kind: error.kind, message: error.message, node, param, line, details: error.details.length ? error.details : undefined } },
    };
  }
}
