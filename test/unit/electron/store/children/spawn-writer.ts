// Starts project-writer.ts in its own Node process and follows the lines it reports on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./project-writer.ts', import.meta.url));

export interface Writer {
  readonly child: ChildProcess;
  /** Every complete line reported so far. */
  readonly lines: string[];
  /** Resolves with the first line (already seen or future) that matches; rejects if the child exits first. */
  waitFor(match: (line: string, index: number) => boolean): Promise<string>;
  /** SIGKILL, then wait until the process is gone. */
  kill(): Promise<void>;
}

export function spawnWriter(args: string[]): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { match: (line: string, index: number) => boolean; resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let pending = '';
  let stderr = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.match(line, lines.length - 1)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  void exit.then(() => {
    exited = true;
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`writer exited early: ${stderr}`));
  });

  return {
    child,
    lines,
    waitFor(match) {
      const index = lines.findIndex(match);
      if (index >= 0) return Promise.resolve(lines[index]);
      if (exited) return Promise.reject(new Error(`writer exited early: ${stderr}`));
      return new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
    },
    async kill() {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
}
