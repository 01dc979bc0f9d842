// The bundled sample project: its pipelines as the start page offers them, and how its working copy is recognised
// (the app copies assets/sample.plumb to <user data>/sample/sample.plumb on first start and opens it).

export interface SamplePipeline {
  /** the pipeline's name in the sample project (its `name:` in assets/pipelines/*.yaml) */
  name: string;
  /** what it shows, in a line */
  summary: string;
  kind: 'classification' | 'regression' | 'monitoring';
}

export const SAMPLE_PIPELINES: readonly SamplePipeline[] = [
  { name: 'churn', kind: 'classification', summary: 'Which customers will cancel? Logistic regression vs a random forest, with SHAP, fairness and a SQL summary.' },
  { name: 'penguins-species', kind: 'classification', summary: "Predict a penguin's species from its measurements (three classes)." },
  { name: 'housing-prices', kind: 'regression', summary: "Predict a house's sale price; residuals and predicted vs actual." },
  { name: 'churn-drift', kind: 'monitoring', summary: 'Has the customer base moved since training? A drift report on a new batch, with an alert.' },
  { name: 'served-monitoring', kind: 'monitoring', summary: 'What does the served churn model see? Logged predictions against the training data.' },
];

/** The sample project's working copy, as the app makes it (any folder, then sample/sample.plumb). */
export function isSampleProjectPath(path: string): boolean {
  return /(^|[\\/])sample[\\/]sample\.plumb$/.test(path);
}
