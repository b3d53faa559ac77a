// Lower bounds on the number of stations (SALBP-1) and on the cycle time (SALBP-2).

/** LB1 = ⌈Σt / c⌉ (Baybars 1986). */
export const lb1 = (sum: number, c: number): number => Math.ceil(sum / c - 1e-9);

/** LB2: tasks longer than c/2 need a station each, tasks of exactly c/2 pair up (Johnson 1988). */
export function lb2(times: ArrayLike<number>, c: number): number {
  let halves = 0;
  for (let i = 0; i < times.length; i++) halves += weight2(times[i]!, c);
  return Math.ceil(halves / 2);
}
export const weight2 = (t: number, c: number): number => (2 * t > c ? 2 : 2 * t === c ? 1 : 0);

/** LB3: weights by thirds, 1 (> 2c/3), 2/3 (= 2c/3), 1/2 (between), 1/3 (= c/3); no station holds more than 1 (Scholl 1999). */
export function lb3(times: ArrayLike<number>, c: number): number {
  let sixths = 0;
  for (let i = 0; i < times.length; i++) sixths += weight3(times[i]!, c);
  return Math.ceil(sixths / 6);
}
export function weight3(t: number, c: number): number {
  const t3 = 3 * t;
  if (t3 > 2 * c) return 6;
  if (t3 === 2 * c) return 4;
  if (t3 > c) return 3;
  if (t3 === c) return 2;
  return 0;
}

/**
 * Martello & Toth's bin-packing bound L2 (1990) for items sorted in descending order: for each threshold K ≤ c/2,
 * items above c − K need a bin each, items above c/2 too, and items in [K, c/2] can only use the room the latter leave.
 */
export function martelloTothL2(desc: ArrayLike<number>, len: number, c: number): number {
  if (len === 0) return 0;
  if (preScratch.length < len + 1) preScratch = new Float64Array(2 * (len + 1));
  // prefix sums in a buffer kept between calls: the exact bin packing calls this for every multiset it meets
  const pre = preScratch;
  pre[0] = 0;
  for (let i = 0; i < len; i++) pre[i + 1] = pre[i]! + desc[i]!;
  const nBig = countAbove(desc, len, c / 2);
  let best = Math.ceil(pre[len]! / c - 1e-9);
  let prevK = -1;
  for (let i = len - 1; i >= nBig - 1 && i >= -1; i--) {
    const K = i >= nBig ? desc[i]! : 0;
    if (K === prevK) continue;
    prevK = K;
    const n1 = countAbove(desc, len, c - K);
    const n3end = K === 0 ? len : countAbove(desc, len, K - 1e-9);
    const n2 = nBig - n1;
    const sum2 = pre[nBig]! - pre[n1]!;
    const sum3 = pre[n3end]! - pre[nBig]!;
    const extra = Math.max(0, Math.ceil((sum3 - (n2 * c - sum2)) / c - 1e-9));
    const v = n1 + n2 + extra;
    if (v > best) best = v;
    if (K === 0) break;
  }
  return best;
}

let preScratch = new Float64Array(64);

