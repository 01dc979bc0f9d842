// The AutoML search, independent of how a candidate is fitted: successive halving over rows for the sampled
// candidates, the default gradient boosting scored at full resource, the best of each family brought to full
// resource, then a stacked ensemble of those on their out-of-fold scores. Candidates run `concurrency` at a time;
// a time budget stops launching new evaluations (running ones finish); a cancel rejects at once.
import { cancelledError } from '../../../shared/errors.js';
import { ensembleLink } from '../ensemble/estimator.js';
import { ensembleOutputOf } from '../ensemble/output.js';
import type { Target } from '../types.js';
import { halvingSchedule, topK, type Rung } from './halving.js';
import { metricValue, higherIsBetter, type SearchMetric } from './scoring.js';
import { fitMetaModel, metaMargins, type MetaLoss, type MetaModel } from './stacking.js';
import type { Family, ParamSet } from './space.js';

export interface Candidate {
  id: string;
  family: Family;
  params: ParamSet;
}

export interface Evaluation {
  /** metric per fold */
  folds: number[];
  fitSeconds: number;
  predictMsPerRow: number;
  /** full resource only: n × width out-of-fold member scores of every row */
  oof?: Float64Array;
}

export interface LeaderboardEntry {
  model_id: string;
  family: Family | 'stacked_ensemble';
  params: ParamSet;
  /** halving rung the entry was last scored in (-1: full resource outside the halving) */
  rung: number;
  rows: number;
  mean: number;
  std: number;
  fit_seconds: number;
  predict_ms_per_row: number;
  /** the time budget stopped it before its next evaluation */
  cut_by_time: boolean;
  /** scored on all rows with the full folds (comparable with each other; the others are not) */
  full: boolean;
  /** stacked ensemble: member ids and weights */
  members?: { model_id: string; weight: number }[];
}

export interface SearchProgress {
  rung: number;
  rungs: number;
  evaluated: number;
  elapsedSeconds: number;
  bestSoFar: number | null;
}

export interface SearchSetup {
  candidates: Candidate[];
  /** the default gradient boosting, always scored on all rows */
  baseline: Candidate;
  metric: SearchMetric;
  y: Target;
  /** fold of every row at full resource */
  folds: Int32Array;
  nFolds: number;
  /**
   * Where full-resource evaluations score their out-of-fold rows, when not the training folds: a validation table's
   * labels and its folds (candidates then score on it, and the stacked ensemble is cross-validated on its folds).
   */
  scoredOn?: { y: Target; folds: Int32Array };
  factor: number;
  /** the smallest rung (rows) halving may use */
  smallest: number;
  stacking: boolean;
  /** false: one rung, every candidate on all rows (plain cross-validated search, as model.tune does) */
  halving?: boolean;
  concurrency: number;
  timeBudgetSeconds?: number;
  signal: AbortSignal;
  now?: () => number;
}

export interface SearchHooks {
  /** Scores a candidate on the first `rows` rows of the search order with cross-validation. */
  evaluate(candidate: Candidate, rung: Rung & { index: number }, signal: AbortSignal): Promise<Evaluation>;
  onEntry?(entry: LeaderboardEntry, progress: SearchProgress): void;
}

export interface SearchResult {
  /** best first: full-resource entries by score, then the rest by rung and score */
  leaderboard: LeaderboardEntry[];
  rungs: Rung[];
  /** the stacked ensemble's meta-model and member ids (when stacking produced one) */
  stack?: { members: string[]; meta: MetaModel; loss: MetaLoss };
  cutByTime: boolean;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
const std = (v: number[]) => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, v.length));
};

