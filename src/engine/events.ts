// The append-only event log's entries: one member per kind of change, each carrying what it changed, so the log replays to the state.
import type {
  KanbanCard,
  LoopRecord,
  PartRecord,
  ScenarioRecord,
  ShiftCalendar,
  Stage,
  StagePolicy,
  LayoutStep,
  StationRecord,
  StreamRecord,
  WorkElementRecord,
} from './model.ts';
import type { Cards } from './units.ts';

/** What every event carries: where, when (epoch ms), who, and the command it came from (a retried command is applied once). */
export interface EventEnvelope {
  /** The log's sequence number, given when the event is stored. */
  id?: number;
  streamId: string;
  at: number;
  who: string;
  commandId: string;
}

/** The fields of a card a person edits. */
export interface CardFields {
  partNumber: string;
  quantity: number;
  family: string;
  loopId?: string;
  note?: string;
}

/** A card put on the board. `card` is the whole new card (absent only on events logged before schema version 4). */
export type CardCreated = EventEnvelope & { type: 'create'; cardId: string; stageId: string; to: string; reason?: string; card?: KanbanCard };
/** A pull. `reason` is set when it took a soft stage over its limit; `previousEnteredAt` lets an undo restore the card's age. */
export type CardMoved = EventEnvelope & {
  type: 'move';
  cardId: string;
  from: string;
  to: string;
  reason?: string;
  previousEnteredAt?: number;
  /** Set when the card was blocked (andon) as it was pulled: its block reason, so the log shows it was pulled anyway. */
  blockedReason?: string;
};
/** A compensating move: `undoes` is the move's event id; the card gets back the time it had entered `to`. */
export type MoveUndone = EventEnvelope & {
  type: 'undo';
  cardId: string;
  undoes: number;
  from: string;
  to: string;
  reason?: string;
  enteredStageAt?: number;
};
export type CardEdited = EventEnvelope & { type: 'edit'; cardId: string; fields: CardFields };
export type CardBlocked = EventEnvelope & { type: 'block'; cardId: string; stageId: string; reason: string };
export type CardUnblocked = EventEnvelope & { type: 'unblock'; cardId: string; stageId: string };
export type CardCompleted = EventEnvelope & { type: 'complete'; cardId: string; stageId: string };
export type CardRetired = EventEnvelope & { type: 'retire'; cardId: string; stageId: string; reason?: string };
/** A stage's card limit changed; `overrideReason` is kept on the stage when the limit was set by hand, cleared otherwise. */
export type LimitChanged = EventEnvelope & {
  type: 'limit-change';
  stageId: string;
  oldLimit: Cards;
  newLimit: Cards;
  reason: string;
  overrideReason?: string;
  /** Active cards on the stage when the limit changed (absent in logs written before it was recorded). */
  count?: number;
};

export type StreamCreated = EventEnvelope & { type: 'stream-created'; stream: StreamRecord };
export type StreamRenamed = EventEnvelope & { type: 'stream-renamed'; name: string };
export type CalendarSet = EventEnvelope & { type: 'calendar-set'; calendar: ShiftCalendar };
export type StageAdded = EventEnvelope & { type: 'stage-added'; stage: Stage };
export type StageRenamed = EventEnvelope & { type: 'stage-renamed'; stageId: string; name: string };
/** The stream's stages in their new flow order (after a move or a removal). */
export type StagesReordered = EventEnvelope & { type: 'stages-reordered'; order: string[] };
export type StageRemoved = EventEnvelope & { type: 'stage-removed'; stageId: string };
/** `count`: active cards on the stage when the policy changed (absent in logs written before it was recorded). */
export type StagePolicySet = EventEnvelope & { type: 'stage-policy-set'; stageId: string; policy: StagePolicy; count?: number };
export type StageLoopSet = EventEnvelope & { type: 'stage-loop-set'; stageId: string; loopId: string | null };
export type PartAdded = EventEnvelope & { type: 'part-added'; part: PartRecord };
export type PartUpdated = EventEnvelope & { type: 'part-updated'; part: PartRecord };
export type LoopAdded = EventEnvelope & { type: 'loop-added'; loop: LoopRecord };
export type LoopUpdated = EventEnvelope & { type: 'loop-updated'; loop: LoopRecord };

