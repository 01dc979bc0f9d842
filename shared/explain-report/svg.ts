// Static SVG charts of the explanation report (strings, no scripts): horizontal bars, a SHAP beeswarm, a
// dependence scatter, an interaction heat map and grouped bars. Each chart has a title element for screen readers.
import { escapeHtml } from '../drift/html-report.js';

const BLUE = '#2f7ed8';
const RED = '#c0392b';
const fmt = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0) ? v.toExponential(2) : Number(v.toPrecision(3)).toString());

function svg(label: string, width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeHtml(label)}</title>${body}</svg>`;
}

/** Horizontal bars, largest first as given; `errors` draws ± whiskers. */
export function barsSvg(label: string, items: { name: string; value: number; error?: number }[], axis: string): string {
  const left = 170;
  const plot = 360;
  const row = 18;
  const height = items.length * row + 34;
  const max = Math.max(1e-12, ...items.map((d) => Math.abs(d.value) + (d.error ?? 0)));
  const bars = items
    .map((d, i) => {
      const y = 6 + i * row;
      const w = (Math.abs(d.value) / max) * plot;
      const whisker = d.error ? `<line x1="${left + ((Math.abs(d.value) - d.error) / max) * plot}" x2="${left + ((Math.abs(d.value) + d.error) / max) * plot}" y1="${y + 7}" y2="${y + 7}" stroke="#333"/>` : '';
      return `<text x="${left - 6}" y="${y + 11}" font-size="11" text-anchor="end">${escapeHtml(d.name.slice(0, 28))}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="14" fill="${d.value < 0 ? RED : BLUE}"/>${whisker}<text x="${left + w + 4}" y="${y + 11}" font-size="10">${fmt(d.value)}</text>`;
    })
    .join('');
  const axisY = items.length * row + 10;
  return svg(label, left + plot + 60, height, `${bars}<line x1="${left}" x2="${left + plot}" y1="${axisY}" y2="${axisY}" stroke="#999"/><text x="${left + plot / 2}" y="${axisY + 18}" font-size="11" text-anchor="middle">${escapeHtml(axis)}</text>`);
}

/** Colour of a value within [lo, hi]: blue (low) to red (high); grey for categories and missing values. */
function valueColour(v: unknown, lo: number, hi: number): string {
  if (typeof v !== 'number' || !Number.isFinite(v) || hi <= lo) return '#888';
  const t = (v - lo) / (hi - lo);
  return `rgb(${Math.round(47 + t * (192 - 47))},${Math.round(126 - t * (126 - 57))},${Math.round(216 - t * (216 - 43))})`;
}

/** One row of dots per feature at its SHAP value, coloured by the feature's value (SHAP's beeswarm, without stacking). */
export function beeswarmSvg(label: string, features: { name: string; index: number }[], values: number[][], data: unknown[][]): string {
  const left = 170;
  const plot = 420;
  const row = 26;
  const lim = Math.max(1e-12, ...values.flatMap((r) => features.map((f) => Math.abs(r[f.index]))));
  const x = (v: number) => left + plot / 2 + (v / lim) * (plot / 2);
  const dots = features
    .map((f, i) => {
      const column = data.map((r) => r[f.index]).filter((v): v is number => typeof v === 'number');
      const lo = Math.min(...column);
      const hi = Math.max(...column);
      const y = 8 + i * row + row / 2;
      const points = values
        .slice(0, 400)
        .map((r, k) => `<circle cx="${x(r[f.index]).toFixed(1)}" cy="${(y + (((k * 7919) % 17) - 8) * 0.9).toFixed(1)}" r="2" fill="${valueColour(data[k]?.[f.index], lo, hi)}" fill-opacity="0.8"/>`)
        .join('');
      return `<text x="${left - 6}" y="${y + 4}" font-size="11" text-anchor="end">${escapeHtml(f.name.slice(0, 28))}</text>${points}`;
    })
    .join('');
  const axisY = 8 + features.length * row + 4;
  const axis =
    `<line x1="${x(0)}" x2="${x(0)}" y1="4" y2="${axisY}" stroke="#bbb"/><line x1="${left}" x2="${left + plot}" y1="${axisY}" y2="${axisY}" stroke="#999"/>` +
    `<text x="${left}" y="${axisY + 14}" font-size="10">${fmt(-lim)}</text><text x="${left + plot}" y="${axisY + 14}" font-size="10" text-anchor="end">${fmt(lim)}</text>` +
    `<text x="${left + plot / 2}" y="${axisY + 28}" font-size="11" text-anchor="middle">SHAP value (impact on the output)</text>` +
    `<text x="${left + plot + 8}" y="20" font-size="10" fill="${RED}">high value</text><text x="${left + plot + 8}" y="34" font-size="10" fill="${BLUE}">low value</text>`;
  return svg(label, left + plot + 80, axisY + 34, dots + axis);
}

/** SHAP value of one feature against its value (categories spread over their first-seen order). */
export function dependenceSvg(label: string, feature: string, xs: unknown[], ys: number[]): string {
  const left = 60;
  const plot = 420;
  const h = 200;
  const categories = [...new Set(xs.filter((v) => typeof v === 'string' || typeof v === 'boolean').map(String))];
  const xv = xs.map((v) => (typeof v === 'number' ? v : categories.indexOf(String(v))));
  const finite = xv.map((v, i) => [v, ys[i]] as const).filter(([v]) => Number.isFinite(v) && (categories.length === 0 || v >= 0));
  if (finite.length === 0) return '<p class="muted">No values to plot.</p>';
  const [x0, x1] = [Math.min(...finite.map((p) => p[0])), Math.max(...finite.map((p) => p[0]))];
  const [y0, y1] = [Math.min(0, ...finite.map((p) => p[1])), Math.max(0, ...finite.map((p) => p[1]))];
  const px = (v: number) => left + (x1 > x0 ? ((v - x0) / (x1 - x0)) * plot : plot / 2);
  const py = (v: number) => 10 + (y1 > y0 ? (1 - (v - y0) / (y1 - y0)) * h : h / 2);
  const dots = finite.slice(0, 1000).map(([a, b]) => `<circle cx="${px(a).toFixed(1)}" cy="${py(b).toFixed(1)}" r="2.2" fill="${BLUE}" fill-opacity="0.7"/>`).join('');
  const ticks = categories.length
    ? categories.slice(0, 12).map((c, i) => `<text x="${px(i)}" y="${h + 26}" font-size="10" text-anchor="middle">${escapeHtml(c.slice(0, 14))}</text>`).join('')
    : `<text x="${left}" y="${h + 26}" font-size="10">${fmt(x0)}</text><text x="${left + plot}" y="${h + 26}" font-size="10" text-anchor="end">${fmt(x1)}</text>`;
  const axes =
    `<line x1="${left}" x2="${left + plot}" y1="${py(0)}" y2="${py(0)}" stroke="#bbb"/><line x1="${left}" x2="${left}" y1="10" y2="${h + 10}" stroke="#999"/>` +
    `<text x="${left - 4}" y="${py(y1) + 4}" font-size="10" text-anchor="end">${fmt(y1)}</text><text x="${left - 4}" y="${py(y0)}" font-size="10" text-anchor="end">${fmt(y0)}</text>` +
    `<text x="${left + plot / 2}" y="${h + 42}" font-size="11" text-anchor="middle">${escapeHtml(feature)}</text><text x="12" y="${10 + h / 2}" font-size="11" transform="rotate(-90 12 ${10 + h / 2})" text-anchor="middle">SHAP value</text>`;
  return svg(label, left + plot + 20, h + 50, dots + ticks + axes);
}

/** Mean |interaction value| per feature pair, darker = stronger. */
export function heatmapSvg(label: string, features: string[], matrix: number[][]): string {
  const m = features.length;
  const cell = Math.max(14, Math.min(36, Math.floor(480 / Math.max(1, m))));
  const left = 160;
  const top = 10;
  const max = Math.max(1e-12, ...matrix.flat());
  const cells = matrix
    .flatMap((row, i) =>
      row.map((v, j) => `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell - 1}" height="${cell - 1}" fill="rgba(192,57,43,${(0.06 + 0.94 * (v / max)).toFixed(3)})"><title>${escapeHtml(features[i])} × ${escapeHtml(features[j])}: ${fmt(v)}</title></rect>`),
    )
    .join('');
  const rowLabels = features.map((f, i) => `<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" font-size="10" text-anchor="end">${escapeHtml(f.slice(0, 24))}</text>`).join('');
  const colLabels = features
    .map((f, j) => {
      const x = left + j * cell + cell / 2;
      const y = top + m * cell + 6;
      return `<text x="${x}" y="${y}" font-size="10" transform="rotate(45 ${x} ${y})">${escapeHtml(f.slice(0, 18))}</text>`;
    })
    .join('');
  return svg(label, left + m * cell + 120, top + m * cell + 110, cells + rowLabels + colLabels);
}

