// Metrics outputs of the evaluate/monitor nodes that have their own panel, told apart by their keys.
import type { ReactNode } from 'react';
import { FairnessPanel } from '../fairness/FairnessPanel.js';
import { readFairness } from '../fairness/fairness-data.js';
import { readAbTest, readBatches, readEstimate } from './monitor-data.js';
import { AbTestPanel, BatchesPanel, EstimatePanel } from './MonitorPanels.js';

/** The dedicated panel for this metrics value, or null when the generic metrics panel should show it. */
export function extraMetricsPanel(value: unknown): ReactNode | null {
  if (readFairness(value)) return <FairnessPanel value={value} />;
  if (readEstimate(value)) return <EstimatePanel value={value} />;
  if (readBatches(value)) return <BatchesPanel value={value} />;
  if (readAbTest(value)) return <AbTestPanel value={value} />;
  return null;
}
