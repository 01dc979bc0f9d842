// Exact k-nearest-neighbour search by brute force over row-major Float64Array blocks.
// Ties in distance go to the lower training index (a stable order), so results never depend on
// anything but the data.

export interface Neighbors {
  k: number;
  /** query-major: the j-th nearest training row of query q is index[q * k + j] */
  index: Int32Array;
  /** Euclidean distances in the same layout, ascending per query */
  distance: Float64Array;
}

/** Queries per block: a block of queries stays in cache while every training row streams past it. */
const BLOCK = 64;

export function nearestNeighbors(train: Float64Array, nTrain: number, queries: Float64Array, nQueries: number, dims: number, k: number): Neighbors {
  if (k < 1 || k > nTrain) throw new RangeError(`k = ${k} must be between 1 and the ${nTrain} training rows`);
  // One max-heap of size k per query, ordered by (squared distance, index).
  const heapD = new Float64Array(nQueries * k);
  const heapI = new Int32Array(nQueries * k);
  const size = new Int32Array(nQueries);

  for (let q0 = 0; q0 < nQueries; q0 += BLOCK) {
    const q1 = Math.min(nQueries, q0 + BLOCK);
    for (let t = 0; t < nTrain; t++) {
      const toff = t * dims;
      for (let q = q0; q < q1; q++) {
        const qoff = q * dims;
        let s = 0;
        for (let c = 0; c < dims; c++) {
          const diff = queries[qoff + c] - train[toff + c];
          s += diff * diff;
        }
        const h = q * k;
        if (size[q] < k) {
          heapPush(heapD, heapI, h, size[q], s, t);
          size[q]++;
        } else if (s < heapD[h]) {
          // Training rows arrive in increasing index, so an equal distance never displaces an earlier row.
          heapReplaceTop(heapD, heapI, h, k, s, t);
        }
      }
    }
  }

  const index = new Int32Array(nQueries * k);
  const distance = new Float64Array(nQueries * k);
  const order = new Array<number>(k);
  for (let q = 0; q < nQueries; q++) {
    const h = q * k;
    for (let j = 0; j < k; j++) order[j] = j;
    order.sort((a, b) => heapD[h + a] - heapD[h + b] || heapI[h + a] - heapI[h + b]);
    for (let j = 0; j < k; j++) {
      index[h + j] = heapI[h + order[j]];
      distance[h + j] = Math.sqrt(heapD[h + order[j]]);
    }
  }
  return { k, index, distance };
}

function above(d: Float64Array, ix: Int32Array, a: number, b: number): boolean {
  return d[a] > d[b] || (d[a] === d[b] && ix[a] > ix[b]);
}

function heapPush(d: Float64Array, ix: Int32Array, base: number, size: number, value: number, index: number): void {
  let i = size;
  d[base + i] = value;
  ix[base + i] = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!above(d, ix, base + i, base + parent)) break;
    swap(d, ix, base + i, base + parent);
    i = parent;
  }
}

function heapReplaceTop(d: Float64Array, ix: Int32Array, base: number, size: number, value: number, index: number): void {
  d[base] = value;
  ix[base] = index;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let top = i;
    if (l < size && above(d, ix, base + l, base + top)) top = l;
    if (r < size && above(d, ix, base + r, base + top)) top = r;
    if (top === i) return;
    swap(d, ix, base + i, base + top);
    i = top;
  }
}

function swap(d: Float64Array, ix: Int32Array, a: number, b: number): void {
  const td = d[a];
  d[a] = d[b];
  d[b] = td;
  const ti = ix[a];
  ix[a] = ix[b];
  ix[b] = ti;
}
