import { describe, expect, it } from 'vitest';
import { clock, date, duration, num, percent, plural, seconds } from '../../../src/ui/format.ts';

describe('one formatting module for every figure on screen', () => {
  it('never shows more than two decimals', () => {
    for (const x of [1408.6957, 90.3746, 56.087, 0.000123, 3.14159, -7.777777]) {
      const text = num(x);
      expect(text).not.toMatch(/\.\d{3,}/);
    }
    expect(num(1408.6957)).toBe('1,409');
    expect(num(56.087)).toBe('56.1');
    expect(num(3.14159)).toBe('3.14');
  });

  it('reads durations as h/min/s', () => {
    expect(duration(45)).toBe('45 s');
    expect(duration(750)).toBe('12 min 30 s');
    expect(duration(4 * 3600 + 52 * 60)).toBe('4 h 52 min');
    expect(duration(3 * 86400 + 4 * 3600)).toBe('3 d 4 h');
    expect(duration(-90)).toBe('−1 min 30 s');
    expect(duration(NaN)).toBe('–');
  });

  it('shares, seconds, plurals and dates', () => {
    expect(percent(0.903746)).toBe('90.4 %');
    expect(seconds(56.087)).toBe('56.1 s');
    expect(plural(1, 'card')).toBe('1 card');
    expect(plural(3, 'card')).toBe('3 cards');
    expect(plural(2, 'box', 'boxes')).toBe('2 boxes');
    expect(date(Date.UTC(2026, 11, 2, 12))).toMatch(/2 Dec 2026/);
    expect(clock(8.64e15 + 1)).toBe('–');
    expect(date(Infinity)).toBe('–');
  });
});
