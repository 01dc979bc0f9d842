// shap's feature-value colour map: blue (low) to red (high), grey for a missing value.

export function featureColour(t: number): string {
  if (!Number.isFinite(t)) return 'rgb(170,170,170)';
  const r = Math.round(0 + t * 255);
  const g = Math.round(139 - t * 139);
  const b = Math.round(251 - t * 170);
  return `rgb(${r},${g},${b})`;
}
