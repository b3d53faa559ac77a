// Standard normal distribution: the inverse Φ⁻¹ (service level → z) and Φ itself, both to near machine precision.
import { err, ok, type Result } from './result.ts';

// Coefficients of Wichura, "Algorithm AS 241: The Percentage Points of the Normal Distribution",
// Applied Statistics 37(3), 477–484 (1988), routine PPND16 (about 1e-16 relative accuracy).
const A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
  21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
  0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.014875361290850614852,
  7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

const horner = (c: readonly number[], x: number) => {
  let v = c[7];
  for (let i = 6; i >= 0; i--) v = v * x + c[i];
  return v;
};

/** Φ⁻¹(p) for 0 < p < 1 without checks (AS 241 PPND16); use inverseNormal for user input. */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(A, r)) / horner(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = horner(C, r) / horner(D, r);
  } else {
    r -= 5;
    z = horner(E, r) / horner(F, r);
  }
  return q < 0 ? -z : z;
}

/** Φ⁻¹(p): the z for a service level p, as a Result so that p = 0, p = 1 or a percentage typed as 95 is caught. */
export function inverseNormal(p: number): Result<number> {
  if (!Number.isFinite(p) || p <= 0 || p >= 1) {
    return err(`A probability (service level) must be strictly between 0 and 1, such as 0.95 for 95 %; got ${p}.`);
  }
  return ok(normalQuantile(p));
}

const INV_SQRT_2PI = 0.3989422804014327;

/** Upper tail Q(a) = 1 − Φ(a) for a > 2 from the Laplace continued fraction of Mills' ratio, evaluated bottom-up. */
function upperTail(a: number): number {
  let t = a;
  for (let k = 200; k >= 1; k--) t = a + k / t;
  return (INV_SQRT_2PI * Math.exp(-0.5 * a * a)) / t;
}

/**
 * Φ(x). For |x| ≤ 2 the Taylor series Φ(x) = ½ + φ(x)(x + x³/3 + x⁵/(3·5) + …) (Marsaglia, "Evaluating the Normal
 * Distribution", J. Stat. Software 11(4), 2004); beyond, the continued fraction, so the tails keep relative precision.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x < -38.5) return 0;
  if (x > 8.5) return 1;
  if (x > 2) return 1 - upperTail(x);
  if (x < -2) return upperTail(-x);
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= x2 / (2 * n + 1);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + INV_SQRT_2PI * Math.exp(-0.5 * x2) * sum;
}
