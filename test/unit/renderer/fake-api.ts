// A scripted AppApi for store tests: each method answers from a handler table and every call is recorded.
import type { ApiMethodName, ApiRequest, ApiResponse, AppApi, AppRunEvent } from '../../../shared/api/contract.js';

export type Handlers = { [M in ApiMethodName]?: (request: ApiRequest<M>) => ApiResponse<M> | Promise<ApiResponse<M>> };

export interface FakeApi extends AppApi {
  calls: { method: ApiMethodName; request: unknown }[];
  emit(event: AppRunEvent): void;
}

export function fakeApi(handlers: Handlers): FakeApi {
  const listeners = new Set<(event: AppRunEvent) => void>();
  const calls: FakeApi['calls'] = [];
  return {
    calls,
    async call(method, request) {
      calls.push({ method, request: structuredClone(request) });
      const handler = handlers[method] as ((r: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`no fake for ${method}`);
      return (await handler(request)) as never;
    },
    onRunEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const l of listeners) l(event);
    },
  };
}
