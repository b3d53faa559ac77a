// The andon and pace-board commands, through the same applier the store worker uses.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/db/apply.ts';
import { TaktDb } from '../../../src/db/schema.ts';
import { openAndons } from '../../../src/engine/andon.ts';
import type { Command } from '../../../src/engine/commands/index.ts';
import { asId, countingIds } from '../../../src/engine/ids.ts';

const S = asId('stream', 'line');
const A = asId('stage', 'a');
const C = asId('card', 'c');

async function line() {
  const db = new TaktDb(`andon-${Math.random()}`);
  const ids = countingIds();
  const run = (command: Command, at: number, who = 'op') => applyCommand(db, command, { who, at }, ids);
  await run({ type: 'stream.create', name: 'L', id: S }, 0);
  await run({ type: 'stage.add', streamId: S, id: A, name: 'A', cardLimit: 5, policy: 'hard' }, 0);
  await run({ type: 'card.create', streamId: S, stageId: A, id: C, fields: { partNumber: 'P-1', quantity: 10, family: 'F' } }, 1);
  return { db, run };
}

describe('andon and pace commands', () => {
  it('an andon is answered only while the card is blocked, and each step is an event', async () => {
    const { db, run } = await line();
    const early = await run({ type: 'andon.acknowledge', cardId: C, by: 'Ana' }, 2);
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error).toMatch(/not blocked/);
    expect((await run({ type: 'card.block', cardId: C, reason: 'No material' }, 10)).ok).toBe(true);
    expect((await run({ type: 'andon.acknowledge', cardId: C, by: ' Ana (logistics) ' }, 20)).ok).toBe(true);
    const log = await db.events.orderBy('id').toArray();
    expect(log.map((e) => e.type)).toEqual(['stream-created', 'stage-added', 'create', 'block', 'andon-acknowledged']);
    expect(openAndons(log, 30)[0]).toMatchObject({ level: 'acknowledged', acknowledged: { by: 'Ana (logistics)', at: 20 } });
    // Answering changes no record: the card is still blocked until the unblock resolves the andon.
    expect((await db.cards.get(C))?.blocked).toBe(true);
    expect((await run({ type: 'card.unblock', cardId: C }, 40)).ok).toBe(true);
    expect(openAndons(await db.events.orderBy('id').toArray(), 50)).toEqual([]);
  });

  it('a missed hour needs a reason and an hour that has begun', async () => {
    const { db, run } = await line();
    expect((await run({ type: 'pace.reason', streamId: S, hourStart: 3_600_000, reason: '  ' }, 4_000_000)).ok).toBe(false);
    expect((await run({ type: 'pace.reason', streamId: S, hourStart: 9_000_000, reason: 'Late' }, 4_000_000)).ok).toBe(false);
    expect((await run({ type: 'pace.reason', streamId: S, hourStart: 3_600_000, reason: 'Die change' }, 4_000_000)).ok).toBe(true);
    const last = (await db.events.orderBy('id').toArray()).at(-1);
    expect(last).toMatchObject({ type: 'pace-reason', hourStart: 3_600_000, reason: 'Die change', streamId: S });
  });
});
