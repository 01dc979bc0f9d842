// The renderer's one API client. It picks the transport it was given (Electron preload bridge or the browser
// host's HTTP + WebSocket) and never knows more about it than that.
import type { ApiMethodName, ApiRequest, ApiResponse, AppApi, AppRunEvent } from '../../shared/api/contract.js';
import { runEventSchema } from '../../shared/api/contract.js';
import type { DesktopFiles } from '../../shared/api/desktop-files.js';
import type { DesktopReports } from '../../shared/api/desktop-reports.js';
import type { OutputWindowsBridge } from '../../shared/api/output-window.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: string,
    readonly node?: string,
    readonly param?: string,
    readonly details?: string[],
  ) {
    super(message);
  }
}

type Bridge = { [M in ApiMethodName]: (request: ApiRequest<M>) => Promise<{ ok: true; body: ApiResponse<M> } | { ok: false; body: { error: { kind: string; message: string; node?: string; param?: string; details?: string[] } } }> } & {
  onRunEvent(listener: (event: unknown) => void): () => void;
  /** the desktop app's file bridge (native dialog, dropped files' paths) */
  files?: DesktopFiles;
  /** the desktop app's PDF export of reports (printed by main) */
  reports?: DesktopReports;
  /** the desktop app's pop-out windows for single outputs (opened by main) */
  outputs?: OutputWindowsBridge;
};

declare global {
  interface Window {
    plumb?: Bridge;
  }
}

function electronApi(bridge: Bridge): AppApi {
  return {
    async call(method, request) {
      const fn = bridge[method] as (r: unknown) => Promise<{ ok: boolean; body: unknown }>;
      const result = await fn(request);
      if (!result.ok) {
        const { error } = result.body as { error: { kind: string; message: string; node?: string; param?: string; details?: string[] } };
        throw new ApiError(error.message, error.kind, error.node, error.param, error.details);
      }
      return result.body as never;
    },
    onRunEvent(listener) {
      return bridge.onRunEvent((event) => {
        const parsed = runEventSchema.safeParse(event);
        if (parsed.success) listener(parsed.data);
      });
    },
  };
}

function browserApi(token: string): AppApi {
  const listeners = new Set<(event: AppRunEvent) => void>();
  let socket: WebSocket | undefined;
  const connect = () => {
    socket = new WebSocket(`ws://${location.host}/events?token=${encodeURIComponent(token)}`);
    socket.onmessage = (message) => {
      const parsed = runEventSchema.safeParse(JSON.parse(String(message.data)));
      if (parsed.success) for (const l of listeners) l(parsed.data);
    };
    socket.onclose = () => setTimeout(connect, 1000);
  };
  connect();
  return {
    async call<M extends ApiMethodName>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-plumb-token': token },
        body: JSON.stringify(request),
      });
      const body = (await res.json()) as unknown;
      if (!res.ok) {
        const { error } = body as { error: { kind: string; message: string; node?: string; param?: string; details?: string[] } };
        throw new ApiError(error.message, error.kind, error.node, error.param, error.details);
      }
      return body as ApiResponse<M>;
    },
    onRunEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function connectApi(): AppApi {
  if (window.plumb) return electronApi(window.plumb);
  const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('plumb-token') ?? '';
  sessionStorage.setItem('plumb-token', token);
  // Keep the token out of the address bar and history once read.
  if (location.search.includes('token=')) history.replaceState(null, '', location.pathname);
  return browserApi(token);
}
