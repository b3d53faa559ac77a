// The Dexie database: tables and versions come from migrations.ts, so upgrades and imports share one path.
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Command, RecordTable } from '../engine/commands/index.ts';
import type { BoardEvent } from '../engine/events.ts';
import { schemaVersions, TABLES, type PlainTables, type SchemaVersion } from './migrations.ts';
import type {
  CardRecord,
  CellRecord,
  EventRecord,
  LoopRecord,
  PartRecord,
  ScenarioRecord,
  SettingRecord,
  StageRecord,
  StationRecord,
  StreamRecord,
  WorkElementRecord,
} from './records.ts';

export const DEFAULT_DB_NAME = 'taktboard';

/** A record as it was before a provisional command changed it (null: it did not exist), to roll the change back. */
export interface UndoImage {
  table: RecordTable;
  key: string;
  before: object | null;
}

/**
 * A command made on a screen joined to a sync server, applied here provisionally and waiting for the server's word
 * (schema version 5). `seq` is the order it was made in; the server gets the commands in that order.
 */
export interface OutboxRecord {
  seq?: number;
  commandId: string;
  command: Command;
  who: string;
  /** Epoch ms the command was made at (offline moves keep their time). */
  at: number;
  /** The last server sequence this screen had when the command was made. */
  base: number;
  /** Records as they were before its provisional application, in the order first changed. */
  undo: UndoImage[];
  /** Events of its provisional application (local only, negative ids), so an undo can find a move still waiting. */
  events: BoardEvent[];
  /** Ids of the cards its provisional application changed: the board shows them as waiting for the server. */
  cards: string[];
  /** Why this screen's rules refused it at the last rebase (it stays queued: the server decides). */
  localRefusal?: string;
  /** The server's sequence once it acknowledged the command; dropped when this screen has the events up to it. */
  ackSeq?: number;
}

async function runUpgrade(tx: Transaction, step: SchemaVersion) {
  if (!step.up) return;
  const before: PlainTables = {};
  for (const name of TABLES) before[name] = await tx.table(name).toArray();
  const after = step.up(before);
  for (const name of TABLES) {
    if (after[name] === before[name]) continue;
    await tx.table(name).clear();
    await tx.table(name).bulkPut(after[name]);
  }
}

export class TaktDb extends Dexie {
  streams!: Table<StreamRecord, string>;
  parts!: Table<PartRecord, string>;
  loops!: Table<LoopRecord, string>;
  stages!: Table<StageRecord, string>;
  cards!: Table<CardRecord, string>;
  events!: Table<EventRecord, number>;
  cells!: Table<CellRecord, string>;
  stations!: Table<StationRecord, string>;
  workElements!: Table<WorkElementRecord, string>;
  scenarios!: Table<ScenarioRecord, string>;
  settings!: Table<SettingRecord, string>;
  outbox!: Table<OutboxRecord, number>;

  /** `upToVersion` opens an older schema; only the migration test uses it. */
  constructor(name = DEFAULT_DB_NAME, upToVersion = Infinity) {
    super(name);
    for (const step of schemaVersions) {
      if (step.version > upToVersion) break;
      this.version(step.version)
        .stores(step.stores)
        .upgrade((tx) => runUpgrade(tx, step));
    }
  }
}
