// A drift report as one standalone HTML page: inline CSS and SVG charts, no scripts, no external assets,
// so it can be mailed or archived and opened anywhere.
import { distributionRows, formatNumber, sortDriftColumns, type DriftColumnView, type DriftReportView } from './report-view.js';

const REFERENCE_COLOR = '#2f7ed8';
const CURRENT_COLOR = '#c0392b';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}
.verdict{display:inline-block;padding:6px 12px;border-radius:4px;font-weight:600;margin:8px 0}
.verdict.drift{background:#fdecea;color:#a61b1b}.verdict.ok{background:#e8f5e9;color:#1b5e20}
table{border-collapse:collapse;margin:12px 0}th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.drifted td{background:#fff5f5}
.column{margin:18px 0;page-break-inside:avoid}.legend span{margin-right:12px}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}
.muted{color:#666}`;

function chartSvg(column: DriftColumnView): string {
  if (!column.distribution) return '<p class="muted">No distribution stored for this column.</p>';
  const rows = distributionRows(column.distribution);
  if (rows.length === 0) return '<p class="muted">No values.</p>';
  const max = Math.max(...rows.flatMap((r) => [r.reference, r.current]), 1e-12);
  const band = Math.max(14, Math.min(48, Math.floor(640 / rows.length)));
  const bar = Math.max(4, Math.floor((band - 4) / 2));
  const height = 160;
  const width = rows.length * band + 50;
  const bars = rows
    .map((r, i) => {
      const x = 40 + i * band;
      const hr = (r.reference / max) * (height - 20);
      const hc = (r.current / max) * (height - 20);
      return (
        `<rect x="${x}" y="${(height - hr).toFixed(1)}" width="${bar}" height="${hr.toFixed(1)}" fill="${REFERENCE_COLOR}"><title>${escapeHtml(r.label)} reference ${(100 * r.reference).toFixed(1)}%</title></rect>` +
        `<rect x="${x + bar}" y="${(height - hc).toFixed(1)}" width="${bar}" height="${hc.toFixed(1)}" fill="${CURRENT_COLOR}"><title>${escapeHtml(r.label)} current ${(100 * r.current).toFixed(1)}%</title></rect>`
      );
    })
    .join('');
  const labels = rows.length <= 16 ? rows.map((r, i) => `<text x="${40 + i * band + bar}" y="${height + 14}" font-size="10" text-anchor="middle">${escapeHtml(r.label.slice(0, 14))}</text>`).join('') : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Reference and current distribution of ${escapeHtml(column.name)}" width="${width}" height="${height + 22}" viewBox="0 0 ${width} ${height + 22}">` +
    `<line x1="38" y1="${height}" x2="${width}" y2="${height}" stroke="#999"/><text x="0" y="12" font-size="10">${(100 * max).toFixed(0)}%</text>${bars}${labels}</svg>`
  );
}

/** The whole page; `title` names what was compared (pipeline, node, run). */
export function driftReportHtml(report: DriftReportView, title: string): string {
  const columns = sortDriftColumns(report.columns);
  const drifted = columns.filter((c) => c.drifted).length;
  const verdict = report.dataset_drift ? 'Dataset drift detected' : 'No dataset drift';
  const rows = columns
    .map(
      (c) =>
        `<tr class="${c.drifted ? 'drifted' : ''}"><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.kind)}</td><td>${escapeHtml(c.test)}</td>` +
        `<td class="num">${formatNumber(c.statistic)}</td><td class="num">${formatNumber(c.p_value)}</td><td class="num">${formatNumber(c.threshold)}</td>` +
        `<td>${c.drifted ? 'drifted' : 'stable'}</td></tr>`,
    )
    .join('\n');
  const charts = columns
    .map((c) => `<section class="column"><h3>${escapeHtml(c.name)} — ${c.drifted ? 'drifted' : 'stable'}</h3>${c.note ? `<p class="muted">${escapeHtml(c.note)}</p>` : ''}${chartSvg(c)}</section>`)
    .join('\n');
  const size = report.rows ? ` Reference ${report.rows.reference} rows, current ${report.rows.current} rows.` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="verdict ${report.dataset_drift ? 'drift' : 'ok'}">${verdict}</div>
<p>${drifted} of ${columns.length} columns drifted (share ${formatNumber(report.share_drifted, 3)}; dataset drift at ≥ ${formatNumber(report.drift_share_threshold, 3)}).${size}</p>
<table><thead><tr><th>column</th><th>kind</th><th>test</th><th>statistic</th><th>p-value</th><th>threshold</th><th>verdict</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p class="legend"><span><i class="swatch" style="background:${REFERENCE_COLOR}"></i>reference</span><span><i class="swatch" style="background:${CURRENT_COLOR}"></i>current</span></p>
${charts}
</body></html>
`;
}
