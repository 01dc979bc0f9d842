// What `plumb serve` and the Serving view serve: a model file (`model.json`, served as its file stem, version 1)
// or a registered version (`FILE.plumb:name[@alias|@version]`, or a ref into an open project), compiled once.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { invalidInput, isPlumbError } from '../../shared/errors.js';
import type { ProjectFile } from '../store/project-file.js';
import { compileModel, type CompiledModel } from './predictor.js';

export interface LoadedVersion {
  /** The name it would be served under on its own. */
  name: string;
  /** Registry version number, or null for a model file. */
  registryVersion: number | null;
  aliases: string[];
  /** What the user named (`churn@champion`, `model.json`). */
  ref: string;
  model: CompiledModel;
}

/** `FILE.plumb:name[@x]` → its parts; anything else is a model file path. */
export function splitProjectRef(spec: string): { projectPath: string; ref: string } | null {
  const match = /^(.*\.plumb):([^:]+)$/.exec(spec);
  return match ? { projectPath: match[1], ref: match[2] } : null;
}

export function loadModelFileVersion(path: string): LoadedVersion {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw invalidInput(`cannot read model file: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw invalidInput(`not a JSON model file: ${(e as Error).message}`, { file: path });
  }
  return { name: basename(path, extname(path)), registryVersion: null, aliases: [], ref: path, model: compileModel(json, path) };
}

export function loadRegisteredVersion(project: ProjectFile, ref: string): LoadedVersion {
  const found = project.models.resolve(ref);
  const bytes = project.models.artifact(`${found.name}@${found.version}`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw invalidInput(`model '${found.name}' version ${found.version} is not a readable model file`, { file: project.path });
  }
  try {
    return { name: found.name, registryVersion: found.version, aliases: found.aliases.slice(), ref, model: compileModel(json) };
  } catch (e) {
    if (isPlumbError(e)) throw invalidInput(`model '${found.name}' version ${found.version}: ${e.message}`, { file: project.path });
    throw e;
  }
}

export interface ServedVersion extends LoadedVersion {
  /** The version string of the API (TF Serving's `versions/<v>`) and of X-Plumb-Model-Version. */
  version: string;
}

/**
 * Versions under one served name: registry version numbers when all come from one registered model (and differ),
 * else 1, 2, … in the order given.
 */
export function servedVersions(loaded: readonly LoadedVersion[]): ServedVersion[] {
  const numbers = loaded.map((l) => l.registryVersion);
  const registry = numbers.every((n) => n !== null) && new Set(loaded.map((l) => l.name)).size === 1 && new Set(numbers).size === numbers.length;
  return loaded.map((l, i) => ({ ...l, version: String(registry ? l.registryVersion : i + 1) }));
}
