// `plumb runs list|show|compare|delete <FILE.plumb> ...` (SPEC §5): the runs recorded in a project file.
import { parseArgs } from 'node:util';
import { invalidInput } from '../../shared/errors.js';
import { openExistingProject } from '../api/projects.js';
import { compareRuns, listRuns, resolveRunId, showRun } from '../api/run-history.js';
import { EXIT } from './exit-codes.js';
import { formatNumber, printJson, textTable } from './text-table.js';

export const RUNS_USAGE = `  plumb runs list <FILE.plumb> [--pipeline NAME] [--status S] [--tag T] [--sort started_at|seconds|metric:<node>.<key>] [--asc] [--limit N] [--offset N] [--json]
  plumb runs show <FILE.plumb> <run-id> [--json]
  plumb runs compare <FILE.plumb> <run-id> <run-id>... [--json]
  plumb runs delete <FILE.plumb> <run-id>... [--json]`;

const STATUSES = ['running', 'ok', 'failed', 'gate_failed', 'cancelled', 'interrupted'] as const;

export async function runsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      pipeline: { type: 'string' },
      status: { type: 'string' },
      tag: { type: 'string' },
      sort: { type: 'string' },
      asc: { type: 'boolean' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [file, ...ids] = positionals;
  if (!file) throw invalidInput(`runs ${sub ?? ''}: give the project file (usage:\n${RUNS_USAGE})`);
  const json = values.json ?? false;
  const project = openExistingProject(file, { readonly: sub !== 'delete' });
  try {
    switch (sub) {
      case 'list': {
        if (values.status !== undefined && !(STATUSES as readonly string[]).includes(values.status)) {
          throw invalidInput(`--status must be one of ${STATUSES.join(', ')}`);
        }
        const page = listRuns(project, {
          pipeline: values.pipeline,
          status: values.status as (typeof STATUSES)[number] | undefined,
          tag: values.tag,
          sort: values.sort,
          descending: values.asc ? false : undefined,
          limit: count(values.limit, '--limit') ?? 1000,
          offset: count(values.offset, '--offset') ?? 0,
        });
        if (json) printJson(page);
        else {
          const metrics = page.metricColumns.slice(0, 6);
          process.stdout.write(
            textTable(
              ['id', 'pipeline', 'version', 'status', 'started', 'seconds', ...metrics, 'tags'],
              page.runs.map((r) => [
                r.id, r.pipeline, String(r.pipelineVersion ?? ''), r.status, r.startedAt, formatNumber(r.seconds),
                ...metrics.map((m) => formatNumber(r.metrics[m])), r.tags.join(','),
              ]),
            ),
          );
          if (page.total > page.runs.length) process.stderr.write(`${page.runs.length} of ${page.total} runs shown (use --offset/--limit)\n`);
        }
        return EXIT.ok;
      }
      case 'show': {
        if (ids.length !== 1) throw invalidInput('runs show needs one run id');
        const run = showRun(project, resolveRunId(project, ids[0]));
        if (json) printJson(run);
        else {
          process.stdout.write(
            [
              `run ${run.id}: ${run.status}`,
              `pipeline ${run.pipeline} v${run.pipelineVersion ?? '?'} (sha256 ${run.pipelineHash ?? 'unknown'})`,
              `started ${run.startedAt}, finished ${run.finishedAt ?? '-'}, ${formatNumber(run.seconds)} s`,
              `plumb ${run.plumbVersion ?? '?'} on ${run.computeBackend ?? '?'}`,
              ...(run.note ? [`note: ${run.note}`] : []),
              ...(run.tags.length ? [`tags: ${run.tags.join(', ')}`] : []),
              ...(run.error ? [`error: ${run.error}`] : []),
              '',
            ].join('\n'),
          );
          process.stdout.write(
            textTable(['node', 'type', 'status', 'seconds', 'params'], run.nodes.map((n) => [n.id, n.type, n.status, formatNumber(n.seconds), JSON.stringify(n.params ?? {})])),
          );
          if (Object.keys(run.metrics).length) {
            process.stdout.write(`\n${textTable(['metric', 'value'], Object.entries(run.metrics).map(([k, v]) => [k, formatNumber(v)]))}`);
          }
          if (run.datasets.length) {
            process.stdout.write(`\n${textTable(['dataset', 'version', 'rows', 'sha256', 'read by'], run.datasets.map((d) => [d.name, String(d.version), String(d.rowCount ?? ''), d.hash.slice(0, 12), d.node]))}`);
          }
          if (run.models.length) process.stdout.write(`\nregistered: ${run.models.map((m) => `${m.name}@${m.version} (node ${m.node})`).join(', ')}\n`);
        }
        return EXIT.ok;
      }
      case 'compare': {
        if (ids.length < 2) throw invalidInput('runs compare needs at least two run ids');
        const comparison = compareRuns(project, ids.map((id) => resolveRunId(project, id)));
        if (json) printJson(comparison);
        else {
          const heads = comparison.runs.map((r) => r.id.slice(0, 8));
          const changed = comparison.params.filter((p) => p.differs);
          process.stdout.write(`params that differ (${changed.length} of ${comparison.params.length}):\n`);
          process.stdout.write(textTable(['param', ...heads], changed.map((p) => [`${p.node}.${p.param}`, ...p.values.map((v) => JSON.stringify(v))])));
          process.stdout.write('\nmetrics (* best):\n');
          process.stdout.write(
            textTable(['metric', ...heads], comparison.metrics.map((m) => [m.name, ...m.values.map((v, i) => `${formatNumber(v)}${m.best.includes(i) ? ' *' : ''}`)])),
          );
        }
        return EXIT.ok;
      }
      case 'delete': {
        if (ids.length < 1) throw invalidInput('runs delete needs at least one run id');
        const deleted = project.history.delete(ids.map((id) => resolveRunId(project, id)));
        if (json) printJson(deleted);
        else process.stderr.write(`deleted ${deleted.runs.length} run(s), ${deleted.cacheEntries} cached output(s), ${deleted.datasetVersions} dataset version(s), ${deleted.blobs} blob(s)\n`);
        return EXIT.ok;
      }
      default:
        throw invalidInput(`unknown runs command '${sub ?? ''}' (usage:\n${RUNS_USAGE})`);
    }
  } finally {
    project.close();
  }
}

function count(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw invalidInput(`${flag} must be a whole number, got '${text}'`);
  return Number(text);
}
