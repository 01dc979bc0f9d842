// Run progress on stderr: one line per node status change; progress percentages only on a terminal.
import type { RunEvent } from '../../shared/api/run-types.js';

export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): (event: RunEvent) => void {
  const width = 18;
  let lastProgressLine = 0;
  return (event) => {
    switch (event.kind) {
      case 'node_status':
        if (event.status === 'queued') return;
        stream.write(
          `${event.node.padEnd(width)} ${event.status.padEnd(9)}${event.seconds !== undefined ? ` ${event.seconds.toFixed(2)}s` : ''}${event.error && event.status === 'skipped' ? `  ${event.error}` : ''}\n`,
        );
        return;
      case 'node_progress': {
        const now = Date.now();
        if (!stream.isTTY || now - lastProgressLine < 500) return;
        lastProgressLine = now;
        stream.write(`${event.node.padEnd(width)} ${(event.fraction * 100).toFixed(0).padStart(3)}%${event.message ? ` ${event.message}` : ''}\n`);
        return;
      }
      case 'node_log':
        stream.write(`${event.node.padEnd(width)} ${event.level}: ${event.message}\n`);
        return;
      default:
        return;
    }
  };
}
