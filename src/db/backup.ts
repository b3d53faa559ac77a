// Backups in and out: one import pipeline (size cap, safe parse, validation, migration, defaults) for files and the demo line.
import { LATEST_VERSION, migrate, placeOnBoard, TABLES, type PlainRecord, type PlainTables, type TableName } from './migrations.ts';
import { backupProblem } from './backup-check.ts';
import { recordProblem } from './record-schemas.ts';
import type { TaktDb } from './schema.ts';

/** The settings key under which the data an import replaced is kept, so one click can bring it back. */
export const PRE_IMPORT_KEY = 'preImportBackup';

export const MAX_BACKUP_BYTES = 20 * 1024 * 1024;

export interface Backup {
  app: 'taktboard';
  version: number;
  exportedAt: number;
  tables: PlainTables;
}

export type ImportResult = { ok: true; counts: Record<string, number> } | { ok: false; error: string };

/** What an import would replace, and with what: counts per table, before anything is written. */
export type ImportPreview = { ok: true; incoming: Record<string, number>; current: Record<string, number> } | { ok: false; error: string };

const DEFAULTS: Partial<Record<TableName, PlainRecord>> = {
  stages: { policy: 'hard' },
  cards: { blocked: false, retired: false, family: 'General' },
  events: { who: 'unknown' },
  workElements: { predecessors: [], stationId: null, position: 0 },
};

/** JSON.parse that drops keys which could reach an object's prototype. */
export function safeParse(text: string): unknown {
  return JSON.parse(text, (key, value) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value));
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Checks a parsed file and returns its tables at the latest version, or what is wrong with it. */
export function readBackup(parsed: unknown): { ok: true; tables: PlainTables } | { ok: false; error: string } {
  if (typeOf(parsed) !== 'object') return { ok: false, error: 'This is not a Taktboard backup: the file does not hold a JSON object.' };
  const file = parsed as Partial<Backup>;
  if (file.app !== 'taktboard') return { ok: false, error: 'This is not a Taktboard backup: the "app" field is missing or different.' };
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) {
    return { ok: false, error: 'The backup has no valid schema version.' };
  }
  if (file.version > LATEST_VERSION) {
    return { ok: false, error: `The backup is from a newer Taktboard (schema ${file.version}; this one reads up to ${LATEST_VERSION}). Update the app first.` };
  }
  if (typeOf(file.tables) !== 'object') return { ok: false, error: 'The backup has no "tables" object.' };
  const raw = file.tables as Record<string, unknown>;
  for (const name of Object.keys(raw)) {
    if (!(TABLES as readonly string[]).includes(name)) return { ok: false, error: `The backup has an unknown table "${name}".` };
    if (!Array.isArray(raw[name])) return { ok: false, error: `Table "${name}" in the backup is not a list.` };
    const bad = (raw[name] as unknown[]).findIndex((record) => typeOf(record) !== 'object');
    if (bad >= 0) return { ok: false, error: `Record ${bad + 1} of table "${name}" is not an object.` };
  }
  const tables = migrate(raw as PlainTables, file.version);
  const out: PlainTables = {};
  for (const name of TABLES) {
    const records = tables[name] ?? [];
    for (let i = 0; i < records.length; i++) {
      const recordId = records[i].id;
      const named = typeof recordId === 'string' || typeof recordId === 'number' ? ` (id "${String(recordId).slice(0, 200)}")` : '';
      const problem = recordProblem(name, records[i], `Record ${i + 1} of table "${name}"${named}`);
      if (problem) return { ok: false, error: problem };
    }
    out[name] = records.map((record) => ({ ...DEFAULTS[name], ...record }));
    // A card's board place always follows its stage and retired flag, whatever the file says: the pull rule counts by it.
    if (name === 'cards') out[name] = out[name].map(placeOnBoard);
    // A backup inside a backup is never imported: the kept copy belongs to this device.
    if (name === 'settings') out[name] = out[name].filter((r) => r.key !== PRE_IMPORT_KEY);
  }
  return { ok: true, tables: out };
}

/** readBackup, then the domain's rules over the whole file (backup-check.ts): what an import may write. */
export function checkBackup(parsed: unknown, now = Date.now()): { ok: true; tables: PlainTables } | { ok: false; error: string } {
  const read = readBackup(parsed);
  if (!read.ok) return read;
  const problem = backupProblem(read.tables, now);
  return problem ? { ok: false, error: problem } : read;
}

