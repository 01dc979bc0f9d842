// shap's feature-value colour map: blue (low) to red (high), grey for a missing value, and its legend.
import { useId } from 'react';

export function featureColour(t: number): string {
  if (!Number.isFinite(t)) return 'rgb(170,170,170)';
  const r = Math.round(0 + t * 255);
  const g = Math.round(139 - t * 139);
  const b = Math.round(251 - t * 170);
  return `rgb(${r},${g},${b})`;
}

const STOPS = [0, 0.25, 0.5, 0.75, 1];

/** A horizontal colour bar: what the colour encodes, and the values at its blue and red ends. */
export function ColourLegend({ title, low, high, missing = false }: { title: string; low: string; high: string; missing?: boolean }) {
  // useId's characters are not all valid in a url(#…) reference.
  const gradient = `legend-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <div className="colour-legend small" role="img" aria-label={`Colour legend: ${title}, blue = ${low}, red = ${high}${missing ? ', grey = missing' : ''}`} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <span style={{ fontWeight: 600 }}>{title}</span>
      <span className="muted">{low}</span>
      <svg width={120} height={10} aria-hidden="true">
        <defs>
          <linearGradient id={gradient}>
            {STOPS.map((t) => (
              <stop key={t} offset={t} stopColor={featureColour(t)} />
            ))}
          </linearGradient>
        </defs>
        <rect width={120} height={10} fill={`url(#${gradient})`} />
      </svg>
      <span className="muted">{high}</span>
      {missing && (
        <>
          <svg width={10} height={10} aria-hidden="true">
            <rect width={10} height={10} fill={featureColour(NaN)} />
          </svg>
          <span className="muted">missing</span>
        </>
      )}
    </div>
  );
}
