// One column's two samples in the forms the tests need, each computed once and only when asked for:
// numeric samples (finite values, sorted, distinct values) and categorical counts aligned by level text.
import { invalidInput } from '../../../shared/errors.js';
import { sortedValues, summarizeFinite } from '../stats/sort.js';
import type { DriftColumn } from './types.js';

/** Most distinct values any rule looks at: 5 for the test choice, 20 for binning and the value bars. */
export const FEW_VALUES_MAX = 21;

/** Distinct values, ascending, with their counts. */
export interface ValueCounts {
  values: Float64Array;
  counts: Float64Array;
}

/** One numeric sample: the raw values (NaN/±∞ missing) with its finite count and range. */
export class NumericSample {
  readonly count: number;
  readonly missing: number;
  readonly min: number;
  readonly max: number;
  private sortedCache?: Float64Array;
  private fewCache?: ValueCounts | null;

  constructor(readonly values: Float64Array) {
    const summary = summarizeFinite(values);
    this.count = summary.count;
    this.missing = values.length - summary.count;
    this.min = summary.min;
    this.max = summary.max;
  }

  sorted(): Float64Array {
    return (this.sortedCache ??= sortedValues(this.values, this));
  }

  hasSorted(): boolean {
    return this.sortedCache !== undefined;
  }

  /** The distinct values with counts when there are at most FEW_VALUES_MAX of them, else null. */
  fewValues(): ValueCounts | null {
    if (this.fewCache === undefined) this.fewCache = countFewValues(this.values);
    return this.fewCache;
  }
}

/** One pass that gives up as soon as a 22nd distinct value shows (continuous data: after ~22 values). */
function countFewValues(values: Float64Array): ValueCounts | null {
  const seen = new Float64Array(FEW_VALUES_MAX);
  const counts = new Float64Array(FEW_VALUES_MAX);
  let k = 0;
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    let x = values[i];
    if (x - x !== 0) continue;
    // −0 and 0 are one value, as in pandas' nunique
    if (x === 0) x = 0;
    if (k > 0 && seen[last] === x) {
      counts[last]++;
      continue;
    }
    let at = -1;
    for (let j = 0; j < k; j++) {
      if (seen[j] === x) {
        at = j;
        break;
      }
    }
    if (at < 0) {
      if (k === FEW_VALUES_MAX) return null;
      seen[k] = x;
      at = k++;
    }
    counts[at]++;
    last = at;
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => seen[a] - seen[b]);
  return { values: Float64Array.from(order, (i) => seen[i]), counts: Float64Array.from(order, (i) => counts[i]) };
}

/** Distinct values of both samples, or FEW_VALUES_MAX + 1 when either has more than FEW_VALUES_MAX. */
export function distinctInBoth(reference: NumericSample, current: NumericSample): number {
  const a = reference.fewValues();
  const b = current.fewValues();
  if (!a || !b) return FEW_VALUES_MAX + 1;
  return mergeCounts(a.values, a.counts, b.values, b.counts).values.length;
}

function mergeCounts(a: Float64Array, ca: Float64Array, b: Float64Array, cb: Float64Array) {
  const values: number[] = [];
  const ra: number[] = [];
  const rb: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) {
      values.push(a[i]);
      ra.push(ca[i++]);
      rb.push(0);
    } else if (i >= a.length || b[j] < a[i]) {
      values.push(b[j]);
      ra.push(0);
      rb.push(cb[j++]);
    } else {
      values.push(a[i]);
      ra.push(ca[i++]);
      rb.push(cb[j++]);
    }
  }
  return { values: Float64Array.from(values), reference: Float64Array.from(ra), current: Float64Array.from(rb) };
}

/** Run lengths of a sorted sample. */
function runs(sorted: Float64Array): ValueCounts {
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    const v = sorted[i];
    let j = i + 1;
    while (j < sorted.length && sorted[j] === v) j++;
    values.push(v === 0 ? 0 : v);
    counts.push(j - i);
    i = j;
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts) };
}

/** Distinct values of both samples with their counts, ascending (for χ², z and per-value bins). */
export function numericValueCounts(reference: NumericSample, current: NumericSample): { values: Float64Array; reference: Float64Array; current: Float64Array } {
  const a = reference.fewValues() ?? runs(reference.sorted());
  const b = current.fewValues() ?? runs(current.sorted());
  return mergeCounts(a.values, a.counts, b.values, b.counts);
}

/** Code-point order (Python's str order), not UTF-16 unit order. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = (x.value as string).codePointAt(0) as number;
    const cy = (y.value as string).codePointAt(0) as number;
    if (cx !== cy) return cx - cy;
  }
}

export interface CategoryCounts {
  /** categories seen on either side, in code-point order */
  labels: string[];
  reference: Float64Array;
  current: Float64Array;
  missing: { reference: number; current: number };
}

interface CodedSample {
  codes: Int32Array;
  levels: readonly string[];
}

function countCodes(sample: CodedSample): { counts: Float64Array; missing: number } {
  const counts = new Float64Array(sample.levels.length);
  let missing = 0;
  const { codes } = sample;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && c < counts.length) counts[c]++;
    else missing++;
  }
  return { counts, missing };
}

/** Counts of both samples over the union of their categories, matched by text. */
export function alignCategories(reference: CodedSample, current: CodedSample): CategoryCounts {
  const r = countCodes(reference);
  const c = countCodes(current);
  const index = new Map<string, { reference: number; current: number }>();
  reference.levels.forEach((label, i) => {
    if (r.counts[i] > 0) index.set(label, { reference: r.counts[i], current: 0 });
  });
  current.levels.forEach((label, i) => {
    if (c.counts[i] === 0) return;
    const entry = index.get(label);
    if (entry) entry.current += c.counts[i];
    else index.set(label, { reference: 0, current: c.counts[i] });
  });
  const labels = [...index.keys()].sort(compareCodePoints);
  return {
    labels,
    reference: Float64Array.from(labels, (l) => (index.get(l) as { reference: number }).reference),
    current: Float64Array.from(labels, (l) => (index.get(l) as { current: number }).current),
    missing: { reference: r.missing, current: c.missing },
  };
}

/** A column read as categories: numbers become their text (1 → "1"). */
export function asCategories(column: DriftColumn): CodedSample {
  if (column.kind !== 'numeric') return column;
  const index = new Map<number, number>();
  const levels: string[] = [];
  const codes = new Int32Array(column.values.length);
  const values = column.values;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!(x - x === 0)) {
      codes[i] = -1;
      continue;
    }
    const key = x === 0 ? 0 : x;
    let code = index.get(key);
    if (code === undefined) {
      code = levels.length;
      index.set(key, code);
      levels.push(String(key));
    }
    codes[i] = code;
  }
  return { codes, levels };
}

/** A column read as numbers: text levels must parse as numbers; booleans are 0/1. */
export function asNumbers(column: DriftColumn): Float64Array {
  if (column.kind === 'numeric') return column.values;
  const levelValues = column.levels.map((level) => (column.kind === 'boolean' ? (level === 'true' ? 1 : 0) : Number(level.trim() === '' ? Number.NaN : level)));
  const bad = column.levels.filter((_, i) => Number.isNaN(levelValues[i]));
  if (bad.length > 0) {
    throw invalidInput(`column '${column.name}' cannot be read as numbers: ${bad.slice(0, 3).map((b) => JSON.stringify(b)).join(', ')}`, {
      param: 'column_kinds',
    });
  }
  const out = new Float64Array(column.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = column.codes[i];
    out[i] = c >= 0 && c < levelValues.length ? levelValues[c] : Number.NaN;
  }
  return out;
}
