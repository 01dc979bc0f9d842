// driftReport: compares a reference and a current table column by column (SPEC §6 drift.json), picking
// each column's test as Evidently's legacy registry does unless a test is forced.
import { invalidInput } from '../../../shared/errors.js';
import { shares, sturgesEdges } from './binning.js';
import {
  FEW_VALUES_MAX,
  NumericSample,
  alignCategories,
  asCategories,
  asNumbers,
  distinctInBoth,
  numericValueCounts,
  type CategoryCounts,
} from './column-data.js';
import {
  chiSquareTest,
  jensenShannon,
  klDivergence,
  ksTest,
  populationStabilityIndex,
  wassersteinNormed,
  zTest,
  type TestOutcome,
} from './column-tests.js';
import { binCounts, categoryDistribution, numericDistribution } from './distribution.js';
import {
  DEFAULT_DRIFT_SHARE,
  DEFAULT_THRESHOLD,
  P_VALUE_TESTS,
  type DriftColumn,
  type DriftColumnResult,
  type DriftKind,
  type DriftOptions,
  type DriftReport,
  type DriftTable,
  type DriftTest,
} from './types.js';

/** Evidently switches from p-value tests to distances above this many reference values. */
export const SMALL_REFERENCE_MAX = 1000;
/** Numeric columns with more distinct reference values than this are binned (Sturges) for JS/PSI/KL. */
export const BIN_DISTINCT_MIN = 20;

/** The test Evidently's `_get_default_stattest` picks, from the reference size and distinct values in both. */
export function defaultTest(kind: DriftKind, referenceCount: number, distinct: number): DriftTest {
  if (referenceCount <= SMALL_REFERENCE_MAX) {
    if (kind === 'numeric' && distinct > 5) return 'ks';
    return distinct > 2 ? 'chi2' : 'z';
  }
  return kind === 'numeric' && distinct > 5 ? 'wasserstein' : 'jensenshannon';
}

/** p-value tests drift at or below (KS) / below (χ², z) the threshold; distances at or above it. */
export function isDrifted(test: DriftTest, outcome: TestOutcome, threshold: number): boolean {
  if (test === 'ks') return outcome.pValue !== null && outcome.pValue <= threshold;
  if (P_VALUE_TESTS.has(test)) return outcome.pValue !== null && outcome.pValue < threshold;
  return outcome.statistic !== null && outcome.statistic >= threshold;
}

