/**
 * Small statistics that never return NaN: what the data cannot define is null. Each runs in one
 * or two passes over plain arrays.
 */

export function mean(values: readonly number[]): number | null {
  if (!values.length) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Sum of products of deviations from the means: n − 1 times the sample covariance. */
function coDeviation(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs) ?? 0;
  const my = mean(ys) ?? 0;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += (xs[i]! - mx) * (ys[i]! - my);
  return sum;
}

/** Sample standard deviation (divisor n − 1); null below two values. */
export function sampleSd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  return Math.sqrt(Math.max(0, coDeviation(values, values)) / (values.length - 1));
}

/** Spread too small to be anything but rounding error counts as none. */
const EPSILON = 1e-12;

/** Pearson correlation; null below two pairs or when either side is constant. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length < 2 || xs.length !== ys.length) return null;
  const mx = mean(xs) ?? 0;
  const my = mean(ys) ?? 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx <= EPSILON || syy <= EPSILON) return null;
  return clamp(sxy / Math.sqrt(sxx * syy), -1, 1);
}

/**
 * Covariance over the largest covariance the two distributions allow (both sorted the same
 * way): Moodle's discrimination efficiency. Null when that largest covariance is 0.
 */
export function covarianceEfficiency(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length < 2 || xs.length !== ys.length) return null;
  const most = coDeviation(
    [...xs].sort((a, b) => a - b),
    [...ys].sort((a, b) => a - b),
  );
  if (most <= EPSILON) return null;
  return clamp(coDeviation(xs, ys) / most, -1, 1);
}

export const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value));

/** A share in [0, 1]; 0 of nothing is 0. */
export const ratio = (part: number, whole: number): number =>
  whole > 0 ? clamp(part / whole, 0, 1) : 0;

/** A share in [0, 1], or null of nothing. */
export const ratioOrNull = (part: number, whole: number): number | null =>
  whole > 0 ? clamp(part / whole, 0, 1) : null;

/** A finite number, or the fallback. */
export const finite = (value: number | undefined, fallback = 0): number =>
  value !== undefined && Number.isFinite(value) ? value : fallback;
