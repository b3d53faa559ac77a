// Line-balancing writes: moving work elements, accepting a solver proposal, editing elements and stations, scenarios.
import type { WorkElement } from '../engine/model.ts';
import { seconds } from '../engine/units.ts';
import type { ScenarioRecord, StationRecord, WorkElementRecord } from './records.ts';
import type { TaktDb } from './schema.ts';
import type { WriteResult } from './streams.ts';

export type { WriteResult };

const fail = (error: string): WriteResult => ({ ok: false, error });
const done: WriteResult = { ok: true };

/** Ids that sort by creation and do not collide across tabs. */
export const newId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

export const stationName = (order: number) => `Operator ${order + 1}`;

async function stationsOf(db: TaktDb, cellId: string): Promise<StationRecord[]> {
  return db.stations.where('[cellId+order]').between([cellId, -Infinity], [cellId, Infinity]).toArray();
}

async function elementsIn(db: TaktDb, cellId: string, stationId: string | null): Promise<WorkElementRecord[]> {
  const all = await db.workElements.where('cellId').equals(cellId).toArray();
  return all.filter((e) => e.stationId === stationId).sort((a, b) => a.position - b.position);
}

/**
 * Moves an element to a station (null: unassigned) at `index` within it. The other elements keep their order; both
 * the old and the new list are renumbered 0..n-1 so positions stay dense.
 */
export async function moveElement(db: TaktDb, elementId: string, toStationId: string | null, index: number): Promise<WriteResult> {
  return db.transaction('rw', db.workElements, db.stations, async () => {
    const element = await db.workElements.get(elementId);
    if (!element) return fail(`There is no work element ${elementId}.`);
    if (toStationId !== null) {
      const station = await db.stations.get(toStationId);
      if (!station || station.cellId !== element.cellId) return fail(`There is no station ${toStationId} in this cell.`);
    }
    const source = (await elementsIn(db, element.cellId, element.stationId)).filter((e) => e.id !== elementId);
    const target = element.stationId === toStationId ? source : await elementsIn(db, element.cellId, toStationId);
    const at = Math.max(0, Math.min(index, target.length));
    target.splice(at, 0, { ...element, stationId: toStationId });
    const writes = new Map<string, WorkElementRecord>();
    source.forEach((e, position) => writes.set(e.id, { ...e, position }));
    target.forEach((e, position) => writes.set(e.id, { ...e, stationId: toStationId, position }));
    await db.workElements.bulkPut([...writes.values()]);
    return done;
  });
}

/**
 * Accepts a balance (the solver's proposal or a saved scenario): the cell gets exactly that many stations, in order,
 * each holding its elements in the given order; every element not named becomes unassigned. One transaction.
 */
export async function applyBalance(db: TaktDb, cellId: string, stations: string[][]): Promise<WriteResult> {
  return db.transaction('rw', db.workElements, db.stations, async () => {
    const elements = await db.workElements.where('cellId').equals(cellId).toArray();
    const known = new Set(elements.map((e) => e.id));
    const named = stations.flat();
    const missing = named.find((id) => !known.has(id));
    if (missing) return fail(`The balance names a work element that is not in this cell (${missing}); the board was not changed.`);
    if (new Set(named).size !== named.length) return fail('The balance places a work element twice; the board was not changed.');
    const existing = await stationsOf(db, cellId);
    const kept: StationRecord[] = stations.map((_, order) => existing[order] ? { ...existing[order], order } : { id: newId('station'), cellId, name: stationName(order), order });
    const dropped = existing.slice(stations.length).map((s) => s.id);
    const where = new Map<string, { stationId: string; position: number }>();
    stations.forEach((ids, k) => ids.forEach((id, position) => where.set(id, { stationId: kept[k]!.id, position })));
    // Elements left out keep their line order: those already unassigned first, then by old station and place.
    const stationRank = new Map(existing.map((s, k) => [s.id, k]));
    const rank = (e: WorkElementRecord) => (e.stationId === null ? -1 : (stationRank.get(e.stationId) ?? existing.length));
    const unassigned = elements.filter((e) => !where.has(e.id)).sort((a, b) => rank(a) - rank(b) || a.position - b.position);
    const updated = elements.map((e) => {
      const w = where.get(e.id);
      return w ? { ...e, ...w } : { ...e, stationId: null, position: unassigned.indexOf(e) };
    });
    await db.stations.bulkDelete(dropped);
    await db.stations.bulkPut(kept);
    await db.workElements.bulkPut(updated);
    return done;
  });
}

