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
  const pre = new Float64Array(len + 1);
  for (let i = 0; i < len; i++) pre[i + 1] = pre[i]! + desc[i]!;
  // count of items > x in a descending array
  const countAbove = (x: number) => {
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (desc[mid]! > x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const countAtLeast = (x: number) => countAbove(x - 1e-9);
  const nBig = countAbove(c / 2);
  let best = Math.ceil(pre[len]! / c - 1e-9);
  let prevK = -1;
  for (let i = len - 1; i >= nBig - 1 && i >= -1; i--) {
    const K = i >= nBig ? desc[i]! : 0;
    if (K === prevK) continue;
    prevK = K;
    const n1 = countAbove(c - K);
    const n3end = K === 0 ? len : countAtLeast(K);
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

/** The strongest of the precedence-free station bounds for a set of task times and a cycle time. */
export function stationLowerBound(times: ArrayLike<number>, c: number): number {
  let sum = 0;
  for (let i = 0; i < times.length; i++) sum += times[i]!;
  const desc = Array.from(times).sort((a, b) => b - a);
  return Math.max(lb1(sum, c), lb2(times, c), lb3(times, c), martelloTothL2(desc, desc.length, c));
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
