// explain.interactions output: heat map of mean |interaction value| with its colour legend, the strongest pairs, and
// a dependence plot of one feature coloured by its strongest partner (from the interaction values, not a guess).
import { memo, useMemo, useState } from 'react';
import { formatNumber } from '../column-stats.js';
import { featureColour } from './colour.js';
import { dependenceY, meanAbsMatrix, readInteractions, strongestPartner, topPairs, type DependenceY } from './interactions-data.js';
import { colourScale, numericColumns } from './shap-data.js';
import { ScatterTicks, scatterSample } from './ScatterTicks.js';

const CELL = 34;
const LABEL = 110;

/** White (0) to deep blue (the largest value). */
export function heatFill(t: number): string {
  const s = Math.max(0, Math.min(1, t));
  return `rgb(${Math.round(255 - s * 208)},${Math.round(255 - s * 129)},${Math.round(255 - s * 39)})`;
}

const HeatMap = memo(function HeatMap({ features, mean }: { features: string[]; mean: number[][] }) {
  const m = features.length;
  const top = Math.max(1e-300, ...mean.flat());
  const size = LABEL + m * CELL;
  return (
    <figure role="figure" aria-label="Interaction heat map" style={{ margin: 0 }}>
      <figcaption className="small" style={{ fontWeight: 600 }}>
        Mean |interaction value| (diagonal: main effects)
      </figcaption>
      <svg width={size + 90} height={size + 10} role="img" aria-label={`Heat map of mean absolute SHAP interaction values for ${m} features`}>
        {features.map((f, i) => (
          <g key={f}>
            <text x={LABEL - 6} y={LABEL + i * CELL + CELL / 2 + 4} textAnchor="end" fontSize={11}>
              {f.slice(0, 16)}
            </text>
            <text x={LABEL + i * CELL + CELL / 2} y={LABEL - 6} fontSize={11} transform={`rotate(-45 ${LABEL + i * CELL + CELL / 2} ${LABEL - 6})`}>
              {f.slice(0, 16)}
            </text>
            {features.map((g, j) => (
              <rect key={g} x={LABEL + j * CELL} y={LABEL + i * CELL} width={CELL - 1} height={CELL - 1} fill={heatFill(mean[i][j] / top)} stroke={i === j ? '#66707a' : 'none'}>
                <title>{`${f} × ${g}: ${formatNumber(mean[i][j])}`}</title>
              </rect>
            ))}
          </g>
        ))}
        <defs>
          <linearGradient id="interaction-legend" x1="0" x2="0" y1="1" y2="0">
            <stop offset="0" stopColor={heatFill(0)} />
            <stop offset="1" stopColor={heatFill(1)} />
          </linearGradient>
        </defs>
        <g aria-label="Colour legend">
          <rect x={size + 14} y={LABEL} width={14} height={m * CELL - 1} fill="url(#interaction-legend)" stroke="#ccd" />
          <text x={size + 32} y={LABEL + 10} fontSize={10}>
            {formatNumber(Number(top.toPrecision(3)))}
          </text>
          <text x={size + 32} y={LABEL + m * CELL - 2} fontSize={10}>
            0
          </text>
        </g>
      </svg>
    </figure>
  );
});

const W = 460;
const H = 260;
const L = 60;
const B = 34;

