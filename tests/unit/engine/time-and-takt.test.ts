// Shift calendar, takt, pitch and operators needed, checked against Rother & Shook's Acme Stamping example.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Shift, ShiftCalendar } from '../../../src/engine/model.ts';
import { availableTime } from '../../../src/engine/calendar.ts';
import { operatorsNeeded, pitch, roundUpWhole, takt, taktFromCalendar } from '../../../src/engine/takt.ts';
import { pieces, piecesPerDay, seconds } from '../../../src/engine/units.ts';

// Rother & Shook, "Learning to See" (LEI, 1999), Acme Stamping: two 8-hour shifts, two 10-minute breaks each,
// 27,600 s available per shift; 18,400 steering brackets a month over 20 days = 920 a day, 460 per shift.
const acmeShift = (name: string, start: number): Shift => ({
  name,
  startMinute: start,
  endMinute: start + 480,
  breaks: [{ name: 'morning', minutes: 10 }, { name: 'afternoon', minutes: 10 }],
  plannedDowntimeMinutes: 0,
});
const acme: ShiftCalendar = { shifts: [acmeShift('first', 360), acmeShift('second', 840)], workingDaysPerWeek: 5 };

describe('availableTime(calendar)', () => {
  it('gives 27,600 s per Acme shift and 55,200 s per two-shift day (Learning to See)', () => {
    const r = availableTime(acme);
    expect(r.ok && r.value.perShift.map((s) => s.net)).toEqual([27_600, 27_600]);
    expect(r.ok && r.value.perDay).toBe(55_200);
    expect(r.ok && r.value.perWeek).toBe(276_000);
  });

  it('counts a night shift that runs past midnight by its real length', () => {
    const night: Shift = { name: 'night', startMinute: 22 * 60, endMinute: 6 * 60, breaks: [{ name: 'meal', minutes: 30 }], plannedDowntimeMinutes: 15 };
    const r = availableTime({ shifts: [night], workingDaysPerWeek: 5 });
    expect(r.ok && r.value.perDay).toBe((480 - 30 - 15) * 60);
  });

  it('refuses breaks that are as long as the shift, naming the shift', () => {
    const r = availableTime({ shifts: [{ ...acmeShift('first', 360), breaks: [{ name: 'long', minutes: 480 }] }], workingDaysPerWeek: 5 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/Shift "first".*breaks/);
  });

  it('refuses a calendar without shifts, without working days, or with shifts longer than a day', () => {
    expect(availableTime({ shifts: [], workingDaysPerWeek: 5 }).ok).toBe(false);
    expect(availableTime({ ...acme, workingDaysPerWeek: 0 }).ok).toBe(false);
    const three = [acmeShift('a', 0), acmeShift('b', 480), acmeShift('c', 960), acmeShift('d', 0)];
    expect(availableTime({ shifts: three, workingDaysPerWeek: 5 }).ok).toBe(false);
  });
});

describe('takt(available, demand)', () => {
  it('is 60 s for 27,600 s and 460 pieces (Learning to See)', () => {
    const r = takt(seconds(27_600), piecesPerDay(460));
    expect(r.ok && r.value.takt).toBe(60);
    expect(r.ok && r.value.basis.explanation).toContain('takt of 60 s');
  });

  it('from the Acme calendar and 920 pieces a day is also 60 s', () => {
    const r = taktFromCalendar(acme, piecesPerDay(920));
    expect(r.ok && r.value.takt).toBe(60);
  });

  it('refuses zero, negative and missing demand with a message instead of Infinity', () => {
    for (const d of [0, -5, Number.NaN]) {
      const r = takt(seconds(27_600), piecesPerDay(d));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/demand/i);
    }
  });

  it('times demand gives back the available time', () => {
    fc.assert(fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 1e5, noNaN: true }), (a, d) => {
      const r = takt(seconds(a), piecesPerDay(d));
      return r.ok && Math.abs(r.value.takt * d - a) <= 1e-9 * a;
    }));
  });
});

describe('pitch(takt, pack-out)', () => {
  it('is 20 minutes for a 60 s takt and trays of 20 brackets (Learning to See)', () => {
    const r = pitch(seconds(60), pieces(20));
    expect(r.ok && r.value.pitch).toBe(1_200);
  });

  it('refuses a pack-out of 0', () => {
    expect(pitch(seconds(60), pieces(0)).ok).toBe(false);
  });
});

describe('operatorsNeeded(work content, takt)', () => {
  it('rounds 168 s of weld and assembly work at a 60 s takt (2.8) up to 3 operators (Learning to See)', () => {
    const r = operatorsNeeded(seconds(168), seconds(60));
    expect(r.ok && r.value.exact).toBeCloseTo(2.8, 12);
    expect(r.ok && r.value.operators).toBe(3);
  });

  it('adds up element times given as a list', () => {
    const r = operatorsNeeded([seconds(46), seconds(62), seconds(40), seconds(20)], seconds(60));
    expect(r.ok && r.value.workContent).toBe(168);
  });

  it('gives just enough operators: m·takt covers the work and m − 1 would not', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 1_000 }), (w, t) => {
      const r = operatorsNeeded(seconds(w), seconds(t));
      return r.ok && r.value.operators * t >= w && (r.value.operators - 1) * t < w;
    }));
  });

  it('refuses an empty work content', () => {
    expect(operatorsNeeded([], seconds(60)).ok).toBe(false);
  });
});

describe('roundUpWhole(x)', () => {
  it('treats floating-point residue above a whole number as that whole number', () => {
    expect((100 * 1.1) / 10).toBeGreaterThan(11);
    expect(roundUpWhole((100 * 1.1) / 10)).toBe(11);
    expect(roundUpWhole(11.001)).toBe(12);
  });
});
