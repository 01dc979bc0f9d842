// explain.permutation_importance output: the metric's mean drop per feature with ± one standard deviation.
import { memo, useMemo } from 'react';
import { formatNumber } from '../column-stats.js';
import { readPermutation } from './explain-data.js';
import { ImportanceBars } from './ImportanceBars.js';

export const PermutationPanel = memo(function PermutationPanel({ value }: { value: unknown }) {
  const view = useMemo(() => readPermutation(value), [value]);
  if (!view) return null;
  return (
    <div>
      <p className="small muted" style={{ margin: '0 0 4px' }}>
        Drop in {view.metric} when a feature is shuffled{view.baseline !== null ? ` (baseline ${formatNumber(view.baseline)})` : ''}; error bars: ± 1 std over repeats.
      </p>
      <ImportanceBars bars={view.features.map((f) => ({ feature: f.feature, value: f.mean, error: f.std }))} label="Permutation importance" valueLabel={`mean drop in ${view.metric}`} />
    </div>
  );
});
