// Ctrl-C / SIGTERM for a command-line run: the first signal cancels the run (the engine aborts every node's
// signal, which interrupts a running DuckDB query), a second one exits at once.

type Signal = 'SIGINT' | 'SIGTERM';

/** The part of `process` this needs (a fake in tests). */
export interface SignalSource {
  on(signal: Signal, listener: (signal: Signal) => void): unknown;
  off(signal: Signal, listener: (signal: Signal) => void): unknown;
}

export interface AbortOnSignalsOptions {
  source?: SignalSource;
  /** Called on the second signal; default process.exit with 128 + the signal's number (130, 143). */
  exit?: (code: number) => void;
  /** Told once, on the first signal (e.g. to print "stopping; press Ctrl-C again to quit"). */
  onFirst?: (signal: Signal) => void;
}

const EXIT_CODES: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143 };

/** Aborts `controller` on the first SIGINT/SIGTERM and exits on the second; returns the function that stops listening. */
export function abortOnSignals(controller: AbortController, options: AbortOnSignalsOptions = {}): () => void {
  const source: SignalSource = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let seen = false;
  const listener = (signal: Signal) => {
    if (seen) {
      exit(EXIT_CODES[signal]);
      return;
    }
    seen = true;
    options.onFirst?.(signal);
    controller.abort();
  };
  source.on('SIGINT', listener);
  source.on('SIGTERM', listener);
  return () => {
    source.off('SIGINT', listener);
    source.off('SIGTERM', listener);
  };
}
