// The facts of a Plumb model file (SPEC §5) that the summary card shows; null when the value is not one.

export interface ModelSummaryView {
  type: string;
  task: string;
  target: string | null;
  features: string[];
  classes: string[];
  featureLevels: Record<string, string[]>;
  params: [string, string][];
  trained: { rows: number; seconds: number; backend?: string };
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function readModelSummary(value: unknown): ModelSummaryView | null {
  if (!isRec(value) || !('plumb_model' in value) || typeof value.type !== 'string') return null;
  const trained = isRec(value.trained) ? value.trained : {};
  const levels: Record<string, string[]> = {};
  if (isRec(value.feature_levels)) for (const [k, v] of Object.entries(value.feature_levels)) levels[k] = strings(v);
  return {
    type: value.type,
    task: String(value.task ?? ''),
    target: typeof value.target === 'string' ? value.target : null,
    features: strings(value.features),
    classes: strings(value.classes),
    featureLevels: levels,
    params: isRec(value.params) ? Object.entries(value.params).map(([k, v]) => [k, v === null || v === undefined ? 'default' : typeof v === 'object' ? JSON.stringify(v) : String(v)]) : [],
    trained: {
      rows: typeof trained.rows === 'number' ? trained.rows : 0,
      seconds: typeof trained.seconds === 'number' ? trained.seconds : 0,
      ...(typeof trained.backend === 'string' ? { backend: trained.backend } : {}),
    },
  };
}
