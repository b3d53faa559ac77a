// Properties of the command path over random sequences of intents on a real Dexie store (fake-indexeddb):
// a hard limit is never exceeded by a pull, a soft limit is passed only with a logged reason, a refused command writes
// nothing, and the event log replayed from empty rebuilds every record exactly.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/db/apply.ts';
import { TaktDb } from '../../../src/db/schema.ts';
import { emptySnapshot, replayLog, RECORD_TABLES, type Command } from '../../../src/engine/commands/index.ts';
import type { BoardEvent } from '../../../src/engine/events.ts';
import { asId, countingIds } from '../../../src/engine/ids.ts';

const STREAM = asId('stream', 'line');
const STAGES = ['s1', 's2', 's3', 's4'].map((id) => asId('stage', id));
const CARD_SLOTS = 8;
const cardId = (k: number) => asId('card', `card-${k}`);

/** One intent with its arguments drawn as small numbers; turned into a Command against whatever exists then. */
// Creates and pulls are drawn most often, so stages fill up and the pull rule is tested at its limits.
const intent = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('create' as const), slot: fc.nat(CARD_SLOTS - 1), stage: fc.nat(3), reason: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('move' as const), slot: fc.nat(CARD_SLOTS - 1), stage: fc.nat(3), reason: fc.boolean() }), weight: 6 },
  fc.record({ kind: fc.constant('undo' as const), reason: fc.boolean() }),
  fc.record({ kind: fc.constant('block' as const), slot: fc.nat(CARD_SLOTS - 1), on: fc.boolean() }),
  fc.record({ kind: fc.constant('complete' as const), slot: fc.nat(CARD_SLOTS - 1) }),
  fc.record({ kind: fc.constant('retire' as const), slot: fc.nat(CARD_SLOTS - 1) }),
  fc.record({ kind: fc.constant('edit' as const), slot: fc.nat(CARD_SLOTS - 1), quantity: fc.integer({ min: -1, max: 50 }) }),
  fc.record({ kind: fc.constant('limit' as const), stage: fc.nat(3), limit: fc.integer({ min: -1, max: 4 }) }),
  fc.record({ kind: fc.constant('policy' as const), stage: fc.nat(3), soft: fc.boolean() }),
  fc.record({ kind: fc.constant('reorder' as const), stage: fc.nat(3), down: fc.boolean() }),
  fc.record({ kind: fc.constant('rename' as const), stage: fc.nat(3), name: fc.constantFrom('Cut', 'Weld', 'Paint', '', 'Cut ') }),
);
type Intent = typeof intent extends fc.Arbitrary<infer T> ? T : never;

function toCommand(i: Intent): Command {
  switch (i.kind) {
    case 'create':
      return { type: 'card.create', streamId: STREAM, stageId: STAGES[i.stage], id: cardId(i.slot), fields: { partNumber: 'P-1', quantity: 10, family: 'F' }, reason: i.reason ? 'rush order' : undefined };
    case 'move':
      return { type: 'card.move', cardId: cardId(i.slot), toStageId: STAGES[i.stage], reason: i.reason ? 'line down' : undefined };
    case 'undo':
      return { type: 'card.undo-move', streamId: STREAM, reason: i.reason ? 'wrong card' : undefined };
    case 'block':
      return i.on ? { type: 'card.block', cardId: cardId(i.slot), reason: 'no material' } : { type: 'card.unblock', cardId: cardId(i.slot) };
    case 'complete':
      return { type: 'card.complete', cardId: cardId(i.slot) };
    case 'retire':
      return { type: 'card.retire', cardId: cardId(i.slot), reason: 'loop shrank' };
    case 'edit':
      return { type: 'card.edit', cardId: cardId(i.slot), fields: { quantity: i.quantity, note: i.quantity % 2 ? 'odd' : '' } };
    case 'limit':
      return { type: 'stage.override-limit', stageId: STAGES[i.stage], limit: i.limit, reason: 'kaizen trial' };
    case 'policy':
      return { type: 'stage.set-policy', stageId: STAGES[i.stage], policy: i.soft ? 'soft' : 'hard' };
    case 'reorder':
      return { type: 'stage.move', stageId: STAGES[i.stage], direction: i.down ? 1 : -1 };
    case 'rename':
      return { type: 'stage.rename', stageId: STAGES[i.stage], name: i.name };
  }
}

