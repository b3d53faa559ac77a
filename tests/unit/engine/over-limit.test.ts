// A stage over its limit: the board's sentence says why (from the newest logged limit or policy change) and what the
// stage takes; a limit or policy change logs the stage's count at the time.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { lastLimitChanges, overLimitNote } from '../../../src/engine/limits.ts';
import { asId } from '../../../src/engine/ids.ts';
import { applyCommand } from '../../../src/db/apply.ts';
import { demoDb } from '../db/helpers.ts';

describe('overLimitNote', () => {
  it('says nothing for a stage within its limit, at it, or exactly full', () => {
    expect(overLimitNote({ cardLimit: 3, policy: 'hard' }, 2)).toBeNull();
    expect(overLimitNote({ cardLimit: 3, policy: 'hard' }, 3)).toBeNull();
  });

  it('names a lowered limit, with the count logged, and what a hard or soft stage takes', () => {
    const change = { kind: 'limit', from: 5, to: 1, count: 3, who: 'a', at: 0 } as const;
    expect(overLimitNote({ cardLimit: 1, policy: 'hard' }, 3, change)).toBe(
      '3 / 1 — over its limit since the limit was lowered from 5 to 1 with 3 cards on it; takes no card until under 1',
    );
    expect(overLimitNote({ cardLimit: 1, policy: 'soft' }, 3, change)).toBe(
      '3 / 1 — over its limit since the limit was lowered from 5 to 1 with 3 cards on it; takes a card only with a reason until under 1',
    );
  });

  it('names a switch to hard while over', () => {
    expect(overLimitNote({ cardLimit: 2, policy: 'hard' }, 4, { kind: 'policy', policy: 'hard', count: 4, who: 'a', at: 0 })).toBe(
      '4 / 2 — over its limit since it was made a hard stage with 4 cards on it; takes no card until under 2',
    );
  });

  it('gives no cause the log does not support: a raised limit, a change that left it under, another limit since', () => {
    const plain = '3 / 2 — over its limit; takes no card until under 2';
    expect(overLimitNote({ cardLimit: 2, policy: 'hard' }, 3, { kind: 'limit', from: 1, to: 2, count: 3, who: 'a', at: 0 })).toBe(plain);
    expect(overLimitNote({ cardLimit: 2, policy: 'hard' }, 3, { kind: 'limit', from: 5, to: 2, count: 1, who: 'a', at: 0 })).toBe(plain);
    expect(overLimitNote({ cardLimit: 2, policy: 'hard' }, 3, { kind: 'limit', from: 5, to: 4, count: 3, who: 'a', at: 0 })).toBe(plain);
    expect(overLimitNote({ cardLimit: 2, policy: 'hard' }, 3, { kind: 'policy', policy: 'hard', count: 1, who: 'a', at: 0 })).toBe(plain);
  });

  it('takes the newest change per stage from the log', () => {
    const changes = lastLimitChanges([
      { type: 'limit-change', stageId: 's', oldLimit: 5, newLimit: 1, count: 3, who: 'a', at: 1 } as never,
      { type: 'move', stageId: 's' } as never,
      { type: 'stage-policy-set', stageId: 's', policy: 'hard', count: 3, who: 'b', at: 2 } as never,
      { type: 'limit-change', stageId: 't', oldLimit: 2, newLimit: 4, who: 'c', at: 3 } as never,
    ]);
    expect(changes.s).toEqual({ kind: 'policy', policy: 'hard', count: 3, who: 'b', at: 2 });
    expect(changes.t).toEqual({ kind: 'limit', from: 2, to: 4, who: 'c', at: 3 });
  });
});

describe('limit and policy changes log the stage count', () => {
  it('override-limit, set-policy and apply-proposals record the active cards on the stage', async () => {
    const db = await demoDb('over-limit');
    const stages = await db.stages.toArray();
    const machining = stages.find((s) => s.name === 'Machining')!;
    const receiving = stages.find((s) => s.name === 'Receiving')!;
    const count = async (id: string) => (await db.cards.toArray()).filter((c) => c.stageId === id && !c.retired && c.boardStageId !== undefined).length;
    const lowered = await applyCommand(db, { type: 'stage.override-limit', stageId: asId('stage', machining.id), limit: 1, reason: 'one lathe down' }, { who: 't' });
    expect(lowered.ok && lowered.value.events[0]).toMatchObject({ type: 'limit-change', oldLimit: 5, newLimit: 1, count: await count(machining.id) });
    const hard = await applyCommand(db, { type: 'stage.set-policy', stageId: asId('stage', receiving.id), policy: 'hard' }, { who: 't' });
    expect(hard.ok && hard.value.events[0]).toMatchObject({ type: 'stage-policy-set', policy: 'hard', count: await count(receiving.id) });
    const proposed = await applyCommand(
      db,
      { type: 'stage.apply-proposals', streamId: asId('stream', machining.streamId), proposals: [{ stageId: asId('stage', machining.id), limit: 2, basis: 'test' }] },
      { who: 't' },
    );
    expect(proposed.ok && proposed.value.events[0]).toMatchObject({ type: 'limit-change', oldLimit: 1, newLimit: 2, count: await count(machining.id) });
    expect(await count(machining.id)).toBe(3);
  });
});
