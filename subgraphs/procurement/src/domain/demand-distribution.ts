/**
 * Demand distributions over a time span and their loss functions — the
 * arithmetic behind safety stock for a fill rate (满足率).
 *
 * `loss1(y)` = E[(D − y)⁺], expected units short when y units are on hand.
 * `loss2(y)` = ∫_y^∞ loss1(t) dt, so the average of loss1 over y uniform in
 * [lo, lo + w) is (loss2(lo) − loss2(lo + w)) / w without quadrature. For the
 * discrete negative binomial, loss2 is the matching sum over integers.
 *
 * Pure: no I/O, no clock.
 */
// Math's members as module constants: global lookups are slow inside jest's vm context.
const { PI, SQRT2, abs, ceil, exp, log, max, min, round, sin, sqrt } = Math;


export type DistributionKind = 'NORMAL' | 'GAMMA' | 'NEGATIVE_BINOMIAL' | 'POISSON' | 'NONE';

export interface DemandDistribution {
  kind: DistributionKind;
  mean: number;
  variance: number;
  /** E[(D − y)⁺] */
  loss1(y: number): number;
  /** Mean of loss1 over y uniform in [lo, lo + width) (integers lo … lo+width−1 for discrete ones); width 0 → loss1(lo). */
  averageLoss(lo: number, width: number): number;
}

// ---------------------------------------------------------------------------
// Normal
// ---------------------------------------------------------------------------

const SQRT2PI = sqrt(2 * PI);

export function normalPdf(z: number): number {
  return exp(-0.5 * z * z) / SQRT2PI;
}

/** Φ(z) via erfc. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

const LN_GAMMA_HALF = 0.5 * log(PI);

/**
 * erfc(x) = Q(½, x²) for x ≥ 0 (the incomplete gamma, relative error ~1e-14): a
 * rational approximation good to 1e-7 made the fill curve of a long lead time
 * wobble by 1e-9 where two nearly equal losses are subtracted.
 */
function erfc(x: number): number {
  const r = x === 0 ? 1 : gammaQ(0.5, x * x, LN_GAMMA_HALF);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal first-order loss G(z) = E[(Z − z)⁺]. */
export function normalLoss(z: number): number {
  return max(0, normalPdf(z) - z * (1 - normalCdf(z)));
}

/** Standard normal second-order loss G2(z) = ∫_z^∞ G(t) dt = ½[(z²+1)(1−Φ(z)) − zφ(z)]. */
export function normalLoss2(z: number): number {
  return max(0, 0.5 * ((z * z + 1) * (1 - normalCdf(z)) - z * normalPdf(z)));
}

export function normalDistribution(mean: number, variance: number): DemandDistribution {
  const sd = sqrt(max(variance, 1e-12));
  const loss1 = (y: number) => sd * normalLoss((y - mean) / sd);
  const loss2 = (y: number) => sd * sd * normalLoss2((y - mean) / sd);
  return {
    kind: 'NORMAL', mean, variance, loss1,
    averageLoss: (lo, w) => (w <= 1e-12 ? loss1(lo) : (loss2(lo) - loss2(lo + w)) / w),
  };
}

// ---------------------------------------------------------------------------
// Gamma (continuous, skewed, non-negative: erratic demand and liquids)
// ---------------------------------------------------------------------------

/** ln Γ(x), Lanczos (g = 7, n = 9). */
export function lnGamma(x: number): number {
  if (x < 0.5) return log(PI / abs(sin(PI * x))) - lnGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * log(2 * PI) + (x + 0.5) * log(t) - t + log(a);
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) (series / Lentz continued fraction). */
export function gammaQ(a: number, x: number, lnGammaA = lnGamma(a)): number {
  if (x <= 0) return 1;
  const lnPre = a * log(x) - x - lnGammaA;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (abs(term) < abs(sum) * 1e-14) break;
    }
    return min(1, max(0, 1 - sum * exp(lnPre)));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (abs(delta - 1) < 1e-14) break;
  }
  return min(1, max(0, exp(lnPre) * h));
}

