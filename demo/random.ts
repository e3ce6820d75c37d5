// The demo's randomness: seeded, so the same seed on the same day gives the same data.

/** mulberry32: a small, fast 32-bit PRNG, good enough for demo data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  float(): number {
    return this.#next();
  }
  /** lo..hi inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.#next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.#next() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  }
  /** A whole number around `mean` (rounded exponential), at most `max`. */
  count(mean: number, max: number): number {
    return Math.min(max, Math.floor(-Math.log(1 - this.#next()) * mean + 0.5));
  }
  uuid(): string {
    // Version 4, variant 10xx: 32 hex digits from four 32-bit draws.
    const word = () =>
      Math.floor(this.#next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0');
    const h = word() + word() + word() + word();
    const variant = (8 + Math.floor(this.#next() * 4)).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
  }
}
