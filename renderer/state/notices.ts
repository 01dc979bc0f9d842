// Messages for the user: why a connection was refused (a status line by the canvas) and errors from API calls.
import { create } from 'zustand';
import { errorMessage } from './api.js';

export interface ErrorNotice {
  id: number;
  message: string;
}

/** A node that failed in the last run, announced once the run ends. */
export interface FailureNotice {
  node: string;
  message: string;
}

export interface NoticesState {
  /** the last refused connection's reason */
  connection: string | null;
  errors: ErrorNotice[];
  failure: FailureNotice | null;
  reportFailure(failure: FailureNotice | null): void;
  refuseConnection(reason: string): void;
  clearConnection(): void;
  reportError(e: unknown, context?: string): void;
  dismissError(id: number): void;
}

let nextId = 1;

export const useNoticesStore = create<NoticesState>()((set) => ({
  connection: null,
  errors: [],
  failure: null,
  reportFailure: (failure) => set({ failure }),
  refuseConnection: (reason) => set({ connection: reason }),
  clearConnection: () => set({ connection: null }),
  reportError: (e, context) =>
    set((s) => ({ errors: [...s.errors.slice(-4), { id: nextId++, message: context ? `${context}: ${errorMessage(e)}` : errorMessage(e) }] })),
  dismissError: (id) => set((s) => ({ errors: s.errors.filter((e) => e.id !== id) })),
}));