export function gammaDistribution(mean: number, variance: number): DemandDistribution {
  const k = (mean * mean) / max(variance, 1e-12); // shape
  const theta = max(variance, 1e-12) / mean; // scale
  // Q(k+1, x) = Q(k, x) + x^k e^-x / Γ(k+1); Q(k+2, x) likewise: one incomplete gamma per point.
  const lnGk = lnGamma(k);
  const lnGk1 = lnGk + log(k); // lnΓ(k+1), once per distribution
  const tails = (y: number) => {
    const x = y / theta;
    const q0 = gammaQ(k, x, lnGk);
    const t1 = exp(k * log(x) - x - lnGk1);
    const q1 = min(1, q0 + t1);
    const q2 = min(1, q1 + t1 * x / (k + 1));
    return [q0, q1, q2] as const;
  };
  const loss1 = (y: number) => {
    if (y <= 0) return mean - y;
    const [q0, q1] = tails(y);
    return max(0, mean * q1 - y * q0);
  };
  // ½E[((D − y)⁺)²] = ½[θ²k(k+1)Q(k+2) − 2yμQ(k+1) + y²Q(k)]
  const loss2 = (y: number) => {
    if (y <= 0) return 0.5 * (variance + (mean - y) * (mean - y));
    const [q0, q1, q2] = tails(y);
    return max(0, 0.5 * (theta * theta * k * (k + 1) * q2 - 2 * y * mean * q1 + y * y * q0));
  };
  // The average of loss1 over [lo, lo + w): (loss2(lo) − loss2(lo + w)) / w cancels badly far in a long
  // tail (y² terms of 10⁶ for a difference of 10⁻⁹); composite Simpson on loss1 keeps every weight
  // positive, so the average falls with lo exactly as loss1 does.
  const averageLoss = (lo: number, w: number) => {
    if (w <= 1e-12) return loss1(lo);
    if (lo + w <= 0) return max(0, (loss2(lo) - loss2(lo + w)) / w); // below zero loss1 is linear: exact
    const n = 2 * min(16, max(1, ceil(w / 2)));
    const h = w / n;
    let sum = loss1(lo) + loss1(lo + w);
    for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * loss1(lo + i * h);
    return max(0, sum * h / 3 / w);
  };
  return { kind: 'GAMMA', mean, variance, loss1, averageLoss };
}

// ---------------------------------------------------------------------------
// Negative binomial / Poisson (discrete units: intermittent and lumpy parts)
// ---------------------------------------------------------------------------

/**
 * The table stops once the survival P(D > y) is below this (relative to 1) and the loss below it relative to the mean.
 * 1e-10, not smaller: 1 − cdf after thousands of summed pmf terms carries rounding noise near 1e-13, so a 1e-13 stop
 * was often never met and the table ran on to NB_MAX_TABLE (≈100× the time on spread fits). At 1e-10 the fill rate
 * differs by < 4e-10 from the 1e-13 table and the carparts backtest is identical to the digit.
 */
const NB_TAIL_EPS = 1e-10;
/** Beyond this many entries (a tail too long to tabulate) the loss continues geometrically: L(y) = L(Y)·q^(y−Y). */
const NB_MAX_TABLE = 1 << 20;

/**
 * Negative binomial fitted by moments (variance > mean), Poisson when the
 * variance does not exceed the mean. It stands in for compound-Poisson demand:
 * a large zero mass with a long tail, which is what lumpy parts show.
 * loss1 over integers is tabulated by L(y+1) = L(y) − P(D > y) until the
 * survival is negligible (NB_TAIL_EPS) — however spread the distribution, so
 * the loss and with it the fill rate never bend at a cut-off. Past the table
 * the loss goes on geometrically with the NB's tail ratio q = 1 − p (exact in
 * the limit; the table only reaches NB_MAX_TABLE for q within ~1e-5 of 1).
 * A pmf(0) that underflows (mean in the thousands) uses the gamma with the same
 * moments instead.
 */