export async function runSearch(setup: SearchSetup, hooks: SearchHooks): Promise<SearchResult> {
  const now = setup.now ?? (() => performance.now());
  const started = now();
  const elapsed = () => (now() - started) / 1000;
  const overBudget = () => setup.timeBudgetSeconds !== undefined && elapsed() >= setup.timeBudgetSeconds;
  const { metric, signal } = setup;
  const maxRows = setup.folds.length;
  const rungs =
    setup.halving === false
      ? setup.candidates.length
        ? [{ resources: maxRows, candidates: setup.candidates.length }]
        : []
      : allRowsLast(halvingSchedule({ nCandidates: setup.candidates.length, maxResources: maxRows, factor: setup.factor, smallest: setup.smallest }), maxRows);
  const entries = new Map<string, LeaderboardEntry>();
  const oof = new Map<string, Float64Array>();
  let evaluated = 0;
  let best: number | null = null;
  let currentRung = 0;
  let cutByTime = false;

  const cancelled = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(cancelledError());
    signal.addEventListener('abort', () => reject(cancelledError()), { once: true });
  });
  cancelled.catch(() => undefined);

  /** `ensemble`: the stacked ensemble's family, weights and members (set before anyone hears of the entry). */
  const record = (candidate: Candidate, rung: number, rows: number, ev: Evaluation, full: boolean, ensemble?: Pick<LeaderboardEntry, 'family' | 'params' | 'members'>) => {
    const entry: LeaderboardEntry = {
      model_id: candidate.id,
      family: candidate.family,
      params: candidate.params,
      rung,
      rows,
      mean: mean(ev.folds),
      std: std(ev.folds),
      fit_seconds: ev.fitSeconds,
      predict_ms_per_row: ev.predictMsPerRow,
      cut_by_time: false,
      full,
      ...ensemble,
    };
    entries.set(candidate.id, entry);
    if (ev.oof) oof.set(candidate.id, ev.oof);
    evaluated++;
    if (full && Number.isFinite(entry.mean) && (best === null || higherIsBetter(metric, entry.mean) > higherIsBetter(metric, best))) best = entry.mean;
    hooks.onEntry?.(entry, { rung: currentRung, rungs: rungs.length, evaluated, elapsedSeconds: elapsed(), bestSoFar: best });
  };

  /** Runs the jobs `concurrency` at a time; jobs not started when the budget runs out are returned as cut. */
  const runAll = async <T>(jobs: T[], run: (job: T) => Promise<void>): Promise<T[]> => {
    const cut: T[] = [];
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        if (signal.aborted) throw cancelledError();
        if (overBudget()) {
          cut.push(job);
          continue;
        }
        await run(job);
      }
    };
    await Promise.race([Promise.all(Array.from({ length: Math.max(1, setup.concurrency) }, lane)), cancelled]);
    return cut;
  };

  const markCut = (candidates: Candidate[]) => {
    if (candidates.length) cutByTime = true;
    for (const c of candidates) {
      const e = entries.get(c.id);
      if (e) e.cut_by_time = true;
      else entries.set(c.id, { model_id: c.id, family: c.family, params: c.params, rung: -1, rows: 0, mean: NaN, std: NaN, fit_seconds: 0, predict_ms_per_row: 0, cut_by_time: true, full: false });
    }
  };

  // The baseline goes first in the queue, so a time budget never cuts it.
  const full = { resources: maxRows, candidates: 1, index: -1 };
  const baselineJob = { candidate: setup.baseline, rung: full };
  let alive = setup.candidates.slice();
  for (let r = 0; r < rungs.length; r++) {
    currentRung = r;
    const rung = { ...rungs[r], index: r };
    const jobs = alive.map((candidate) => ({ candidate, rung }));
    if (r === 0) jobs.unshift(baselineJob);
    const cut = await runAll(jobs, async ({ candidate, rung: at }) => {
      record(candidate, at.index, at.resources, await hooks.evaluate(candidate, at, signal), at.resources === maxRows);
    });
    markCut(cut.map((j) => j.candidate));
    const scored = alive.filter((c) => entries.get(c.id)?.rung === r && !entries.get(c.id)!.cut_by_time);
    const next = rungs[r + 1];
    if (!next) break;
    const keep = topK(scored.map((c) => higherIsBetter(metric, entries.get(c.id)!.mean)), next.candidates);
    alive = keep.map((i) => scored[i]);
  }
  if (rungs.length === 0) await runAll([baselineJob], async ({ candidate }) => record(candidate, -1, maxRows, await hooks.evaluate(candidate, full, signal), true));

  // Best of each family brought to full resource, unless a sampled model of the family is there already (a survivor
  // of the last rung): a second one would cost a full evaluation to repeat what it shows. The default gradient
  // boosting does not count: it was never searched, and the tuned one is what the stack most often needs.
  const hasFull = new Set(
    [...entries.values()].filter((e) => e.full && Number.isFinite(e.mean) && e.model_id !== setup.baseline.id).map((e) => e.family),
  );
  const bestOf = new Map<string, LeaderboardEntry>();
  for (const e of entries.values()) {
    if (hasFull.has(e.family) || !Number.isFinite(e.mean) || e.model_id === setup.baseline.id) continue;
    const seen = bestOf.get(e.family);
    if (!seen || e.rung > seen.rung || (e.rung === seen.rung && higherIsBetter(metric, e.mean) > higherIsBetter(metric, seen.mean))) bestOf.set(e.family, e);
  }
  const byId = new Map(setup.candidates.map((c) => [c.id, c]));
  const promote = [...bestOf.values()].map((e) => byId.get(e.model_id)!);
  markCut(await runAll(promote, async (candidate) => record(candidate, -1, maxRows, await hooks.evaluate(candidate, full, signal), true)));

  // Every model scored on all rows is a stacking candidate: they all have out-of-fold scores on the same folds.
  let stack: SearchResult['stack'];
  // (in id order: entries arrive in whatever order the workers finish, and the meta-model's fit must not depend on it)
  const others = [...entries.values()].filter((e) => e.full && e.model_id !== setup.baseline.id).map((e) => e.model_id);
  const finalists = [setup.baseline.id, ...others.sort()].filter((id) => oof.has(id));
  if (setup.stacking && finalists.length >= 2) {
    const built = stackedEnsemble(setup, finalists, oof);
    stack = built.stack;
    const { members, meta } = built.stack;
    record({ id: 'stacked_ensemble', family: 'gradient_boosting', params: {} }, -1, maxRows, built.evaluation, true, {
      family: 'stacked_ensemble',
      params: Object.fromEntries(members.map((id, k) => [id, Number(meta.weights[k].toPrecision(6))])),
      members: members.map((id, k) => ({ model_id: id, weight: meta.weights[k] })),
    });
  }

  const leaderboard = [...entries.values()].sort((a, b) => {
    if (a.full !== b.full) return a.full ? -1 : 1;
    // models scored on all rows compare by metric alone, whichever rung (or promotion) got them there
    if (!a.full && a.rung !== b.rung) return b.rung - a.rung;
    const sa = Number.isFinite(a.mean) ? higherIsBetter(metric, a.mean) : -Infinity;
    const sb = Number.isFinite(b.mean) ? higherIsBetter(metric, b.mean) : -Infinity;
    return sb - sa || (a.model_id < b.model_id ? -1 : a.model_id > b.model_id ? 1 : 0);
  });
  return { leaderboard, rungs, ...(stack ? { stack } : {}), cutByTime };
}

