// evaluate.* outputs: the metric summary table and the diagnostic charts (confusion matrix, ROC, PR, calibration;
// residuals and predicted vs actual for regression).
import { memo, useMemo, useState } from 'react';
import { SortableTable, type TableColumn } from '../../ui/SortableTable.js';
import { formatNumber } from '../column-stats.js';
import { ConfusionMatrix } from './ConfusionMatrix.js';
import { ConfusionRows, useEvaluatedInputs } from './ConfusionRows.js';
import { CurveChart } from './CurveChart.js';
import { readClassificationMetrics, readRegressionMetrics } from './metrics-data.js';
import { PredictedVsActual, ResidualPlot } from './RegressionCharts.js';
import { ThresholdCostPanel } from './ThresholdCostPanel.js';

type MetricRow = [string, number | null];

const METRIC_COLUMNS: TableColumn<MetricRow>[] = [
  { id: 'metric', label: 'metric', rowHeader: true, value: ([k]) => k },
  { id: 'value', label: 'value', numeric: true, value: ([, v]) => v, render: ([, v]) => (v === null ? '—' : formatNumber(v)) },
];

function MetricSummary({ rows, label }: { rows: MetricRow[]; label: string }) {
  return <SortableTable label={label} className="data-table compact" columns={METRIC_COLUMNS} rows={rows} rowKey={([k]) => k} />;
}

const row = { display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' } as const;

export const MetricsPanel = memo(function MetricsPanel({ value, node }: { value: unknown; node: string }) {
  const classification = useMemo(() => readClassificationMetrics(value), [value]);
  const regression = useMemo(() => (classification ? null : readRegressionMetrics(value)), [value, classification]);
  const inputs = useEvaluatedInputs(node);
  const [picked, setPicked] = useState<[number, number] | null>(null);
  if (classification) {
    const c = classification;
    const calibration = c.calibration && c.calibration.length > 0 ? { x: c.calibration.map((b) => b.mean_predicted), y: c.calibration.map((b) => b.fraction_positive) } : undefined;
    return (
      <div className="metrics-panel" style={row}>
        <MetricSummary rows={c.summary} label={`Metrics of ${node}`} />
        {c.confusion && <ConfusionMatrix labels={c.confusion.labels} matrix={c.confusion.matrix} picked={picked} onPickCell={inputs ? (t, p) => setPicked([t, p]) : undefined} />}
        {c.roc && <CurveChart title={`ROC curve (AUC ${c.rocAuc === null ? '—' : c.rocAuc.toFixed(3)})`} label="ROC curve" curve={c.roc} xLabel="false positive rate" yLabel="true positive rate" diagonal />}
        {c.pr && <CurveChart title="Precision–recall curve" label="Precision-recall curve" curve={c.pr} xLabel="recall" yLabel="precision" />}
        {calibration && <CurveChart title="Calibration (10 bins)" label="Calibration curve" curve={calibration} xLabel="mean predicted probability" yLabel="fraction positive" diagonal dots />}
        {c.roc && <ThresholdCostPanel value={value} />}
        {c.confusion && inputs && picked && (
          <div style={{ flexBasis: '100%' }}>
            <ConfusionRows inputs={inputs} actual={c.confusion.labels[picked[0]]} predicted={c.confusion.labels[picked[1]]} onClose={() => setPicked(null)} />
          </div>
        )}
      </div>
    );
  }
  if (regression) {
    return (
      <div className="metrics-panel" style={row}>
        <MetricSummary rows={regression.summary} label={`Metrics of ${node}`} />
        {regression.residuals.length > 0 && <PredictedVsActual points={regression.residuals} />}
        {regression.residuals.length > 0 && <ResidualPlot points={regression.residuals} />}
      </div>
    );
  }
  return null;
});
