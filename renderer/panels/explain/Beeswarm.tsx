// SHAP summary (beeswarm) drawn on a canvas: one line per feature (most important on top), one dot per row at its
// SHAP value, coloured by the row's feature value. Clicking a dot picks that row.
import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { formatNumber } from '../column-stats.js';
import { featureColour } from './colour.js';
import { colourScale, swarmLayout, type Importance, type SwarmPoint } from './shap-data.js';

interface Props {
  values: number[][];
  columns: { values: Float64Array }[];
  order: Importance[];
  onPickRow: (row: number) => void;
  maxFeatures?: number;
}

const LABEL_W = 150;
const PLOT_W = 420;
const ROW_H = 26;
const TOP = 8;

export const Beeswarm = memo(function Beeswarm({ values, columns, order, onPickRow, maxFeatures = 15 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const shown = order.slice(0, maxFeatures);
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
    shown.forEach((f) => {
      const shap = values.map((r) => r[f.index]);
      all.push(...swarmLayout(shap, colourScale(columns[f.index].values), f.index, toX, ROW_H / 2 - 2));
    });
    return all;
  }, [values, columns, shown, toX]);
  const lineOf = useMemo(() => new Map(shown.map((f, i) => [f.index, i])), [shown]);

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
      ctx.fillText(f.feature.slice(0, 22), LABEL_W - 8, y);
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
      const y = TOP + lineOf.get(p.feature)! * ROW_H + ROW_H / 2 + p.dy;
      ctx.fillStyle = featureColour(p.colour);
      ctx.fillRect(p.x - 1.5, y - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#66707a';
    ctx.textAlign = 'center';
    const axisY = TOP + shown.length * ROW_H + 10;
    for (const v of [lo, 0, hi]) ctx.fillText(formatNumber(Number(v.toPrecision(3))), toX(v), axisY);
    ctx.fillText('SHAP value (impact on model output)', LABEL_W + PLOT_W / 2, axisY + 13);
  }, [points, shown, height, toX, lineOf, lo, hi]);

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    let best: SwarmPoint | null = null;
    let bestD = 64;
    for (const p of points) {
      const py = TOP + lineOf.get(p.feature)! * ROW_H + ROW_H / 2 + p.dy;
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
      <figcaption className="small muted">
        Colour: feature value, <span style={{ color: featureColour(0) }}>low</span> → <span style={{ color: featureColour(1) }}>high</span>. Click a dot for that row's waterfall.
      </figcaption>
    </figure>
  );
});
