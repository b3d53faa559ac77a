// Safety stock from a service level and EPEI from changeovers and spare capacity.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safetyStock } from '../../../src/engine/safety-stock.ts';
import { epei, type EpeiPart } from '../../../src/engine/epei.ts';
import { days, piecesPerDay, seconds } from '../../../src/engine/units.ts';

describe('safetyStock(service level, σ_D, L)', () => {
  it('is z·σ_D·√L: 90 %, σ = 5 a day, 2 days → 1.2816 × 5 × √2 = 9.06 (Heizer & Render, Operations Management, reorder-point example; the book rounds z to 1.28 and gets 9.02)', () => {
    const r = safetyStock({ serviceLevel: 0.9, demandStdDevPerDay: piecesPerDay(5), leadTimeDays: days(2) });
    expect(r.ok && r.value.z).toBeCloseTo(1.2815515655446004, 14);
    expect(r.ok && r.value.exact).toBeCloseTo(1.2815515655446004 * 5 * Math.SQRT2, 12);
    expect(r.ok && r.value.pieces).toBe(10);
    expect(r.ok && r.value.basis.explanation).toContain('90 % service level');
  });

  it('with a constant lead time (σ_L = 0) equals the simple formula', () => {
    const simple = safetyStock({ serviceLevel: 0.95, demandStdDevPerDay: piecesPerDay(12), leadTimeDays: days(3) });
    const full = safetyStock({ serviceLevel: 0.95, demandStdDevPerDay: piecesPerDay(12), leadTimeDays: days(3), demandPerDay: piecesPerDay(100), leadTimeStdDevDays: days(0) });
    expect(full.ok && full.value.exact).toBeCloseTo(simple.ok ? simple.value.exact : NaN, 10);
  });

  it('grows with the service level', () => {
    fc.assert(fc.property(fc.double({ min: 0.5, max: 0.9999, noNaN: true }), fc.double({ min: 0.5, max: 0.9999, noNaN: true }), (a, b) => {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const s = (p: number) => {
        const r = safetyStock({ serviceLevel: p, demandStdDevPerDay: piecesPerDay(10), leadTimeDays: days(2) });
        return r.ok ? r.value.exact : NaN;
      };
      return s(lo) <= s(hi);
    }));
  });

  it('refuses a service level typed as a percentage', () => {
    const r = safetyStock({ serviceLevel: 95, demandStdDevPerDay: piecesPerDay(5), leadTimeDays: days(2) });
    expect(!r.ok && r.error).toMatch(/Service level.*0\.95/);
  });
});

describe('epei(available, parts)', () => {
  // Constructed example (formula from Smalley, "Creating Level Pull", 2004): one Acme shift of 27,600 s runs
  // A (300/day at 40 s) and B (200/day at 30 s) = 18,000 s, leaving 9,600 s for two 20-minute changeovers.
  const parts: EpeiPart[] = [
    { partNumber: 'A', demandPerDay: piecesPerDay(300), cycleTime: seconds(40), changeoverTime: seconds(1_200) },
    { partNumber: 'B', demandPerDay: piecesPerDay(200), cycleTime: seconds(30), changeoverTime: seconds(1_200) },
  ];

  it('is 2,400 s of changeovers ÷ 9,600 s spare = every part every 0.25 day, with lots of 75 and 50', () => {
    const r = epei(seconds(27_600), parts);
    expect(r.ok && r.value.days).toBe(0.25);
    expect(r.ok && r.value.lots).toEqual([{ partNumber: 'A', pieces: 75 }, { partNumber: 'B', pieces: 50 }]);
  });

  it('leaves each interval exactly filled: runs of one interval plus the changeovers equal available × EPEI', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 7_200 }), (d, ct, co) => {
      const available = 30_000;
      if (d * ct >= available) return epei(seconds(available), [{ partNumber: 'X', demandPerDay: piecesPerDay(d), cycleTime: seconds(ct), changeoverTime: seconds(co) }]).ok === false;
      const r = epei(seconds(available), [{ partNumber: 'X', demandPerDay: piecesPerDay(d), cycleTime: seconds(ct), changeoverTime: seconds(co) }]);
      return r.ok && Math.abs(r.value.days * d * ct + co - available * r.value.days) <= 1e-6 * available;
    }));
  });

  it('refuses a machine with no time left for changeovers', () => {
    const r = epei(seconds(10_000), parts);
    expect(!r.ok && r.error).toMatch(/no time left for changeovers/);
  });
});
