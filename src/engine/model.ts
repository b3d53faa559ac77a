// The plain-data domain model shared by the engine, the worker, the store and the UI (structured-clone-able).
import type { Seconds, Pieces, PiecesPerDay } from './units.ts';

/** A working shift: start/end as minutes after midnight; breaks and planned downtime in minutes. */
export interface Shift {
  name: string;
  startMinute: number;
  endMinute: number;
  breaks: { name: string; minutes: number }[];
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
  partNumber: string;
  demandPerDay: PiecesPerDay;
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
  cardLimit: number;
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

export type BoardEventType =
  | 'create'
  | 'move'
  | 'block'
  | 'unblock'
  | 'complete'
  | 'retire'
  | 'limit-change'
  | 'undo';

/** One entry of the append-only event log. `at` is epoch milliseconds. */
export interface BoardEvent {
  id?: number;
  streamId: string;
  cardId?: string;
  stageId?: string;
  type: BoardEventType;
  at: number;
  who: string;
  from?: string;
  to?: string;
  reason?: string;
  /** For 'undo': the id of the event it compensates. */
  undoes?: number;
  /** For 'limit-change': old and new limits. */
  oldLimit?: number;
  newLimit?: number;
}

/** A work element of an assembly cell, for line balancing. Times in seconds. */
export interface WorkElement {
  id: string;
  name: string;
  time: Seconds;
  /** Ids of the elements that must be done before this one. */
  predecessors: string[];
}
