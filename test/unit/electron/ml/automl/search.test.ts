// The search schedule with a stand-in evaluation (scores from a fixed function, random delays): the leaderboard
// does not depend on which evaluation finishes first, a cancel rejects within 200 ms while fits are running, a
// time budget stops new evaluations (within budget + one evaluation) and marks the cut rows, the default is always
// scored on all rows and the winner is never worse than it.
import { describe, expect, it } from 'vitest';
import { runSearch, type Candidate, type Evaluation, type SearchSetup } from '../../../../../electron/ml/automl/search.js';
import { Random } from '../../../../../electron/ml/random.js';

const N = 900;
const candidates: Candidate[] = Array.from({ length: 14 }, (_, i) => ({ id: `gradient_boosting_${i + 1}`, family: i % 2 ? 'gradient_boosting' : 'decision_tree', params: { learning_rate: (i + 1) / 20 } }));
const baseline: Candidate = { id: 'gradient_boosting_default', family: 'gradient_boosting', params: {} };

function setup(signal: AbortSignal, extra: Partial<SearchSetup> = {}): SearchSetup {
  const codes = Int32Array.from({ length: N }, (_, i) => i % 2);
  return {
    candidates,
    baseline,
    metric: 'roc_auc',
    y: { task: 'classification', codes, classes: ['a', 'b'] },
    folds: Int32Array.from({ length: N }, (_, i) => i % 3),
    nFolds: 3,
    factor: 3,
    smallest: 12,
    stacking: false,
    concurrency: 2,
    signal,
    ...extra,
  };
}

/** A candidate's score depends on its params and the rows only; the delay is random. */
function fakeEvaluate(rng: Random, delayMs: () => number) {
  const calls: { id: string; rows: number }[] = [];
  const evaluate = async (c: Candidate, rung: { resources: number }): Promise<Evaluation> => {
    calls.push({ id: c.id, rows: rung.resources });
    await new Promise((r) => setTimeout(r, delayMs()));
    const lr = (c.params.learning_rate as number | undefined) ?? 0.1;
    const base = 0.9 - (lr - 0.33) ** 2 + rung.resources / 1e5;
    return { folds: [base - 0.01, base, base + 0.01], fitSeconds: rng.uniform(), predictMsPerRow: rng.uniform() };
  };
  return { evaluate, calls };
}

