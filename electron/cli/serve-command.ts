// `plumb serve <model.json | FILE.plumb:name[@alias]>... [--port N] [--host H] [--name NAME] [--split 90,10]
// [--project FILE.plumb]`: prints one line with the URL and serves until SIGINT/SIGTERM.
import { invalidInput } from '../../shared/errors.js';
import { serveModels } from '../serve/serve-models.js';
import { EXIT } from './exit-codes.js';

export interface ServeCommandOptions {
  specs: string[];
  port?: string;
  host?: string;
  name?: string;
  split?: string;
  project?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const port = options.port === undefined ? 8501 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalidInput(`--port: expected a port number 0–65535, got '${options.port}'`);
  if (options.host !== undefined && !LOOPBACK.has(options.host)) {
    process.stderr.write(`warning: serving on ${options.host}, reachable from other machines; there is no authentication\n`);
  }
  const serving = await serveModels({
    specs: options.specs,
    port,
    host: options.host,
    name: options.name,
    split: options.split,
    project: options.project,
    onLogError: (e) => process.stderr.write(`warning: predictions not logged: ${(e as Error).message}\n`),
  });
  process.stdout.write(`Plumb serving ${serving.server.name} at ${serving.server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await serving.close();
  return EXIT.ok;
}
