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
  const bundle = process.env.PLUMB_CLI === 'tsx' ? undefined : await freshBundle();
  // `plumb nodes [--json]` prints the catalog text written beside the bundle when it was built.
  const listing = bundle && argv[0] === 'nodes' && (argv.length === 1 || (argv.length === 2 && argv[1] === '--json'));
  const snapshot = listing ? bundle.catalog(argv[1] === '--json') : undefined;
  if (snapshot !== undefined) {
    process.stdout.write(snapshot);
  } else {
    const { main } = await (bundle ? import(pathToFileURL(bundle.cli).href) : loadSources());
    process.exitCode = await main(argv);
  }
}

/** The fresh CLI bundle and its catalog text, or undefined: another process is building it right now, or the build failed. */
async function freshBundle() {
  try {
    const { ensureCliBundle, catalogSnapshotOf } = await import('./cli-bundle.mjs');
    const bundle = await ensureCliBundle({ root: fileURLToPath(root) });
    return bundle && { ...bundle, catalog: (json) => catalogSnapshotOf(bundle, json) };
  } catch (e) {
    process.stderr.write(`plumb: could not build the CLI bundle, running from the sources (${e instanceof Error ? e.message.split('\n')[0] : String(e)})\n`);
    return undefined;
  }
}

async function loadSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../electron/cli.ts');
}
