/**
 * Seeded pseudo-random numbers for reproducible simulations (the same seed gives the same
 * prediction intervals). Mulberry32 (Tommy Ettinger, 2017; public domain): a 32-bit state,
 * period 2³², passes gjrand/PractRand to 32 GB — ample for a few thousand forecast sample paths.
 * Normal deviates by the Box–Muller transform (Box & Muller 1958, Ann. Math. Stat. 29:610–611).
 */
import type { Random } from '../forecast/types.js';

/** Uniform [0, 1) generator from a 32-bit integer seed. @example seededRandom(42)() // 0.6011037519201636 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal deviate from two uniforms (Box–Muller). */
export function normalDeviate(random: Random): number {
  let u = random();
  while (u <= 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
