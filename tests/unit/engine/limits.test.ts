// Proposed card limits per stage from kanban loops, re-sized only when demand or lead time drifts past the threshold.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KanbanLoop, Stage } from '../../../src/engine/model.ts';
import { proposeStageLimits } from '../../../src/engine/limits.ts';
import { cards, days, pieces, piecesPerDay } from '../../../src/engine/units.ts';

const loop: KanbanLoop = {
  id: 'weld', name: 'Weld', kind: 'production', partNumber: 'BR-1', demandShare: 1,
  processingDays: 0.5, waitingDays: 0.25, transportDays: 0.25, safetyFactor: 0.1, containerQuantity: pieces(20),
};
const parts = [{ partNumber: 'BR-1', demandPerDay: piecesPerDay(460) }];
const stage = (id: string, loopId?: string, cardLimit = 26): Stage => ({ id, streamId: 's', name: id, order: 0, cardLimit: cards(cardLimit), policy: 'hard', loopId });

describe('proposeStageLimits(stages, loops, measured, threshold)', () => {
  it('sizes a stage from its loop\'s plan: 460 × 1 day × 1.1 ÷ 20 = 25.3 → 26 cards', () => {
    const r = proposeStageLimits({ stages: [stage('w', 'weld', 20)], loops: [loop], parts, threshold: 0.2 });
    expect(r.ok && r.value[0]).toMatchObject({ proposedLimit: 26, currentLimit: 20, changed: true, driftExceeded: false });
  });

  it('keeps the plan when measured lead time drifts less than the threshold', () => {
    const r = proposeStageLimits({ stages: [stage('w', 'weld')], loops: [loop], parts, measuredLeadTimeDays: { weld: days(1.1) }, threshold: 0.2 });
    expect(r.ok && r.value[0]).toMatchObject({ proposedLimit: 26, changed: false, driftExceeded: false });
    expect(r.ok && r.value[0].leadTimeDrift).toBeCloseTo(0.1, 12);
  });

  it('re-sizes from the measured lead time when it drifts past the threshold, and says why', () => {
    const r = proposeStageLimits({ stages: [stage('w', 'weld')], loops: [loop], parts, measuredLeadTimeDays: { weld: days(1.5) }, threshold: 0.2 });
    expect(r.ok && r.value[0]).toMatchObject({ proposedLimit: 38, changed: true, driftExceeded: true }); // 460 × 1.5 × 1.1 ÷ 20 = 37.95
    expect(r.ok && r.value[0].reason).toMatch(/Drift beyond 20 %.*measured lead time 1\.5 vs planned 1 days \(50 %\)/);
  });

  it('re-sizes from current demand when demand drifts past the threshold', () => {
    const r = proposeStageLimits({ stages: [stage('w', 'weld')], loops: [loop], parts, currentDemandPerDay: { weld: piecesPerDay(600) }, threshold: 0.2 });
    expect(r.ok && r.value[0]).toMatchObject({ proposedLimit: 33, driftExceeded: true });
  });

  it('leaves stages without a loop, or with a missing loop, at their current limit and says so', () => {
    const r = proposeStageLimits({ stages: [stage('ship'), stage('x', 'nope', 7)], loops: [loop], parts, threshold: 0.2 });
    expect(r.ok && r.value.map((p) => [p.proposedLimit, p.changed])).toEqual([[26, false], [7, false]]);
    expect(r.ok && r.value[1].reason).toMatch(/"nope".*does not exist/);
  });

  it('reports a loop with container quantity 0 on its stage instead of failing the whole stream', () => {
    const r = proposeStageLimits({ stages: [stage('w', 'weld')], loops: [{ ...loop, containerQuantity: pieces(0) }], parts, threshold: 0.2 });
    expect(r.ok && r.value[0].reason).toMatch(/Container quantity/);
    expect(r.ok && r.value[0].proposedLimit).toBe(26);
  });

  it('refuses a negative threshold', () => {
    expect(proposeStageLimits({ stages: [], loops: [], parts: [], threshold: -1 }).ok).toBe(false);
  });

  it('never proposes fewer cards when measured lead time grows past the threshold', () => {
    fc.assert(fc.property(fc.double({ min: 0.05, max: 20, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), (l, g) => {
      const at = (x: number) => {
        const r = proposeStageLimits({ stages: [stage('w', 'weld')], loops: [loop], parts, measuredLeadTimeDays: { weld: days(x) }, threshold: 0 });
        return r.ok ? r.value[0].proposedLimit : NaN;
      };
      return at(l + g) >= at(l);
    }));
  });
});