/** The size cap, checked before a file is read at all. */
export function sizeProblem(byteLength: number): string | null {
  return byteLength > MAX_BACKUP_BYTES ? `The file is ${(byteLength / 1048576).toFixed(1)} MB; backups are limited to ${MAX_BACKUP_BYTES / 1048576} MB.` : null;
}

function parseText(text: string, byteLength: number): { ok: true; value: unknown } | { ok: false; error: string } {
  const tooBig = sizeProblem(byteLength);
  if (tooBig) return { ok: false, error: tooBig };
  try {
    return { ok: true, value: safeParse(text) };
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON: ${(error as Error).message}` };
  }
}

const countsOf = (tables: PlainTables) => Object.fromEntries(TABLES.map((name) => [name, (tables[name] ?? []).length]));

/** Checks a backup file whole and says what importing it would replace; writes nothing. */
export async function previewBackupText(db: TaktDb, text: string, byteLength = text.length): Promise<ImportPreview> {
  const parsed = parseText(text, byteLength);
  if (!parsed.ok) return parsed;
  const read = checkBackup(parsed.value);
  if (!read.ok) return read;
  const current = await exportBackup(db, Date.now());
  return { ok: true, incoming: countsOf(read.tables), current: countsOf(current.tables) };
}

/** Replaces the whole database with a backup's contents, all or nothing. */
export async function importBackupText(db: TaktDb, text: string, byteLength = text.length): Promise<ImportResult> {
  const parsed = parseText(text, byteLength);
  if (!parsed.ok) return parsed;
  return importParsed(db, parsed.value);
}

/** Brings back the data the last import replaced (itself an import, so it can be undone the same way). */
export async function undoLastImport(db: TaktDb): Promise<ImportResult> {
  const kept = await db.table('settings').get(PRE_IMPORT_KEY);
  if (!kept) return { ok: false, error: 'There is no earlier data kept from before an import on this device.' };
  return importParsed(db, (kept as { value: unknown }).value);
}

/** When the copy kept from before the last import was made, if there is one. */
export async function preImportSavedAt(db: TaktDb): Promise<number | null> {
  const kept = (await db.table('settings').get(PRE_IMPORT_KEY)) as { value?: { exportedAt?: number } } | undefined;
  return kept?.value?.exportedAt ?? null;
}

/** The pipeline's last steps for an already parsed backup: validate, migrate, add defaults, replace. */
export async function importParsed(db: TaktDb, parsed: unknown): Promise<ImportResult> {
  const read = checkBackup(parsed);
  if (!read.ok) return read;
  const tables = read.tables;
  try {
    await db.transaction('rw', TABLES.map((name) => db.table(name)), async () => {
      // What is here now is kept (inside the same transaction), so one click brings it back.
      const before: PlainTables = {};
      for (const name of TABLES) before[name] = await db.table(name).toArray();
      before.settings = (before.settings ?? []).filter((r) => r.key !== PRE_IMPORT_KEY);
      const hadData = (before.streams ?? []).length > 0;
      for (const name of TABLES) {
        await db.table(name).clear();
        await db.table(name).bulkAdd(tables[name]);
      }
      if (hadData) await db.table('settings').put({ key: PRE_IMPORT_KEY, value: { app: 'taktboard', version: LATEST_VERSION, exportedAt: Date.now(), tables: before } });
    });
  } catch (error) {
    // A constraint the checks missed, a full disk, a closed database: the transaction rolled back, nothing changed.
    const e = error as { name?: string; message?: string; failures?: { message?: string }[] };
    const detail = e.failures?.[0]?.message ?? e.message ?? String(error);
    return { ok: false, error: `The import was rolled back (${e.name ?? 'error'}: ${detail}).` };
  }
  const counts: Record<string, number> = {};
  for (const name of TABLES) counts[name] = tables[name].length;
  return { ok: true, counts };
}

export async function exportBackup(db: TaktDb, now: number): Promise<Backup> {
  const tables: PlainTables = {};
  await db.transaction('r', TABLES.map((name) => db.table(name)), async () => {
    for (const name of TABLES) tables[name] = await db.table(name).toArray();
  });
  tables.settings = (tables.settings ?? []).filter((r) => r.key !== PRE_IMPORT_KEY);
  return { app: 'taktboard', version: LATEST_VERSION, exportedAt: now, tables };
}
