// The app API implementation (transport-agnostic), assembled from its parts: projects, pipelines, runs, outputs
// and alerts. Runs execute in the background; their events fan out to subscribers and into the project file.
import type { AppRunEvent } from '../../shared/api/contract.js';
import { createWorkerPool } from '../engine/workers.js';
import { createAlerts } from './alerts.js';
import { createFiles, type Files } from './files.js';
import { createModelCompare } from './model-compare.js';
import { createOutputs } from './outputs.js';
import { defaultWorkerCount } from './pipeline-run.js';
import { pipelineHandlers } from './pipelines.js';
import { componentLibraryHandlers } from './component-library.js';
import { openProjects } from './projects.js';
import { onnxExportHandlers } from './onnx-export.js';
import { registryHandlers } from './registry.js';
import { rerunHandlers } from './rerun.js';
import { runHistoryHandlers } from './run-history.js';
import { createAppRuns } from './runs.js';
import { createSchemas } from './schemas.js';
import { createServing } from './serving.js';
import type { ApiHandlers, ApiService } from './service.js';

export { ensureSampleCopy } from './projects.js';

export interface AppServiceOptions {
  projectPath: string;
  host: 'electron' | 'browser';
  /** Folder for app settings (recent projects). */
  userDataDir: string;
  computeBackend?: () => string;
}

export interface AppService extends ApiService {
  /** Stores a file uploaded through the browser host in the project folder. */
  saveUpload: Files['saveUpload'];
  close(): Promise<void>;
}

export async function createAppService(options: AppServiceOptions): Promise<AppService> {
  const listeners = new Set<(event: AppRunEvent) => void>();
  const emit = (event: AppRunEvent) => {
    for (const listener of listeners) listener(event);
  };
  // The parts refer to each other only through these late-bound calls (runs and outputs need the open project;
  // switching projects needs runs and outputs to let go of it).
  const projects = await openProjects({ ...options, leaving: async () => leaving() });
  const current = projects.current;
  const workers = createWorkerPool({ size: defaultWorkerCount() });
  const outputs = createOutputs(current, workers);
  const modelCompare = createModelCompare(current, workers);
  const files = createFiles({ projectPath: () => current().path, host: options.host, userDataDir: options.userDataDir });
  const schemas = createSchemas(current, workers);
  const runs = createAppRuns({
    project: current,
    workers,
    emit,
    afterRun: (runId, raised, retrainChain) => {
      alerts.registerRetrained(runId);
      alerts.retrainOnAlerts(runId, raised, retrainChain);
    },
  });
  const alerts = createAlerts({ project: current, startRun: (pipeline, options) => runs.start(pipeline, options), emit });

  const serving = createServing(current);

  async function leaving(): Promise<void> {
    await serving.close();
    await runs.cancelAll();
    outputs.forget();
  }

  const handlers: ApiHandlers = {
    ...projects.handlers,
    ...pipelineHandlers(current),
    ...componentLibraryHandlers(current),
    ...runs.handlers,
    ...runHistoryHandlers(current),
    ...rerunHandlers(current, runs.start),
    ...registryHandlers(current, workers),
    ...onnxExportHandlers(current),
    ...outputs.handlers,
    ...modelCompare.handlers,
    ...schemas.handlers,
    ...alerts.handlers,
    ...serving.handlers,
    ...files.handlers,
  };

  return {
    handlers,
    saveUpload: files.saveUpload,
    onRunEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await serving.close();
      await runs.cancelAll();
      await outputs.close();
      await modelCompare.close();
      await schemas.close();
      await workers.close();
      projects.close();
    },
  };
}
