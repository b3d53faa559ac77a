// What the store keeps, table by table: the engine's plain model plus the keys that tie records together.
import type { BoardEvent, KanbanCard, KanbanLoop, ShiftCalendar, Stage, WorkElement } from '../engine/model.ts';
import type { PiecesPerDay, Pieces } from '../engine/units.ts';

export interface StreamRecord {
  id: string;
  name: string;
  calendar: ShiftCalendar;
  createdAt: number;
}

export interface PartRecord {
  id: string;
  streamId: string;
  partNumber: string;
  name: string;
  family: string;
  demandPerDay: PiecesPerDay;
  containerQuantity: Pieces;
  /** Shipped pieces per working day, oldest first: the history demand forecasts are fitted on. */
  demandHistory?: number[];
}

export type LoopRecord = KanbanLoop & { streamId: string };
export type StageRecord = Stage;
/** A stored card: `boardStageId` is its stage while it is on the board and absent once completed or retired (see migrations.ts v3). */
export type CardRecord = KanbanCard & { boardStageId?: string };
export type EventRecord = BoardEvent;

/** An assembly cell whose work elements are balanced over stations. */
export interface CellRecord {
  id: string;
  streamId: string;
  name: string;
  /** Optional target line below takt, as a fraction of takt (for example 0.9). */
  targetFraction?: number;
}

export interface StationRecord {
  id: string;
  cellId: string;
  name: string;
  order: number;
}

export type WorkElementRecord = WorkElement & {
  cellId: string;
  /** The station it is assigned to, or null while unassigned. */
  stationId: string | null;
  /** Its place within the station (or in the unassigned list). */
  position: number;
};

/** A saved balance of a cell ("before", "after") for side-by-side comparison in a workshop. */
export interface ScenarioRecord {
  id: string;
  cellId: string;
  name: string;
  createdAt: number;
  cycle: number;
  elements: WorkElement[];
  stations: { name: string; elementIds: string[] }[];
}

export interface SettingRecord {
  key: string;
  value: unknown;
}
