// A tree while it is being grown: node arrays that double when full, trimmed into a Tree at the end.
// Children always get larger ids than their parent, which lets finish() fill inner values bottom-up.

import type { Tree } from './types.js';

export class GrowingTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  missingLeft: Uint8Array;
  cover: Float64Array;
  value: Float64Array;
  size = 0;

  constructor(
    readonly nValues: number,
    capacity = 63,
  ) {
    this.feature = new Int32Array(capacity);
    this.threshold = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.missingLeft = new Uint8Array(capacity);
    this.cover = new Float64Array(capacity);
    this.value = new Float64Array(capacity * nValues);
  }

  /** Appends a leaf with the given cover and returns its id; write its values at value[id * nValues ...]. */
  addLeaf(cover: number): number {
    if (this.size === this.feature.length) this.grow();
    const id = this.size++;
    this.feature[id] = -1;
    this.left[id] = -1;
    this.right[id] = -1;
    this.cover[id] = cover;
    return id;
  }

  setSplit(id: number, feature: number, threshold: number, missingLeft: boolean, left: number, right: number): void {
    this.feature[id] = feature;
    this.threshold[id] = threshold;
    this.missingLeft[id] = missingLeft ? 1 : 0;
    this.left[id] = left;
    this.right[id] = right;
  }

  private grow(): void {
    const cap = this.feature.length * 2 + 1;
    const resize = <A extends Int32Array | Float64Array | Uint8Array>(a: A, n: number): A => {
      const b = new (a.constructor as new (len: number) => A)(n);
      b.set(a);
      return b;
    };
    this.feature = resize(this.feature, cap);
    this.threshold = resize(this.threshold, cap);
    this.left = resize(this.left, cap);
    this.right = resize(this.right, cap);
    this.missingLeft = resize(this.missingLeft, cap);
    this.cover = resize(this.cover, cap);
    this.value = resize(this.value, cap * this.nValues);
  }

  /** Trimmed Tree; inner nodes get the cover-weighted mean of their children (what TreeSHAP expects). */
  finish(): Tree {
    const n = this.size;
    const V = this.nValues;
    const value = this.value.slice(0, n * V);
    for (let id = n - 1; id >= 0; id--) {
      if (this.feature[id] < 0) continue;
      const l = this.left[id];
      const r = this.right[id];
      const cl = this.cover[l];
      const cr = this.cover[r];
      const total = cl + cr;
      for (let k = 0; k < V; k++) {
        value[id * V + k] = total > 0 ? (cl * value[l * V + k] + cr * value[r * V + k]) / total : 0;
      }
    }
    return {
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      cover: this.cover.slice(0, n),
      value,
      nValues: V,
    };
  }
}