/** How many items of `desc[0..len)` (descending) are above x. */
function countAbove(desc: ArrayLike<number>, len: number, x: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (desc[mid]! > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest k of the Fekete-Schepers functions u^(k) tried by `dffBound`. */
const DFF_K = 10;

/**
 * Bin-packing bound from dual feasible functions (Fekete & Schepers 2001): for every λ ≤ c/2, Martello-Toth's
 * f_λ (times above c − λ become c, times below λ become 0) followed by u^(k) (t ↦ t when (k+1)t/c is integral,
 * else ⌊(k+1)t/c⌋·c/k), k = 1..DFF_K; any composition of dual feasible functions maps the tasks of one station to
 * at most c in total, so ⌈Σ f(t) / c⌉ bounds the stations. Items `desc[0..len)` in descending order, integers.
 */
export function dffBound(desc: ArrayLike<number>, len: number, c: number): number {
  let best = 0;
  forEachDff(desc, len, c, (_lam, _k, v) => {
    if (v > best) best = v;
  });
  return Math.ceil(best - 1e-9);
}

/** k·u^(k)(f_λ(x)), an integer; the station capacity is k·c in these units. */
const dffWeight = (x0: number, c: number, lam: number, k: number): number => {
  const x = x0 > c - lam ? c : x0 < lam ? 0 : x0;
  const y = (k + 1) * x;
  return y % c === 0 ? x * k : Math.floor(y / c) * c;
};

/** Calls `f(λ, k, Σ f(t) / c)` for every dual feasible function `dffBound` tries. */
function forEachDff(desc: ArrayLike<number>, len: number, c: number, f: (lam: number, k: number, v: number) => void): void {
  if (len === 0) return;
  // distinct values (descending) with their counts
  const val: number[] = [];
  const cnt: number[] = [];
  for (let i = 0; i < len; i++) {
    const x = desc[i]!;
    if (val.length > 0 && val[val.length - 1] === x) cnt[cnt.length - 1]!++;
    else {
      val.push(x);
      cnt.push(1);
    }
  }
  const d = val.length;
  // λ only needs the values where f_λ changes: λ = 1, λ = x + 1 (x starts being dropped), λ = c − x + 1 (x becomes c)
  const lams = new Set<number>([1]);
  const half = Math.floor(c / 2);
  for (const x of val) {
    if (x + 1 <= half) lams.add(x + 1);
    if (c - x + 1 <= half) lams.add(c - x + 1);
  }
  for (const lam of lams) {
    for (let k = 1; k <= DFF_K; k++) {
      let s = 0; // Σ k·u^(k)(f_λ(t))
      for (let q = 0; q < d; q++) s += cnt[q]! * dffWeight(val[q]!, c, lam, k);
      f(lam, k, s / (k * c));
    }
  }
}

/**
 * The `count` dual feasible functions of `dffBound` that give the most on the whole task set, as integer weights
 * per task (`weights[f][j]`) with the station capacity `cap[f]` in the same units, for searches that re-evaluate
 * them on every state cheaply (evaluating them all per state costs too much on large graphs). Empty for
 * non-integer data.
 */
export function dffSelection(times: ArrayLike<number>, c: number, count: number): { weights: Int32Array[]; cap: number[] } {
  const all = Array.from(times);
  if (!Number.isInteger(c) || !all.every(Number.isInteger)) return { weights: [], cap: [] };
  const desc = [...all].sort((a, b) => b - a);
  const cands: { lam: number; k: number; v: number }[] = [];
  forEachDff(desc, desc.length, c, (lam, k, v) => cands.push({ lam, k, v }));
  cands.sort((a, b) => b.v - a.v || a.k - b.k);
  const pick = cands.slice(0, count);
  return {
    weights: pick.map(({ lam, k }) => Int32Array.from(all, (x) => dffWeight(x, c, lam, k))),
    cap: pick.map(({ k }) => k * c),
  };
}

/** The strongest of the precedence-free station bounds for a set of task times and a cycle time. */
export function stationLowerBound(times: ArrayLike<number>, c: number): number {
  let sum = 0;
  for (let i = 0; i < times.length; i++) sum += times[i]!;
  const desc = Array.from(times).sort((a, b) => b - a);
  const b = Math.max(lb1(sum, c), lb2(times, c), lb3(times, c), martelloTothL2(desc, desc.length, c));
  // the dual feasible functions need integer times (the solvers scale to integers)
  return Number.isInteger(c) && desc.every(Number.isInteger) ? Math.max(b, dffBound(desc, desc.length, c)) : b;
}

/**
 * SALBP-2 cycle bounds for m stations: c ≥ max t, c ≥ ⌈Σt/m⌉, and for every k with km+1 ≤ n, some station holds
 * k+1 of the km+1 longest tasks, so c ≥ the sum of the k+1 shortest among them (Scholl 1999, bound LC2 family).
 */
export function cycleLowerBound(times: ArrayLike<number>, m: number): number {
  const desc = Array.from(times).sort((a, b) => b - a);
  let sum = 0;
  for (const t of desc) sum += t;
  let best = Math.max(desc[0] ?? 0, Math.ceil(sum / m - 1e-9));
  for (let k = 1; k * m + 1 <= desc.length; k++) {
    let s = 0;
    for (let i = k * m - k; i <= k * m; i++) s += desc[i]!;
    if (s > best) best = s;
  }
  return best;
}
