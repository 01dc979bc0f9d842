// Reading YAML strictly (plain YAML 1.2 core-schema data only) and finding where a document path sits in the text.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  type Document,
  type Node as YamlNode,
  type ParseOptions,
  type DocumentOptions,
  type SchemaOptions,
} from 'yaml';
import type { DocumentPath, PipelineIssue } from './issues.js';

/** The one YAML dialect pipelines are read and written in. */
export const YAML_DIALECT: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  merge: false,
  uniqueKeys: true,
  prettyErrors: false,
  strict: true,
};

const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`),
);

export interface SourcePosition {
  line: number;
  column: number;
}

export interface YamlSource {
  doc: Document.Parsed;
  lines: LineCounter;
}

/**
 * The largest pipeline text read (1 MiB). Real pipelines are a few kilobytes; parsing costs about 100 times the
 * text's size in memory, so a bigger text is refused before it is parsed.
 */
export const MAX_PIPELINE_YAML_BYTES = 1024 * 1024;

/** The deepest nesting of maps and lists a pipeline may use (a pipeline needs about 6). */
export const MAX_PIPELINE_YAML_DEPTH = 64;

/** The YAML document plus every syntax error and every use of a feature outside plain data. */
export function readYaml(text: string): { source: YamlSource; issues: PipelineIssue[] } {
  if (text.length > MAX_PIPELINE_YAML_BYTES) {
    const empty = { doc: parseDocument('', YAML_DIALECT), lines: new LineCounter() };
    const message = `the pipeline text is ${text.length} characters long; the limit is ${MAX_PIPELINE_YAML_BYTES} (1 MiB)`;
    return { source: empty, issues: [{ code: 'yaml_syntax', message, line: 1, column: 1 }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...YAML_DIALECT, lineCounter: lines });
  const source: YamlSource = { doc, lines };
  const issues: PipelineIssue[] = [];
  const at = (offset: number): SourcePosition => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };

  for (const error of doc.errors) {
    // The YAML parser recurses per nesting level and reports running out of stack as a syntax error.
    const message = /Maximum call stack size exceeded/.test(error.message)
      ? `YAML nesting is too deep (the limit is ${MAX_PIPELINE_YAML_DEPTH} levels)`
      : `YAML syntax: ${firstLine(error.message)}`;
    issues.push({ code: 'yaml_syntax', message, ...at(error.pos[0]) });
  }
  // YAML allows no C0 control character but tab and line breaks, nor DEL (YAML 1.2 §5.1); the parser lets them
  // through, and a NUL in a name or a path then reaches SQLite, DuckDB and the file system.
  const control = firstControlCharacter(text);
  if (control >= 0) {
    const code = `U+${text.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0')}`;
    issues.push({ code: 'yaml_syntax', message: `YAML syntax: the control character ${code} is not allowed in YAML text`, ...at(control) });
  }
  for (const warning of doc.warnings) {
    issues.push({ code: 'yaml_feature', message: `YAML: ${firstLine(warning.message)}`, ...at(warning.pos[0]) });
  }
  const { version, explicit } = doc.directives.yaml;
  if (explicit && version !== '1.2') {
    const message = `only YAML 1.2 is supported, not %YAML ${version}`;
    issues.push({ code: 'yaml_feature', message, line: 1, column: 1 });
  }

  /** `offset` defaults to where the node's value starts; anchors and tags are found just before it. */
  const feature = (node: YamlNode, path: DocumentPath, message: string, offset = node.range?.[0] ?? 0) => {
    const names = namesAt(source, path);
    issues.push({
      code: 'yaml_feature',
      message: `${message}${describeNames(names, path)}`,
      ...names,
      path,
      ...at(offset),
    });
  };
  /** Start of the `&anchor` or `!tag` written before a node: the last `marker` before it that begins a token. */
  const before = (node: YamlNode, marker: string) => {
    const start = node.range?.[0] ?? 0;
    let found = text.lastIndexOf(marker, start);
    while (found > 0 && !/[\s,[{:]/.test(text[found - 1])) found = text.lastIndexOf(marker, found - 1);
    return found >= 0 ? found : start;
  };
  let tooDeep = false;
  const walk = (node: unknown, path: DocumentPath): void => {
    if (isAlias(node)) return feature(node, path, `aliases (*${node.source}) are not supported`);
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return;
    if (path.length > MAX_PIPELINE_YAML_DEPTH) {
      if (!tooDeep) feature(node, path.slice(0, 4), `YAML nesting is deeper than ${MAX_PIPELINE_YAML_DEPTH} levels`);
      tooDeep = true;
      return;
    }
    if (node.anchor) {
      feature(node, path, `anchors (&${node.anchor}) are not supported`, before(node, `&${node.anchor}`));
    }
    if (node.tag && !CORE_TAGS.has(node.tag)) {
      feature(node, path, `tag ${node.tag} is not supported`, before(node, '!'));
    }
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key)) {
        feature(isAlias(key) || isMap(key) || isSeq(key) ? key : node, path, 'keys must be plain strings');
        continue;
      }
      walk(key, path);
      const name = String(key.value);
      if (name === '<<' && key.type === Scalar.PLAIN) feature(key, path, 'merge keys (<<) are not supported');
      // Copied into a plain object, `__proto__` would replace the object's prototype instead of being a key.
      if (name === '__proto__') {
        feature(key, path, "the key '__proto__' is not allowed");
        continue;
      }
      walk(pair.value, [...path, name]);
    }
  };
  walk(doc.contents, []);
  return { source, issues };
}

