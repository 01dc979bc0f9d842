// Data drift between a reference and a current table (SPEC §6 drift.json).
export { driftReport, defaultTest, isDrifted, SMALL_REFERENCE_MAX, BIN_DISTINCT_MIN } from './report.js';
export { sturgesEdges, histogram, fillEmptyShares } from './binning.js';
export {
  chiSquareTest,
  jensenShannon,
  klDivergence,
  ksTest,
  populationStabilityIndex,
  wassersteinDistance,
  wassersteinNormed,
  zTest,
  type TestOutcome,
} from './column-tests.js';
export * from './types.js';
