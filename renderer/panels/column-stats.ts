// Column statistics as the preview sends them (loosely typed data), read into a checked shape for the panel.
import { z } from 'zod';

const statsSchema = z.object({
  name: z.string(),
  type: z.string().optional(),
  kind: z.string().optional(),
  count: z.number().optional(),
  missing: z.number().optional(),
  distinct: z.number().optional(),
  /** the distinct count is an estimate (large tables) */
  distinctApproximate: z.boolean().optional(),
  mean: z.number().optional(),
  std: z.number().optional(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  top: z.array(z.object({ value: z.string(), count: z.number() })).optional(),
  histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number()) }).optional(),
});

export type ColumnStatsView = z.infer<typeof statsSchema>;

export function readColumnStats(raw: readonly Record<string, unknown>[] | undefined): ColumnStatsView[] {
  if (!raw) return [];
  return raw.flatMap((r) => {
    const parsed = statsSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/** "missing 3 · distinct 120", with "≈" before an estimated distinct count. */
export function countsLine(stats: ColumnStatsView): string {
  const parts: string[] = [];
  if (stats.missing !== undefined) parts.push(`missing ${stats.missing}`);
  if (stats.distinct !== undefined) parts.push(`distinct ${stats.distinctApproximate ? '≈' : ''}${stats.distinct}`);
  return parts.join(' · ');
}

/** Bars for a small chart: height fractions of the tallest, with a label per bar. */
export function histogramBars(stats: ColumnStatsView): { label: string; count: number; fraction: number }[] {
  let bars: { label: string; count: number }[] = [];
  if (stats.histogram && stats.histogram.counts.length > 0) {
    const { edges, counts } = stats.histogram;
    bars = counts.map((count, i) => ({ label: `${formatNumber(edges[i])} – ${formatNumber(edges[i + 1])}`, count }));
  } else if (stats.top) {
    bars = stats.top.map((t) => ({ label: t.value, count: t.count }));
  }
  const tallest = Math.max(1, ...bars.map((b) => b.count));
  return bars.map((b) => ({ ...b, fraction: b.count / tallest }));
}

export function formatNumber(value: number | string | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(3) : String(Number(value.toPrecision(4)));
}
