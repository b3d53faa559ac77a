// The line-balancing rules: work elements moved between stations, balances accepted, elements edited, scenarios saved.
import { validateElements } from '../api/balance-board.ts';
import { MAX_CELL_TASKS } from '../api/balance-csv.ts';
import type { NewEvent } from '../events.ts';
import type { LayoutStep, StationRecord, WorkElement, WorkElementRecord } from '../model.ts';
import { err } from '../result.ts';
import { seconds } from '../units.ts';
import type { CommandOf, ElementInput } from './command.ts';
import { decided, envelope, nameProblem, type DecideContext, type Decided } from './decision.ts';
import { elementsOf, elementsOn, stationsOf, type Snapshot } from './state.ts';

export const stationName = (order: number) => `Operator ${order + 1}`;

/** The first "Operator n" name no station of the cell has, counting from `from` (stations may have been removed). */
function freeStationName(taken: readonly StationRecord[], from: number): string {
  const names = new Set(taken.map((s) => s.name));
  let n = from;
  while (names.has(stationName(n))) n++;
  return stationName(n);
}

const plain = (e: WorkElementRecord): WorkElement => ({ id: e.id, name: e.name, time: e.time, predecessors: e.predecessors });

function cellStream(state: Snapshot, cellId: string): string | undefined {
  return state.cells[cellId]?.streamId;
}

/** The cell's layout as it stands: the undo step a change records before it is made. */
function currentLayout(state: Snapshot, cellId: string, label: string): LayoutStep {
  return {
    label,
    stations: stationsOf(state, cellId),
    places: elementsOf(state, cellId).map((e) => ({ id: e.id, stationId: e.stationId, position: e.position })),
  };
}

/** The undo step of a change to the work elements: the layout and every element record as they were. */
function elementsStep(state: Snapshot, cellId: string, label: string): LayoutStep {
  return { ...currentLayout(state, cellId, label), elements: elementsOf(state, cellId).map((e) => ({ ...e, predecessors: [...e.predecessors] })) };
}

/**
 * The layout event for a cell: all its stations, and the elements whose station or place differ from the state's.
 * It carries the layout before the change (`label` says what the change was), so that balance.undo can take it back.
 */
function layout(state: Snapshot, ctx: DecideContext, cellId: string, stations: StationRecord[], placed: WorkElementRecord[], label: string): NewEvent[] {
  const changed = placed.filter((e) => {
    const before = state.workElements[e.id];
    return !before || before.stationId !== e.stationId || before.position !== e.position;
  });
  const before = stationsOf(state, cellId);
  const sameStations = before.length === stations.length && before.every((s, i) => JSON.stringify(s) === JSON.stringify(stations[i]));
  if (changed.length === 0 && sameStations) return [];
  return [{ ...envelope(ctx, cellStream(state, cellId) ?? ''), type: 'cell-laid-out', cellId, stations, elements: changed, undoStep: currentLayout(state, cellId, label) }];
}

/** Moves an element to a station (null: unassigned) at `index`; both lists are renumbered so places stay dense. */
export function moveElement(state: Snapshot, c: CommandOf<'element.move'>, ctx: DecideContext): Decided {
  const element = state.workElements[c.elementId];
  if (!element) return err(`There is no work element ${c.elementId}.`, 'not-found');
  if (c.toStationId !== null) {
    const station = state.stations[c.toStationId];
    if (!station || station.cellId !== element.cellId) return err(`There is no station ${c.toStationId} in this cell.`, 'not-found');
  }
  const source = elementsOn(state, element.cellId, element.stationId).filter((e) => e.id !== element.id);
  const target = element.stationId === c.toStationId ? source : elementsOn(state, element.cellId, c.toStationId);
  const index = Number.isFinite(c.index) ? Math.trunc(c.index) : target.length;
  target.splice(Math.max(0, Math.min(index, target.length)), 0, { ...element, stationId: c.toStationId });
  const placed = new Map<string, WorkElementRecord>();
  source.forEach((e, position) => placed.set(e.id, { ...e, position }));
  target.forEach((e, position) => placed.set(e.id, { ...e, stationId: c.toStationId, position }));
  const where = c.toStationId === null ? 'the unassigned list' : (state.stations[c.toStationId]?.name ?? 'a station');
  const label = element.stationId === c.toStationId ? `Reordered "${element.name}" in ${where}` : `Moved "${element.name}" to ${where}`;
  return decided(layout(state, ctx, element.cellId, stationsOf(state, element.cellId), [...placed.values()], label));
}

