// The tick labels of a dependence scatter (top and bottom of the y range; the levels of a categorical x, or three
// values of a numeric one), shared by the SHAP and interaction dependence plots.
import { formatNumber } from '../column-stats.js';
import { downsample } from '../downsample.js';

export interface ScatterTicksProps {
  px(v: number): number;
  py(v: number): number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** the x axis's categories, in code order, when x is categorical */
  levels: readonly string[] | null | undefined;
  /** left edge of the plot area (y labels end there) */
  left: number;
  /** baseline of the x labels */
  xLabelY: number;
}

export function ScatterTicks({ px, py, x0, x1, y0, y1, levels, left, xLabelY }: ScatterTicksProps) {
  return (
    <>
      <text x={left - 4} y={py(y1) + 4} textAnchor="end" fontSize={10}>
        {formatNumber(Number(y1.toPrecision(3)))}
      </text>
      <text x={left - 4} y={py(y0)} textAnchor="end" fontSize={10}>
        {formatNumber(Number(y0.toPrecision(3)))}
      </text>
      {levels
        ? levels.map((l, k) => (
            <text key={l} x={px(k)} y={xLabelY} textAnchor="middle" fontSize={10}>
              {l}
            </text>
          ))
        : [x0, (x0 + x1) / 2, x1].map((v, k) => (
            <text key={k} x={px(v)} y={xLabelY} textAnchor="middle" fontSize={10}>
              {formatNumber(Number(v.toPrecision(4)))}
            </text>
          ))}
    </>
  );
}

/** At most `max` rows with a finite x, evenly spread, and the x/y range they span (what both dependence plots draw). */
export function scatterSample(x: ArrayLike<number>, y: ArrayLike<number>, max = 3000): { idx: number[]; x0: number; x1: number; y0: number; y1: number } {
  const finite: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) finite.push(i);
  const idx = downsample(finite, max);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const i of idx) {
    x0 = Math.min(x0, x[i]);
    x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, y[i]);
    y1 = Math.max(y1, y[i]);
  }
  return { idx, x0, x1, y0, y1 };
}
