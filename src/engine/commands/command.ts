// Every change a person can make, as one typed command: the only way anything is written, on this screen or on a server.
import type { CardFields } from '../events.ts';
import type { CardId, CellId, ElementId, LoopId, PartId, ScenarioId, StageId, StationId, StreamId } from '../ids.ts';
import type { KanbanLoop, ShiftCalendar, StagePolicy } from '../model.ts';

export type { CardFields };

export interface PartFields {
  partNumber: string;
  name: string;
  family: string;
  demandPerDay: number;
  containerQuantity: number;
}

export type LoopFields = Omit<KanbanLoop, 'id'>;

export interface ElementInput {
  name: string;
  time: number;
  /** Ids of the elements that come first (for `element.save`) or their names (for `elements.replace`). */
  predecessors: string[];
}

export interface LimitProposal {
  stageId: StageId;
  limit: number;
  /** The engine's explanation of the figure, logged with the change. */
  basis: string;
}

export type CardCommand =
  | { type: 'card.create'; streamId: StreamId; stageId: StageId; fields: CardFields; id?: CardId; reason?: string }
  | { type: 'card.move'; cardId: CardId; toStageId: StageId; reason?: string }
  | { type: 'card.undo-move'; streamId: StreamId; reason?: string }
  | { type: 'card.edit'; cardId: CardId; fields: Partial<CardFields> }
  | { type: 'card.block'; cardId: CardId; reason: string }
  | { type: 'card.unblock'; cardId: CardId }
  | { type: 'card.complete'; cardId: CardId }
  | { type: 'card.retire'; cardId: CardId; reason?: string }
  /** Logs a pull the pull rule refused (a full hard stage): nothing moves; the log shows where flow stops. */
  | { type: 'card.record-refusal'; cardId: CardId; toStageId: StageId };

export type StreamCommand =
  | { type: 'stream.create'; name: string; id?: StreamId }
  | { type: 'stream.rename'; streamId: StreamId; name: string }
  | { type: 'stream.set-calendar'; streamId: StreamId; calendar: ShiftCalendar }
  | { type: 'stage.add'; streamId: StreamId; name: string; cardLimit: number; policy: StagePolicy; id?: StageId }
  | { type: 'stage.rename'; stageId: StageId; name: string }
  | { type: 'stage.move'; stageId: StageId; direction: -1 | 1 }
  | { type: 'stage.remove'; stageId: StageId }
  | { type: 'stage.set-policy'; stageId: StageId; policy: StagePolicy }
  | { type: 'stage.set-loop'; stageId: StageId; loopId: LoopId | null }
  | { type: 'stage.override-limit'; stageId: StageId; limit: number; reason: string }
  | { type: 'stage.apply-proposals'; streamId: StreamId; proposals: LimitProposal[] }
  | { type: 'part.add'; streamId: StreamId; part: PartFields; id?: PartId }
  | { type: 'part.update'; partId: PartId; part: PartFields }
  | { type: 'part.set-demand'; partId: PartId; demandPerDay: number }
  | { type: 'part.set-history'; partId: PartId; history: number[] }
  | { type: 'loop.add'; streamId: StreamId; loop: LoopFields; id?: LoopId }
  | { type: 'loop.update'; loopId: LoopId; loop: LoopFields };

export type BalanceCommand =
  | { type: 'element.move'; elementId: ElementId; toStationId: StationId | null; index: number }
  | { type: 'balance.apply'; cellId: CellId; stations: ElementId[][] }
  | { type: 'station.add'; cellId: CellId }
  | { type: 'station.remove'; stationId: StationId }
  | { type: 'element.save'; cellId: CellId; elementId: ElementId | null; element: ElementInput }
  | { type: 'element.delete'; elementId: ElementId }
  | { type: 'elements.replace'; cellId: CellId; elements: ElementInput[] }
  | { type: 'scenario.save'; cellId: CellId; name: string; cycle: number }
  | { type: 'scenario.delete'; scenarioId: ScenarioId }
  | { type: 'balance.undo'; cellId: CellId }
  | { type: 'station.rename'; stationId: StationId; name: string }
  /** The cycle time the cell is balanced at instead of takt (SALBP-1 at another cycle); null: balance at takt. */
  | { type: 'cell.set-cycle'; cellId: CellId; cycle: number | null };

/** Answering an andon and explaining a missed hour of the pace board: they only add to the log. */
export type FloorCommand =
  | { type: 'andon.acknowledge'; cardId: CardId; by: string }
  | { type: 'pace.reason'; streamId: StreamId; hourStart: number; reason: string };

export type Command = CardCommand | StreamCommand | BalanceCommand | FloorCommand;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