async function dump(db: TaktDb) {
  const tables: Record<string, unknown[]> = {};
  for (const name of [...RECORD_TABLES, 'events'] as const) tables[name] = await db.table(name).toArray();
  return tables;
}

/** The stored records without storage-only keys, keyed by id, for comparison with a replayed snapshot. */
async function records(db: TaktDb) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of RECORD_TABLES) {
    const rows = (await db.table(name).toArray()) as Record<string, unknown>[];
    out[name] = Object.fromEntries(rows.map(({ boardStageId: _placed, ...row }) => [row.id as string, row]));
  }
  return out;
}

async function activeCounts(db: TaktDb) {
  const counts = new Map<string, number>();
  for (const card of await db.cards.toArray()) if (!card.retired) counts.set(card.stageId, (counts.get(card.stageId) ?? 0) + 1);
  return counts;
}

async function freshLine(): Promise<TaktDb> {
  const db = new TaktDb(`property-${Math.random()}`);
  const ids = countingIds();
  const setup: Command[] = [
    { type: 'stream.create', name: 'Line', id: STREAM },
    ...STAGES.map((id, k): Command => ({ type: 'stage.add', streamId: STREAM, id, name: `Stage ${k + 1}`, cardLimit: k === 3 ? 8 : 1 + (k % 2), policy: k === 2 ? 'soft' : 'hard' })),
  ];
  for (const command of setup) {
    const result = await applyCommand(db, command, { who: 'setup', at: 0 }, ids);
    if (!result.ok) throw new Error(result.error);
  }
  return db;
}

describe('the command path over random sequences of intents', () => {
  it('never takes a hard stage over its limit, passes a soft one only with a logged reason, and a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(intent, { minLength: 1, maxLength: 40 }), async (intents) => {
        const db = await freshLine();
        const ids = countingIds();
        try {
          for (const [k, i] of intents.entries()) {
            const before = await dump(db);
            const countsBefore = await activeCounts(db);
            const command = toCommand(i);
            const result = await applyCommand(db, command, { who: 'prop', at: 1000 + k }, ids);
            if (!result.ok) {
              expect(await dump(db)).toEqual(before);
              continue;
            }
            for (const event of result.value.events) {
              if (event.type !== 'move' && event.type !== 'create' && event.type !== 'undo') continue;
              const stage = (await db.stages.get(event.to))!;
              const count = (await activeCounts(db)).get(stage.id) ?? 0;
              const had = countsBefore.get(stage.id) ?? 0;
              if (had >= stage.cardLimit) {
                // Only a soft stage takes a card at or over its limit, and the log says why.
                expect(stage.policy).toBe('soft');
                expect(event.reason?.trim()).toBeTruthy();
              } else expect(count).toBeLessThanOrEqual(stage.cardLimit);
            }
          }
        } finally {
          db.close();
          await db.delete();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('rebuilds every record exactly when the log is replayed from empty', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(intent, { minLength: 1, maxLength: 40 }), async (intents) => {
        const db = await freshLine();
        const ids = countingIds();
        try {
          for (const [k, i] of intents.entries()) await applyCommand(db, toCommand(i), { who: 'prop', at: 1000 + k }, ids);
          const log = (await db.events.orderBy(':id').toArray()) as BoardEvent[];
          const replayed = replayLog(log, emptySnapshot());
          const stored = await records(db);
          for (const name of RECORD_TABLES) expect(JSON.parse(JSON.stringify(replayed[name]))).toEqual(stored[name]);
        } finally {
          db.close();
          await db.delete();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('applies a command retried with the same command id once', async () => {
    const db = await freshLine();
    const command: Command = { type: 'card.create', streamId: STREAM, stageId: STAGES[0], fields: { partNumber: 'P-1', quantity: 5, family: 'F' } };
    const first = await applyCommand(db, command, { who: 'tablet', commandId: 'same' });
    const retry = await applyCommand(db, command, { who: 'tablet', commandId: 'same' });
    expect(first.ok && first.value.events).toHaveLength(1);
    expect(retry.ok && retry.value.duplicate).toBe(true);
    expect(await db.cards.count()).toBe(1);
    expect(await db.events.where('commandId').equals('same').count()).toBe(1);
  });
});