function shareOf(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function runCountTest(test: DriftTest, reference: Float64Array, current: Float64Array, nReference: number, nCurrent: number): TestOutcome {
  switch (test) {
    case 'chi2':
      return chiSquareTest(reference, current);
    case 'z':
      return zTest(reference, current);
    case 'jensenshannon':
      return jensenShannon(shares(reference, nReference), shares(current, nCurrent));
    case 'psi':
      return populationStabilityIndex(shares(reference, nReference), shares(current, nCurrent));
    case 'kl':
      return klDivergence(shares(reference, nReference), shares(current, nCurrent));
    default:
      throw new Error(`${test} does not run on counts`);
  }
}

function numericColumn(name: string, ref: NumericSample, cur: NumericSample, options: DriftOptions): DriftColumnResult {
  const test = chooseTest(name, 'numeric', ref.count, distinctInBoth(ref, cur), options);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD[test];
  const base = {
    name,
    kind: 'numeric' as const,
    test,
    count: { reference: ref.count, current: cur.count },
    missing: { reference: shareOf(ref.missing, ref.values.length), current: shareOf(cur.missing, cur.values.length) },
  };
  const empty = emptyNote(ref.count, cur.count);
  if (empty) return { ...head(base, null, threshold, false), ...tail(base, numericDistribution(ref, cur), undefined, empty) };

  let outcome: TestOutcome;
  if (test === 'ks') outcome = ksTest(ref.sorted(), cur.sorted());
  else if (test === 'wasserstein') outcome = wassersteinNormed(ref.sorted(), cur.sorted());
  else if ((test === 'jensenshannon' || test === 'psi' || test === 'kl') && (ref.fewValues()?.values.length ?? FEW_VALUES_MAX) > BIN_DISTINCT_MIN) {
    const edges = sturgesEdges(Math.min(ref.min, cur.min), Math.max(ref.max, cur.max), ref.count + cur.count);
    outcome = runCountTest(test, binCounts(ref, edges), binCounts(cur, edges), ref.count, cur.count);
  } else {
    const counts = numericValueCounts(ref, cur);
    outcome = runCountTest(test, counts.reference, counts.current, ref.count, cur.count);
  }
  // after the test, so bins can be counted from the samples it sorted
  const distribution = numericDistribution(ref, cur);
  return { ...head(base, outcome, threshold, isDrifted(test, outcome, threshold)), ...tail(base, distribution, outcome.method) };
}

function categoricalColumn(name: string, counts: CategoryCounts, options: DriftOptions): DriftColumnResult {
  const nReference = total(counts.reference);
  const nCurrent = total(counts.current);
  const test = chooseTest(name, 'categorical', nReference, counts.labels.length, options);
  if (test === 'ks' || test === 'wasserstein') {
    throw invalidInput(`column '${name}' is categorical: the ${test} test needs numbers (use chi2, z, jensenshannon, psi or kl, or set column_kinds)`, {
      param: options.columnTests?.[name] ? 'column_tests' : 'test',
    });
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLD[test];
  const base = {
    name,
    kind: 'categorical' as const,
    test,
    count: { reference: nReference, current: nCurrent },
    missing: {
      reference: shareOf(counts.missing.reference, nReference + counts.missing.reference),
      current: shareOf(counts.missing.current, nCurrent + counts.missing.current),
    },
  };
  const distribution = categoryDistribution(counts.labels, counts.reference, counts.current);
  const empty = emptyNote(nReference, nCurrent);
  if (empty) return { ...head(base, null, threshold, false), ...tail(base, distribution, undefined, empty) };
  const outcome = runCountTest(test, counts.reference, counts.current, nReference, nCurrent);
  return { ...head(base, outcome, threshold, isDrifted(test, outcome, threshold)), ...tail(base, distribution) };
}

type ColumnBase = Pick<DriftColumnResult, 'name' | 'kind' | 'test' | 'count' | 'missing'>;

/** The SPEC fields, in SPEC order. */
function head(base: ColumnBase, outcome: TestOutcome | null, threshold: number, drifted: boolean) {
  return {
    name: base.name,
    kind: base.kind,
    test: base.test,
    statistic: outcome?.statistic ?? null,
    p_value: P_VALUE_TESTS.has(base.test) ? (outcome?.pValue ?? null) : null,
    threshold,
    drifted,
  };
}

/** The extra fields for the drift view, after the SPEC ones. */
function tail(base: ColumnBase, distribution: DriftColumnResult['distribution'], method?: 'exact' | 'asymptotic', note?: string) {
  return {
    ...(method ? { method } : {}),
    count: base.count,
    missing: base.missing,
    distribution,
    ...(note ? { note } : {}),
  };
}

function emptyNote(nReference: number, nCurrent: number): string | undefined {
  if (nReference === 0 && nCurrent === 0) return 'no values in either table';
  if (nReference === 0) return 'no values in the reference table';
  if (nCurrent === 0) return 'no values in the current table';
  return undefined;
}

function total(counts: Float64Array): number {
  let s = 0;
  for (const c of counts) s += c;
  return s;
}

function chooseTest(name: string, kind: DriftKind, referenceCount: number, distinct: number, options: DriftOptions): DriftTest {
  const forced = options.columnTests?.[name] ?? (options.test && options.test !== 'auto' ? options.test : undefined);
  return forced ?? defaultTest(kind, referenceCount, distinct);
}

function columnKindOf(reference: DriftColumn, current: DriftColumn, options: DriftOptions): DriftKind {
  const forced = options.columnKinds?.[reference.name];
  if (forced) return forced;
  return reference.kind === 'numeric' && current.kind === 'numeric' ? 'numeric' : 'categorical';
}

function pickColumns(reference: DriftTable, current: DriftTable, options: DriftOptions): [DriftColumn, DriftColumn][] {
  const refByName = new Map(reference.columns.map((c) => [c.name, c]));
  const curByName = new Map(current.columns.map((c) => [c.name, c]));
  if (options.columns) {
    return options.columns.map((name) => {
      const r = refByName.get(name);
      const c = curByName.get(name);
      if (!r || !c) throw invalidInput(`column '${name}' is not in the ${r ? 'current' : 'reference'} table`, { param: 'columns' });
      return [r, c];
    });
  }
  return reference.columns.filter((c) => curByName.has(c.name)).map((c) => [c, curByName.get(c.name) as DriftColumn]);
}

function checkNames(options: DriftOptions, known: ReadonlySet<string>): void {
  for (const [param, record] of [
    ['column_tests', options.columnTests],
    ['column_kinds', options.columnKinds],
  ] as const) {
    for (const name of Object.keys(record ?? {})) {
      if (!known.has(name)) throw invalidInput(`column '${name}' is not one of the compared columns`, { param });
    }
  }
}

/** Compares every chosen column of `reference` with the same column of `current`. */
export function driftReport(reference: DriftTable, current: DriftTable, options: DriftOptions = {}, onColumn?: (done: number, total: number) => void): DriftReport {
  const pairs = pickColumns(reference, current, options);
  checkNames(options, new Set(pairs.map(([r]) => r.name)));
  const columns: DriftColumnResult[] = [];
  for (const [ref, cur] of pairs) {
    const kind = columnKindOf(ref, cur, options);
    columns.push(
      kind === 'numeric'
        ? numericColumn(ref.name, new NumericSample(asNumbers(ref)), new NumericSample(asNumbers(cur)), options)
        : categoricalColumn(ref.name, alignCategories(asCategories(ref), asCategories(cur)), options),
    );
    onColumn?.(columns.length, pairs.length);
  }
  const drifted = columns.filter((c) => c.drifted).length;
  const share = columns.length === 0 ? 0 : drifted / columns.length;
  const driftShare = options.driftShare ?? DEFAULT_DRIFT_SHARE;
  return {
    dataset_drift: columns.length > 0 && share >= driftShare,
    share_drifted: share,
    drift_share_threshold: driftShare,
    columns,
    number_of_columns: columns.length,
    number_of_drifted_columns: drifted,
    rows: { reference: reference.nrows, current: current.nrows },
  };
}
