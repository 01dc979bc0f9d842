// The confusion matrix as an accessible table: counts in the cells, colour by the share of the true-class row.
import { memo, useMemo } from 'react';
import { heatColour, rowShares } from './metrics-data.js';

export const ConfusionMatrix = memo(function ConfusionMatrix({ labels, matrix }: { labels: string[]; matrix: number[][] }) {
  const shares = useMemo(() => rowShares(matrix), [matrix]);
  return (
    <figure className="chart-card" style={{ margin: 0 }}>
      <table role="table" aria-label="Confusion matrix" className="json-matrix" style={{ borderCollapse: 'collapse' }}>
        <caption className="small muted">Confusion matrix (rows = true class, columns = predicted; colour = share of the row)</caption>
        <thead>
          <tr>
            <th scope="col">true ↓ / predicted →</th>
            {labels.map((l) => (
              <th scope="col" key={l}>
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr key={i}>
              <th scope="row">{labels[i]}</th>
              {row.map((count, j) => (
                <td
                  key={j}
                  className="num"
                  title={`true ${labels[i]}, predicted ${labels[j]}: ${count} (${(shares[i][j] * 100).toFixed(1)}% of the row)`}
                  style={{ ...heatColour(shares[i][j]), minWidth: 48, padding: '4px 8px', textAlign: 'right' }}
                >
                  {count}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
});
