// A failed write says what happened: a full device, a lost connection, or another refusal; nothing is half-written,
// and a database the browser closed is opened again on the next write.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/db/apply.ts';
import { classifyStorageError, storageFailureMessage } from '../../../src/db/storage-errors.ts';
import { asId } from '../../../src/engine/ids.ts';
import type { TaktDb } from '../../../src/db/schema.ts';
import { demoDb, dump } from './helpers.ts';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('classifyStorageError', () => {
  it('reads a quota error, bare or wrapped the way Dexie wraps an aborted transaction', () => {
    expect(classifyStorageError(quota())).toBe('full');
    expect(classifyStorageError(new Dexie.AbortError('Transaction aborted', quota()))).toBe('full');
    expect(classifyStorageError(new Dexie.QuotaExceededError('no room'))).toBe('full');
  });

  it('reads a closed or lost database', () => {
    expect(classifyStorageError(new Dexie.DatabaseClosedError('Database has been closed'))).toBe('closed');
    expect(classifyStorageError(new DOMException('The database connection is closing.', 'InvalidStateError'))).toBe('closed');
  });

  it('leaves anything else as other, with its name in the message', () => {
    expect(classifyStorageError(new Dexie.ConstraintError('Key already exists'))).toBe('other');
    expect(classifyStorageError('weird')).toBe('other');
    expect(storageFailureMessage(new Dexie.ConstraintError('Key already exists'))).toMatch(/^Not saved: .*ConstraintError: Key already exists/);
  });

  it('says "Not saved" and why, for each kind', () => {
    expect(storageFailureMessage(quota())).toMatch(/^Not saved: the device's storage is full/);
    expect(storageFailureMessage(new Dexie.DatabaseClosedError('closed'))).toMatch(/^Not saved: the connection .* reconnects by itself/);
  });
});

describe('applyCommand on a failing store', () => {
  /** An edit of a card on the board: one record write and one event. */
  async function edit(db: TaktDb) {
    const card = (await db.cards.filter((c) => !c.retired).first())!;
    const command = { type: 'card.edit', cardId: asId('card', card.id), fields: { partNumber: card.partNumber, quantity: card.quantity + 1, family: card.family } } as const;
    return { card, run: () => applyCommand(db, command, { who: 'test' }) };
  }

  it('a quota error mid-transaction is a "storage is full" refusal and nothing is written', async () => {
    const db = await demoDb('quota');
    const { run } = await edit(db);
    const before = await dump(db);
    db.events.hook('creating', () => {
      throw quota();
    });
    const result = await run();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('storage');
    expect(result.error).toMatch(/^Not saved: the device's storage is full/);
    expect(await dump(db)).toEqual(before);
  });

  it('a database the browser closed is opened again by the next write', async () => {
    const db = await demoDb('closed');
    const { card, run } = await edit(db);
    db.close();
    expect(db.isOpen()).toBe(false);
    const result = await run();
    expect(result.ok, result.ok ? '' : result.error).toBe(true);
    expect(db.isOpen()).toBe(true);
    expect((await db.cards.get(card.id))!.quantity).toBe(card.quantity + 1);
  });
});
