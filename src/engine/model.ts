// The plain-data domain model shared by the engine, the worker, the store and the UI (structured-clone-able).
import type { Cards, Seconds, Pieces, PiecesPerDay } from './units.ts';

/** A working shift: start/end as minutes after midnight; breaks and planned downtime in minutes. */
export interface Shift {
  name: string;
  startMinute: number;
  endMinute: number;
  /** A break with a clock time (startMinute, minutes after midnight) is counted once where shifts overlap. */
  breaks: { name: string; minutes: number; startMinute?: number }[];
  plannedDowntimeMinutes: number;
}

/** Shifts run on each working day; the period the demand refers to is one working day. */
export interface ShiftCalendar {
  shifts: Shift[];
  workingDaysPerWeek: number;
}

/** A kanban loop: what a stage's card limit is sized from. */
export interface KanbanLoop {
  id: string;
  name: string;
  kind: 'production' | 'withdrawal';
  /** The part this loop supplies, matched by part number within the stream. */
  partNumber: string;
  /**
   * The share of its part's demand this loop covers (0 < share ≤ 1). A loop has no demand of its own: its daily
   * demand is the part's × this share (`loopDemand` in loop-demand.ts), so takt, loops and forecasts share one figure.
   */
  demandShare: number;
  /** Replenishment lead time L = processing + waiting + transport, in working days. */
  processingDays: number;
  waitingDays: number;
  transportDays: number;
  safetyFactor: number;
  containerQuantity: Pieces;
}

export type StagePolicy = 'hard' | 'soft';

export interface Stage {
  id: string;
  streamId: string;
  name: string;
  order: number;
  cardLimit: Cards;
  policy: StagePolicy;
  /** The loop whose kanban count sizes this stage's limit, if any. */
  loopId?: string;
  /** Set when the limit was typed in by hand rather than taken from the engine. */
  limitOverrideReason?: string;
}

export interface KanbanCard {
  id: string;
  streamId: string;
  stageId: string;
  partNumber: string;
  quantity: Pieces;
  loopId?: string;
  /** Swimlane: part family or product. */
  family: string;
  blocked: boolean;
  blockedReason?: string;
  note?: string;
  /** Epoch milliseconds of the card's entry into its current stage. */
  enteredStageAt: number;
  createdAt: number;
  retired: boolean;
}

/** A work element of an assembly cell, for line balancing. Times in seconds. */
export interface WorkElement {
  id: string;
  name: string;
  time: Seconds;
  /** Ids of the elements that must be done before this one. */
  predecessors: string[];
}

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

/** An assembly cell whose work elements are balanced over stations. */
export interface CellRecord {
  id: string;
  streamId: string;
  name: string;
  /** Optional target line below takt, as a fraction of takt (for example 0.9). */
  targetFraction?: number;
  /** The balancing board's undo steps, oldest first (at most LAYOUT_UNDO_DEPTH): the layout before each change. */
  layoutUndo?: LayoutStep[];
  /** The cycle time (s) the balancing board uses instead of takt, chosen by the team; absent: takt. */
  cycle?: number;
}

/** Undo steps a cell keeps (each holds the place of every element, so long lines are not kept forever). */
export const LAYOUT_UNDO_DEPTH = 30;

/** A cell's layout before a balancing change, with what the change was, so the change can be undone. */
export interface LayoutStep {
  /** What the change did, in words ("Moved "Fit housing" to Operator 2"). */
  label: string;
  stations: StationRecord[];
  /** Every element of the cell: its station (null: unassigned) and place. */
  places: { id: string; stationId: string | null; position: number }[];
  /**
   * For a change to the work elements themselves (added, edited, deleted, imported): every element record of the
   * cell as it was, so undo brings back names, times and predecessors, and removes elements the change added.
   */
  elements?: WorkElementRecord[];
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
