// Shared set-up for the storage-layer tests: a fresh fake-indexeddb database, the demo line, commands applied through
// applyCommand, and whole-database dumps to prove that a refused command wrote nothing.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { applyCommand, type CommandMeta, type CommandResult, type Committed } from '../../../src/db/apply.ts';
import { exportBackup } from '../../../src/db/backup.ts';
import { TaktDb } from '../../../src/db/schema.ts';
import { seedDemoIfEmpty } from '../../../src/db/seed.ts';
import { countCards, emptySnapshot, type Command, type Snapshot } from '../../../src/engine/commands/index.ts';
import { idSource, type IdSource } from '../../../src/engine/ids.ts';

export const DEMO_NOW = Date.UTC(2026, 10, 26);
const demoText = readFileSync(new URL('../../../static/demo-line.json', import.meta.url), 'utf8');

/** A database of its own for one test. */
export function freshDb(prefix: string): TaktDb {
  return new TaktDb(`${prefix}-${Math.random()}`);
}

/** A database holding the demo line (steering column line, final assembly cell), its times ending at DEMO_NOW. */
export async function demoDb(prefix: string): Promise<TaktDb> {
  const db = freshDb(prefix);
  await seedDemoIfEmpty(db, async () => demoText, DEMO_NOW);
  return db;
}

/** Deterministic ids that cannot collide with the demo's own (`station-t1`, `we-t2`, `cmd-t3`, …). */
export function testIds(): IdSource {
  let n = 0;
  return idSource(() => `t${++n}`);
}

export type Run = (command: Command, meta?: Partial<CommandMeta>) => Promise<CommandResult>;

/** Applies commands to `db` as `who` (default "test"), with deterministic ids. */
export function commander(db: TaktDb, defaults: Partial<CommandMeta> = {}, newId: IdSource = testIds()): Run {
  return (command, meta = {}) => applyCommand(db, command, { who: 'test', ...defaults, ...meta }, newId);
}

/** The committed value of an accepted command; a refusal fails the test with its message. */
export function accepted(result: CommandResult): Committed {
  if (!result.ok) throw new Error(`The command was refused: ${result.error}`);
  return result.value;
}

/** Every table, as text: a refused command must leave it exactly as it was (records and log). */
export async function dump(db: TaktDb): Promise<string> {
  return JSON.stringify((await exportBackup(db, 0)).tables);
}

/** The record tables as a Snapshot (cards without their storage-only board key), to replay events on or compare with. */
export async function snapshotOf(db: TaktDb): Promise<Snapshot> {
  const state = emptySnapshot();
  const byId = <T extends { id: string }>(records: T[]) => Object.fromEntries(records.map((r) => [r.id, r]));
  state.streams = byId(await db.streams.toArray());
  state.stages = byId(await db.stages.toArray());
  state.parts = byId(await db.parts.toArray());
  state.loops = byId(await db.loops.toArray());
  state.cards = byId(
    (await db.cards.toArray()).map((card) => {
      const { boardStageId: _, ...rest } = card;
      return rest;
    }),
  );
  state.cells = byId(await db.cells.toArray());
  state.stations = byId(await db.stations.toArray());
  state.workElements = byId(await db.workElements.toArray());
  state.scenarios = byId(await db.scenarios.toArray());
  state.counts = countCards(state);
  return state;
}

/** A snapshot's records only (what the tables hold), for comparing a replayed state with the store. */
export function recordsOf(state: Snapshot) {
  const { counts: _c, undoable: _u, ...records } = state;
  return records;
}
