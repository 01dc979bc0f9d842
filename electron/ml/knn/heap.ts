// Bounded max-heap of (squared distance, index) pairs at d[base .. base + size), the index breaking ties: the
// k best training rows of one query, kept in preallocated typed arrays.

function above(d: Float64Array, ix: Int32Array, a: number, b: number): boolean {
  return d[a] > d[b] || (d[a] === d[b] && ix[a] > ix[b]);
}

export function heapPush(d: Float64Array, ix: Int32Array, base: number, size: number, value: number, index: number): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pd = d[base + parent];
    if (!(value > pd || (value === pd && index > ix[base + parent]))) break;
    d[base + i] = pd;
    ix[base + i] = ix[base + parent];
    i = parent;
  }
  d[base + i] = value;
  ix[base + i] = index;
}

/** Replaces the largest pair by (value, index) and sifts it down. */
export function heapReplaceTop(d: Float64Array, ix: Int32Array, base: number, size: number, value: number, index: number): void {
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
    const td = d[base + i];
    d[base + i] = d[base + top];
    d[base + top] = td;
    const ti = ix[base + i];
    ix[base + i] = ix[base + top];
    ix[base + top] = ti;
    i = top;
  }
}

/** Empties a full heap of k pairs into ascending order (in place), taking square roots of the distances. */
export function heapToSorted(d: Float64Array, ix: Int32Array, base: number, k: number, outI: Int32Array, outD: Float64Array, outBase: number): void {
  for (let size = k; size > 0; size--) {
    outI[outBase + size - 1] = ix[base];
    outD[outBase + size - 1] = Math.sqrt(d[base]);
    if (size > 1) heapReplaceTop(d, ix, base, size - 1, d[base + size - 1], ix[base + size - 1]);
  }
}
