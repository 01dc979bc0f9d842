// Loads the scikit-learn parity fixtures (test/fixtures/ml/trees, made by generate.py) and builds small inputs.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';

const DIR = fileURLToPath(new URL('../../../../fixtures/ml/trees/', import.meta.url));

export interface Dataset {
  X: FeatureMatrix;
  y: Target;
}

export function matrix(columns: number[][]): FeatureMatrix {
  return {
    nRows: columns[0].length,
    columns: columns.map((c) => Float64Array.from(c)),
    names: columns.map((_, j) => `x${j}`),
    levels: columns.map(() => null),
  };
}

export function classes(codes: number[], k?: number): Target {
  const K = k ?? Math.max(...codes) + 1;
  return { task: 'classification', codes: Int32Array.from(codes), classes: Array.from({ length: K }, (_, i) => `c${i}`) };
}

export function values(v: number[] | Float64Array): Target {
  return { task: 'regression', values: Float64Array.from(v) };
}

/** Reads <name>_<part>.csv: feature columns x0.., target column y last. */
export function readDataset(name: string, part: 'train' | 'test', task: Target['task']): Dataset {
  const lines = readFileSync(`${DIR}${name}_${part}.csv`, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const p = header.length - 1;
  const cols: number[][] = Array.from({ length: p }, () => []);
  const y: number[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',').map(Number);
    for (let j = 0; j < p; j++) cols[j].push(cells[j]);
    y.push(cells[p]);
  }
  return { X: matrix(cols), y: task === 'classification' ? classes(y) : values(y) };
}

export interface SklearnNode {
  feature: number;
  threshold: number | null;
  samples: number;
  value: number[];
}

export interface SklearnScores {
  sklearn_version: string;
  datasets: Record<
    string,
    {
      task: Target['task'];
      metric: 'accuracy' | 'r2';
      models: Record<'decision_tree' | 'random_forest' | 'gradient_boosting', { seed0: number; mean: number; per_seed: number[] }>;
      depth3_tree: SklearnNode[];
    }
  >;
}

export function sklearnScores(): SklearnScores {
  return JSON.parse(readFileSync(`${DIR}sklearn_scores.json`, 'utf8')) as SklearnScores;
}

export function accuracy(pred: Float64Array, y: Target): number {
  if (y.task !== 'classification') throw new Error('accuracy needs classes');
  let hit = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y.codes[i]) hit++;
  return hit / pred.length;
}

export function r2(pred: Float64Array, y: Target): number {
  if (y.task !== 'regression') throw new Error('r2 needs values');
  const v = y.values;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < v.length; i++) {
    ssRes += (v[i] - pred[i]) ** 2;
    ssTot += (v[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}
