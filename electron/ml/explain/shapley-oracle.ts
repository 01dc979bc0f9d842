// Brute-force exact Shapley values over all 2^M coalitions (M ≤ 12), plus the two tree games TreeSHAP
// claims to solve, written independently of the fast code so tests can hold one against the other.

import { invalidInput } from '../../../shared/errors.js';
import type { Tree, TreeEnsemble } from '../tree/types.js';

export const maxOraclePlayers = 12;

export interface ShapleyResult {
  /** v(∅) */
  base: number;
  /** v(all players) */
  full: number;
  phi: Float64Array;
}

/**
 * Shapley values of the game `value` over players 0..nPlayers-1. `value(mask)` gets a coalition as a bit mask
 * (bit j set = player j present) and is called once per coalition.
 */
export function exactShapley(nPlayers: number, value: (mask: number) => number): ShapleyResult {
  if (!Number.isInteger(nPlayers) || nPlayers < 0 || nPlayers > maxOraclePlayers) {
    throw invalidInput(`exact Shapley values need 0..${maxOraclePlayers} players, got ${nPlayers}`);
  }
  const size = 1 << nPlayers;
  const v = new Float64Array(size);
  for (let mask = 0; mask < size; mask++) v[mask] = value(mask);
  // weight[s] = s! (M - s - 1)! / M! for a coalition of size s without the player.
  const weight = new Float64Array(Math.max(1, nPlayers));
  for (let s = 0; s < nPlayers; s++) {
    let w = 1 / nPlayers;
    for (let i = 1; i <= s; i++) w *= i / (nPlayers - i);
    weight[s] = w;
  }
  const phi = new Float64Array(nPlayers);
  for (let mask = 0; mask < size; mask++) {
    const s = popCount(mask);
    for (let j = 0; j < nPlayers; j++) {
      const bit = 1 << j;
      if (mask & bit) continue;
      phi[j] += weight[s] * (v[mask | bit] - v[mask]);
    }
  }
  return { base: v[0], full: v[size - 1], phi };
}

/**
 * Shapley interaction values of the game `value` by enumeration: for i ≠ j the Shapley interaction index split in
 * half, Σ_{S ⊆ N∖{i,j}} |S|!(M−|S|−2)! / (2(M−1)!) · (v(S∪{i,j}) − v(S∪{i}) − v(S∪{j}) + v(S)), and on the diagonal
 * the main effect φ_i − Σ_{j≠i} φ_ij (Lundberg et al. 2020, Nature MI, Methods). interactions[i * M + j].
 */
export function exactShapleyInteractions(nPlayers: number, value: (mask: number) => number): ShapleyResult & { interactions: Float64Array } {
  const shapley = exactShapley(nPlayers, value);
  const size = 1 << nPlayers;
  const v = new Float64Array(size);
  for (let mask = 0; mask < size; mask++) v[mask] = value(mask);
  // weight[s] = s! (M - s - 2)! / (2 (M - 1)!) for a coalition of size s without both players.
  const weight = new Float64Array(Math.max(1, nPlayers - 1));
  for (let s = 0; s + 2 <= nPlayers; s++) {
    let w = 1 / (2 * (nPlayers - 1));
    for (let i = 1; i <= s; i++) w *= i / (nPlayers - 1 - i);
    weight[s] = w;
  }
  const interactions = new Float64Array(nPlayers * nPlayers);
  for (let mask = 0; mask < size; mask++) {
    const s = popCount(mask);
    for (let i = 0; i < nPlayers; i++) {
      const bi = 1 << i;
      if (mask & bi) continue;
      for (let j = i + 1; j < nPlayers; j++) {
        const bj = 1 << j;
        if (mask & bj) continue;
        const delta = weight[s] * (v[mask | bi | bj] - v[mask | bi] - v[mask | bj] + v[mask]);
        interactions[i * nPlayers + j] += delta;
        interactions[j * nPlayers + i] += delta;
      }
    }
  }
  for (let i = 0; i < nPlayers; i++) {
    let offDiagonal = 0;
    for (let j = 0; j < nPlayers; j++) if (j !== i) offDiagonal += interactions[i * nPlayers + j];
    interactions[i * nPlayers + i] = shapley.phi[i] - offDiagonal;
  }
  return { ...shapley, interactions };
}

function popCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

function goesLeft(tree: Tree, node: number, value: number, splitRule: TreeEnsemble['splitRule']): boolean {
  if (Number.isNaN(value)) return tree.missingLeft[node] === 1;
  return splitRule === 'lt_f32' ? Math.fround(value) < tree.threshold[node] : value <= tree.threshold[node];
}

function scaleOf(ensemble: TreeEnsemble, output: number): number {
  if (ensemble.aggregation === 'sum') return 1;
  let count = 0;
  ensemble.trees.forEach((tree, t) => {
    if (tree.nValues > 1 ? output < tree.nValues : ensemble.treeOutput[t] === output) count++;
  });
  return count > 0 ? 1 / count : 0;
}

/** Value slot of `tree` that feeds `output`, or -1. */
function slotOf(ensemble: TreeEnsemble, t: number, output: number): number {
  const tree = ensemble.trees[t];
  if (tree.nValues > 1) return output < tree.nValues ? output : -1;
  return ensemble.treeOutput[t] === output ? 0 : -1;
}

/**
 * Path-dependent game for row `x` (x[j] = feature j): v(S) = base margin + Σ trees E[tree | x_S], where a split
 * on a feature outside S averages its children by cover share (child cover / parent cover; even split when the
 * parent has no cover).
 */
export function pathDependentGame(ensemble: TreeEnsemble, x: ArrayLike<number>, output: number): (mask: number) => number {
  const scale = scaleOf(ensemble, output);
  const expectation = (tree: Tree, node: number, slot: number, mask: number): number => {
    const f = tree.feature[node];
    if (f < 0) return tree.value[node * tree.nValues + slot];
    const l = tree.left[node];
    const r = tree.right[node];
    if (mask & (1 << f)) return expectation(tree, goesLeft(tree, node, x[f], ensemble.splitRule) ? l : r, slot, mask);
    const c = tree.cover[node];
    const fl = c > 0 ? tree.cover[l] / c : 0.5;
    const fr = c > 0 ? tree.cover[r] / c : 0.5;
    return fl * expectation(tree, l, slot, mask) + fr * expectation(tree, r, slot, mask);
  };
  return (mask) => {
    let total = ensemble.baseMargin[output];
    ensemble.trees.forEach((tree, t) => {
      const slot = slotOf(ensemble, t, output);
      if (slot >= 0) total += scale * expectation(tree, 0, slot, mask);
    });
    return total;
  };
}

/** Margin of one row given as a function of the feature index. */
function marginOf(ensemble: TreeEnsemble, valueOf: (j: number) => number, output: number, scale: number): number {
  let total = ensemble.baseMargin[output];
  ensemble.trees.forEach((tree, t) => {
    const slot = slotOf(ensemble, t, output);
    if (slot < 0) return;
    let node = 0;
    while (tree.feature[node] >= 0) {
      const f = tree.feature[node];
      node = goesLeft(tree, node, valueOf(f), ensemble.splitRule) ? tree.left[node] : tree.right[node];
    }
    total += scale * tree.value[node * tree.nValues + slot];
  });
  return total;
}

/**
 * Interventional game: v(S) = Σ_b w_b f(x_S, b_rest) with `background[i]` a row (background[i][j] = feature j)
 * and weights w (equal when omitted, normalized to sum 1).
 */
export function interventionalGame(
  ensemble: TreeEnsemble,
  x: ArrayLike<number>,
  background: ArrayLike<number>[],
  output: number,
  weights?: ArrayLike<number>,
): (mask: number) => number {
  const scale = scaleOf(ensemble, output);
  let totalWeight = 0;
  for (let i = 0; i < background.length; i++) totalWeight += weights ? weights[i] : 1;
  return (mask) => {
    let total = 0;
    for (let i = 0; i < background.length; i++) {
      const b = background[i];
      const w = (weights ? weights[i] : 1) / totalWeight;
      total += w * marginOf(ensemble, (j) => (mask & (1 << j) ? x[j] : b[j]), output, scale);
    }
    return total;
  };
}