describe('runSearch', () => {
  it('gives the same leaderboard whatever order evaluations finish in; rungs as scheduled', async () => {
    const boards = [];
    for (const seed of [1, 2]) {
      const rng = new Random(seed);
      const { evaluate, calls } = fakeEvaluate(rng, () => rng.uniform() * 10);
      const result = await runSearch(setup(new AbortController().signal), { evaluate });
      boards.push(result.leaderboard.map(({ fit_seconds: _f, predict_ms_per_row: _p, ...rest }) => rest));
      // rung sizes: 14 candidates on 100 rows, 5 on 300, 2 on 900 (scikit-learn's exhaust schedule)
      expect(result.rungs).toEqual([
        { resources: 100, candidates: 14 },
        { resources: 300, candidates: 5 },
        { resources: 900, candidates: 2 },
      ]);
      expect(calls.filter((c) => c.rows === 100)).toHaveLength(14);
      expect(calls.filter((c) => c.rows === 300)).toHaveLength(5);
      expect(calls.filter((c) => c.rows === 900 && c.id !== baseline.id).length).toBeGreaterThanOrEqual(2);
    }
    expect(boards[1]).toEqual(boards[0]);
    const board = boards[0];
    const base = board.find((e) => e.model_id === baseline.id)!;
    expect(base.full).toBe(true);
    expect(board[0].full).toBe(true);
    expect(board[0].mean).toBeGreaterThanOrEqual(base.mean);
    // the best learning rate (closest to 0.33) wins
    expect(board[0].params.learning_rate).toBeCloseTo(0.35, 10);
  });

  it('runs the last rung on all rows when scikit-learn\'s schedule stops short, and promotes only families with no full model', async () => {
    const rng = new Random(9);
    const { evaluate, calls } = fakeEvaluate(rng, () => rng.uniform() * 5);
    const n = 1000;
    const result = await runSearch(
      setup(new AbortController().signal, { folds: Int32Array.from({ length: n }, (_, i) => i % 3), y: { task: 'classification', codes: Int32Array.from({ length: n }, (_, i) => i % 2), classes: ['a', 'b'] } }),
      { evaluate },
    );
    // scikit-learn: 14 on 111, 5 on 333, 2 on 999 rows; ours takes the last rung to all 1000
    expect(result.rungs).toEqual([
      { resources: 111, candidates: 14 },
      { resources: 333, candidates: 5 },
      { resources: 1000, candidates: 2 },
    ]);
    const full = result.leaderboard.filter((e) => e.full);
    // each survivor of the last rung is evaluated once on all rows (never again for stacking)
    for (const e of full) expect(calls.filter((c) => c.id === e.model_id && c.rows === n)).toHaveLength(1);
    // a family with a model on all rows is not promoted again; one without gets its best promoted
    const families = new Set(full.map((e) => e.family));
    expect(families).toEqual(new Set(['gradient_boosting', 'decision_tree']));
    const promoted = full.filter((e) => e.rung === -1 && e.model_id !== baseline.id);
    for (const p of promoted) expect(full.filter((e) => e.family === p.family && e.rung === 2)).toHaveLength(0);
    // all-row models rank by metric alone, a last-rung survivor no better placed than the default for its rung
    const means = full.map((e) => e.mean);
    expect(means).toEqual([...means].sort((a, b) => b - a));
  });

  it('brings the best searched gradient boosting to all rows when halving dropped the family: the default does not stand in for it', async () => {
    // decision trees win every rung, so no sampled gradient boosting survives halving
    const evaluate = async (c: Candidate, rung: { resources: number }): Promise<Evaluation> => {
      const lr = (c.params.learning_rate as number | undefined) ?? 0.1;
      const base = (c.family === 'decision_tree' ? 0.9 : 0.7) - (lr - 0.33) ** 2 + rung.resources / 1e5;
      return { folds: [base, base], fitSeconds: 0, predictMsPerRow: 0 };
    };
    const calls: string[] = [];
    const result = await runSearch(setup(new AbortController().signal), { evaluate: (c, rung) => (calls.push(`${c.id}@${rung.resources}`), evaluate(c, rung)) });
    const full = result.leaderboard.filter((e) => e.full);
    const sampledBoosting = candidates.filter((c) => c.family === 'gradient_boosting');
    // the best gradient boosting of the first rung (learning rate closest to 0.33 among the odd candidates)
    const best = sampledBoosting.reduce((a, c) => (Math.abs((c.params.learning_rate as number) - 0.33) < Math.abs((a.params.learning_rate as number) - 0.33) ? c : a));
    expect(full.map((e) => e.model_id)).toContain(best.id);
    expect(calls.filter((c) => c === `${best.id}@${N}`)).toHaveLength(1);
    // the default is scored on all rows once, never promoted again
    expect(calls.filter((c) => c.startsWith(`${baseline.id}@`))).toEqual([`${baseline.id}@${N}`]);

    // with no sampled gradient boosting at all, the default is the family's only model and is not evaluated twice
    const onlyTrees = candidates.filter((c) => c.family === 'decision_tree');
    const treeCalls: string[] = [];
    const trees = await runSearch(setup(new AbortController().signal, { candidates: onlyTrees }), { evaluate: (c, rung) => (treeCalls.push(c.id), evaluate(c, rung)) });
    expect(treeCalls.filter((id) => id === baseline.id)).toHaveLength(1);
    expect(trees.leaderboard.filter((e) => e.family === 'gradient_boosting').map((e) => e.model_id)).toEqual([baseline.id]);
  });

  it('rejects within 200 ms of a cancel while fits are running', async () => {
    const controller = new AbortController();
    const { evaluate } = fakeEvaluate(new Random(3), () => 1000);
    const started = runSearch(setup(controller.signal), { evaluate });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    controller.abort();
    await expect(started).rejects.toMatchObject({ kind: 'cancelled' });
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('stops starting evaluations once the budget is spent, and says which rows were cut', async () => {
    const rng = new Random(5);
    const { evaluate, calls } = fakeEvaluate(rng, () => 60);
    const t0 = performance.now();
    const result = await runSearch(setup(new AbortController().signal, { timeBudgetSeconds: 0.2 }), { evaluate });
    const seconds = (performance.now() - t0) / 1000;
    expect(seconds).toBeLessThan(0.2 + 0.06 + 0.05);
    expect(result.cutByTime).toBe(true);
    const cut = result.leaderboard.filter((e) => e.cut_by_time);
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.length + calls.filter((c) => c.rows === 100).length).toBeGreaterThanOrEqual(14);
    // the default went first and was scored on all rows
    expect(calls[0].id).toBe(baseline.id);
    expect(result.leaderboard.find((e) => e.model_id === baseline.id)!.full).toBe(true);
  });
});
