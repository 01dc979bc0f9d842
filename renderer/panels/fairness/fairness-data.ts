// Reading evaluate.fairness metrics.json for its panel: the per-group rates and the disparities.
import type { FairnessGroupRates } from '../../../shared/catalog/evaluate/fairness.js';

export type FairnessGroup = FairnessGroupRates;

export interface FairnessView {
  positive: string;
  sensitive: string[];
  groups: FairnessGroup[];
  disparities: { key: string; label: string; value: number | null }[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export const GROUP_RATES = [
  ['selection_rate', 'selection rate'],
  ['accuracy', 'accuracy'],
  ['tpr', 'true positive rate'],
  ['fpr', 'false positive rate'],
  ['precision', 'precision'],
] as const;

const DISPARITIES: [string, string][] = [
  ['demographic_parity_difference', 'Demographic parity difference'],
  ['demographic_parity_ratio', 'Demographic parity ratio'],
  ['equalized_odds_difference', 'Equalized odds difference'],
  ['equalized_odds_ratio', 'Equalized odds ratio'],
  ['equal_opportunity_difference', 'Equal opportunity difference'],
  ['equal_opportunity_ratio', 'Equal opportunity ratio'],
];

export function readFairness(value: unknown): FairnessView | null {
  if (!isRec(value) || !('demographic_parity_difference' in value) || !Array.isArray(value.groups)) return null;
  const groups = value.groups.filter(isRec).map((g) => ({
    group: String(g.group),
    n: Number(g.n),
    selection_rate: Number(g.selection_rate),
    accuracy: Number(g.accuracy),
    tpr: numOrNull(g.tpr),
    fpr: numOrNull(g.fpr),
    precision: numOrNull(g.precision),
  }));
  return {
    positive: String(value.positive ?? ''),
    sensitive: Array.isArray(value.sensitive) ? value.sensitive.map(String) : [],
    groups,
    disparities: DISPARITIES.map(([key, label]) => ({ key, label, value: numOrNull(value[key]) })),
  };
}
