// The shape of the API implementation both transports serve: one handler per contract method, plus run events.
import type { z } from 'zod';
import type { apiMethods, ApiMethodName, ApiResponse, AppRunEvent } from '../../shared/api/contract.js';

export type ApiHandlers = {
  [M in ApiMethodName]: (request: z.infer<(typeof apiMethods)[M]['request']>) => Promise<ApiResponse<M>>;
};

export interface ApiService {
  handlers: ApiHandlers;
  /** Subscribe to run events; returns the unsubscribe function. */
  onRunEvent(listener: (event: AppRunEvent) => void): () => void;
}
