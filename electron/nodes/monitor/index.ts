// The monitor node implementations (registered by the lead in electron/nodes/index.ts).
import { abTestNode } from './ab_test.js';
import { alertNode } from './alert.js';
import { anomalyNode } from './anomaly.js';
import { driftNode } from './drift.js';
import { estimatePerformanceNode } from './estimate_performance.js';
import { performanceNode } from './performance.js';

export { abTestNode, alertNode, anomalyNode, driftNode, estimatePerformanceNode, performanceNode };

export const monitorImplementations = [driftNode, performanceNode, anomalyNode, abTestNode, alertNode, estimatePerformanceNode];
