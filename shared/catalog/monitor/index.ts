// The monitor nodes: drift, performance over batches, anomalies, A/B tests, alerts.
import type { NodeDeclaration } from '../define.js';
import { abTest } from './ab_test.js';
import { alert } from './alert.js';
import { anomaly } from './anomaly.js';
import { drift } from './drift.js';
import { estimatePerformance } from './estimate_performance.js';
import { modelPerformance } from './performance.js';

export { abTest, alert, anomaly, drift, estimatePerformance, modelPerformance };

export const monitorNodes: readonly NodeDeclaration[] = [drift, modelPerformance, anomaly, abTest, alert, estimatePerformance];