const InteractionDependence = memo(function InteractionDependence(props: {
  x: Float64Array;
  levels: string[] | null;
  y: Float64Array;
  colourBy: Float64Array | null;
  name: string;
  yTitle: string;
  partnerName: string | null;
}) {
  const { x, levels, y, colourBy, name, yTitle, partnerName } = props;
  const colour = useMemo(() => (colourBy ? colourScale(colourBy) : null), [colourBy]);
  const { idx, x0, x1, y0, y1 } = useMemo(() => scatterSample(x, y), [x, y]);
  const px = (v: number) => L + ((v - x0) / (x1 - x0 || 1)) * (W - L - 70);
  const py = (v: number) => 8 + (1 - (v - y0) / (y1 - y0 || 1)) * (H - B - 8);
  return (
    <figure role="figure" aria-label={`Interaction dependence for ${name}`} style={{ margin: 0 }}>
      <svg width={W} height={H} role="img" aria-label={`${yTitle} by the value of ${name}, ${idx.length} rows`}>
        {y0 <= 0 && y1 >= 0 && <line x1={L} x2={W - 70} y1={py(0)} y2={py(0)} stroke="#ccd" strokeDasharray="3 3" />}
        {idx.map((i) => (
          <circle key={i} cx={px(x[i])} cy={py(y[i])} r={2.6} fill={colour ? featureColour(colour[i]) : '#2f7ed8'} fillOpacity={0.85} />
        ))}
        <ScatterTicks px={px} py={py} x0={x0} x1={x1} y0={y0} y1={y1} levels={levels} left={L} xLabelY={H - B + 14} />
        <text x={(L + W - 70) / 2} y={H - 4} textAnchor="middle" fontSize={11} fill="#66707a">
          {name}
        </text>
        <text x={12} y={H / 2} fontSize={11} fill="#66707a" transform={`rotate(-90 12 ${H / 2})`} textAnchor="middle">
          {yTitle}
        </text>
        {partnerName && (
          <g aria-label={`Colour legend: ${partnerName}`}>
            <defs>
              <linearGradient id="partner-legend" x1="0" x2="0" y1="1" y2="0">
                {[0, 0.25, 0.5, 0.75, 1].map((t) => (
                  <stop key={t} offset={t} stopColor={featureColour(t)} />
                ))}
              </linearGradient>
            </defs>
            <rect x={W - 50} y={10} width={10} height={H - B - 20} fill="url(#partner-legend)" />
            <text x={W - 36} y={18} fontSize={9}>
              high
            </text>
            <text x={W - 36} y={H - B - 12} fontSize={9}>
              low
            </text>
            <text x={W - 8} y={(H - B) / 2} fontSize={10} fill="#66707a" transform={`rotate(-90 ${W - 8} ${(H - B) / 2})`} textAnchor="middle">
              {partnerName.slice(0, 20)}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
});

const Y_LABELS: Record<DependenceY, string> = { shap: 'SHAP value', main: 'main effect', pair: 'interaction with partner' };

export const InteractionsPanel = memo(function InteractionsPanel({ value }: { value: unknown }) {
  const view = useMemo(() => readInteractions(value), [value]);
  const [output, setOutput] = useState(0);
  const [chosen, setChosen] = useState<number | null>(null);
  const [yKind, setYKind] = useState<DependenceY>('shap');
  const k = view && output < view.values.length ? output : 0;
  const values = view?.values[k];
  const m = view?.features.length ?? 0;
  const mean = useMemo(() => (values ? meanAbsMatrix(values, m) : []), [values, m]);
  const pairs = useMemo(() => topPairs(mean), [mean]);
  const columns = useMemo(() => (view ? numericColumns(view.data, m) : []), [view, m]);
  const order = useMemo(() => mean.map((row, i) => ({ i, v: row.reduce((s, x) => s + x, 0) })).sort((a, b) => b.v - a.v), [mean]);
  const feature = chosen ?? order[0]?.i ?? 0;
  const partner = strongestPartner(mean, feature);
  const y = useMemo(() => (values ? dependenceY(values, feature, partner, yKind) : new Float64Array()), [values, feature, partner, yKind]);
  if (!view || !values) return null;
  const hasData = view.data.length === values.length && m > 0;
  const name = view.features[feature];
  const partnerName = partner === null ? null : view.features[partner];
  const yTitle = yKind === 'pair' && partnerName ? `interaction of ${name} with ${partnerName}` : `${Y_LABELS[yKind]} of ${name}`;
  return (
    <div className="interactions-panel">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 6 }}>
        {view.values.length > 1 && (
          <label className="small">
            Class{' '}
            <select aria-label="Class" value={k} onChange={(e) => setOutput(Number(e.target.value))}>
              {view.values.map((_, i) => (
                <option key={i} value={i}>
                  {view.classes[i] ?? `output ${i}`}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="muted small">
          Exact TreeSHAP interaction values of the raw model output, {values.length} rows; φᵢⱼ + φⱼᵢ is a pair&apos;s whole interaction effect.
        </span>
      </div>
      <div style={{ display: 'flex', gap: 20, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <HeatMap features={view.features} mean={mean} />
        <section aria-label="Top interaction pairs">
          <h4 className="small" style={{ margin: '0 0 4px' }}>
            Strongest pairs (mean |φᵢⱼ + φⱼᵢ|)
          </h4>
          <ol className="small" style={{ margin: 0, paddingLeft: 20 }}>
            {pairs.map((p) => (
              <li key={`${p.i}-${p.j}`}>
                {view.features[p.i]} × {view.features[p.j]}: {formatNumber(Number(p.value.toPrecision(4)))}
              </li>
            ))}
          </ol>
          {pairs.length === 0 && <p className="muted small">One feature: no pairs.</p>}
        </section>
      </div>
      {hasData && (
        <section aria-label="Interaction dependence" style={{ marginTop: 10 }}>
          <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
            <label className="small">
              Feature{' '}
              <select aria-label="Interaction feature" value={feature} onChange={(e) => setChosen(Number(e.target.value))}>
                {order.map((o) => (
                  <option key={o.i} value={o.i}>
                    {view.features[o.i]}
                  </option>
                ))}
              </select>
            </label>
            <label className="small">
              Show{' '}
              <select aria-label="Dependence value" value={yKind} onChange={(e) => setYKind(e.target.value as DependenceY)}>
                <option value="shap">SHAP value</option>
                <option value="main">Main effect</option>
                <option value="pair" disabled={partner === null}>
                  Interaction with strongest partner
                </option>
              </select>
            </label>
            <span className="muted small">{partnerName ? `Colour: ${partnerName} (blue low → red high), the strongest partner of ${name}.` : 'No partner to colour by.'}</span>
          </div>
          <InteractionDependence
            x={columns[feature].values}
            levels={columns[feature].levels}
            y={y}
            colourBy={partner === null ? null : columns[partner].values}
            name={name}
            yTitle={yTitle}
            partnerName={partnerName}
          />
        </section>
      )}
    </div>
  );
});
