// Reading a pipeline from YAML text: strict YAML, then the document structure, then the catalog; issues get lines.
import type { Catalog } from '../catalog/catalog.js';
import { issuesToError, sortIssues, type PipelineIssue, type PipelineIssueCode } from './issues.js';
import type { PipelineDocument } from './schema.js';
import { checkPipelineStructure } from './structure.js';
import { validatePipeline } from './validate.js';
import { locate, readYaml, type YamlSource } from './yaml-source.js';

export interface PipelineReadOptions {
  /** Shown in error messages and locations. */
  file?: string;
  catalog: Catalog;
}

/** Issues about a key itself (a name that should not be there) point at the key; the rest at the value. */
const KEY_CODES: ReadonlySet<PipelineIssueCode> = new Set([
  'unknown_key',
  'unknown_param',
  'unknown_input',
  'layout_unknown_node',
]);

function withPosition(source: YamlSource, issue: PipelineIssue): PipelineIssue {
  if (issue.line !== undefined || !issue.path) return issue;
  const position = locate(source, issue.path, KEY_CODES.has(issue.code) ? 'key' : 'value');
  return position ? { ...issue, ...position } : issue;
}

/**
 * Every problem with a pipeline file, in reading order, each with its line and column where known.
 * `document` is there whenever the text has the shape of a pipeline, even if the catalog check found problems,
 * so the editor can still draw it; `issues` is empty only for a valid pipeline.
 */
export function checkPipelineYaml(
  text: string,
  options: PipelineReadOptions,
): { document?: PipelineDocument; issues: PipelineIssue[] } {
  const { source, issues: yamlIssues } = readYaml(text);
  if (yamlIssues.length > 0) return { issues: sortIssues(yamlIssues) };

  const structure = checkPipelineStructure(source.doc.toJS());
  if (!structure.document) {
    return { issues: sortIssues(structure.issues.map((issue) => withPosition(source, issue))) };
  }
  const issues = validatePipeline(structure.document, options.catalog).map((issue) => withPosition(source, issue));
  return { document: structure.document, issues: sortIssues(issues) };
}

/**
 * The pipeline in `text`, checked against the catalog. Throws one invalid_input PlumbError: the first problem
 * (in reading order) is its message and location, every problem is a detail line.
 */
export function parsePipelineYaml(text: string, options: PipelineReadOptions): PipelineDocument {
  const { document, issues } = checkPipelineYaml(text, options);
  if (issues.length > 0 || !document) throw issuesToError(issues, options.file);
  return document;
}
