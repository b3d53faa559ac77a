// The state a rule decides on: records keyed by id (all of them, or the slice a command needs) plus what the pull rule counts.
import type {
  CellRecord,
  KanbanCard,
  LoopRecord,
  PartRecord,
  ScenarioRecord,
  Stage,
  StationRecord,
  StreamRecord,
  WorkElementRecord,
} from '../model.ts';

export interface MoveRef {
  eventId: number;
  cardId: string;
  from: string;
  to: string;
  previousEnteredAt?: number;
}

export interface Snapshot {
  streams: Record<string, StreamRecord>;
  stages: Record<string, Stage>;
  parts: Record<string, PartRecord>;
  loops: Record<string, LoopRecord>;
  /** Cards, including completed and retired ones that were loaded. */
  cards: Record<string, KanbanCard>;
  cells: Record<string, CellRecord>;
  stations: Record<string, StationRecord>;
  workElements: Record<string, WorkElementRecord>;
  scenarios: Record<string, ScenarioRecord>;
  /** Active cards per stage, for every stage a rule may fill, whether or not those cards are loaded. */
  counts: Record<string, number>;
  /** Per stream, the moves not undone yet, newest last (a loader may give only the newest). */
  undoable: Record<string, MoveRef[]>;
}

/** The record tables a snapshot holds; the store has a table of the same name for each. */
export const RECORD_TABLES = ['streams', 'stages', 'parts', 'loops', 'cards', 'cells', 'stations', 'workElements', 'scenarios'] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

export function emptySnapshot(): Snapshot {
  return {
    streams: {},
    stages: {},
    parts: {},
    loops: {},
    cards: {},
    cells: {},
    stations: {},
    workElements: {},
    scenarios: {},
    counts: {},
    undoable: {},
  };
}

/** A stream's stages in flow order. */
export function stagesOf(state: Snapshot, streamId: string): Stage[] {
  return Object.values(state.stages)
    .filter((s) => s.streamId === streamId)
    .sort((a, b) => a.order - b.order);
}

export function stationsOf(state: Snapshot, cellId: string): StationRecord[] {
  return Object.values(state.stations)
    .filter((s) => s.cellId === cellId)
    .sort((a, b) => a.order - b.order);
}

/** The elements of a cell on one station (or unassigned: null), in working order. */
export function elementsOn(state: Snapshot, cellId: string, stationId: string | null): WorkElementRecord[] {
  return Object.values(state.workElements)
    .filter((e) => e.cellId === cellId && e.stationId === stationId)
    .sort((a, b) => a.position - b.position);
}

export function elementsOf(state: Snapshot, cellId: string): WorkElementRecord[] {
  return Object.values(state.workElements).filter((e) => e.cellId === cellId);
}

export const isActive = (card: KanbanCard) => !card.retired;

/** Active cards per stage, counted from the cards themselves (for a snapshot that holds every card). */
export function countCards(state: Snapshot): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of Object.keys(state.stages)) counts[id] = 0;
  for (const card of Object.values(state.cards)) if (isActive(card)) counts[card.stageId] = (counts[card.stageId] ?? 0) + 1;
  return counts;
}
