// Plain-JSON form of a TreeEnsemble: typed arrays become number arrays, and non-finite numbers
// (an "everything non-missing goes left" split has threshold +Infinity) become strings, which JSON cannot hold otherwise.

import type { Tree, TreeEnsemble } from './types.js';

export type JsonNumber = number | 'Infinity' | '-Infinity' | 'NaN';

export interface TreeJson {
  feature: number[];
  threshold: JsonNumber[];
  left: number[];
  right: number[];
  missingLeft: number[];
  cover: JsonNumber[];
  value: JsonNumber[];
  nValues: number;
}

export interface TreeEnsembleJson {
  trees: TreeJson[];
  treeOutput: number[];
  nOutputs: number;
  baseMargin: JsonNumber[];
  splitRule: TreeEnsemble['splitRule'];
  aggregation: TreeEnsemble['aggregation'];
  link: TreeEnsemble['link'];
  nFeatures: number;
}

function encodeNumbers(values: Float64Array): JsonNumber[] {
  const out: JsonNumber[] = new Array<JsonNumber>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? v : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  }
  return out;
}

function decodeNumbers(values: readonly JsonNumber[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : NaN;
  }
  return out;
}

export function treeToJson(tree: Tree): TreeJson {
  return {
    feature: Array.from(tree.feature),
    threshold: encodeNumbers(tree.threshold),
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    missingLeft: Array.from(tree.missingLeft),
    cover: encodeNumbers(tree.cover),
    value: encodeNumbers(tree.value),
    nValues: tree.nValues,
  };
}

export function treeFromJson(json: TreeJson): Tree {
  return {
    feature: Int32Array.from(json.feature),
    threshold: decodeNumbers(json.threshold),
    left: Int32Array.from(json.left),
    right: Int32Array.from(json.right),
    missingLeft: Uint8Array.from(json.missingLeft),
    cover: decodeNumbers(json.cover),
    value: decodeNumbers(json.value),
    nValues: json.nValues,
  };
}

export function ensembleToJson(ensemble: TreeEnsemble): TreeEnsembleJson {
  return {
    trees: ensemble.trees.map(treeToJson),
    treeOutput: Array.from(ensemble.treeOutput),
    nOutputs: ensemble.nOutputs,
    baseMargin: encodeNumbers(ensemble.baseMargin),
    splitRule: ensemble.splitRule,
    aggregation: ensemble.aggregation,
    link: ensemble.link,
    nFeatures: ensemble.nFeatures,
  };
}

export function ensembleFromJson(json: TreeEnsembleJson): TreeEnsemble {
  return {
    trees: json.trees.map(treeFromJson),
    treeOutput: Int32Array.from(json.treeOutput),
    nOutputs: json.nOutputs,
    baseMargin: decodeNumbers(json.baseMargin),
    splitRule: json.splitRule,
    aggregation: json.aggregation,
    link: json.link,
    nFeatures: json.nFeatures,
  };
}
