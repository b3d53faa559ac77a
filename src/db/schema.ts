// The Dexie database: tables and versions come from migrations.ts, so upgrades and imports share one path.
import Dexie, { type Table, type Transaction } from 'dexie';
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
