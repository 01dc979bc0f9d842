// The one place that maps error kinds to the CLI's exit codes (SPEC §5).
import type { PlumbErrorKind } from '../../shared/errors.js';

export const EXIT = { ok: 0, runtime: 1, invalidInput: 2, gateFailed: 3 } as const;

export function exitCodeFor(kind: PlumbErrorKind): number {
  switch (kind) {
    case 'invalid_input':
      return EXIT.invalidInput;
    case 'gate_failed':
      return EXIT.gateFailed;
    case 'runtime':
    case 'cancelled':
      return EXIT.runtime;
  }
}
