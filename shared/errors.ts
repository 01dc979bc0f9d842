// One error type for the whole product: a kind that decides the CLI exit code, plus where it happened.

export type PlumbErrorKind = 'invalid_input' | 'runtime' | 'cancelled' | 'gate_failed';

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  node?: string;
  param?: string;
}

export class PlumbError extends Error {
  readonly kind: PlumbErrorKind;
  readonly where: ErrorLocation;
  readonly details: string[];

  constructor(kind: PlumbErrorKind, message: string, where: ErrorLocation = {}, details: string[] = []) {
    super(message);
    this.name = 'PlumbError';
    this.kind = kind;
    this.where = where;
    this.details = details;
  }

  /** "file:line:col: node 'x', param 'y': message" — what a user sees on one line. */
  describe(): string {
    const parts: string[] = [];
    const { file, line, column, node, param } = this.where;
    if (file) parts.push(line !== undefined ? `${file}:${line}${column !== undefined ? `:${column}` : ''}` : file);
    if (node) parts.push(`node '${node}'`);
    if (param) parts.push(`param '${param}'`);
    return parts.length ? `${parts.join(', ')}: ${this.message}` : this.message;
  }
}

export const invalidInput = (message: string, where?: ErrorLocation, details?: string[]) =>
  new PlumbError('invalid_input', message, where, details);
export const runtimeError = (message: string, where?: ErrorLocation, details?: string[]) =>
  new PlumbError('runtime', message, where, details);
export const cancelledError = (where?: ErrorLocation) => new PlumbError('cancelled', 'cancelled', where);

export const isPlumbError = (e: unknown): e is PlumbError => e instanceof PlumbError;

/**
 * JavaScript's own limits, reached when an input asks for more than can exist (a count in the billions, nesting
 * thousands deep): the input is at fault, so these are invalid input with a message that says so.
 */
const SIZE_LIMIT = /^(Maximum call stack size exceeded|Invalid (typed )?array length|Array buffer allocation failed|Invalid string length)/;

/** Wrap anything thrown into a PlumbError, keeping an existing one as it is. */
export function toPlumbError(e: unknown, where: ErrorLocation = {}): PlumbError {
  if (e instanceof PlumbError) {
    return Object.keys(where).length ? new PlumbError(e.kind, e.message, { ...where, ...e.where }, e.details) : e;
  }
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && SIZE_LIMIT.test(message)) {
    return new PlumbError('invalid_input', `the input is too large or too deeply nested to process (${message})`, where);
  }
  return new PlumbError('runtime', message, where);
}