/**
 * Accepts a balance (the solver's proposal or a saved scenario): the cell gets exactly that many stations, in order,
 * each holding its elements in the given order; every element not named becomes unassigned, keeping its line order.
 */
export function applyBalance(state: Snapshot, c: CommandOf<'balance.apply'>, ctx: DecideContext): Decided {
  if (!state.cells[c.cellId]) return err(`There is no cell ${c.cellId}.`, 'not-found');
  if (!Array.isArray(c.stations) || c.stations.some((s) => !Array.isArray(s))) return err('A balance is a list of stations, each a list of work elements.', 'invalid');
  const elements = elementsOf(state, c.cellId);
  const known = new Set(elements.map((e) => e.id));
  const named = c.stations.flat();
  const missing = named.find((id) => !known.has(id));
  if (missing) return err(`The balance names a work element that is not in this cell (${missing}); the board was not changed.`, 'invalid');
  if (new Set(named).size !== named.length) return err('The balance places a work element twice; the board was not changed.', 'invalid');
  const existing = stationsOf(state, c.cellId);
  const kept: StationRecord[] = [];
  c.stations.forEach((_, order) =>
    kept.push(existing[order] ? { ...existing[order], order } : { id: ctx.newId('station'), cellId: c.cellId, name: freeStationName([...existing.slice(0, c.stations.length), ...kept], order), order }),
  );
  const where = new Map<string, { stationId: string; position: number }>();
  c.stations.forEach((ids, k) => ids.forEach((id, position) => where.set(id, { stationId: kept[k]!.id, position })));
  const stationRank = new Map(existing.map((s, k) => [s.id, k]));
  const rank = (e: WorkElementRecord) => (e.stationId === null ? -1 : (stationRank.get(e.stationId) ?? existing.length));
  const unassigned = elements.filter((e) => !where.has(e.id)).sort((a, b) => rank(a) - rank(b) || a.position - b.position);
  const placed = elements.map((e) => {
    const w = where.get(e.id);
    return w ? { ...e, ...w } : { ...e, stationId: null, position: unassigned.indexOf(e) };
  });
  return decided(layout(state, ctx, c.cellId, kept, placed, `Accepted a balance of ${c.stations.length} station${c.stations.length === 1 ? '' : 's'}`));
}

export function addStation(state: Snapshot, c: CommandOf<'station.add'>, ctx: DecideContext): Decided {
  if (!state.cells[c.cellId]) return err(`There is no cell ${c.cellId}.`, 'not-found');
  const existing = stationsOf(state, c.cellId);
  const order = existing.length === 0 ? 0 : existing[existing.length - 1]!.order + 1;
  const id = ctx.newId('station');
  const station: StationRecord = { id, cellId: c.cellId, name: freeStationName(existing, existing.length), order };
  return decided(layout(state, ctx, c.cellId, [...existing, station], [], `Added ${station.name}`), { id });
}

/** Removes a station; its elements go to the end of the unassigned list. */
export function removeStation(state: Snapshot, c: CommandOf<'station.remove'>, ctx: DecideContext): Decided {
  const station = state.stations[c.stationId];
  if (!station) return err(`There is no station ${c.stationId}.`, 'not-found');
  const start = elementsOn(state, station.cellId, null).length;
  const moved = elementsOn(state, station.cellId, station.id).map((e, k) => ({ ...e, stationId: null, position: start + k }));
  const rest = stationsOf(state, station.cellId).filter((s) => s.id !== station.id);
  return decided(layout(state, ctx, station.cellId, rest, moved, `Removed ${station.name}`));
}

