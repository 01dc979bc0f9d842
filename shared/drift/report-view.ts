// Reads a drift.json value for display (the drift view and the HTML export): typed access and the order
// columns are shown in, most drifted first.

export type DriftDistributionView =
  | { type: 'bins'; edges: number[]; reference: number[]; current: number[] }
  | { type: 'categories'; categories: string[]; reference: number[]; current: number[]; other?: { reference: number; current: number } };

export interface DriftColumnView {
  name: string;
  kind: string;
  test: string;
  statistic: number | null;
  p_value: number | null;
  threshold: number;
  drifted: boolean;
  missing?: { reference: number; current: number };
  distribution?: DriftDistributionView;
  note?: string;
}

export interface DriftReportView {
  dataset_drift: boolean;
  share_drifted: number;
  drift_share_threshold: number;
  columns: DriftColumnView[];
  rows?: { reference: number; current: number };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value as a drift report, or undefined when it does not look like one. */
export function readDriftReport(value: unknown): DriftReportView | undefined {
  if (!isObject(value) || typeof value.dataset_drift !== 'boolean' || !Array.isArray(value.columns)) return undefined;
  const columns = value.columns.filter((c): c is DriftColumnView => isObject(c) && typeof c.name === 'string' && typeof c.drifted === 'boolean');
  return { ...(value as unknown as DriftReportView), columns };
}

/**
 * How strongly a column drifted, comparable across tests: threshold / p-value for p-value tests and
 * distance / threshold for distances, so above 1 means drifted either way.
 */
export function driftScore(column: DriftColumnView): number {
  if (column.p_value !== null && column.p_value !== undefined) return column.threshold / Math.max(column.p_value, 1e-300);
  if (column.statistic === null || !Number.isFinite(column.statistic)) return column.statistic === null ? 0 : Infinity;
  return column.statistic / column.threshold;
}

/** Drifted columns first, then by p-value ascending / distance descending (via the score); ties by name. */
export function sortDriftColumns(columns: readonly DriftColumnView[]): DriftColumnView[] {
  return [...columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || driftScore(b) - driftScore(a) || a.name.localeCompare(b.name));
}

export function formatNumber(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-4) return v.toExponential(2);
  return String(Number(v.toPrecision(digits)));
}

/** The chart rows of a column: one per bin ("[a, b)") or category, with reference and current shares. */
export function distributionRows(distribution: DriftDistributionView): { label: string; reference: number; current: number }[] {
  const share = (counts: number[], extra = 0) => {
    const total = counts.reduce((s, c) => s + c, 0) + extra;
    return (c: number) => (total > 0 ? c / total : 0);
  };
  if (distribution.type === 'bins') {
    const ref = share(distribution.reference);
    const cur = share(distribution.current);
    return distribution.reference.map((r, i) => ({
      label: `${formatNumber(distribution.edges[i], 3)}–${formatNumber(distribution.edges[i + 1], 3)}`,
      reference: ref(r),
      current: cur(distribution.current[i] ?? 0),
    }));
  }
  const ref = share(distribution.reference, distribution.other?.reference ?? 0);
  const cur = share(distribution.current, distribution.other?.current ?? 0);
  const rows = distribution.categories.map((c, i) => ({ label: c, reference: ref(distribution.reference[i] ?? 0), current: cur(distribution.current[i] ?? 0) }));
  if (distribution.other && (distribution.other.reference > 0 || distribution.other.current > 0)) {
    rows.push({ label: '(other)', reference: ref(distribution.other.reference), current: cur(distribution.other.current) });
  }
  return rows;
}
