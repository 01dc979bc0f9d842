// The confusion matrix as an accessible table: counts in the cells, colour by the share of the true-class row.
// With onPickCell, each count is a button that picks its (true, predicted) pair to list those rows.
import { memo, useMemo } from 'react';
import { heatColour, rowShares } from './metrics-data.js';

interface Props {
  labels: string[];
  matrix: number[][];
  /** the table's accessible name (several matrices side by side need distinct names) */
  label?: string;
  onPickCell?: (trueIndex: number, predictedIndex: number) => void;
  picked?: readonly [number, number] | null;
}

export const ConfusionMatrix = memo(function ConfusionMatrix({ labels, matrix, label = 'Confusion matrix', onPickCell, picked }: Props) {
  const shares = useMemo(() => rowShares(matrix), [matrix]);
  return (
    <figure className="chart-card" style={{ margin: 0 }}>
      <table role="table" aria-label={label} className="json-matrix" style={{ borderCollapse: 'collapse' }}>
        <caption className="small muted" style={{ textAlign: 'left' }}>
          {onPickCell ? `${label}: rows = true, columns = predicted. Click a count for its rows.` : `${label} (rows = true class, columns = predicted; colour = share of the row)`}
        </caption>
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
              {row.map((count, j) => {
                const title = `true ${labels[i]}, predicted ${labels[j]}: ${count} (${(shares[i][j] * 100).toFixed(1)}% of the row)`;
                const isPicked = picked?.[0] === i && picked[1] === j;
                return (
                  <td
                    key={j}
                    className="num"
                    title={title}
                    style={{ ...heatColour(shares[i][j]), minWidth: 48, padding: onPickCell ? 0 : '4px 8px', textAlign: 'right', outline: isPicked ? '2px solid #1f2328' : undefined }}
                  >
                    {onPickCell ? (
                      <button
                        type="button"
                        className="confusion-cell"
                        aria-label={`Rows with true ${labels[i]}, predicted ${labels[j]}: ${count}`}
                        aria-pressed={isPicked}
                        onClick={() => onPickCell(i, j)}
                        style={{ background: 'transparent', border: 0, font: 'inherit', color: 'inherit', cursor: 'pointer', display: 'block', width: '100%', padding: '4px 8px', textAlign: 'right' }}
                      >
                        {count}
                      </button>
                    ) : (
                      count
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
});