/**
 * A cell's layout after a balancing change (an element moved, a balance accepted, a station added or removed):
 * every station of the cell, and the elements whose station or place changed.
 */
export type CellLaidOut = EventEnvelope & {
  type: 'cell-laid-out';
  cellId: string;
  stations: StationRecord[];
  elements: WorkElementRecord[];
  /** The layout before the change, kept on the cell so the change can be undone (balance.undo). */
  undoStep?: LayoutStep;
};
/** Work elements added, edited or (with `deleted`) removed; `elements` are the records as they now are. */
export type ElementsChanged = EventEnvelope & {
  type: 'elements-changed';
  cellId: string;
  elements: WorkElementRecord[];
  deleted: string[];
  /** The cell's elements before the change, kept on the cell so the change can be undone (balance.undo). */
  undoStep?: LayoutStep;
};
/** The cycle time a cell is balanced at instead of takt; null: back to takt. */
export type CellCycleSet = EventEnvelope & { type: 'cell-cycle-set'; cellId: string; cycle: number | null };
export type ScenarioSaved = EventEnvelope & { type: 'scenario-saved'; scenario: ScenarioRecord };
export type ScenarioDeleted = EventEnvelope & { type: 'scenario-deleted'; cellId: string; scenarioId: string };
/** A pull the pull rule refused (a full hard stage). It changes no record; it shows the team where flow stops. */
export type MoveRefused = EventEnvelope & { type: 'move-refused'; cardId: string; from: string; to: string; reason: string };

/** Someone answered a blocked card's andon ("help is coming"). Changes no record. */
export type AndonAcknowledged = EventEnvelope & { type: 'andon-acknowledged'; cardId: string; stageId: string; by: string };
/** Why an hour of the pace board missed its plan. Changes no record. */
export type PaceReason = EventEnvelope & { type: 'pace-reason'; hourStart: number; reason: string };

export type BoardEvent =
  | CardCreated
  | CardMoved
  | MoveUndone
  | CardEdited
  | CardBlocked
  | CardUnblocked
  | CardCompleted
  | CardRetired
  | LimitChanged
  | StreamCreated
  | StreamRenamed
  | CalendarSet
  | StageAdded
  | StageRenamed
  | StagesReordered
  | StageRemoved
  | StagePolicySet
  | StageLoopSet
  | PartAdded
  | PartUpdated
  | LoopAdded
  | LoopUpdated
  | CellLaidOut
  | ElementsChanged
  | ScenarioSaved
  | ScenarioDeleted
  | LayoutUndone
  | CellCycleSet
  | MoveRefused
  | AndonAcknowledged
  | PaceReason;

/** The newest undo step of a cell taken back: its stations and the elements whose station or place it restores. */
export type LayoutUndone = EventEnvelope & {
  type: 'layout-undone';
  cellId: string;
  /** The change undone, in words. */
  label: string;
  stations: StationRecord[];
  elements: WorkElementRecord[];
  /** Elements the undone change had added (undoing an element change), removed again. */
  deleted?: string[];
};

export type BoardEventType = BoardEvent['type'];

/** An event as `decide` makes it, before the log gives it its sequence number. */
export type NewEvent = BoardEvent extends infer E ? (E extends BoardEvent ? Omit<E, 'id'> : never) : never;

/** The events that move a card between stages, which flow metrics read. */
export type CardFlowEvent = CardCreated | CardMoved | MoveUndone | CardCompleted | CardRetired | CardBlocked | CardUnblocked;

/** The fields of any logged event that readers of card flow look at (every BoardEvent fits it). */
export interface LogEntry {
  id?: number;
  streamId?: string;
  who?: string;
  type: string;
  at: number;
  cardId?: string;
  stageId?: string;
  from?: string;
  to?: string;
  reason?: string;
  undoes?: number;
}
