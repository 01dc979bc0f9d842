// `plumb datasets list|diff <FILE.plumb> ...` (SPEC §5): dataset versions by content hash with the runs that read
// them, and the difference between two versions (schema, rows, per-column drift).
import { parseArgs } from 'node:util';
import { invalidInput } from '../../shared/errors.js';
import { openExistingProject } from '../api/projects.js';
import { diffDatasets } from '../api/dataset-diff.js';
import { listDatasets } from '../api/registry.js';
import { EXIT } from './exit-codes.js';
import { formatNumber, printJson, textTable } from './text-table.js';

export const DATASETS_USAGE = `  plumb datasets list <FILE.plumb> [--json]
  plumb datasets diff <FILE.plumb> <name@n | hash-prefix> <name@n | hash-prefix> [--json]`;

export async function datasetsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (sub !== 'list' && sub !== 'diff') throw invalidInput(`unknown datasets command '${sub ?? ''}' (usage:\n${DATASETS_USAGE})`);
  if (sub === 'list' ? positionals.length !== 1 : positionals.length !== 3) {
    throw invalidInput(sub === 'list' ? 'datasets list needs the project file' : 'datasets diff needs the project file and two versions');
  }
  const project = openExistingProject(positionals[0], { readonly: true });
  try {
    if (sub === 'diff') {
      const diff = await diffDatasets(project, positionals[1], positionals[2]);
      if (values.json) printJson(diff);
      else printDiff(diff);
      return EXIT.ok;
    }
    const { datasets } = listDatasets(project);
    if (values.json) printJson({ datasets });
    else {
      const rows = datasets.flatMap((d) =>
        d.versions.map((v) => [
          `${d.name}@${v.version}`,
          v.hash.slice(0, 12),
          String(v.rowCount ?? ''),
          String(v.columns.length || ''),
          String(v.size),
          v.sampleRows === null ? 'whole' : `sample ${v.sampleRows}`,
          v.source ?? '',
          v.runs.map((r) => r.slice(0, 8)).join(','),
        ]),
      );
      process.stdout.write(textTable(['version', 'sha256', 'rows', 'columns', 'bytes', 'kept', 'source', 'runs'], rows));
    }
    return EXIT.ok;
  } finally {
    project.close();
  }
}

function printDiff(diff: Awaited<ReturnType<typeof diffDatasets>>): void {
  const { a, b, schema } = diff;
  const lines = [
    `${a.name}@${a.version} (${a.hash.slice(0, 12)}) -> ${b.name}@${b.version} (${b.hash.slice(0, 12)})`,
    `rows: ${a.rows} -> ${b.rows} (${diff.rowChange >= 0 ? '+' : ''}${diff.rowChange})`,
    ...schema.added.map((c) => `column added: ${c.name} ${c.type}`),
    ...schema.removed.map((c) => `column removed: ${c.name} ${c.type}`),
    ...schema.changed.map((c) => `column type changed: ${c.name} ${c.from} -> ${c.to}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const drift = diff.drift as { dataset_drift: boolean; share_drifted: number; columns: { name: string; test: string; statistic: number | null; p_value: number | null; drifted: boolean }[] } | null;
  if (!drift) return;
  process.stdout.write(`drift: ${drift.dataset_drift ? 'yes' : 'no'} (${(drift.share_drifted * 100).toFixed(0)} % of columns)\n`);
  process.stdout.write(
    textTable(
      ['column', 'test', 'statistic', 'p-value', 'drifted'],
      drift.columns.map((c) => [c.name, c.test, formatNumber(c.statistic), formatNumber(c.p_value), c.drifted ? 'yes' : 'no']),
    ),
  );
}
