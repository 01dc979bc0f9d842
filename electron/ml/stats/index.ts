// Distributions and tests with scipy-exact p-values, for drift, A/B tests and monitoring.
export { chiSquareSf, regularizedGammaP, regularizedGammaQ } from './gamma.js';
export { binomialCdf, regularizedBeta, studentTSf, twoSidedStudentP } from './beta.js';
export { normalCdf, normalSf, twoSidedNormalP } from './normal.js';
export { kolmogorovSf, smirnovSf } from './kolmogorov.js';
export { KS_EXACT_MAX_N, ksAsymptoticP, ksStatistic, ksTwoSample, type KsResult } from './ks-two-sample.js';
export { MCNEMAR_EXACT_BELOW, WILCOXON_EXACT_MAX_N, averageRanks, mcnemarTest, pairedTTest, wilcoxonSignedRank, type PairedTestResult } from './paired.js';
export { sortedValues, summarizeFinite, type FiniteSummary } from './sort.js';
export { accurateSum, mean, percentileOfSorted, populationStd } from './summary.js';
export { erf, erfc, logBeta, logGamma } from './special.js';