/** Offset of the first C0 control character other than tab, LF and CR, or of a DEL; -1 if there is none. */
function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return i;
  }
  return -1;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** " (node 'x', key 'y')" suffix, so issues found before the schema check still say where they are. */
function describeNames({ node, key }: { node?: string; key?: string }, path: DocumentPath): string {
  if (node !== undefined) return key !== undefined ? ` (node '${node}', key '${key}')` : ` (node '${node}')`;
  return path.length > 0 ? ` (at ${path.join('.')})` : '';
}

/** The node id (for paths inside `nodes` or `layout`) and the key the path is about. */
export function namesAt(source: YamlSource, path: DocumentPath): { node?: string; key?: string } {
  const names: { node?: string; key?: string } = {};
  if (path[0] === 'nodes' && typeof path[1] === 'number') {
    const id = source.doc.getIn(['nodes', path[1], 'id']);
    if (typeof id === 'string') names.node = id;
    const key = typeof path[3] === 'string' ? path[3] : path[2];
    if (typeof key === 'string') names.key = key;
  } else if (path[0] === 'components' && path[2] === 'nodes' && typeof path[3] === 'number') {
    const id = source.doc.getIn(['components', path[1], 'nodes', path[3], 'id']);
    if (typeof id === 'string') names.node = id;
    const key = typeof path[5] === 'string' ? path[5] : path[4];
    if (typeof key === 'string') names.key = key;
  } else if (path[0] === 'layout' && typeof path[1] === 'string') {
    names.node = path[1];
    if (typeof path[2] === 'string') names.key = path[2];
  } else if (typeof path[0] === 'string') {
    names.key = path[0];
  }
  return names;
}

/**
 * Where `path` is in the text: at the key (when the key itself is at fault) or at the value. A path that goes
 * past what the text holds (a missing key) stops at the deepest part that exists.
 */
export function locate(source: YamlSource, path: DocumentPath, at: 'key' | 'value'): SourcePosition | undefined {
  let node: unknown = source.doc.contents;
  let keyNode: YamlNode | undefined;
  for (const [depth, step] of path.entries()) {
    const last = depth === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      keyNode = pair.key as YamlNode;
      if (last && at === 'key') return position(source, keyNode);
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number' && step < node.items.length) {
      keyNode = undefined;
      node = node.items[step];
    } else {
      break;
    }
  }
  const empty = node == null || (isScalar(node) && node.range?.[0] === node.range?.[1]);
  if (empty) return keyNode ? position(source, keyNode) : undefined;
  return position(source, node as YamlNode);
}

function position(source: YamlSource, node: YamlNode): SourcePosition | undefined {
  if (!node.range) return undefined;
  const { line, col } = source.lines.linePos(node.range[0]);
  return { line, column: col };
}

/** A `--set` value: one YAML scalar or flow collection, read with the same rules as a pipeline file. */
export function parseYamlValue(text: string): { value: unknown } | { error: string } {
  const { source, issues } = readYaml(text);
  if (issues.length > 0) return { error: issues[0].message };
  const contents = source.doc.contents;
  if ((isMap(contents) || isSeq(contents)) && !contents.flow) {
    return {
      error: 'a value must be a YAML scalar or flow collection ([…], {…}); quote text containing ": " or "- "',
    };
  }
  return { value: source.doc.toJS() };
}
