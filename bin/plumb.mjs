#!/usr/bin/env node
// The `plumb` command: runs the TypeScript CLI through tsx's loader (no build step needed after npm install).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli.ts');
process.exitCode = await main(process.argv.slice(2));
