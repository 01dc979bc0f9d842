#!/usr/bin/env node
// The `plumb` command: runs the TypeScript CLI through tsx's loader (no build step needed after npm install).
import { register } from 'tsx/esm/api';

// A reader that stops early (`plumb nodes --json | head`) closes the pipe: that ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

register();
const { main } = await import('../electron/cli.ts');
process.exitCode = await main(process.argv.slice(2));
