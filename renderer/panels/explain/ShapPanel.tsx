// explain.shap output: class selector (multiclass), the explained output stated, a max-features control (the rest
// summed into one entry), then the summary beeswarm, mean |SHAP| bars, dependence plot and one row's waterfall.
// Clicking a dot in the beeswarm opens that row's waterfall.
import { memo, useMemo, useState } from 'react';
import { Beeswarm } from './Beeswarm.js';
import { Dependence } from './Dependence.js';
import { ImportanceBars } from './ImportanceBars.js';
import { collapseFeatures, explainedOutput, meanAbsShap, numericColumns, readShap } from './shap-data.js';
import { Waterfall } from './Waterfall.js';
import { formatNumber } from '../column-stats.js';

type View = 'summary' | 'bar' | 'dependence' | 'waterfall';
const VIEWS: [View, string][] = [
  ['summary', 'Summary'],
  ['bar', 'Importance'],
  ['dependence', 'Dependence'],
  ['waterfall', 'Waterfall'],
];

export const ShapPanel = memo(function ShapPanel({ value }: { value: unknown }) {
  const shap = useMemo(() => readShap(value), [value]);
  const [view, setView] = useState<View>('summary');
  const [output, setOutput] = useState(0);
  const [row, setRow] = useState(0);
  const [chosenFeature, setFeature] = useState<number | null>(null);
  const [maxFeatures, setMaxFeatures] = useState(10);
  const k = shap && output < shap.values.length ? output : 0;
  const values = shap?.values[k];
  const order = useMemo(() => (shap && values ? meanAbsShap(values, shap.features) : []), [shap, values]);
  const columns = useMemo(() => (shap ? numericColumns(shap.data, shap.features.length) : []), [shap]);
  const collapsed = useMemo(() => collapseFeatures(values ?? [], order, maxFeatures), [values, order, maxFeatures]);
  if (!shap || !values) return null;
  const feature = chosenFeature ?? order[0]?.index ?? 0;
  const r = Math.min(row, values.length - 1);
  const outputName = explainedOutput(shap, k);
  const hasData = shap.data.length === values.length;
  return (
    <div className="shap-panel">
      <div className="shap-toolbar" style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 6 }}>
        <div role="group" aria-label="SHAP view" style={{ display: 'flex', gap: 2 }}>
          {VIEWS.map(([id, label]) => (
            <button key={id} type="button" aria-pressed={view === id} className={`tab${view === id ? ' is-active' : ''}`} onClick={() => setView(id)}>
              {label}
            </button>
          ))}
        </div>
        {shap.values.length > 1 && (
          <label className="small">
            Class{' '}
            <select aria-label="Class" value={k} onChange={(e) => setOutput(Number(e.target.value))}>
              {shap.values.map((_, i) => (
                <option key={i} value={i}>
                  {shap.classes[i] ?? `output ${i}`}
                </option>
              ))}
            </select>
          </label>
        )}
        {view === 'dependence' && (
          <label className="small">
            Feature{' '}
            <select aria-label="Dependence feature" value={feature} onChange={(e) => setFeature(Number(e.target.value))}>
              {order.map((f) => (
                <option key={f.index} value={f.index}>
                  {f.feature}
                </option>
              ))}
            </select>
          </label>
        )}
        {view === 'waterfall' && (
          <label className="small">
            Row{' '}
            <select aria-label="Explained row" value={r} onChange={(e) => setRow(Number(e.target.value))}>
              {shap.rows.map((rowIndex, i) => (
                <option key={i} value={i}>
                  {rowIndex}
                </option>
              ))}
            </select>
          </label>
        )}
        {view !== 'dependence' && shap.features.length > 1 && (
          <label className="small">
            Max features{' '}
            <input
              type="number"
              aria-label="Max features"
              min={1}
              max={shap.features.length}
              value={maxFeatures}
              style={{ width: 56 }}
              onChange={(e) => {
                const n = Math.round(Number(e.target.value));
                if (Number.isFinite(n) && n >= 1) setMaxFeatures(n);
              }}
            />
          </label>
        )}
        <span className="small" aria-label="Explained output">
          Explains <strong>{outputName}</strong>
          <span className="muted">
            {' '}
            ({shap.method} SHAP, {values.length} rows; values sum to it minus the base value {formatNumber(shap.base[k])})
          </span>
        </span>
      </div>
      {view === 'summary' &&
        (hasData ? (
          <Beeswarm
            collapsed={collapsed}
            columns={columns}
            outputLabel={outputName}
            onPickRow={(i) => {
              setRow(i);
              setView('waterfall');
            }}
          />
        ) : (
          <p className="muted">This explanation has no feature values; see the importance view.</p>
        ))}
      {view === 'bar' && (
        <ImportanceBars
          bars={collapsed.order.map((o) => ({ feature: o.feature, value: o.value, rest: o.index < 0 }))}
          max={collapsed.order.length}
          label="SHAP importance"
          valueLabel={`mean |SHAP value| (${outputName})`}
        />
      )}
      {view === 'dependence' && hasData && <Dependence values={values} columns={columns} features={shap.features} feature={feature} />}
      {view === 'waterfall' && (
        <Waterfall
          label={`SHAP waterfall for row ${shap.rows[r]}`}
          base={shap.base[k]}
          outputName={outputName}
          maxShown={maxFeatures}
          contributions={shap.features.map((f, j) => ({ feature: f, value: shap.data[r]?.[j] ?? null, shap: values[r][j] }))}
        />
      )}
    </div>
  );
});