export async function addStation(db: TaktDb, cellId: string): Promise<WriteResult> {
  return db.transaction('rw', db.stations, async () => {
    const existing = await stationsOf(db, cellId);
    const order = existing.length === 0 ? 0 : existing[existing.length - 1]!.order + 1;
    await db.stations.add({ id: newId('station'), cellId, name: stationName(existing.length), order });
    return done;
  });
}

/** Removes a station; its elements go to the end of the unassigned list. */
export async function removeStation(db: TaktDb, stationId: string): Promise<WriteResult> {
  return db.transaction('rw', db.workElements, db.stations, async () => {
    const station = await db.stations.get(stationId);
    if (!station) return fail(`There is no station ${stationId}.`);
    const moving = await elementsIn(db, station.cellId, stationId);
    const start = (await elementsIn(db, station.cellId, null)).length;
    await db.workElements.bulkPut(moving.map((e, k) => ({ ...e, stationId: null, position: start + k })));
    await db.stations.delete(stationId);
    return done;
  });
}

export interface ElementInput {
  name: string;
  time: number;
  predecessors: string[];
}

function checkInput(input: ElementInput): string | undefined {
  if (input.name.trim() === '') return 'A work element needs a name.';
  if (!Number.isFinite(input.time) || input.time < 0) return `The time must be a number of seconds of at least 0; got ${input.time}.`;
  return undefined;
}

/**
 * Adds a work element (unassigned, at the end) or updates one. `validate` is the engine's precedence check
 * (it names the tasks on a cycle); it runs on the cell's elements as they would be, before anything is written.
 */
export async function saveElement(
  db: TaktDb,
  cellId: string,
  id: string | null,
  input: ElementInput,
  validate: (elements: WorkElement[]) => Promise<WriteResult>,
): Promise<WriteResult & { id?: string }> {
  const problem = checkInput(input);
  if (problem) return fail(problem);
  const current = await db.workElements.where('cellId').equals(cellId).toArray();
  const elementId = id ?? newId('we');
  const next: WorkElement = { id: elementId, name: input.name.trim(), time: seconds(input.time), predecessors: [...new Set(input.predecessors)] };
  const proposed = current.filter((e) => e.id !== elementId).map(plain).concat(next);
  const verdict = await validate(proposed);
  if (!verdict.ok) return verdict;
  return db.transaction('rw', db.workElements, async () => {
    // Re-read inside the transaction: another tab may have changed the cell since the check.
    const existing = id ? await db.workElements.get(id) : undefined;
    if (id && !existing) return fail(`There is no work element ${id}.`);
    const ids = new Set((await db.workElements.where('cellId').equals(cellId).primaryKeys()) as string[]);
    const unknown = next.predecessors.find((p) => !ids.has(p));
    if (unknown) return fail(`The predecessor ${unknown} is no longer in this cell.`);
    if (existing) await db.workElements.put({ ...existing, ...next });
    else {
      const position = (await elementsIn(db, cellId, null)).length;
      await db.workElements.add({ ...next, cellId, stationId: null, position });
    }
    return { ok: true as const, id: elementId };
  });
}

const plain = (e: WorkElementRecord): WorkElement => ({ id: e.id, name: e.name, time: e.time, predecessors: e.predecessors });