/** Per group, one bar per rate (0…1), with a legend. */
export function groupedBarsSvg(label: string, groups: { name: string; values: (number | null)[] }[], series: string[]): string {
  const colours = [BLUE, RED, '#27ae60', '#8e44ad', '#e67e22'];
  const bar = 12;
  const band = series.length * bar + 16;
  const left = 40;
  const h = 160;
  const width = left + groups.length * band + 20;
  const bars = groups
    .map((g, i) => {
      const x0 = left + i * band + 8;
      const rects = g.values
        .map((v, s) => (v === null ? '' : `<rect x="${x0 + s * bar}" y="${(10 + (1 - v) * h).toFixed(1)}" width="${bar - 2}" height="${(v * h).toFixed(1)}" fill="${colours[s % colours.length]}"><title>${escapeHtml(g.name)} ${escapeHtml(series[s])}: ${fmt(v)}</title></rect>`))
        .join('');
      return `${rects}<text x="${x0 + (series.length * bar) / 2}" y="${h + 24}" font-size="10" text-anchor="middle">${escapeHtml(g.name.slice(0, 16))}</text>`;
    })
    .join('');
  const axis = `<line x1="${left}" x2="${width}" y1="${h + 10}" y2="${h + 10}" stroke="#999"/><text x="${left - 4}" y="14" font-size="10" text-anchor="end">1</text><text x="${left - 4}" y="${h + 10}" font-size="10" text-anchor="end">0</text>`;
  const legend = series.map((s, i) => `<rect x="${left + i * 110}" y="${h + 34}" width="10" height="10" fill="${colours[i % colours.length]}"/><text x="${left + i * 110 + 14}" y="${h + 43}" font-size="10">${escapeHtml(s)}</text>`).join('');
  return svg(label, Math.max(width, left + series.length * 110), h + 52, bars + axis + legend);
}
