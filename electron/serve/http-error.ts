// The scoring server's client errors: an HTTP status and a one-line message, sent as `{"error": "..."}`.

export class ServeHttpError extends Error {
  readonly status: 400 | 404 | 413 | 415;
  constructor(status: 400 | 404 | 413 | 415, message: string) {
    super(message);
    this.name = 'ServeHttpError';
    this.status = status;
  }
}

export const badRequest = (message: string) => new ServeHttpError(400, message);
export const notFound = (message: string) => new ServeHttpError(404, message);
