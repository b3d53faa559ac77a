// The precedence-free station bounds never exceed the optimal bin packing (checked exhaustively on small sets).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { dffBound, dffSelection, martelloTothL2, stationLowerBound } from '../../../src/engine/balance/bounds.ts';

/** Fewest bins of capacity c holding all items (exhaustive; items sorted descending). */
function binPacking(items: number[], c: number): number {
  const desc = [...items].sort((a, b) => b - a);
  let best = desc.length;
  const loads: number[] = [];
  const go = (i: number) => {
    if (loads.length >= best) return;
    if (i === desc.length) {
      best = loads.length;
      return;
    }
    const seen = new Set<number>();
    for (let b = 0; b < loads.length; b++) {
      if (loads[b]! + desc[i]! > c || seen.has(loads[b]!)) continue;
      seen.add(loads[b]!);
      loads[b]! += desc[i]!;
      go(i + 1);
      loads[b]! -= desc[i]!;
    }
    loads.push(desc[i]!);
    go(i + 1);
    loads.pop();
  };
  go(0);
  return best;
}

describe('station bounds', () => {
  it('are valid bin-packing bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }).chain((c) =>
          fc.record({ c: fc.constant(c), items: fc.array(fc.integer({ min: 1, max: c }), { minLength: 0, maxLength: 10 }) }),
        ),
        ({ c, items }) => {
          const opt = binPacking(items, c);
          const desc = [...items].sort((a, b) => b - a);
          expect(dffBound(desc, desc.length, c)).toBeLessThanOrEqual(opt);
          expect(martelloTothL2(desc, desc.length, c)).toBeLessThanOrEqual(opt);
          expect(stationLowerBound(items, c)).toBeLessThanOrEqual(opt);
          const sel = dffSelection(items, c, 4);
          sel.weights.forEach((w, f) => {
            // on any subset too: the searches evaluate them on the tasks left
            const half = w.filter((_, i) => i % 2 === 0);
            expect(Math.ceil(w.reduce((a, b) => a + b, 0) / sel.cap[f]! - 1e-9)).toBeLessThanOrEqual(opt);
            expect(Math.ceil(half.reduce((a, b) => a + b, 0) / sel.cap[f]! - 1e-9)).toBeLessThanOrEqual(binPacking(items.filter((_, i) => i % 2 === 0), c));
          });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('the dual feasible functions are stronger on WEE-MAG at c = 50 (times after task-time incrementing)', () => {
    const hist: [number, number][] = [[2, 1], [3, 1], [4, 2], [5, 2], [6, 3], [8, 1], [10, 1], [11, 2], [13, 1], [15, 1], [20, 1], [21, 9], [22, 19], [23, 8], [24, 6], [25, 9], [26, 6], [27, 2]];
    const desc = hist.flatMap(([t, k]) => Array<number>(k).fill(t)).sort((a, b) => b - a);
    const c = 50;
    const sum = desc.reduce((a, b) => a + b, 0);
    expect(Math.max(Math.ceil(sum / c), martelloTothL2(desc, desc.length, c))).toBe(30);
    expect(dffBound(desc, desc.length, c)).toBe(32); // the optimum (32 stations) is proven at the root
    expect(stationLowerBound(desc, c)).toBe(32);
  });
});