/**
 * scikit-learn's last rung stops at min_resources · factor^i ≤ n rows (11,997 of 12,000, say); ours takes all rows,
 * so its survivors are scored with the full folds and need no second evaluation to be stacked or compared.
 */
function allRowsLast(rungs: Rung[], maxRows: number): Rung[] {
  return rungs.map((r, i) => (i === rungs.length - 1 ? { ...r, resources: maxRows } : r));
}

/** The meta-model on all out-of-fold scores, and its own cross-validation on the same folds. */
function stackedEnsemble(setup: SearchSetup, members: string[], oof: Map<string, Float64Array>): { stack: NonNullable<SearchResult['stack']>; evaluation: Evaluation } {
  const { nFolds, metric } = setup;
  const { y, folds } = setup.scoredOn ?? setup;
  const n = folds.length;
  const K = y.task === 'classification' ? y.classes.length : 1;
  const link = ensembleLink(y.task, K);
  const loss: MetaLoss = link === 'identity' ? 'squared' : link === 'logistic' ? 'logistic' : 'softmax';
  const width = loss === 'softmax' ? K : 1;
  const scores = members.map((id) => oof.get(id)!);
  const target = y.task === 'regression' ? y.values : y.codes;
  const started = performance.now();
  const foldScores: number[] = [];
  for (let f = 0; f < nFolds; f++) {
    const train = Int32Array.from({ length: n }, (_, i) => i).filter((i) => folds[i] !== f);
    const test = Int32Array.from({ length: n }, (_, i) => i).filter((i) => folds[i] === f);
    const meta = fitMetaModel(loss, { scores, nRows: n, width, target, rows: train });
    const testScores = scores.map((s) => pickRows(s, test, width));
    const out = ensembleOutputOf(metaMargins(meta, testScores, test.length, width), link, K);
    const testY: Target = y.task === 'regression' ? { task: 'regression', values: Float64Array.from(test, (i) => y.values[i]) } : { ...y, codes: Int32Array.from(test, (i) => y.codes[i]) };
    foldScores.push(metricValue(metric, testY, out));
  }
  const meta = fitMetaModel(loss, { scores, nRows: n, width, target });
  const seconds = (performance.now() - started) / 1000;
  return { stack: { members, meta, loss }, evaluation: { folds: foldScores, fitSeconds: seconds, predictMsPerRow: 0 } };
}

function pickRows(values: Float64Array, rows: Int32Array, width: number): Float64Array {
  const out = new Float64Array(rows.length * width);
  rows.forEach((r, i) => out.set(values.subarray(r * width, (r + 1) * width), i * width));
  return out;
}