function inputProblem(input: ElementInput): string | undefined {
  if (!input || typeof input.name !== 'string' || input.name.trim() === '') return 'A work element needs a name.';
  if (typeof input.time !== 'number' || !Number.isFinite(input.time) || input.time < 0) return `The time must be a number of seconds of at least 0; got ${input.time}.`;
  if (!Array.isArray(input.predecessors) || input.predecessors.some((p) => typeof p !== 'string')) return 'The predecessors must be a list of work elements.';
  return undefined;
}

/**
 * Adds a work element (unassigned, at the end) or updates one. The engine's precedence check runs on the cell's
 * elements as they would be, so a cycle is refused with the elements on it named, and nothing is written.
 */
export function saveElement(state: Snapshot, c: CommandOf<'element.save'>, ctx: DecideContext): Decided {
  const problem = inputProblem(c.element);
  if (problem) return err(problem, 'invalid');
  if (!state.cells[c.cellId]) return err(`There is no cell ${c.cellId}.`, 'not-found');
  const existing = c.elementId ? state.workElements[c.elementId] : undefined;
  if (c.elementId && (!existing || existing.cellId !== c.cellId)) return err(`There is no work element ${c.elementId}.`, 'not-found');
  const id = c.elementId ?? ctx.newId('element');
  const next: WorkElement = { id, name: c.element.name.trim(), time: seconds(c.element.time), predecessors: [...new Set(c.element.predecessors)] };
  const others = elementsOf(state, c.cellId).filter((e) => e.id !== id);
  const verdict = validateElements([...others.map(plain), next]);
  if (!verdict.ok) return err(verdict.error, 'invalid');
  const record: WorkElementRecord = existing ? { ...existing, ...next } : { ...next, cellId: c.cellId, stationId: null, position: elementsOn(state, c.cellId, null).length };
  const label = existing ? `Edited "${existing.name}"` : `Added "${next.name}"`;
  return decided(
    [{ ...envelope(ctx, cellStream(state, c.cellId) ?? ''), type: 'elements-changed', cellId: c.cellId, elements: [record], deleted: [], undoStep: elementsStep(state, c.cellId, label) }],
    { id },
  );
}

/** Deletes an element and removes it from every predecessor list; its station's order closes up. */
export function deleteElement(state: Snapshot, c: CommandOf<'element.delete'>, ctx: DecideContext): Decided {
  const element = state.workElements[c.elementId];
  if (!element) return err(`There is no work element ${c.elementId}.`, 'not-found');
  const rest = elementsOf(state, element.cellId).filter((e) => e.id !== element.id);
  const writes = new Map<string, WorkElementRecord>();
  elementsOn(state, element.cellId, element.stationId)
    .filter((e) => e.id !== element.id)
    .forEach((e, position) => {
      if (e.position !== position) writes.set(e.id, { ...e, position });
    });
  for (const e of rest) {
    if (e.predecessors.includes(element.id)) writes.set(e.id, { ...(writes.get(e.id) ?? e), predecessors: e.predecessors.filter((p) => p !== element.id) });
  }
  return decided([
    {
      ...envelope(ctx, cellStream(state, element.cellId) ?? ''),
      type: 'elements-changed',
      cellId: element.cellId,
      elements: [...writes.values()],
      deleted: [element.id],
      undoStep: elementsStep(state, element.cellId, `Deleted "${element.name}"`),
    },
  ]);
}

