#!/usr/bin/env node
// The `plumb` command: runs the CLI bundle (dist/cli, built by bin/build-cli.mjs on install or on first use and
// rebuilt when a source changed), or the TypeScript sources through tsx's loader when the bundle cannot be built.
// PLUMB_CLI=tsx always runs the sources.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const argv = process.argv.slice(2);

// A reader that stops early (`plumb nodes --json | head`) closes the pipe: that ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  process.stdout.write(`plumb ${version}\n`);
} else {
  const { main } = await loadCli();
  process.exitCode = await main(argv);
}

async function loadCli() {
  if (process.env.PLUMB_CLI !== 'tsx') {
    let bundle;
    try {
      const { ensureCliBundle } = await import('./cli-bundle.mjs');
      bundle = await ensureCliBundle({ root: fileURLToPath(root) });
    } catch (e) {
      process.stderr.write(`plumb: could not build the CLI bundle, running from the sources (${e instanceof Error ? e.message.split('\n')[0] : String(e)})\n`);
    }
    // No bundle: another process is building it right now (or the build failed).
    if (bundle) return import(pathToFileURL(bundle.cli).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../electron/cli.ts');
}
