// Kanban count and supermarket sizing, with textbook examples and the properties a planner relies on.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kanbanCount, loopKanbanCount, supermarketSize, type KanbanInput } from '../../../src/engine/kanban.ts';
import type { SizedLoop } from '../../../src/engine/loop-demand.ts';
import { days, pieces, piecesPerDay } from '../../../src/engine/units.ts';

const input = (d: number, l: number, a: number, c: number): KanbanInput => ({
  demandPerDay: piecesPerDay(d), leadTimeDays: days(l), safetyFactor: a, containerQuantity: pieces(c),
});

describe('kanbanCount(D, L, α, C)', () => {
  it('rounds up to whole cards: 300/day × 0.12 day × 1.2 ÷ 25 = 1.728 → 2 (Stevenson, Operations Management, ch. 14 example)', () => {
    const r = kanbanCount(input(300, 0.12, 0.2, 25));
    expect(r.ok && r.value.exact).toBeCloseTo(1.728, 12);
    expect(r.ok && r.value.cards).toBe(2);
  });

  it('gives 5 kanbans for 500/day, 2 days lead time, half a day of safety stock, containers of 250 (Heizer & Render, Operations Management, JIT chapter)', () => {
    // Heizer & Render write (D·L + safety stock) ÷ C; half a day of safety stock is α = 250 ÷ (500 × 2) = 0.25.
    const r = kanbanCount(input(500, 2, 0.25, 250));
    expect(r.ok && r.value.cards).toBe(5);
  });

  it('does not add a card for floating-point residue: 100/day × 1 day × 1.1 ÷ 10 is exactly 11', () => {
    const r = kanbanCount(input(100, 1, 0.1, 10));
    expect(r.ok && r.value.cards).toBe(11);
  });

  it('carries its basis: the formula, every input and a sentence with the result', () => {
    const r = kanbanCount(input(460, 1, 0.1, 20));
    expect(r.ok && r.value.basis.formula).toBe('N = ⌈D·L·(1+α)/C⌉');
    expect(r.ok && r.value.basis.inputs).toEqual({ demandPerDay: 460, leadTimeDays: 1, safetyFactor: 0.1, containerQuantity: 20 });
    expect(r.ok && r.value.basis.explanation).toContain('rounded up to 26 cards');
  });

  it.each([
    ['container quantity 0', input(100, 1, 0.1, 0), /Container quantity/],
    ['zero demand', input(0, 1, 0.1, 10), /Demand/],
    ['negative demand', input(-3, 1, 0.1, 10), /Demand/],
    ['zero lead time', input(100, 0, 0.1, 10), /lead time/],
    ['negative safety factor', input(100, 1, -0.5, 10), /Safety factor/],
  ])('refuses %s with an error a person can act on', (_, bad, message) => {
    const r = kanbanCount(bad);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });

  const d = fc.double({ min: 0.1, max: 1e5, noNaN: true });
  const l = fc.double({ min: 0.01, max: 60, noNaN: true });
  const a = fc.double({ min: 0, max: 2, noNaN: true });
  const c = fc.integer({ min: 1, max: 10_000 });
  const grow = fc.double({ min: 0, max: 10, noNaN: true });
  const n = (x: KanbanInput) => {
    const r = kanbanCount(x);
    if (!r.ok) throw new Error(r.error);
    return r.value.cards;
  };

  it('never decreases when demand, lead time or safety factor grows', () => {
    fc.assert(fc.property(d, l, a, c, grow, (D, L, A, C, g) =>
      n(input(D + g, L, A, C)) >= n(input(D, L, A, C)) &&
      n(input(D, L + g, A, C)) >= n(input(D, L, A, C)) &&
      n(input(D, L, A + g, C)) >= n(input(D, L, A, C))));
  });

  it('never increases when containers get bigger', () => {
    fc.assert(fc.property(d, l, a, c, fc.integer({ min: 0, max: 100 }), (D, L, A, C, g) => n(input(D, L, A, C + g)) <= n(input(D, L, A, C))));
  });

  it('covers D·L·(1+α) with its cards, and one card fewer would not', () => {
    fc.assert(fc.property(d, l, a, c, (D, L, A, C) => {
      const cover = D * L * (1 + A);
      const N = n(input(D, L, A, C));
      return N * C >= cover * (1 - 1e-9) && (N - 1) * C < cover;
    }));
  });
});

describe('loopKanbanCount(loop)', () => {
  const loop: SizedLoop = {
    id: 'l1', name: 'Weld → Assembly', kind: 'withdrawal', partNumber: 'BR-1', demandShare: 1, demandPerDay: piecesPerDay(920),
    processingDays: 0.5, waitingDays: 0.3, transportDays: 0.2, safetyFactor: 0.1, containerQuantity: pieces(20),
  };

  it('uses L = processing + waiting + transport', () => {
    const r = loopKanbanCount(loop);
    expect(r.ok && r.value.basis.inputs.leadTimeDays).toBeCloseTo(1, 12);
    expect(r.ok && r.value.cards).toBe(51); // 920 × 1 × 1.1 ÷ 20 = 50.6
  });

  it('names the loop when its data is wrong', () => {
    const r = loopKanbanCount({ ...loop, containerQuantity: pieces(0) });
    expect(!r.ok && r.error).toMatch(/Loop "Weld → Assembly"/);
  });
});

describe('supermarketSize(...)', () => {
  it('adds cycle stock, buffer and safety stock and rounds up to whole containers', () => {
    const r = supermarketSize({
      demandPerDay: piecesPerDay(100), replenishmentDays: days(2), bufferPieces: pieces(50), safetyStockPieces: pieces(30), containerQuantity: pieces(20),
    });
    expect(r.ok && [r.value.cycleStock, r.value.total, r.value.containers]).toEqual([200, 280, 14]);
  });

  it('refuses a container quantity of 0', () => {
    const r = supermarketSize({
      demandPerDay: piecesPerDay(100), replenishmentDays: days(2), bufferPieces: pieces(0), safetyStockPieces: pieces(0), containerQuantity: pieces(0),
    });
    expect(r.ok).toBe(false);
  });
});
