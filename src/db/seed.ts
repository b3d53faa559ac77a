// First run: an empty database gets the demo value stream from static/demo-line.json, moved in time to end "now".
import { importParsed, safeParse, type Backup } from './backup.ts';
import type { TaktDb } from './schema.ts';

const TIME_FIELDS = ['at', 'enteredStageAt', 'createdAt'];

/** Shifts every timestamp of the demo so its last moment is `now` (card ages and flow history stay realistic). */
export function shiftDemoTimes(backup: Backup, now: number): Backup {
  const delta = now - backup.exportedAt;
  const tables: Backup['tables'] = {};
  for (const [name, records] of Object.entries(backup.tables)) {
    tables[name] = records.map((record) => {
      const copy = { ...record };
      for (const field of TIME_FIELDS) if (typeof copy[field] === 'number') copy[field] = (copy[field] as number) + delta;
      return copy;
    });
  }
  return { ...backup, exportedAt: now, tables };
}

export async function seedDemoIfEmpty(db: TaktDb, loadDemo: () => Promise<string>, now: number): Promise<boolean> {
  if ((await db.streams.count()) > 0) return false;
  const parsed = safeParse(await loadDemo()) as Backup;
  const result = await importParsed(db, shiftDemoTimes(parsed, now));
  if (!result.ok) throw new Error(`The demo line could not be loaded: ${result.error}`);
  return true;
}
