// `plumb models list|show|register|alias|lineage <FILE.plumb> ...` (SPEC §5): the project's model registry.
import { parseArgs } from 'node:util';
import { invalidInput } from '../../shared/errors.js';
import { openExistingProject } from '../api/projects.js';
import { modelLineage, moveAlias, registerRunModel, showModel } from '../api/registry.js';
import { resolveRunId } from '../api/run-history.js';
import { EXIT } from './exit-codes.js';
import { formatNumber, printJson, textTable } from './text-table.js';

export const MODELS_USAGE = `  plumb models list <FILE.plumb> [--json]
  plumb models show <FILE.plumb> <name>[@alias|@version] [--json]
  plumb models register <FILE.plumb> --run <run-id> --node <id> --name <name> [--alias champion] [--note TEXT] [--threshold P] [--json]
  plumb models alias <FILE.plumb> <name>@<alias> <version> [--note TEXT] [--json]   # move an alias; logged
  plumb models alias <FILE.plumb> <name>@<alias> --rollback|--delete [--note TEXT] [--json]
  plumb models lineage <FILE.plumb> <name>@<alias|version> [--json]`;

export async function modelsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      run: { type: 'string' },
      node: { type: 'string' },
      name: { type: 'string' },
      alias: { type: 'string' },
      note: { type: 'string' },
      threshold: { type: 'string' },
      rollback: { type: 'boolean' },
      delete: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const [file, ...more] = positionals;
  if (!file) throw invalidInput(`models ${sub ?? ''}: give the project file (usage:\n${MODELS_USAGE})`);
  const json = values.json ?? false;
  const project = openExistingProject(file, { readonly: sub === 'list' || sub === 'show' || sub === 'lineage' });
  try {
    switch (sub) {
      case 'list': {
        const models = project.models.list();
        if (json) printJson({ models });
        else {
          process.stdout.write(
            textTable(
              ['name', 'latest', 'aliases', 'created'],
              models.map((m) => [m.name, String(m.latestVersion), Object.entries(m.aliases).map(([a, v]) => `${a}=${v}`).join(', '), m.createdAt]),
            ),
          );
        }
        return EXIT.ok;
      }
      case 'show': {
        if (more.length !== 1) throw invalidInput('models show needs one model: name, name@alias or name@version');
        const model = showModel(project, more[0]);
        const shown = model.selected === undefined ? model.versions : model.versions.filter((v) => v.version === model.selected);
        if (json) printJson(model.selected === undefined ? model : shown[0]);
        else {
          process.stdout.write(
            textTable(
              ['version', 'aliases', 'type', 'run', 'node', 'pipeline', 'created', 'metrics'],
              shown.map((v) => [
                String(v.version), v.aliases.join(', '), v.type, v.runId ?? '(deleted)', v.nodeId ?? '',
                v.pipeline ? `${v.pipeline.name} v${v.pipeline.version ?? '?'}` : '', v.createdAt,
                Object.entries((v.metrics ?? {}) as Record<string, number>).slice(0, 4).map(([k, x]) => `${k}=${formatNumber(x)}`).join(' '),
              ]),
            ),
          );
          if (model.selected === undefined && model.aliasLog.length) {
            process.stdout.write(`\nalias moves:\n${textTable(['when', 'alias', 'from', 'to', 'note'], model.aliasLog.map((m) => [m.movedAt, m.alias, String(m.from ?? '-'), String(m.to ?? '(deleted)'), m.note ?? '']))}`);
          }
        }
        return EXIT.ok;
      }
      case 'register': {
        if (!values.run || !values.node || !values.name) throw invalidInput('models register needs --run <run-id>, --node <id> and --name <name>');
        const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
        if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw invalidInput(`--threshold must be a probability between 0 and 1, got '${values.threshold}'`);
        const { version, created } = registerRunModel(project, {
          runId: resolveRunId(project, values.run),
          node: values.node,
          name: values.name,
          alias: values.alias,
          note: values.note,
          ...(threshold === undefined ? {} : { decisionThreshold: threshold }),
        });
        if (json) printJson({ version, created });
        else {
          const aliases = version.aliases.length ? ` (${version.aliases.join(', ')})` : '';
          process.stdout.write(`${created ? 'registered' : 'already registered as'} ${version.name}@${version.version}${aliases}\n`);
        }
        return EXIT.ok;
      }
      case 'alias': {
        const [ref, versionText] = more;
        const at = ref?.indexOf('@') ?? -1;
        if (!ref || at <= 0 || at === ref.length - 1) throw invalidInput('models alias needs <name>@<alias>');
        const name = ref.slice(0, at);
        const alias = ref.slice(at + 1);
        let move;
        if (values.rollback) move = project.models.rollbackAlias(name, alias, values.note);
        else if (values.delete) move = moveAlias(project, name, alias, null, values.note);
        else {
          if (versionText === undefined || !/^[vV]?\d+$/.test(versionText)) throw invalidInput('models alias needs the version to point at (a number), or --rollback / --delete');
          move = moveAlias(project, name, alias, Number(versionText.replace(/^[vV]/, '')), values.note);
        }
        if (json) printJson({ move });
        else process.stdout.write(`${name}@${alias}: ${move.from ?? '(new)'} -> ${move.to ?? '(deleted)'}${move.note ? ` (${move.note})` : ''}\n`);
        return EXIT.ok;
      }
      case 'lineage': {
        if (more.length !== 1) throw invalidInput('models lineage needs one model: name@alias or name@version');
        const lineage = modelLineage(project, more[0]);
        if (json) printJson(lineage);
        else {
          const { model, run, pipeline, datasets } = lineage;
          process.stdout.write(
            [
              `model    ${model.name}@${model.version}${model.aliases.length ? ` (${model.aliases.join(', ')})` : ''}  sha256 ${model.hash.slice(0, 12)}`,
              `  <- run ${run ? `${run.id} (${run.status}, ${run.startedAt})` : '(deleted)'}${model.nodeId ? `, node ${model.nodeId}` : ''}`,
              `  <- pipeline ${pipeline ? `${pipeline.name} v${pipeline.version ?? '?'} sha256 ${pipeline.hash?.slice(0, 12) ?? '?'}${pipeline.available ? '' : ' (no longer in the project)'}` : '(unknown)'}`,
              ...datasets.map((d) => `  <- dataset ${d.name} v${d.version} (${d.rowCount ?? '?'} rows, sha256 ${d.hash.slice(0, 12)}, read by ${d.role})`),
              '',
            ].join('\n'),
          );
        }
        return EXIT.ok;
      }
      default:
        throw invalidInput(`unknown models command '${sub ?? ''}' (usage:\n${MODELS_USAGE})`);
    }
  } finally {
    project.close();
  }
}
