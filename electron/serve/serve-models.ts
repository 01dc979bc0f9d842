// `plumb serve` below the command line: resolves each model spec (model file or FILE.plumb:name[@x]), opens the
// project the predictions are logged to (--project, else the first one named), and starts the scoring server.
import { invalidInput } from '../../shared/errors.js';
import { openProjectFile, type ProjectFile } from '../store/project-file.js';
import { loadModelFileVersion, loadRegisteredVersion, servedVersions, splitProjectRef, type LoadedVersion } from './model-source.js';
import { startScoringServer, type ScoringServer } from './server.js';
import { parseSplit } from './traffic-split.js';

export interface ServeModelsOptions {
  specs: readonly string[];
  name?: string;
  split?: string;
  host?: string;
  port?: number;
  project?: string;
  onLogError?: (e: unknown) => void;
}

export interface Serving {
  server: ScoringServer;
  /** Where predictions are logged, or null. */
  projectPath: string | null;
  close(): Promise<void>;
}

export async function serveModels(options: ServeModelsOptions): Promise<Serving> {
  if (options.specs.length === 0) throw invalidInput('serve needs a model: model.json or FILE.plumb:name[@alias]');
  if (options.specs.length > 2) throw invalidInput(`serve takes one model, or two with --split; got ${options.specs.length}`);
  if (options.specs.length === 2 && options.split === undefined) throw invalidInput('two models need --split, e.g. --split 90,10');
  let weights: number[] | undefined;
  try {
    weights = options.split === undefined ? undefined : parseSplit(options.split, options.specs.length);
  } catch (e) {
    throw invalidInput((e as Error).message, { param: 'split' });
  }

  const projects = new Map<string, ProjectFile>();
  const projectAt = (path: string) => {
    let project = projects.get(path);
    if (!project) projects.set(path, (project = openProjectFile(path)));
    return project;
  };
  const closeProjects = () => {
    for (const p of projects.values()) p.close();
  };
  try {
    const loaded: LoadedVersion[] = options.specs.map((spec) => {
      const registered = splitProjectRef(spec);
      return registered ? loadRegisteredVersion(projectAt(registered.projectPath), registered.ref) : loadModelFileVersion(spec);
    });
    const logPath = options.project ?? options.specs.map(splitProjectRef).find((r) => r !== null)?.projectPath;
    const logProject = logPath === undefined ? undefined : projectAt(logPath);
    const server = await startScoringServer({
      name: options.name ?? loaded[0].name,
      versions: servedVersions(loaded),
      weights,
      host: options.host,
      port: options.port,
      predictionLog: logProject?.predictionLog,
      onLogError: options.onLogError,
    });
    return {
      server,
      projectPath: logProject?.path ?? null,
      async close() {
        await server.close();
        closeProjects();
      },
    };
  } catch (e) {
    closeProjects();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw invalidInput(`port ${options.port ?? 8501} is in use: pick another with --port N (0 picks a free one)`, { param: 'port' });
    }
    throw e;
  }
}
