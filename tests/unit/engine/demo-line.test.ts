// The demo line as shipped (static/demo-line.json, made by scripts/make-demo.ts): its log and its board must tell one story.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../../../src/engine/events.ts';
import type { KanbanCard, LoopRecord, PartRecord, Stage } from '../../../src/engine/model.ts';
import { emptySnapshot, replayLog } from '../../../src/engine/commands/index.ts';
import { flowMetrics } from '../../../src/engine/flow/index.ts';
import { streamLimitProposals } from '../../../src/engine/api/limits-api.ts';
import { shiftDemoTimes } from '../../../src/db/seed.ts';
import type { Backup } from '../../../src/db/backup.ts';

const demo = JSON.parse(readFileSync(new URL('../../../static/demo-line.json', import.meta.url), 'utf8')) as Backup;
const t = demo.tables as unknown as { stages: Stage[]; loops: LoopRecord[]; parts: PartRecord[]; cards: (KanbanCard & { boardStageId?: string })[]; events: BoardEvent[]; streams: { calendar: never }[] };
const plain = ({ boardStageId: _placed, ...card }: KanbanCard & { boardStageId?: string }) => card;

describe('the demo line', () => {
  it('the demo\'s log replays to the demo\'s board: every card, where it is, since when, blocked or not', () => {
    const start = emptySnapshot();
    for (const stage of t.stages) start.stages[stage.id] = stage;
    const replayed = replayLog(t.events, start);
    const expected = Object.fromEntries(t.cards.map((c) => [c.id, plain(c)]));
    expect(replayed.cards).toEqual(expected);
  });

  it('has no card in its log that is not a card of the demo (no "card-060" off the board), and the board count is Flow\'s WIP', () => {
    const logged = new Set(t.events.flatMap((e) => ('cardId' in e ? [e.cardId] : [])));
    expect([...logged].sort()).toEqual(t.cards.map((c) => c.id).sort());
    const onBoard = t.cards.filter((c) => !c.retired).length;
    const flow = flowMetrics(t.events, { stageIds: [...t.stages].sort((a, b) => a.order - b.order).map((s) => s.id), now: demo.exportedAt });
    if (!flow.ok) throw new Error(flow.error);
    expect(flow.value.aging.length).toBe(onBoard);
    expect(flow.value.wip.perDay[flow.value.wip.perDay.length - 1]).toBe(onBoard);
    expect(t.events.every((e) => e.at <= demo.exportedAt)).toBe(true);
  });

  it('proposes no drift re-proposal out of the box (no Machining 5 → 2, no Final assembly 6 → 2), whatever hour it is seeded at', () => {
    for (let hours = 0; hours < 7 * 24; hours += 5) {
      const seeded = shiftDemoTimes(demo, demo.exportedAt + hours * 3_600_000).tables as unknown as typeof t;
      const r = streamLimitProposals({ stages: seeded.stages, loops: seeded.loops, parts: seeded.parts, calendar: seeded.streams[0].calendar, events: seeded.events, now: demo.exportedAt, threshold: 0.25 });
      if (!r.ok) throw new Error(r.error);
      expect(r.value.measured.filter((p) => p.driftExceeded)).toEqual([]);
      expect(r.value.loops.every((l) => l.days !== null && l.trips >= 10)).toBe(true);
    }
  });
});
