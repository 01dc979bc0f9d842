// Threshold and cost for a binary classifier: a slider over the ROC thresholds with the confusion matrix,
// precision, recall, F1 and the cost at the chosen threshold, user-set costs of a false positive / negative, and the
// cost-optimal threshold; "Save as new version" registers the evaluated model with that decision_threshold.
import { memo, useMemo, useState } from 'react';
import { formatNumber } from '../column-stats.js';
import { SaveThresholdVersion } from './SaveThresholdVersion.js';
import { costOptimalIndex, readThresholdData, thresholdPoints } from './threshold-cost.js';

const fmt = (v: number | null) => (v === null ? '—' : formatNumber(Number(v.toFixed(4))));

export const ThresholdCostPanel = memo(function ThresholdCostPanel({ value }: { value: unknown }) {
  const data = useMemo(() => readThresholdData(value), [value]);
  const [costFp, setCostFp] = useState(1);
  const [costFn, setCostFn] = useState(1);
  const points = useMemo(() => (data ? thresholdPoints(data, costFp, costFn) : []), [data, costFp, costFn]);
  const best = useMemo(() => costOptimalIndex(points), [points]);
  // Slider positions run from the highest threshold (nothing positive) to the lowest (everything positive).
  const [index, setIndex] = useState<number | null>(null);
  if (!data || points.length === 0) return null;
  const k = Math.min(index ?? nearestTo(data.thresholds, 0.5), points.length - 1);
  const p = points[k];
  const [neg, pos] = data.labels;
  // sklearn's first ROC threshold is the highest score + 1: nothing is predicted positive there
  const shown = (t: number) => (t > 1 ? 'above every score' : fmt(t));
  return (
    <section className="chart-card threshold-panel" aria-label="Threshold and cost" style={{ minWidth: 320 }}>
      <h4 className="small" style={{ margin: '0 0 4px' }}>
        Threshold and cost (“{pos}” when its probability ≥ threshold)
      </h4>
      <label className="small" style={{ display: 'block' }}>
        Decision threshold: <strong>{shown(p.threshold)}</strong>
        <input
          type="range"
          aria-label="Decision threshold"
          aria-valuetext={shown(p.threshold)}
          min={0}
          max={points.length - 1}
          step={1}
          value={points.length - 1 - k}
          onChange={(e) => setIndex(points.length - 1 - Number(e.target.value))}
          style={{ width: '100%' }}
        />
      </label>
      <div style={{ display: 'flex', gap: 12, margin: '4px 0' }}>
        <label className="small">
          Cost of a false positive{' '}
          <input type="number" aria-label="Cost of a false positive" min={0} step="any" value={costFp} onChange={(e) => setCostFp(Math.max(0, Number(e.target.value) || 0))} style={{ width: 70 }} />
        </label>
        <label className="small">
          Cost of a false negative{' '}
          <input type="number" aria-label="Cost of a false negative" min={0} step="any" value={costFn} onChange={(e) => setCostFn(Math.max(0, Number(e.target.value) || 0))} style={{ width: 70 }} />
        </label>
      </div>
      <table className="json-matrix" aria-label="Confusion matrix at the threshold">
        <thead>
          <tr>
            <th scope="col">true ↓ / predicted →</th>
            <th scope="col">{neg}</th>
            <th scope="col">{pos}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{neg}</th>
            <td className="num">{p.tn}</td>
            <td className="num">{p.fp}</td>
          </tr>
          <tr>
            <th scope="row">{pos}</th>
            <td className="num">{p.fn}</td>
            <td className="num">{p.tp}</td>
          </tr>
        </tbody>
      </table>
      <table className="json-object" aria-label="Metrics at the threshold">
        <tbody>
          {(
            [
              ['precision', p.precision],
              ['recall', p.recall],
              ['F1', p.f1],
              ['cost', p.cost],
            ] as const
          ).map(([name, v]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="num">{fmt(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small" role="status" aria-label="Cost-optimal threshold">
        Cost-optimal threshold: <strong>{shown(points[best].threshold)}</strong> (cost {fmt(points[best].cost)}){' '}
        <button type="button" onClick={() => setIndex(best)} disabled={best === k}>
          Use cost-optimal threshold
        </button>
      </p>
      <SaveThresholdVersion threshold={p.threshold} />
    </section>
  );
});

function nearestTo(thresholds: number[], t: number): number {
  let best = 0;
  thresholds.forEach((v, i) => {
    if (Math.abs(v - t) < Math.abs(thresholds[best] - t)) best = i;
  });
  return best;
}