export function negativeBinomialDistribution(mean: number, variance: number): DemandDistribution {
  const poisson = variance <= mean * 1.0001;
  const r = poisson ? Infinity : (mean * mean) / (variance - mean);
  const p = poisson ? 1 : mean / variance; // success probability
  const q = poisson ? 0 : 1 - p;
  const lnPmf0 = poisson ? -mean : r * log(p);
  if (lnPmf0 < -700) return gammaDistribution(mean, max(variance, mean));
  const grow = (a: Float64Array, n: number) => { const b = new Float64Array(n); b.set(a); return b; };
  let loss = new Float64Array(64);
  let pmf = exp(lnPmf0);
  let cdf = pmf;
  loss[0] = mean;
  let y = 0;
  for (; ; y++) {
    const survival = max(0, 1 - cdf);
    if (y + 2 > loss.length) loss = grow(loss, loss.length * 2);
    loss[y + 1] = max(0, loss[y] - survival);
    // Past the mode (pmf falling) with a negligible tail: the table is complete.
    if (y > mean && survival < NB_TAIL_EPS && loss[y + 1] < NB_TAIL_EPS * max(1, mean)) { y++; break; }
    if (y + 1 >= NB_MAX_TABLE) { y++; break; }
    pmf = poisson ? pmf * mean / (y + 1) : pmf * ((y + r) / (y + 1)) * q;
    cdf = min(1, cdf + pmf);
  }
  const maxY = y; // loss[0..maxY] tabulated
  const tailRatio = poisson ? 0 : q; // L(y) = L(maxY)·ρ^(y − maxY) for y > maxY
  const lossAt = (yi: number) => (yi <= maxY ? loss[yi] : tailRatio > 0 ? loss[maxY] * tailRatio ** (yi - maxY) : 0);
  // Prefix sums of loss for the average over a range of integers.
  const prefix = new Float64Array(maxY + 2);
  for (let i = 0; i <= maxY; i++) prefix[i + 1] = prefix[i] + loss[i];
  /** Σ_{y=a}^{b} L(y) for maxY < a ≤ b: a geometric series. */
  const tailSum = (a: number, b: number) => {
    if (!(tailRatio > 0)) return 0;
    const first = lossAt(a);
    return tailRatio < 1 ? first * (1 - tailRatio ** (b - a + 1)) / (1 - tailRatio) : first * (b - a + 1);
  };
  const loss1 = (yv: number) => {
    const yi = ceil(yv - 1e-9);
    if (yi <= 0) return mean - yi;
    return lossAt(yi);
  };
  const sumLoss = (lo: number, hi: number) => { // Σ loss1(y) for integer y in [lo, hi]
    let total = 0;
    if (lo < 0) {
      const negHi = min(hi, -1);
      const n = negHi - lo + 1;
      total += n * mean - (lo + negHi) * n / 2;
      lo = 0;
    }
    if (hi < lo) return total;
    const b1 = min(hi, maxY);
    if (b1 >= lo) total += prefix[b1 + 1] - prefix[lo];
    const a2 = max(lo, maxY + 1);
    if (hi >= a2) total += tailSum(a2, hi);
    return total;
  };
  return {
    kind: poisson ? 'POISSON' : 'NEGATIVE_BINOMIAL', mean, variance: max(variance, mean), loss1,
    averageLoss: (lo, w) => {
      const l = ceil(lo - 1e-9);
      const n = max(1, round(w));
      return sumLoss(l, l + n - 1) / n;
    },
  };
}

/** No demand at all: nothing is ever short. */
export function zeroDistribution(): DemandDistribution {
  return { kind: 'NONE', mean: 0, variance: 0, loss1: (y) => max(0, -y), averageLoss: (lo, w) => (w <= 1e-12 ? max(0, -lo) : max(0, -(lo + (w - 1) / 2))) };
}

/** The distribution family the class calls for, fitted to mean and variance. */
export function fitDistribution(family: 'NORMAL' | 'GAMMA' | 'NEGATIVE_BINOMIAL', mean: number, variance: number): DemandDistribution {
  if (mean <= 1e-9) return zeroDistribution();
  const v = max(variance, 1e-9);
  switch (family) {
    case 'NORMAL': return normalDistribution(mean, v);
    case 'GAMMA': return gammaDistribution(mean, v);
    case 'NEGATIVE_BINOMIAL': return negativeBinomialDistribution(mean, v);
  }
}
