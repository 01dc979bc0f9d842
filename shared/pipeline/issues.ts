// Problems found in a pipeline, as the editor shows them inline and the CLI reports them (one PlumbError).
import { invalidInput, type ErrorLocation, type PlumbError } from '../errors.js';

export type PipelineIssueCode =
  | 'yaml_syntax' // not well-formed YAML
  | 'yaml_feature' // anchors, aliases, merge keys, tags or directives outside plain YAML 1.2 data
  | 'schema' // wrong structure (missing key, wrong type, bad id or port reference)
  | 'unknown_key'
  | 'duplicate_id'
  | 'unknown_type'
  | 'unknown_param'
  | 'missing_param'
  | 'param_type'
  | 'missing_input'
  | 'unknown_input'
  | 'unknown_node' // an input reference or --set naming a node that is not there
  | 'unknown_output'
  | 'port_type'
  | 'cycle'
  | 'unknown_component' // a `component.<name>` node whose component is not defined
  | 'component_recursion' // a component that ends up inside itself
  | 'component_param' // `${name}` naming no param of the component
  | 'component_output' // a component output that names no inner output
  | 'layout_unknown_node';

/** Where in the document: keys and sequence indexes, e.g. ['nodes', 2, 'params', 'seed']. */
export type DocumentPath = readonly (string | number)[];

export interface PipelineIssue {
  code: PipelineIssueCode;
  /** A whole sentence naming the node and key, e.g. "unknown param 'sed' in node 'split' (did you mean 'seed'?)". */
  message: string;
  node?: string;
  /** The key at fault: a param or input port name inside a node, otherwise a document key. */
  key?: string;
  path?: DocumentPath;
  /** 1-based, known when the issue came from YAML text. */
  line?: number;
  column?: number;
}

const PARAM_CODES: ReadonlySet<PipelineIssueCode> = new Set(['unknown_param', 'missing_param', 'param_type', 'component_param']);

/** "file:3:7" / "line 3, column 7" / "" — the prefix of one detail line. */
function describeLocation(issue: PipelineIssue, file?: string): string {
  const at = issue.line !== undefined ? `${issue.line}${issue.column !== undefined ? `:${issue.column}` : ''}` : '';
  if (file) return at ? `${file}:${at}` : file;
  if (issue.line === undefined) return '';
  return issue.column !== undefined ? `line ${issue.line}, column ${issue.column}` : `line ${issue.line}`;
}

export function formatIssue(issue: PipelineIssue, file?: string): string {
  const where = describeLocation(issue, file);
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** One invalid_input error: the first issue is the message and the location, every issue is a detail line. */
export function issuesToError(issues: readonly PipelineIssue[], file?: string): PlumbError {
  if (issues.length === 0) throw new Error('issuesToError needs at least one issue');
  const first = issues[0];
  const where: ErrorLocation = {};
  if (file !== undefined) where.file = file;
  if (first.line !== undefined) where.line = first.line;
  if (first.column !== undefined) where.column = first.column;
  if (first.node !== undefined) where.node = first.node;
  if (first.key !== undefined && PARAM_CODES.has(first.code)) where.param = first.key;
  return invalidInput(first.message, where, issues.map((issue) => formatIssue(issue, file)));
}

/** Issues in reading order: by line and column, those without a position last, otherwise as found. */
export function sortIssues(issues: readonly PipelineIssue[]): PipelineIssue[] {
  const rank = (i: PipelineIssue) => (i.line === undefined ? Infinity : i.line * 1e6 + (i.column ?? 0));
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.index - b.index)
    .map(({ issue }) => issue);
}
