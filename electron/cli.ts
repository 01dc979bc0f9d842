// The headless entry point: `plumb run | validate | nodes | export | runs | models | datasets` (SPEC §5). Returns the exit code.
import { parseArgs } from 'node:util';
import { invalidInput, isPlumbError, toPlumbError } from '../shared/errors.js';
import { formatError } from './cli/report-error.js';
import { EXIT, exitCodeFor } from './cli/exit-codes.js';
// Commands are imported when chosen: `plumb nodes` must not pay for loading DuckDB, SQLite or the ML code.
import { checkPipelineFile, prepareOutputFolder } from './cli/input-files.js';

const USAGE = `usage:
  plumb run <pipeline.yaml> [--out DIR] [--project FILE.plumb] [--cache DIR] [--no-cache] [--set node.param=value]... [--json]
  plumb run <pipeline.yaml> --node <id> --out DIR [--inputs DIR] [--shard i/N | --reduce N]
      one step: inputs from DIR/<upstream>/<port>.parquet|json, outputs to DIR/<id>/; --shard i/N (model.predict, explain.shap/lime, monitor.anomaly)
      writes DIR/<id>/shard-<i>/, --reduce N concatenates shards 0..N-1 in order into DIR/<id>/
  plumb validate <pipeline.yaml>
  plumb export-k8s-serve <FILE.plumb:name@alias> [--image IMG] [--replicas N] [--namespace NS] [-o serve.yaml]
  plumb export-onnx <model.json | FILE.plumb:name@alias> -o model.onnx
  plumb export-argo <pipeline.yaml> [--image IMG] [--schedule CRON] [--shards node=N]... [--artifact-repository CM[/KEY]] [-o workflow.yaml]
  plumb nodes [--json]
  plumb export <FILE.plumb> <pipeline-name> [-o pipeline.yaml]
  plumb runs list|show|compare|delete <FILE.plumb> [run-id...] [--pipeline NAME] [--json]
  plumb models list|show|register|alias|lineage <FILE.plumb> [...] [--json]
  plumb datasets list|diff <FILE.plumb> [name@n|hash...] [--json]
  plumb push-mlflow <FILE.plumb> --tracking-uri URL [--run ID]... [--json]
  plumb serve <model.json | FILE.plumb:name[@alias|@version]>... [--port N] [--host H] [--name NAME] [--split 90,10] [--project FILE.plumb]`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            out: { type: 'string' },
            project: { type: 'string' },
            cache: { type: 'string' },
            set: { type: 'string', multiple: true },
            json: { type: 'boolean' },
            'no-cache': { type: 'boolean' },
            node: { type: 'string' },
            inputs: { type: 'string' },
            shard: { type: 'string' },
            reduce: { type: 'string' },
          },
        });
        if (positionals.length !== 1) return usageError('run needs exactly one pipeline file');
        await checkPipelineFile(positionals[0]);
        if (values.node !== undefined) {
          const { stepCommand } = await import('./cli/step-command.js');
          return await stepCommand({ pipelinePath: positionals[0], node: values.node, inputs: values.inputs, out: values.out, shard: values.shard, reduce: values.reduce, set: values.set ?? [], json: values.json ?? false });
        }
        if (values.inputs !== undefined || values.shard !== undefined || values.reduce !== undefined) return usageError('--inputs, --shard and --reduce need --node');
        if (values.out) await prepareOutputFolder(values.out, '--out');
        if (values.cache) await prepareOutputFolder(values.cache, '--cache');
        const { runCommand } = await import('./cli/run-command.js');
        return await runCommand({
          pipelinePath: positionals[0],
          out: values.out,
          project: values.project,
          cache: values.cache,
          set: values.set ?? [],
          json: values.json ?? false,
          noCache: values['no-cache'] ?? false,
        });
      }
      case 'validate': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        if (positionals.length !== 1) return usageError('validate needs exactly one pipeline file');
        await checkPipelineFile(positionals[0]);
        const { validateCommand } = await import('./cli/validate-command.js');
        return await validateCommand(positionals[0]);
      }
      case 'nodes': {
        const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
        const { nodesCommand } = await import('./cli/nodes-command.js');
        return nodesCommand(values.json ?? false);
      }
      case 'runs':
        return await (await import('./cli/runs-command.js')).runsCommand(rest);
      case 'models':
        return await (await import('./cli/models-command.js')).modelsCommand(rest);
      case 'serve': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { port: { type: 'string' }, host: { type: 'string' }, name: { type: 'string' }, split: { type: 'string' }, project: { type: 'string' } },
        });
        if (positionals.length === 0) return usageError('serve needs a model: model.json or FILE.plumb:name[@alias]');
        const { serveCommand } = await import('./cli/serve-command.js');
        return await serveCommand({ specs: positionals, ...values });
      }
      case 'datasets':
        return await (await import('./cli/datasets-command.js')).datasetsCommand(rest);
      case 'push-mlflow':
        return await (await import('./cli/push-mlflow-command.js')).pushMlflowCommand(rest);
      case 'export': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { o: { type: 'string', short: 'o' } } });
        if (positionals.length !== 2) return usageError('export needs a project file and a pipeline name');
        const { exportCommand } = await import('./cli/export-command.js');
        return await exportCommand(positionals[0], positionals[1], values.o);
      }
      case 'export-argo': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            o: { type: 'string', short: 'o' },
            image: { type: 'string' },
            schedule: { type: 'string' },
            shards: { type: 'string', multiple: true },
            'artifact-repository': { type: 'string' },
          },
        });
        if (positionals.length !== 1) return usageError('export-argo needs exactly one pipeline file');
        await checkPipelineFile(positionals[0]);
        const { exportArgoCommand } = await import('./cli/export-argo-command.js');
        return await exportArgoCommand({
          pipelinePath: positionals[0],
          out: values.o,
          image: values.image,
          schedule: values.schedule,
          shards: values.shards ?? [],
          artifactRepository: values['artifact-repository'],
        });
      }
      case 'export-k8s-serve': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { o: { type: 'string', short: 'o' }, image: { type: 'string' }, replicas: { type: 'string' }, namespace: { type: 'string' } },
        });
        if (positionals.length !== 1) return usageError('export-k8s-serve needs one registered model: FILE.plumb:name@alias');
        const { exportK8sServeCommand } = await import('./cli/export-k8s-serve-command.js');
        return await exportK8sServeCommand({ spec: positionals[0], out: values.o, image: values.image, replicas: values.replicas, namespace: values.namespace });
      }
      case 'export-onnx': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { o: { type: 'string', short: 'o' } } });
        if (positionals.length !== 1 || !values.o) return usageError('export-onnx needs one model (model.json or FILE.plumb:name@alias) and -o model.onnx');
        const { exportOnnxCommand } = await import('./cli/export-onnx-command.js');
        return await exportOnnxCommand(positionals[0], values.o);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? EXIT.invalidInput : EXIT.ok;
      default:
        return usageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (!isPlumbError(e) && e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return usageError(e.message);
    }
    const error = fileError(e) ?? toPlumbError(e);
    process.stderr.write(formatError(error));
    return exitCodeFor(error.kind);
  }
}

/** A file or folder the user named that cannot be opened or written (`-o /proc/x`) is invalid input. */
function fileError(e: unknown) {
  const { code, path, syscall } = (e ?? {}) as NodeJS.ErrnoException;
  if (isPlumbError(e) || typeof path !== 'string' || !['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'EEXIST'].includes(code ?? '')) return undefined;
  return invalidInput(`cannot ${syscall ?? 'use'} ${path} (${code})`);
}

function usageError(message: string): number {
  process.stderr.write(`error: plumb: ${message}\n${USAGE}\n`);
  return EXIT.invalidInput;
}
