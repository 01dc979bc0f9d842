// The structural check: does a plain value have the shape of a pipeline document? zod issues become sentences.
import type { z } from 'zod';
import type { DocumentPath, PipelineIssue } from './issues.js';
import { zodMessage } from './params.js';
import { COMPONENT_KEYS, DOCUMENT_KEYS, MAX_NODE_ID_LENGTH, NODE_KEYS, pipelineDocumentSchema, type PipelineDocument } from './schema.js';
import { didYouMean } from './suggest.js';

function valueAt(value: unknown, path: DocumentPath): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** The id written for node `index`, if it is a string (cut short when too long to be one, for messages). */
function writtenId(value: unknown, index: number): string | undefined {
  const id = valueAt(value, ['nodes', index, 'id']);
  if (typeof id !== 'string') return undefined;
  return id.length > MAX_NODE_ID_LENGTH ? `${id.slice(0, 40)}…` : id;
}

function nodeName(value: unknown, index: number): string {
  const id = writtenId(value, index);
  return id !== undefined ? `node '${id}'` : `node #${index + 1}`;
}

/** Names a place in the document the way a user reads it: "input 'table' of node 'split'". */
function describePlace(value: unknown, path: DocumentPath): string {
  const [head, second, third, fourth] = path;
  if (head === 'nodes' && typeof second === 'number') {
    const node = nodeName(value, second);
    if (third === undefined) return node;
    if (third === 'inputs' && fourth !== undefined) return `input '${String(fourth)}' of ${node}`;
    if (third === 'params' && fourth !== undefined) return `param '${String(fourth)}' of ${node}`;
    return `'${String(third)}' of ${node}`;
  }
  if (head === 'components' && second !== undefined) {
    const component = `component '${String(second)}'`;
    const [, , section, index, key, name] = path;
    if (section === 'nodes' && typeof index === 'number') {
      const id = valueAt(value, [...path.slice(0, 4), 'id']);
      const node = typeof id === 'string' ? `node '${id}'` : `node #${index + 1}`;
      if (key === undefined) return `${node} of ${component}`;
      return name === undefined ? `'${String(key)}' of ${node} of ${component}` : `${String(key).replace(/s$/, '')} '${String(name)}' of ${node} of ${component}`;
    }
    if (section === undefined) return component;
    return index === undefined ? `'${String(section)}' of ${component}` : `${String(section).replace(/s$/, '')} '${String(index)}' of ${component}`;
  }
  if (head === 'layout' && second !== undefined) {
    return third === undefined ? `layout of '${String(second)}'` : `layout '${String(third)}' of '${String(second)}'`;
  }
  if (head === undefined) return 'the pipeline';
  return `'${path.join('.')}'`;
}

/** node and key fields for an issue at `path`. */
function names(value: unknown, path: DocumentPath): { node?: string; key?: string } {
  const [head, second, third, fourth] = path;
  if (head === 'nodes' && typeof second === 'number') {
    const key = typeof fourth === 'string' ? fourth : typeof third === 'string' ? third : undefined;
    return { node: writtenId(value, second), key };
  }
  if (head === 'layout' && typeof second === 'string') {
    return { node: second, key: typeof third === 'string' ? third : undefined };
  }
  if (head === 'components' && third === 'nodes' && typeof fourth === 'number') {
    const id = valueAt(value, ['components', second, 'nodes', fourth, 'id']);
    const key = typeof path[6] === 'string' ? path[6] : typeof path[5] === 'string' ? path[5] : undefined;
    return { node: typeof id === 'string' ? id : undefined, key };
  }
  return { key: typeof head === 'string' ? head : undefined };
}

function keyCandidates(path: DocumentPath): readonly string[] {
  if (path.length === 0) return DOCUMENT_KEYS;
  if (path[0] === 'nodes' && path.length === 2) return NODE_KEYS;
  if (path[0] === 'layout' && path.length === 2) return ['x', 'y'];
  if (path[0] === 'components' && path.length === 2) return COMPONENT_KEYS;
  if (path[0] === 'components' && path[2] === 'nodes' && path.length === 4) return NODE_KEYS;
  if (path[0] === 'components' && path[2] === 'params' && path.length === 4) return ['default', 'doc'];
  return [];
}

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((step) => (typeof step === 'number' ? step : String(step)));
}

function issuesFromZod(value: unknown, issue: z.core.$ZodIssue): PipelineIssue[] {
  const path = toPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const at = [...path, key];
      const where = path.length === 0 ? '' : ` in ${describePlace(value, path)}`;
      return {
        code: 'unknown_key' as const,
        message: `unknown key '${key}'${where}${didYouMean(key, keyCandidates(path))}`,
        ...names(value, at),
        key,
        path: at,
      };
    });
  }
  if (path.length === 0 && issue.code === 'invalid_type') {
    const empty = value === null || value === undefined;
    return [
      {
        code: 'schema',
        message: empty ? 'the pipeline is empty' : 'a pipeline must be a YAML mapping with plumb, name and nodes',
        path,
      },
    ];
  }
  const parent = valueAt(value, path.slice(0, -1));
  const missing =
    issue.code === 'invalid_type' &&
    valueAt(value, path) === undefined &&
    parent !== null &&
    typeof parent === 'object' &&
    !Array.isArray(parent);
  if (missing) {
    const key = String(path[path.length - 1]);
    const owner = describePlace(value, path.slice(0, -1));
    return [{ code: 'schema', message: `${owner} is missing '${key}'`, ...names(value, path), key, path }];
  }
  return [
    {
      code: 'schema',
      message: `${describePlace(value, path)}: ${messageOf(issue)}`,
      ...names(value, path),
      path,
    },
  ];
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues.length > 0) return zodMessage(issue.issues[0]);
  return zodMessage(issue);
}

/** The value as a pipeline document, or every structural problem with it. */
export function checkPipelineStructure(value: unknown): { document?: PipelineDocument; issues: PipelineIssue[] } {
  const result = pipelineDocumentSchema.safeParse(value);
  if (result.success) return { document: result.data, issues: [] };
  return { issues: result.error.issues.flatMap((issue) => issuesFromZod(value, issue)) };
}
