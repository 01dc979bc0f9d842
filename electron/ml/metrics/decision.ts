// The class a row of probabilities picks: the most probable one, the lowest index on a tie
// (numpy's argmax, which is what scikit-learn's predict does with predict_proba).

export function mostProbableClass(proba: Float64Array, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}
