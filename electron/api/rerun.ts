// runs.rerun: runs a recorded run again exactly as it ran, i.e. the pipeline version it recorded (not the latest
// save) with the same `--set` overrides, recorded as a new run carrying those overrides.
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput, PlumbError } from '../../shared/errors.js';
import { applyParamOverrides, checkPipelineYaml, issuesToError, type PipelineDocument } from '../../shared/pipeline/index.js';
import type { ProjectFile } from '../store/project-file.js';
import type { ApiHandlers } from './service.js';

/** What a run ran: the document of its pipeline version with its overrides applied. */
export interface ExactRun {
  document: PipelineDocument;
  version: number;
  overrides: Record<string, unknown>;
}

/** `{ 'gbm.max_iter': '30' }` → `['gbm.max_iter=30']`, the form `applyParamOverrides` reads (values as YAML). */
export function overrideStrings(overrides: Record<string, unknown>): string[] {
  return Object.entries(overrides).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

/** The pipeline and exact document of a recorded run; invalid_input when the run or its pipeline version is gone. */
export function exactRunOf(project: ProjectFile, runId: string): { pipeline: string; exact: ExactRun } {
  const run = project.runs.get(runId);
  if (!run) throw invalidInput(`no run '${runId}' in this project`, { file: project.path });
  if (run.pipelineVersion === undefined) {
    throw invalidInput(`run '${runId}' cannot be re-run: its pipeline '${run.pipeline}' is no longer in the project`, { file: project.path });
  }
  const saved = project.pipelines.load(run.pipeline, run.pipelineVersion);
  const checked = checkPipelineYaml(saved.yaml, { file: `${run.pipeline}.yaml`, catalog: nodeCatalog });
  if (!checked.document) {
    throw new PlumbError('invalid_input', `pipeline '${run.pipeline}' version ${saved.version} is not readable`, {}, checked.issues.map((i) => i.message));
  }
  if (checked.issues.length) throw issuesToError(checked.issues);
  const document = applyParamOverrides(checked.document, overrideStrings(run.overrides), nodeCatalog);
  return { pipeline: run.pipeline, exact: { document, version: saved.version, overrides: run.overrides } };
}

export function rerunHandlers(
  project: () => ProjectFile,
  start: (pipeline: string, options: { exact: ExactRun }) => string,
): Pick<ApiHandlers, 'runs.rerun'> {
  return {
    'runs.rerun': async ({ runId }) => {
      const { pipeline, exact } = exactRunOf(project(), runId);
      return { runId: start(pipeline, { exact }) };
    },
  };
}
