import { describe, expect, it } from 'vitest';
import { andonLevel, blockedTimeByStage, ESCALATE_AFTER_MS, openAndons } from '../../../src/engine/andon.ts';
import type { LogEntry } from '../../../src/engine/events.ts';

const MIN = 60_000;
const t0 = Date.UTC(2026, 11, 2, 8, 0);
const ev = (type: string, at: number, extra: Partial<LogEntry> & Record<string, unknown> = {}): LogEntry => ({ type, at: t0 + at, who: 'op', ...extra });

describe('andon: a blocked card raises a call for help', () => {
  it('raise → acknowledge → resolve, each step read from the log', () => {
    const raised = [ev('block', 0, { cardId: 'c1', stageId: 's1', reason: 'No material' })];
    expect(openAndons(raised, t0 + MIN)).toMatchObject([{ cardId: 'c1', stageId: 's1', reason: 'No material', level: 'raised', openFor: MIN }]);
    const answered = [...raised, { ...ev('andon-acknowledged', 2 * MIN, { cardId: 'c1', stageId: 's1' }), by: 'Maintenance (Ana)' } as LogEntry];
    expect(openAndons(answered, t0 + 10 * MIN)[0]).toMatchObject({ level: 'acknowledged', acknowledged: { by: 'Maintenance (Ana)', at: t0 + 2 * MIN } });
    const resolved = [...answered, ev('unblock', 12 * MIN, { cardId: 'c1', stageId: 's1' })];
    expect(openAndons(resolved, t0 + 13 * MIN)).toEqual([]);
  });

  it('escalates when it waits unanswered past the limit, and lists escalated calls first', () => {
    expect(andonLevel(t0, undefined, t0 + ESCALATE_AFTER_MS - 1)).toBe('raised');
    expect(andonLevel(t0, undefined, t0 + ESCALATE_AFTER_MS)).toBe('escalated');
    expect(andonLevel(t0, t0 + 1, t0 + 99 * MIN)).toBe('acknowledged');
    const log = [
      ev('block', 0, { cardId: 'old', stageId: 's1', reason: 'Tool broken' }),
      ev('block', 8 * MIN, { cardId: 'new', stageId: 's2', reason: 'Quality hold' }),
    ];
    const list = openAndons(log, t0 + 9 * MIN);
    expect(list.map((a) => [a.cardId, a.level])).toEqual([
      ['old', 'escalated'],
      ['new', 'raised'],
    ]);
  });

  it('counts blocked time per stage, charging a moved blocked card to each stage it waited in', () => {
    const log = [
      ev('block', 0, { cardId: 'a', stageId: 's1', reason: 'x' }),
      ev('unblock', 30 * MIN, { cardId: 'a', stageId: 's1' }),
      ev('block', 10 * MIN, { cardId: 'b', stageId: 's1', reason: 'y' }),
      ev('move', 20 * MIN, { cardId: 'b', from: 's1', to: 's2' }),
    ];
    log.sort((x, y) => x.at - y.at);
    const byStage = blockedTimeByStage(log, t0 + 60 * MIN);
    expect(byStage).toEqual({ s1: 30 * MIN + 10 * MIN, s2: 40 * MIN });
  });
});
