// A fit's history as it streams from a worker task to the caller: every point is kept for the result, and new
// points cross the thread boundary in batches, at most every 100 ms (the last batch goes right before the result).
import type { SeriesPoint } from '../../engine/types.js';
import type { FitControl } from '../../ml/types.js';

/** What a training task posts while it trains: new history points. */
export interface HistoryMessage {
  points: SeriesPoint[];
}

type Step = Parameters<NonNullable<FitControl['onStep']>>[0];

/** Live points cross the thread boundary at most this often. */
const POST_INTERVAL_MS = 100;

export class HistoryStream {
  readonly points: SeriesPoint[] = [];
  private pending: SeriesPoint[] = [];
  private postedAt = -Infinity;
  private readonly start = performance.now();

  constructor(private readonly post: (message: HistoryMessage) => void) {}

  /** Seconds since the stream (the task) started. */
  seconds(): number {
    return (performance.now() - this.start) / 1000;
  }

  /** A fit's step, stamped with the seconds so far; posts the batch when one is due. */
  step(step: Step): void {
    this.add({ ...step, seconds: this.seconds() });
    if (performance.now() - this.postedAt >= POST_INTERVAL_MS) this.flush();
  }

  /** A point added after the fit; it goes with the next batch. */
  add(point: SeriesPoint): void {
    this.points.push(point);
    this.pending.push(point);
  }

  /** Sends a point again with the next batch after it changed (a validation loss added to the last point). */
  resend(point: SeriesPoint): void {
    if (!this.pending.includes(point)) this.pending.push(point);
  }

  flush(): void {
    if (this.pending.length) this.post({ points: this.pending });
    this.pending = [];
    this.postedAt = performance.now();
  }
}
