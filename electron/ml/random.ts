// Seeded random numbers for every random step in model fitting (xoshiro128**, seeded through splitmix32):
// the same seed gives the same stream on every platform, so fits are reproducible.

/** splitmix32: spreads one 32-bit value into a well-mixed one; used only to seed the main generator. */
function splitmix32(state: number): [next: number, out: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Any finite number is a valid seed; integers up to 2^53 keep all their bits. */
  constructor(seed: number) {
    const whole = Number.isFinite(seed) ? Math.trunc(seed) : 0;
    const low = whole >>> 0;
    const high = Math.floor(whole / 4294967296) >>> 0;
    let state = low ^ Math.imul(high, 0x27d4eb2d);
    let out: number;
    [state, out] = splitmix32(state);
    this.a = out;
    [state, out] = splitmix32(state ^ high);
    this.b = out;
    [state, out] = splitmix32(state);
    this.c = out;
    [state, out] = splitmix32(state);
    this.d = out;
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** A generator with an explicit xoshiro128** state (for checking against the reference implementation). */
  static fromState(a: number, b: number, c: number, d: number): Random {
    const r = new Random(0);
    r.a = a | 0;
    r.b = b | 0;
    r.c = c | 0;
    r.d = d | 0;
    return r;
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!(n >= 1)) throw new RangeError(`Random.int needs n >= 1, got ${n}`);
    if (n > 4294967296) return Math.floor(this.uniform() * n);
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return u % n;
    }
  }

  /** Standard normal draw (Box-Muller). */
  normal(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Fisher-Yates shuffle in place; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** k distinct integers from [0, n), in random order (partial Fisher-Yates). */
  sample(n: number, k: number): Int32Array {
    if (k > n || k < 0) throw new RangeError(`Random.sample: cannot draw ${k} of ${n}`);
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
    }
    return pool.slice(0, k);
  }

  /** A new generator whose seed is drawn from this one: independent streams, e.g. one per tree. */
  fork(): Random {
    return new Random(this.forkSeed());
  }

  /** The seed fork() would use (53 bits): for a generator made on another thread. */
  forkSeed(): number {
    return this.nextUint32() * 2097152 + (this.nextUint32() >>> 11);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