/** Replaces the cell's work elements with imported ones, all unassigned in file order; predecessors arrive by name. */
export function replaceElements(state: Snapshot, c: CommandOf<'elements.replace'>, ctx: DecideContext): Decided {
  if (!state.cells[c.cellId]) return err(`There is no cell ${c.cellId}.`, 'not-found');
  if (!Array.isArray(c.elements) || c.elements.length === 0) return err('The file holds no work elements; the board was not changed.', 'invalid');
  if (c.elements.length > MAX_CELL_TASKS) return err(`${c.elements.length} work elements; a cell holds at most ${MAX_CELL_TASKS}. The board was not changed.`, 'invalid');
  for (const e of c.elements) {
    const problem = inputProblem(e);
    if (problem) return err(`${e?.name ?? 'An element'}: ${problem} The board was not changed.`, 'invalid');
  }
  const idByName = new Map(c.elements.map((e) => [e.name, ctx.newId('element') as string]));
  if (idByName.size !== c.elements.length) return err('Two work elements in the file have the same name; the board was not changed.', 'invalid');
  for (const e of c.elements) {
    const unknown = e.predecessors.find((p) => !idByName.has(p));
    if (unknown) return err(`"${e.name}" names an unknown predecessor "${unknown}"; the board was not changed.`, 'invalid');
  }
  const records: WorkElementRecord[] = c.elements.map((e, position) => ({
    id: idByName.get(e.name)!,
    name: e.name,
    time: seconds(e.time),
    predecessors: e.predecessors.map((p) => idByName.get(p)!),
    cellId: c.cellId,
    stationId: null,
    position,
  }));
  const verdict = validateElements(records.map(plain));
  if (!verdict.ok) return err(`${verdict.error} The board was not changed.`, 'invalid');
  const deleted = elementsOf(state, c.cellId).map((e) => e.id);
  const undoStep = elementsStep(state, c.cellId, `Imported ${records.length} work element${records.length === 1 ? '' : 's'}`);
  return decided([{ ...envelope(ctx, cellStream(state, c.cellId) ?? ''), type: 'elements-changed', cellId: c.cellId, elements: records, deleted, undoStep }], {
    changed: records.length,
  });
}

/** Saves the current balance under a name ("before", "after"); a scenario of the same name in the cell is replaced. */
export function saveScenario(state: Snapshot, c: CommandOf<'scenario.save'>, ctx: DecideContext): Decided {
  const name = typeof c.name === 'string' ? c.name.trim() : '';
  if (name === '') return err('A scenario needs a name, for example "before".', 'invalid');
  if (typeof c.cycle !== 'number' || !Number.isFinite(c.cycle) || c.cycle <= 0) {
    return err('There is no valid takt to save with the scenario; check demand and the shift calendar.', 'invalid');
  }
  if (!state.cells[c.cellId]) return err(`There is no cell ${c.cellId}.`, 'not-found');
  const elements = elementsOf(state, c.cellId).sort((a, b) => a.position - b.position);
  const same = Object.values(state.scenarios).find((s) => s.cellId === c.cellId && s.name === name);
  const id = same?.id ?? ctx.newId('scenario');
  const scenario = {
    id,
    cellId: c.cellId,
    name,
    createdAt: ctx.now,
    cycle: c.cycle,
    elements: elements.map(plain),
    stations: stationsOf(state, c.cellId).map((s) => ({ name: s.name, elementIds: elements.filter((e) => e.stationId === s.id).map((e) => e.id) })),
  };
  return decided([{ ...envelope(ctx, cellStream(state, c.cellId) ?? ''), type: 'scenario-saved', scenario }], { id });
}

export function deleteScenario(state: Snapshot, c: CommandOf<'scenario.delete'>, ctx: DecideContext): Decided {
  const scenario = state.scenarios[c.scenarioId];
  if (!scenario) return decided([]);
  return decided([{ ...envelope(ctx, cellStream(state, scenario.cellId) ?? ''), type: 'scenario-deleted', cellId: scenario.cellId, scenarioId: scenario.id }]);
}

