// Pipelines saved in a project: the pipelines.* handlers, loading and saving documents, and the two ways a
// pipeline crosses between a YAML file and a project (`plumb run --project` stores it, `plumb export` writes it).
import { basename, dirname } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput, PlumbError } from '../../shared/errors.js';
import {
  checkPipelineYaml,
  exportPipelineYaml,
  parsePipelineYaml,
  pipelineDocumentSchema,
  validatePipeline,
  type PipelineDocument,
  type PipelineIssue,
} from '../../shared/pipeline/index.js';
import { openProjectFile, type ProjectFile } from '../store/project-file.js';
import { rebaseFileParams } from './rebase-paths.js';
import type { ApiHandlers } from './service.js';

export type PipelineHandlers = Pick<
  ApiHandlers,
  'pipelines.list' | 'pipelines.load' | 'pipelines.save' | 'pipelines.create' | 'pipelines.delete' | 'pipelines.rename' | 'pipelines.importYaml' | 'pipelines.exportYaml'
>;

const toIssue = (i: PipelineIssue) => ({ message: i.message, node: i.node, key: i.key, line: i.line, column: i.column });

/** The latest saved version of a pipeline as a document, with what is wrong with it. */
export function loadPipeline(project: ProjectFile, name: string): { document: PipelineDocument; issues: PipelineIssue[]; version: number } {
  const saved = project.pipelines.load(name);
  const checked = checkPipelineYaml(saved.yaml, { file: `${name}.yaml`, catalog: nodeCatalog });
  if (!checked.document) {
    throw new PlumbError('invalid_input', `pipeline '${name}' in the project is not readable`, {}, checked.issues.map((i) => i.message));
  }
  return { document: checked.document, issues: checked.issues, version: saved.version };
}

/** Saves a document under `name` (a new version only when it changed); a document with issues is saved too. */
export function savePipeline(project: ProjectFile, name: string, document: PipelineDocument, message?: string): { version: number; issues: PipelineIssue[] } {
  const doc = { ...document, name };
  const issues = validatePipeline(doc, nodeCatalog);
  const { version } = project.pipelines.saveIfChanged(name, exportPipelineYaml(doc, nodeCatalog), undefined, message);
  return { version, issues };
}

/** `plumb run --project`: keeps the pipeline as written in its file, paths made relative to the project's folder. */
export function storePipelineFile(project: ProjectFile, file: { document: PipelineDocument; path: string; baseDir: string }): number {
  const stored = rebaseFileParams(file.document, file.baseDir, dirname(project.path), nodeCatalog);
  return project.pipelines.saveIfChanged(stored.name, exportPipelineYaml(stored, nodeCatalog), stored.layout, `plumb run ${basename(file.path)}`).version;
}

/** `plumb export`: a saved pipeline as YAML text, its relative file paths rewritten for a file in `targetDir`. */
export function exportPipelineFile(projectPath: string, pipelineName: string, targetDir: string): string {
  const project = openProjectFile(projectPath, { readonly: true });
  try {
    const { yaml } = project.pipelines.load(pipelineName);
    const document = parsePipelineYaml(yaml, { file: `${projectPath}:${pipelineName}`, catalog: nodeCatalog });
    return exportPipelineYaml(rebaseFileParams(document, dirname(project.path), targetDir, nodeCatalog), nodeCatalog);
  } finally {
    project.close();
  }
}

export function pipelineHandlers(current: () => ProjectFile): PipelineHandlers {
  return {
    'pipelines.list': async () => ({
      pipelines: current().pipelines.list().map((p) => ({ name: p.name, version: p.latestVersion, savedAt: p.savedAt })),
    }),
    'pipelines.load': async ({ name }) => {
      const { document, issues, version } = loadPipeline(current(), name);
      return { name, version, document, issues: issues.map(toIssue) };
    },
    'pipelines.save': async ({ name, document, message }) => {
      const parsed = pipelineDocumentSchema.safeParse({ ...document, name });
      if (!parsed.success) throw invalidInput(`pipeline '${name}' is not a valid document: ${parsed.error.issues[0]?.message ?? ''}`);
      const { version, issues } = savePipeline(current(), name, parsed.data, message);
      return { version, issues: issues.map(toIssue) };
    },
    'pipelines.create': async ({ name }) => {
      const project = current();
      if (project.pipelines.get(name)) throw invalidInput(`a pipeline named '${name}' already exists`);
      return { version: project.pipelines.save(name, exportPipelineYaml({ plumb: 1, name, nodes: [] }, nodeCatalog)) };
    },
    'pipelines.delete': async ({ name }) => {
      current().pipelines.delete(name);
      return {};
    },
    'pipelines.rename': async ({ name, to }) => {
      const project = current();
      const { document } = loadPipeline(project, name);
      project.pipelines.rename(name, to);
      savePipeline(project, to, { ...document, name: to }, `renamed from ${name}`);
      return {};
    },
    'pipelines.importYaml': async ({ yaml, name }) => {
      const checked = checkPipelineYaml(yaml, { file: 'imported.yaml', catalog: nodeCatalog });
      if (!checked.document) return { issues: checked.issues.map(toIssue) };
      const target = name ?? checked.document.name;
      savePipeline(current(), target, { ...checked.document, name: target }, 'imported from YAML');
      return { name: target, issues: checked.issues.map(toIssue) };
    },
    'pipelines.exportYaml': async ({ name }) => ({ yaml: current().pipelines.load(name).yaml }),
  };
}
