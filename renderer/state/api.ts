// The one AppApi the stores talk through, set once at start-up (or by a test) and read by actions.
import type { AppApi } from '../../shared/api/contract.js';
import { ApiError } from '../api/client.js';

let current: AppApi | undefined;

export function setApi(api: AppApi): void {
  current = api;
}

export function getApi(): AppApi {
  if (!current) throw new Error('the API is not connected yet');
  return current;
}

/** A user-facing sentence for anything an API call threw. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.node ? `${e.node}: ${e.message}` : e.message;
  return e instanceof Error ? e.message : String(e);
}
