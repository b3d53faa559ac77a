// What the store keeps, table by table: the engine's plain records plus the one storage-only key (a card's board index).
import type { KanbanCard } from '../engine/model.ts';
import type { BoardEvent } from '../engine/events.ts';

export type {
  CellRecord,
  LoopRecord,
  PartRecord,
  ScenarioRecord,
  StationRecord,
  StreamRecord,
  WorkElementRecord,
} from '../engine/model.ts';
export type { Stage as StageRecord } from '../engine/model.ts';

/** A stored card: `boardStageId` is its stage while it is on the board and absent once completed or retired (see migrations.ts v3). */
export type CardRecord = KanbanCard & { boardStageId?: string };
export type EventRecord = BoardEvent;

export interface SettingRecord {
  key: string;
  value: unknown;
}