/** Deletes an element and removes it from every predecessor list; its station's order closes up. */
export async function deleteElement(db: TaktDb, elementId: string): Promise<WriteResult> {
  return db.transaction('rw', db.workElements, async () => {
    const element = await db.workElements.get(elementId);
    if (!element) return fail(`There is no work element ${elementId}.`);
    await db.workElements.delete(elementId);
    const rest = await db.workElements.where('cellId').equals(element.cellId).toArray();
    const siblings = rest.filter((e) => e.stationId === element.stationId).sort((a, b) => a.position - b.position);
    const writes = new Map<string, WorkElementRecord>();
    siblings.forEach((e, position) => writes.set(e.id, { ...e, position }));
    for (const e of rest)
      if (e.predecessors.includes(elementId)) writes.set(e.id, { ...(writes.get(e.id) ?? e), predecessors: e.predecessors.filter((p) => p !== elementId) });
    await db.workElements.bulkPut([...writes.values()]);
    return done;
  });
}

/**
 * Replaces the cell's work elements with imported ones (already parsed and checked by the engine), all unassigned
 * in file order; stations stay. Predecessors arrive by name and are turned into the new ids.
 */
export async function replaceElements(db: TaktDb, cellId: string, imported: ElementInput[]): Promise<WriteResult> {
  if (imported.length === 0) return fail('The file holds no work elements; the board was not changed.');
  const idByName = new Map(imported.map((e) => [e.name, newId('we')]));
  if (idByName.size !== imported.length) return fail('Two work elements in the file have the same name; the board was not changed.');
  for (const e of imported) {
    const problem = checkInput(e);
    if (problem) return fail(`${e.name}: ${problem} The board was not changed.`);
    const unknown = e.predecessors.find((p) => !idByName.has(p));
    if (unknown) return fail(`"${e.name}" names an unknown predecessor "${unknown}"; the board was not changed.`);
  }
  const records: WorkElementRecord[] = imported.map((e, position) => ({
    id: idByName.get(e.name)!,
    name: e.name,
    time: seconds(e.time),
    predecessors: e.predecessors.map((p) => idByName.get(p)!),
    cellId,
    stationId: null,
    position,
  }));
  return db.transaction('rw', db.workElements, async () => {
    await db.workElements.where('cellId').equals(cellId).delete();
    await db.workElements.bulkAdd(records);
    return done;
  });
}

/** The cell's balance as it stands: elements and stations (in order) with their element ids in working order. */
export async function currentBalance(db: TaktDb, cellId: string) {
  const [stations, elements] = await Promise.all([stationsOf(db, cellId), db.workElements.where('cellId').equals(cellId).toArray()]);
  elements.sort((a, b) => a.position - b.position);
  return {
    elements: elements.map(plain),
    stations: stations.map((s) => ({ id: s.id, name: s.name, elementIds: elements.filter((e) => e.stationId === s.id).map((e) => e.id) })),
  };
}

/** Saves the current balance under a name ("before", "after"); a scenario of the same name in the cell is replaced. */
export async function saveScenario(db: TaktDb, cellId: string, name: string, cycle: number, now: number): Promise<WriteResult & { id?: string }> {
  const trimmed = name.trim();
  if (trimmed === '') return fail('A scenario needs a name, for example "before".');
  if (!Number.isFinite(cycle) || cycle <= 0) return fail('There is no valid takt to save with the scenario; check demand and the shift calendar.');
  return db.transaction('rw', db.workElements, db.stations, db.scenarios, async () => {
    const balance = await currentBalance(db, cellId);
    const same = (await db.scenarios.where('cellId').equals(cellId).toArray()).find((s) => s.name === trimmed);
    const record: ScenarioRecord = {
      id: same?.id ?? newId('scenario'),
      cellId,
      name: trimmed,
      createdAt: now,
      cycle,
      elements: balance.elements,
      stations: balance.stations.map((s) => ({ name: s.name, elementIds: s.elementIds })),
    };
    await db.scenarios.put(record);
    return { ok: true as const, id: record.id };
  });
}

export async function deleteScenario(db: TaktDb, scenarioId: string): Promise<WriteResult> {
  await db.scenarios.delete(scenarioId);
  return done;
}
