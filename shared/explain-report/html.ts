// The explanation report of a run as one standalone HTML page, styled like the drift report: inline CSS and SVG,
// no scripts, no external assets. Sections per stored output: importance (permutation or mean |SHAP|), beeswarm,
// dependence of the top features, interactions (heat map and top pairs), counterfactuals of chosen rows, fairness.
import { escapeHtml } from '../drift/html-report.js';
import {
  FAIRNESS_RATES,
  readCounterfactualRows,
  readFairnessMetrics,
  readInteractionValues,
  readPermutationImportance,
  readShapValues,
  type Cell,
  type CounterfactualRows,
} from './read.js';
import { barsSvg, beeswarmSvg, dependenceSvg, groupedBarsSvg, heatmapSvg } from './svg.js';

export interface ReportOutput {
  node: string;
  type: string;
  value: unknown;
}

export interface ExplainReportOptions {
  title: string;
  /** per explain.counterfactual node, the rows to show (default: the first 5) */
  counterfactualRows?: Record<string, number[]>;
}

const TOP = 12;
const DEPENDENCE = 3;

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 4px;border-bottom:1px solid #ddd}h3{font-size:14px;margin:12px 0 4px}
table{border-collapse:collapse;margin:8px 0}th,td{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
section.node{margin:18px 0;page-break-inside:avoid}figure{margin:8px 0;page-break-inside:avoid}
.muted{color:#666}ul.changes{margin:0;padding-left:16px}
nav ul{columns:2;margin:4px 0 12px}
@page{size:A4;margin:14mm}@media print{body{margin:0}a{color:inherit;text-decoration:none}}`;

const num = (v: number | null, digits = 4) => (v === null || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString());
const show = (v: Cell) => (v === null ? '(missing)' : typeof v === 'number' ? num(v, 6) : String(v));
const figure = (chart: string, caption: string) => `<figure>${chart}<figcaption class="muted">${escapeHtml(caption)}</figcaption></figure>`;

function importanceSection(out: ReportOutput): string | null {
  const p = readPermutationImportance(out.value);
  if (!p) return null;
  const items = p.features.slice(0, TOP).map((f) => ({ name: f.feature, value: f.mean, error: f.std }));
  return `<h3>Permutation importance</h3>${figure(barsSvg(`Permutation importance of ${out.node}`, items, `drop in ${p.metric} when the feature is shuffled`), `Mean ± standard deviation over the repeats; the ${items.length} most important of ${p.features.length} features.`)}`;
}

function shapSection(out: ReportOutput): string | null {
  const s = readShapValues(out.value);
  if (!s) return null;
  const m = s.features.length;
  const n = Math.max(1, s.values.length);
  const ranked = s.features.map((name, index) => ({ name, index, value: s.values.reduce((t, r) => t + Math.abs(r[index]), 0) / n })).sort((a, b) => b.value - a.value);
  const top = ranked.slice(0, TOP);
  const of = s.className ? ` for class “${s.className}”` : '';
  const parts = [
    `<h3>Importance (mean |SHAP|)</h3>`,
    figure(barsSvg(`Mean absolute SHAP value of ${out.node}`, top.map(({ name, value }) => ({ name, value })), `mean |SHAP value|${of}`), `${s.method} SHAP over ${s.values.length} rows; the ${top.length} most important of ${m} features.`),
    `<h3>Beeswarm</h3>`,
    figure(beeswarmSvg(`SHAP beeswarm of ${out.node}`, top, s.values, s.data), 'Each dot is a row: its SHAP value (x) and the feature’s value (colour, blue = low, red = high, grey = category).'),
    `<h3>Dependence</h3>`,
    ...top.slice(0, DEPENDENCE).map((f) =>
      figure(
        dependenceSvg(
          `SHAP dependence of ${f.name}`,
          f.name,
          s.data.map((r) => r[f.index]),
          s.values.map((r) => r[f.index]),
        ),
        `How ${f.name}’s value moves its SHAP value${of}.`,
      ),
    ),
  ];
  return parts.join('\n');
}

function interactionsSection(out: ReportOutput): string | null {
  const v = readInteractionValues(out.value);
  if (!v) return null;
  const m = v.features.length;
  const pairs: [string, string, number][] = [];
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) pairs.push([v.features[i], v.features[j], v.meanAbs[i][j] + v.meanAbs[j][i]]);
  pairs.sort((a, b) => b[2] - a[2]);
  const rows = pairs.slice(0, 10).map(([a, b, s]) => `<tr><td>${escapeHtml(a)} × ${escapeHtml(b)}</td><td class="num">${num(s)}</td></tr>`).join('');
  return (
    `<h3>Interactions</h3>` +
    figure(heatmapSvg(`SHAP interaction heat map of ${out.node}`, v.features, v.meanAbs), `Mean |interaction value| per pair${v.className ? ` for class “${v.className}”` : ''}; the diagonal holds the main effects.`) +
    `<table aria-label="Strongest interaction pairs"><thead><tr><th>pair</th><th>mean |value| (both halves)</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function changeList(changes: [string, Cell, Cell][]): string {
  if (changes.length === 0) return '<span class="muted">no change</span>';
  return `<ul class="changes">${changes.map(([f, a, b]) => `<li><strong>${escapeHtml(f)}</strong>: ${escapeHtml(show(a))} → ${escapeHtml(show(b))}</li>`).join('')}</ul>`;
}

function counterfactualSection(out: ReportOutput, chosen: number[] | undefined): string | null {
  const c: CounterfactualRows | null = readCounterfactualRows(out.value);
  if (!c) return null;
  const rows = chosen ? c.rows.filter((r) => chosen.includes(r.row)) : c.rows.slice(0, 5);
  const blocks = rows.map((r) => {
    const generated = r.generated
      .map((g, i) => `<tr><td>${i + 1}</td><td>${changeList(g.changes)}</td><td>${escapeHtml(g.prediction)}</td><td>${g.valid ? 'yes' : 'no'}</td><td class="num">${g.sparsity}</td><td class="num">${num(g.proximity)}</td></tr>`)
      .join('');
    const nearest = r.nearest
      ? `<p>Nearest reference row with another prediction: row ${r.nearest.row}, predicted <strong>${escapeHtml(r.nearest.prediction)}</strong>, distance ${num(r.nearest.distance)}.</p>${changeList(r.nearest.changes)}`
      : '<p class="muted">Every reference row gets the same prediction.</p>';
    return (
      `<h3>Row ${r.row}: predicted ${escapeHtml(r.prediction)}</h3>` +
      (generated
        ? `<table aria-label="Counterfactuals of row ${r.row}"><thead><tr><th>#</th><th>change</th><th>new prediction</th><th>valid</th><th>features changed</th><th>proximity</th></tr></thead><tbody>${generated}</tbody></table>`
        : '<p class="muted">No counterfactual within the constraints was found.</p>') +
      nearest
    );
  });
  return `<h3>Counterfactuals</h3><p class="muted">Distance: DiCE proximity — L1 with each numeric feature divided by its median absolute deviation in the reference rows, plus 1 per changed category (lower is closer).</p>${blocks.join('\n')}`;
}

function fairnessSection(out: ReportOutput): string | null {
  const f = readFairnessMetrics(out.value);
  if (!f) return null;
  const head = FAIRNESS_RATES.map((r) => `<th>${r.replace('_', ' ')}</th>`).join('');
  const rows = f.groups.map((g) => `<tr><td>${escapeHtml(g.group)}</td><td class="num">${g.n}</td>${FAIRNESS_RATES.map((r) => `<td class="num">${num(g.rates[r])}</td>`).join('')}</tr>`).join('');
  const disparities = f.disparities.map(([k, v]) => `<tr><td>${escapeHtml(k.replaceAll('_', ' '))}</td><td class="num">${num(v)}</td></tr>`).join('');
  return (
    `<h3>Fairness by ${escapeHtml(f.sensitive.join(', ') || 'group')} (positive class “${escapeHtml(f.positive)}”)</h3>` +
    figure(
      groupedBarsSvg(
        `Rates per group of ${out.node}`,
        f.groups.map((g) => ({ name: g.group, values: FAIRNESS_RATES.map((r) => g.rates[r]) })),
        FAIRNESS_RATES.map((r) => r.replace('_', ' ')),
      ),
      'Per group: selection rate, accuracy, true and false positive rates, precision.',
    ) +
    `<table aria-label="Fairness per group"><thead><tr><th>group</th><th>n</th>${head}</tr></thead><tbody>${rows}</tbody></table>` +
    `<table aria-label="Disparities"><thead><tr><th>disparity (Fairlearn's definitions)</th><th>value</th></tr></thead><tbody>${disparities}</tbody></table>`
  );
}

/** The sections a node's output gives, or null when the report has nothing to show for it. */
export function reportSection(out: ReportOutput, options: Pick<ExplainReportOptions, 'counterfactualRows'> = {}): string | null {
  return (
    importanceSection(out) ?? interactionsSection(out) ?? shapSection(out) ?? counterfactualSection(out, options.counterfactualRows?.[out.node]) ?? fairnessSection(out)
  );
}

/** The whole page; outputs without a section are listed as skipped. */
export function explainReportHtml(outputs: ReportOutput[], options: ExplainReportOptions): string {
  const sections: string[] = [];
  const skipped: string[] = [];
  for (const out of outputs) {
    const body = reportSection(out, options);
    if (body === null) skipped.push(`${out.node} (${out.type})`);
    else sections.push(`<section class="node" id="${escapeHtml(out.node)}"><h2>${escapeHtml(out.node)} <span class="muted">${escapeHtml(out.type)}</span></h2>\n${body}</section>`);
  }
  const toc = outputs.filter((o) => !skipped.includes(`${o.node} (${o.type})`)).map((o) => `<li><a href="#${escapeHtml(o.node)}">${escapeHtml(o.node)}</a> — ${escapeHtml(o.type)}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(options.title)}</h1>
${sections.length ? `<nav><ul>${toc}</ul></nav>` : '<p class="muted">This run has no explanation or fairness outputs.</p>'}
${sections.join('\n')}
${skipped.length ? `<p class="muted">Not shown (no chart for this output): ${escapeHtml(skipped.join(', '))}.</p>` : ''}
</body></html>
`;
}
