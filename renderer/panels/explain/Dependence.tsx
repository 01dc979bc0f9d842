// SHAP dependence: a feature's value against its SHAP value, coloured by the feature that interacts with it most.
import { memo, useMemo } from 'react';
import { formatNumber } from '../column-stats.js';
import { ColourLegend, featureColour } from './colour.js';
import { colourRange, colourScale, strongestInteraction } from './shap-data.js';
import { ScatterTicks, scatterSample } from './ScatterTicks.js';

interface Props {
  values: number[][];
  columns: { values: Float64Array; levels: string[] | null }[];
  features: string[];
  feature: number;
}

const W = 440;
const H = 240;
const L = 56;
const B = 30;

export const Dependence = memo(function Dependence({ values, columns, features, feature }: Props) {
  const shap = useMemo(() => values.map((r) => r[feature]), [values, feature]);
  const interaction = useMemo(() => strongestInteraction(shap, columns, feature), [shap, columns, feature]);
  const colour = useMemo(() => (interaction ? colourScale(columns[interaction.feature].values) : null), [columns, interaction]);
  const legend = useMemo(() => (interaction ? legendEnds(columns[interaction.feature]) : null), [columns, interaction]);
  const x = columns[feature].values;
  const levels = columns[feature].levels;
  const { idx, x0, x1, y0, y1 } = useMemo(() => scatterSample(x, shap), [shap, x]);
  const px = (v: number) => L + ((v - x0) / (x1 - x0 || 1)) * (W - L - 10);
  const py = (v: number) => 8 + (1 - (v - y0) / (y1 - y0 || 1)) * (H - B - 8);
  // Categorical values are jittered sideways so the levels' rows do not hide each other.
  const jitter = (i: number) => (levels ? (((i * 2654435761) % 1000) / 1000 - 0.5) * 0.3 : 0);
  const name = features[feature];
  return (
    <figure role="figure" aria-label={`SHAP dependence for ${name}`} style={{ margin: 0 }}>
      <svg width={W} height={H} role="img" aria-label={`SHAP value of ${name} by its value, ${idx.length} rows`}>
        <line x1={L} x2={W - 10} y1={py(0)} y2={py(0)} stroke="#ccd" strokeDasharray="3 3" />
        {idx.map((i) => (
          <circle key={i} cx={px(x[i] + jitter(i))} cy={py(shap[i])} r={2.4} fill={colour ? featureColour(colour[i]) : '#2f7ed8'} fillOpacity={0.8} />
        ))}
        <ScatterTicks px={px} py={py} x0={x0} x1={x1} y0={y0} y1={y1} levels={levels} left={L} xLabelY={H - B + 14} />
        <text x={(L + W) / 2} y={H - 3} textAnchor="middle" fontSize={11} fill="#66707a">
          {name}
        </text>
        <text x={12} y={H / 2} fontSize={11} fill="#66707a" transform={`rotate(-90 12 ${H / 2})`} textAnchor="middle">
          SHAP value of {name}
        </text>
      </svg>
      <figcaption className="small muted">
        {interaction && legend && <ColourLegend title={features[interaction.feature]} low={legend[0]} high={legend[1]} missing={legend[2]} />}
        {interaction
          ? `Colour: ${features[interaction.feature]}, the feature most correlated with what ${name} alone does not explain (r = ${interaction.r.toFixed(2)}).`
          : 'No other feature to colour by.'}
      </figcaption>
    </figure>
  );
});

/** The values at the legend's blue and red ends (level names for text columns), and whether any value is missing. */
function legendEnds(column: { values: Float64Array; levels: string[] | null }): [string, string, boolean] | null {
  const range = colourRange(column.values);
  if (!range) return null;
  const missing = column.values.some((v) => !Number.isFinite(v));
  const show = (v: number) => (column.levels ? (column.levels[Math.round(v)] ?? formatNumber(v)) : formatNumber(v));
  return [show(range[0]), show(range[1]), missing];
}