/** Renames a station; names are unique within the cell, so the yamazumi and the scenarios tell stations apart. */
export function renameStation(state: Snapshot, c: CommandOf<'station.rename'>, ctx: DecideContext): Decided {
  const station = state.stations[c.stationId];
  if (!station) return err(`There is no station ${c.stationId}.`, 'not-found');
  const problem = nameProblem('The station name', c.name);
  if (problem) return err(problem, 'invalid');
  const name = c.name.trim();
  const stations = stationsOf(state, station.cellId);
  if (stations.some((s) => s.id !== station.id && s.name === name)) return err(`Another station of this cell is already called "${name}".`, 'invalid');
  const renamed = stations.map((s) => (s.id === station.id ? { ...s, name } : s));
  return decided(layout(state, ctx, station.cellId, renamed, [], `Renamed ${station.name} to ${name}`));
}

/** Balances the cell at a cycle time other than takt (kept on the cell, so it survives a reload); null: at takt again. */
export function setCycle(state: Snapshot, c: CommandOf<'cell.set-cycle'>, ctx: DecideContext): Decided {
  const cell = state.cells[c.cellId];
  if (!cell) return err(`There is no cell ${c.cellId}.`, 'not-found');
  if (c.cycle !== null && (typeof c.cycle !== 'number' || !Number.isFinite(c.cycle) || c.cycle <= 0)) {
    return err(`The cycle time must be a number of seconds above 0; got ${String(c.cycle)}.`, 'invalid');
  }
  if ((cell.cycle ?? null) === c.cycle) return decided([]);
  return decided([{ ...envelope(ctx, cell.streamId), type: 'cell-cycle-set', cellId: c.cellId, cycle: c.cycle }]);
}

/**
 * Takes back the cell's newest balancing change (a move, an accepted balance, a station added, removed or renamed):
 * the stations and every element's place as they were before it. Elements added since go to the end of the
 * unassigned list; elements deleted since stay deleted. A change to the elements themselves (added, edited, deleted,
 * imported) is taken back whole: every element record as it was, and the elements it added removed.
 */
export function undoLayout(state: Snapshot, c: CommandOf<'balance.undo'>, ctx: DecideContext): Decided {
  const cell = state.cells[c.cellId];
  if (!cell) return err(`There is no cell ${c.cellId}.`, 'not-found');
  const step = cell.layoutUndo?.at(-1);
  if (!step) return err('There is no balancing change to undo.', 'not-found');
  const elements = elementsOf(state, c.cellId);
  if (step.elements) {
    const stationIds = new Set(step.stations.map((s) => s.id));
    const kept = new Set(step.elements.map((e) => e.id));
    const restored = step.elements.map((e) => (e.stationId !== null && !stationIds.has(e.stationId) ? { ...e, stationId: null } : e));
    const deleted = elements.filter((e) => !kept.has(e.id)).map((e) => e.id);
    const changed = restored.filter((e) => JSON.stringify(e) !== JSON.stringify(state.workElements[e.id]));
    return decided([
      { ...envelope(ctx, cellStream(state, c.cellId) ?? ''), type: 'layout-undone', cellId: c.cellId, label: step.label, stations: step.stations, elements: changed, deleted },
    ]);
  }
  const stationIds = new Set(step.stations.map((s) => s.id));
  const was = new Map(step.places.map((p) => [p.id, p]));
  const unplaced = elements
    .filter((e) => !was.has(e.id) || (was.get(e.id)!.stationId !== null && !stationIds.has(was.get(e.id)!.stationId!)))
    .sort((a, b) => a.position - b.position);
  const unassignedBefore = step.places.filter((p) => p.stationId === null && elements.some((e) => e.id === p.id)).length;
  const changed = elements
    .map((e): WorkElementRecord => {
      const p = was.get(e.id);
      const k = unplaced.indexOf(e);
      if (k >= 0) return { ...e, stationId: null, position: unassignedBefore + k };
      return { ...e, stationId: p!.stationId, position: p!.position };
    })
    .filter((e) => e.stationId !== state.workElements[e.id]!.stationId || e.position !== state.workElements[e.id]!.position);
  return decided(
    [{ ...envelope(ctx, cellStream(state, c.cellId) ?? ''), type: 'layout-undone', cellId: c.cellId, label: step.label, stations: step.stations, elements: changed }],
  );
}
