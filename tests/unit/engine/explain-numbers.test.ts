// Numbers in the engine's explanation strings are for a person: at most two decimals (issue 17).
import { describe, expect, it } from 'vitest';
import { fmt } from '../../../src/engine/takt.ts';
import { kanbanCount } from '../../../src/engine/kanban.ts';

describe('fmt (numbers in explanations)', () => {
  it('keeps at most two decimals and drops trailing zeros', () => {
    expect(fmt(1408.6957)).toBe('1408.7');
    expect(fmt(90.3746)).toBe('90.37');
    expect(fmt(56.087)).toBe('56.09');
    expect(fmt(60)).toBe('60');
    expect(fmt(-3.14159)).toBe('-3.14');
  });

  it('says a tiny value is not zero rather than rounding it away', () => {
    expect(fmt(0.0001)).toBe('< 0.01');
    expect(fmt(-0.0001)).toBe('> -0.01');
    expect(fmt(0)).toBe('0');
  });
});

it('the kanban count explains itself with readable numbers', () => {
  const result = kanbanCount({ demandPerDay: 300 as never, leadTimeDays: 0.0539 as never, safetyFactor: 0.1, containerQuantity: 20 as never });
  expect(result.ok && result.value.basis.explanation).toBe('300 pieces/day × 0.05 days lead time × (1 + 0.1 safety) ÷ 20 pieces per container = 0.89, rounded up to 1 card.');
});
