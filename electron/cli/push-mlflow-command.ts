// `plumb push-mlflow <FILE.plumb> --tracking-uri URL [--run ID]... [--json]` (SPEC §10): the project's runs and
// registered models sent to an MLflow tracking server; progress on stderr, a summary (or JSON) on stdout.
import { parseArgs } from 'node:util';
import { invalidInput } from '../../shared/errors.js';
import { authFromEnv } from '../api/mlflow/client.js';
import { pushToMlflow } from '../api/mlflow-push.js';
import { openExistingProject } from '../api/projects.js';
import { EXIT } from './exit-codes.js';
import { printJson } from './text-table.js';

export const PUSH_MLFLOW_USAGE = '  plumb push-mlflow <FILE.plumb> --tracking-uri URL [--run ID]... [--json]   # auth: MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD';

export async function pushMlflowCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'tracking-uri': { type: 'string' }, run: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw invalidInput(`push-mlflow needs one project file (usage:\n${PUSH_MLFLOW_USAGE})`);
  const trackingUri = values['tracking-uri'] ?? process.env.MLFLOW_TRACKING_URI;
  if (!trackingUri) throw invalidInput('push-mlflow needs --tracking-uri URL (or MLFLOW_TRACKING_URI)', { param: 'tracking-uri' });
  const project = openExistingProject(positionals[0], { readonly: true });
  try {
    const summary = await pushToMlflow(project, {
      trackingUri,
      runs: values.run,
      auth: authFromEnv(process.env),
      onProgress: (line) => process.stderr.write(`${line}\n`),
    });
    if (summary.artifactsSkipped) process.stderr.write(`warning: artifacts not uploaded: ${summary.artifactsSkipped}\n`);
    if (values.json) printJson(summary);
    else {
      const created = summary.runs.filter((r) => r.created).length;
      const versions = summary.models.filter((m) => m.created).length;
      process.stdout.write(
        `${summary.runs.length} run${summary.runs.length === 1 ? '' : 's'} (${created} new), ${summary.models.length} model version${summary.models.length === 1 ? '' : 's'} (${versions} new), ${summary.aliases.length} alias${summary.aliases.length === 1 ? '' : 'es'} at ${trackingUri}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    project.close();
  }
}
