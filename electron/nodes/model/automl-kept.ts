// Where model.automl and model.tune keep a finished search (leaderboard, history and the models fitted on all
// rows) so that picking another row with `use_model` neither searches nor refits: in this process, and in the
// run's output cache (project file or cache folder) under the search's own content key, which outlives the app.
import { createHash } from 'node:crypto';
import type { SeriesPoint } from '../../engine/types.js';
import type { OutputCache } from '../../../shared/api/run-types.js';
import type { Candidate, LeaderboardEntry, SearchResult } from '../../ml/automl/search.js';
import type { SearchMetric } from '../../ml/automl/scoring.js';
import type { PlumbModelFile } from '../../ml/model-file.js';
import { canonicalJson } from '../codecs.js';

export interface KeptSearch {
  result: SearchResult;
  metric: SearchMetric;
  /** how candidates were scored: cross-validation on `train`, or the `valid` table */
  scoredOn: 'cv' | 'valid';
  history: SeriesPoint[];
  files: Map<string, PlumbModelFile>;
  candidates: Map<string, Candidate>;
}

/** Searches kept in this process, newest last (a few: each holds its fitted models). */
const memory = new Map<string, KeptSearch>();
const KEEP = 4;
/** Bumped when the stored layout changes: older entries are then ignored, not misread. */
const LAYOUT = 1;

/** Drops the searches kept in this process (tests: a restart, or a second run that must search again). */
export function forgetSearches(): void {
  memory.clear();
}

const entryKey = (key: string) => `search-v${LAYOUT}-${key}`;

interface Stored {
  result: Omit<SearchResult, 'leaderboard'> & { leaderboard: (Omit<LeaderboardEntry, 'mean' | 'std'> & { mean: number | null; std: number | null })[] };
  metric: SearchMetric;
  scoredOn: 'cv' | 'valid';
  history: SeriesPoint[];
  candidates: Candidate[];
  files: string[];
}

function encode(search: KeptSearch): Record<string, Uint8Array> {
  const ids = [...search.files.keys()];
  const stored: Stored = {
    result: { ...search.result, leaderboard: search.result.leaderboard.map((e) => ({ ...e, mean: Number.isFinite(e.mean) ? e.mean : null, std: Number.isFinite(e.std) ? e.std : null })) },
    metric: search.metric,
    scoredOn: search.scoredOn,
    history: search.history,
    candidates: [...search.candidates.values()],
    files: ids,
  };
  const text = new TextEncoder();
  const out: Record<string, Uint8Array> = { search: text.encode(canonicalJson(stored)) };
  ids.forEach((id, i) => (out[`model_${i}`] = text.encode(canonicalJson(search.files.get(id)))));
  return out;
}

function decode(bytes: Record<string, Uint8Array>): KeptSearch | undefined {
  const text = new TextDecoder();
  if (!bytes.search) return undefined;
  const stored = JSON.parse(text.decode(bytes.search)) as Stored;
  const files = new Map<string, PlumbModelFile>();
  for (const [i, id] of stored.files.entries()) {
    const file = bytes[`model_${i}`];
    if (!file) return undefined;
    files.set(id, JSON.parse(text.decode(file)) as PlumbModelFile);
  }
  const leaderboard = stored.result.leaderboard.map((e) => ({ ...e, mean: e.mean ?? NaN, std: e.std ?? NaN }));
  return {
    result: { ...stored.result, leaderboard },
    metric: stored.metric,
    scoredOn: stored.scoredOn,
    history: stored.history,
    files,
    candidates: new Map(stored.candidates.map((c) => [c.id, c])),
  };
}

function remember(key: string, search: KeptSearch): void {
  memory.delete(key);
  memory.set(key, search);
  if (memory.size > KEEP) memory.delete(memory.keys().next().value!);
}

/** The kept search of this key: from memory, else from the cache (a damaged or foreign entry reads as none). */
export async function recallSearch(key: string, cache: OutputCache | undefined): Promise<KeptSearch | undefined> {
  const inMemory = memory.get(key);
  if (inMemory) return inMemory;
  const bytes = await cache?.get(entryKey(key)).catch(() => undefined);
  if (!bytes) return undefined;
  let search: KeptSearch | undefined;
  try {
    search = decode(bytes);
  } catch {
    return undefined;
  }
  if (search) remember(key, search);
  return search;
}

/** Keeps a search; a cache that cannot be written only costs a search later. */
export async function keepSearch(key: string, search: KeptSearch, cache: OutputCache | undefined): Promise<void> {
  remember(key, search);
  await cache?.put(entryKey(key), encode(search)).catch(() => undefined);
}

// A model fitted later (a row halving cut) goes in an entry of its own: cache entries are written once.
const modelKey = (key: string, id: string) => `${entryKey(key)}-${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;

/** A later-fitted model of a kept search, from the cache. */
export async function recallModel(key: string, id: string, cache: OutputCache | undefined): Promise<PlumbModelFile | undefined> {
  const bytes = await cache?.get(modelKey(key, id)).catch(() => undefined);
  if (!bytes?.model) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes.model)) as PlumbModelFile;
  } catch {
    return undefined;
  }
}

export async function keepModel(key: string, id: string, file: PlumbModelFile, cache: OutputCache | undefined): Promise<void> {
  await cache?.put(modelKey(key, id), { model: new TextEncoder().encode(canonicalJson(file)) }).catch(() => undefined);
}
