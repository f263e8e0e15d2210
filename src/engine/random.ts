/**
 * Seeded randomness, so that a quiz attempt can be replayed from its seed alone.
 *
 * mulberry32 rather than sfc32: a seed here is one 32-bit number, which is exactly mulberry32's
 * state, so every seed starts its own stream with no warm-up; sfc32's 128-bit state would be
 * filled from the same 32 bits and buy nothing. Its period (2³²) dwarfs the few hundred draws a
 * selection makes, and its output mixing keeps the streams of adjacent seeds unrelated.
 */

/** A generator of numbers in [0, 1). */
export type Random = () => number;

/** mulberry32 (Tommy Ettinger); `seed` is taken as an unsigned 32-bit integer. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fisher–Yates into a new array; `items` is left as it is. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** A fresh unsigned 32-bit seed from the platform's cryptographic generator. */
export function newSeed(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!;
}
