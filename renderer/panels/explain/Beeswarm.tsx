// SHAP summary (beeswarm) drawn on a canvas: one line per feature (most important on top; the rest summed into one
// grey line), one dot per row at its SHAP value, coloured by the row's feature value. Clicking a dot picks that row.
import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { formatNumber } from '../column-stats.js';
import { ColourLegend, featureColour } from './colour.js';
import { colourScale, swarmLayout, type CollapsedShap, type SwarmPoint } from './shap-data.js';

interface Props {
  collapsed: CollapsedShap;
  columns: { values: Float64Array }[];
  onPickRow: (row: number) => void;
  /** what the SHAP values add up to, for the axis title */
  outputLabel: string;
}

const LABEL_W = 150;
const PLOT_W = 420;
const ROW_H = 26;
const TOP = 8;

export const Beeswarm = memo(function Beeswarm({ collapsed, columns, onPickRow, outputLabel }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { values, source } = collapsed;
  const shown = collapsed.order;
  const height = TOP + shown.length * ROW_H + 28;
  const [lo, hi] = useMemo(() => {
    let a = 0;
    let b = 0;
    for (const row of values) {
      for (const v of row) {
        if (!Number.isFinite(v)) continue;
        a = Math.min(a, v);
        b = Math.max(b, v);
      }
    }
    const pad = (b - a) * 0.04 || 1;
    return [a - pad, b + pad];
  }, [values]);
  const toX = useMemo(() => (v: number) => LABEL_W + ((v - lo) / (hi - lo)) * PLOT_W, [lo, hi]);
  const points = useMemo(() => {
    const all: SwarmPoint[] = [];
    shown.forEach((_, i) => {
      const shap = values.map((r) => r[i]);
      const j = source[i];
      const colour = j === null ? new Float64Array(shap.length).fill(NaN) : colourScale(columns[j].values);
      all.push(...swarmLayout(shap, colour, i, toX, ROW_H / 2 - 2));
    });
    return all;
  }, [values, columns, shown, source, toX]);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = (LABEL_W + PLOT_W + 20) * dpr;
    c.height = height * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, LABEL_W + PLOT_W + 20, height);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    shown.forEach((f, i) => {
      const y = TOP + i * ROW_H + ROW_H / 2;
      ctx.fillStyle = '#1f2328';
      ctx.fillText(f.feature.slice(0, 24), LABEL_W - 8, y);
      ctx.strokeStyle = '#eef0f2';
      ctx.beginPath();
      ctx.moveTo(LABEL_W, y);
      ctx.lineTo(LABEL_W + PLOT_W, y);
      ctx.stroke();
    });
    ctx.strokeStyle = '#99a';
    ctx.beginPath();
    ctx.moveTo(toX(0), TOP);
    ctx.lineTo(toX(0), TOP + shown.length * ROW_H);
    ctx.stroke();
    ctx.globalAlpha = 0.85;
    for (const p of points) {
      const y = TOP + p.feature * ROW_H + ROW_H / 2 + p.dy;
      ctx.fillStyle = featureColour(p.colour);
      ctx.fillRect(p.x - 1.5, y - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#66707a';
    ctx.textAlign = 'center';
    const axisY = TOP + shown.length * ROW_H + 10;
    for (const v of [lo, 0, hi]) ctx.fillText(formatNumber(Number(v.toPrecision(3))), toX(v), axisY);
    ctx.fillText(`SHAP value (impact on ${outputLabel})`, LABEL_W + PLOT_W / 2, axisY + 13);
  }, [points, shown, height, toX, lo, hi, outputLabel]);

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    let best: SwarmPoint | null = null;
    let bestD = 64;
    for (const p of points) {
      const py = TOP + p.feature * ROW_H + ROW_H / 2 + p.dy;
      const d = (p.x - x) ** 2 + (py - y) ** 2;
      if (d < bestD) {
        best = p;
        bestD = d;
      }
    }
    if (best) onPickRow(best.row);
  };

  return (
    <figure role="figure" aria-label="SHAP summary" style={{ margin: 0 }}>
      <canvas
        ref={canvas}
        role="img"
        aria-label={`SHAP summary: ${values.length} rows, features by importance: ${shown.map((f) => f.feature).join(', ')}. Click a dot to see its row's waterfall.`}
        style={{ width: LABEL_W + PLOT_W + 20, height, cursor: 'pointer' }}
        onClick={onClick}
      />
      <figcaption className="small muted" style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center' }}>
        <ColourLegend title="Feature value" low="low" high="high" missing />
        <span>{collapsed.rest ? 'Grey: missing values, and the summed other features. ' : ''}Click a dot for that row's waterfall.</span>
      </figcaption>
    </figure>
  );
});
