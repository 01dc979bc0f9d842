// A small client of MLflow's tracking REST API 2.0 (https://mlflow.org/docs/latest/rest-api.html): JSON over
// fetch, auth like MLflow's own client (MLFLOW_TRACKING_TOKEN as a bearer token, else MLFLOW_TRACKING_USERNAME /
// MLFLOW_TRACKING_PASSWORD as basic auth), replies checked with zod, errors as one line naming the endpoint.
import { z } from 'zod';
import { invalidInput, PlumbError, runtimeError } from '../../../shared/errors.js';

/** An error reply of the tracking server: `{"error_code": "RESOURCE_ALREADY_EXISTS", "message": "..."}`. */
export class MlflowError extends PlumbError {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super('runtime', message);
  }
}

const errorReply = z.object({ error_code: z.string(), message: z.string().optional() }).passthrough();

export interface MlflowAuth {
  token?: string;
  username?: string;
  password?: string;
}

/** The auth MLflow's client reads from the environment. */
export function authFromEnv(env: NodeJS.ProcessEnv): MlflowAuth {
  return { token: env.MLFLOW_TRACKING_TOKEN || undefined, username: env.MLFLOW_TRACKING_USERNAME || undefined, password: env.MLFLOW_TRACKING_PASSWORD || undefined };
}

export interface MlflowClient {
  readonly trackingUri: string;
  /** `path` below `/api/2.0/mlflow/`; GET sends `query`, POST/DELETE send `body` as JSON. */
  call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, payload: Record<string, unknown>, reply: z.ZodType<T>): Promise<T>;
  /** PUT of raw bytes below `/api/2.0/mlflow-artifacts/artifacts/` (the server's artifact proxy). */
  upload(path: string, bytes: Uint8Array): Promise<void>;
}

export function createMlflowClient(trackingUri: string, auth: MlflowAuth = {}): MlflowClient {
  let base: URL;
  try {
    base = new URL(trackingUri.endsWith('/') ? trackingUri : `${trackingUri}/`);
  } catch {
    throw invalidInput(`--tracking-uri '${trackingUri}' is not a URL (e.g. http://127.0.0.1:5000)`, { param: 'tracking-uri' });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw invalidInput(`--tracking-uri must be an http(s) URL of an MLflow tracking server, got '${trackingUri}'`, { param: 'tracking-uri' });
  }
  const headers: Record<string, string> = {};
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  else if (auth.username && auth.password) headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;

  async function send(method: string, url: URL, body: BodyInit | undefined, contentType: string | undefined, endpoint: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { method, body, headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) } });
    } catch (e) {
      throw runtimeError(`MLflow ${endpoint}: cannot reach ${base.origin} (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)})`);
    }
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      // not JSON: reported below
    }
    if (!response.ok) {
      const parsed = errorReply.safeParse(json);
      const code = parsed.success ? parsed.data.error_code : `HTTP_${response.status}`;
      const detail = parsed.success && parsed.data.message ? `: ${parsed.data.message}` : response.status === 401 || response.status === 403 ? ' (set MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD)' : '';
      throw new MlflowError(endpoint, response.status, code, `MLflow ${endpoint}: ${code}${detail}`);
    }
    if (json === undefined) throw runtimeError(`MLflow ${endpoint}: the server did not reply with JSON (is ${base.origin} an MLflow tracking server?)`);
    return json;
  }

  return {
    trackingUri: base.href,
    async call(method, path, payload, reply) {
      const url = new URL(`api/2.0/mlflow/${path}`, base);
      let body: string | undefined;
      if (method === 'GET') {
        for (const [key, value] of Object.entries(payload)) if (value !== undefined) url.searchParams.set(key, String(value));
      } else {
        body = JSON.stringify(payload);
      }
      const json = await send(method, url, body, body === undefined ? undefined : 'application/json', path);
      const parsed = reply.safeParse(json);
      if (!parsed.success) throw runtimeError(`MLflow ${path}: unexpected reply (${parsed.error.issues[0]?.message ?? 'bad shape'})`);
      return parsed.data;
    },
    async upload(path, bytes) {
      const url = new URL(`api/2.0/mlflow-artifacts/artifacts/${path.split('/').map(encodeURIComponent).join('/')}`, base);
      await send('PUT', url, Buffer.from(bytes), 'application/octet-stream', 'mlflow-artifacts/artifacts');
    },
  };
}

/** True for the documented "already exists" error (creating what is there: experiments, registered models). */
export function alreadyExists(e: unknown): boolean {
  return e instanceof MlflowError && e.errorCode === 'RESOURCE_ALREADY_EXISTS';
}

export function doesNotExist(e: unknown): boolean {
  return e instanceof MlflowError && (e.errorCode === 'RESOURCE_DOES_NOT_EXIST' || e.status === 404);
}
