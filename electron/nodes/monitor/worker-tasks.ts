// The worker tasks of the monitor nodes (monitor-tasks.ts) as typed handles: the pool takes each one's payload and
// returns its result type.
import { taskModule } from '../../engine/workers.js';
import type * as tasks from './monitor-tasks.js';

const monitorModule = taskModule<typeof tasks>(new URL('./monitor-tasks.ts', import.meta.url));

export const monitorTasks = {
  drift: monitorModule.task('computeDrift'),
  anomaly: monitorModule.task('scoreAnomalies'),
  performance: monitorModule.task('scoreBatches'),
  abTest: monitorModule.task('compareModels'),
};
