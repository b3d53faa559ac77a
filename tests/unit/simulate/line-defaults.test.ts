// The Simulate view's default model is the stream's own line: its stages, card limits, pace, parts and measured times.
import { describe, expect, it } from 'vitest';
import { lineModelDefaults, MIN_MEASURED } from '../../../src/engine/api/simulate-api.ts';
import { simulateLine } from '../../../src/engine/simulate/replicate.ts';
import type { LogEntry } from '../../../src/engine/events.ts';
import { pieces, piecesPerDay } from '../../../src/engine/units.ts';

const calendar = { workingDaysPerWeek: 5, shifts: [{ name: 'Day', startMinute: 6 * 60, endMinute: 14 * 60, breaks: [], plannedDowntimeMinutes: 0 }] };
const stages = [{ id: 'cut', name: 'Cut', cardLimit: 3 }, { id: 'weld', name: 'Weld', cardLimit: 2 }];
const parts = [{ partNumber: 'A-1', demandPerDay: piecesPerDay(300), containerQuantity: pieces(10) }, { partNumber: 'B-2', demandPerDay: piecesPerDay(100), containerQuantity: pieces(10) }];

/** Cards that spend 100 s in Cut and 200 s in Weld, then leave: the log's measured times in each stage. */
function log(cardsCount: number): LogEntry[] {
  const events: LogEntry[] = [];
  let id = 0;
  for (let c = 0; c < cardsCount; c++) {
    const t = c * 1_000_000;
    events.push({ id: ++id, streamId: 's', cardId: `c${c}`, type: 'create', at: t, who: 't', to: 'cut', stageId: 'cut' } as LogEntry);
    events.push({ id: ++id, streamId: 's', cardId: `c${c}`, type: 'move', at: t + 100_000, who: 't', from: 'cut', to: 'weld' } as LogEntry);
    events.push({ id: ++id, streamId: 's', cardId: `c${c}`, type: 'move', at: t + 300_000, who: 't', from: 'weld', to: 'done' } as LogEntry);
  }
  return events;
}

describe('lineModelDefaults', () => {
  it('resamples each stage from its measured times once the log has enough visits, and runs', () => {
    const r = lineModelDefaults({ calendar, parts, stages, events: log(MIN_MEASURED + 5), now: 1e12 });
    if (!r.ok) throw new Error(r.error);
    const [cut, weld] = r.value.model.stages;
    expect(cut.time).toMatchObject({ dist: 'empirical' });
    expect(cut.time.dist === 'empirical' && cut.time.samples.every((x) => x === 100)).toBe(true);
    expect(weld.time.dist === 'empirical' && weld.time.samples.every((x) => x === 200)).toBe(true);
    expect(r.value.model.stages.map((s) => s.cards)).toEqual([3, 2]);
    expect(r.value.model.control).toEqual({ mode: 'kanban' });
    // Takt 28,800 s ÷ 400 = 72 s; × 10 pieces per container = one order every 720 s.
    expect(r.value.model.demand).toMatchObject({ mode: 'takt', interval: 720 });
    expect(r.value.model.parts).toEqual([{ name: 'A-1', share: 300 }, { name: 'B-2', share: 100 }]);
    expect(simulateLine({ ...r.value.model, hours: 50, warmupHours: 5, replications: 2, fillRateTarget: undefined }).ok).toBe(true);
  });

  it('keeps the lognormal starting value for a stage with too few measured visits', () => {
    const r = lineModelDefaults({ calendar, parts, stages, events: log(3), now: 1e12 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.model.stages[0].time).toMatchObject({ dist: 'lognormal', cv: 0.5 });
    expect(r.value.explanation).toContain('0 of 2 stages use their measured times');
  });

  it('refuses a stream without demand with a message', () => {
    const r = lineModelDefaults({ calendar, parts: [], stages, events: [], now: 0 });
    expect(r.ok).toBe(false);
  });
});
