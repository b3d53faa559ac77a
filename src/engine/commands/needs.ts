// Which records a command's rule reads, loaded through any store (Dexie in the browser, SQL on the server) into a Snapshot.
import type { BoardEvent } from '../events.ts';
import type { CellRecord, KanbanCard, LoopRecord, PartRecord, ScenarioRecord, Stage, StationRecord, StreamRecord, WorkElementRecord } from '../model.ts';
import type { Command } from './command.ts';
import { emptySnapshot, type MoveRef, type Snapshot } from './state.ts';

/** What a store must answer for the rules. Each store implements it over its own tables, inside its own transaction. */
export interface StateReader {
  stream(id: string): Promise<StreamRecord | undefined>;
  allStreams(): Promise<StreamRecord[]>;
  stage(id: string): Promise<Stage | undefined>;
  card(id: string): Promise<KanbanCard | undefined>;
  part(id: string): Promise<PartRecord | undefined>;
  loop(id: string): Promise<LoopRecord | undefined>;
  cell(id: string): Promise<CellRecord | undefined>;
  station(id: string): Promise<StationRecord | undefined>;
  workElement(id: string): Promise<WorkElementRecord | undefined>;
  scenario(id: string): Promise<ScenarioRecord | undefined>;
  /** The stream's stages, parts and loops. */
  streamParts(streamId: string): Promise<{ stages: Stage[]; parts: PartRecord[]; loops: LoopRecord[] }>;
  /** The cell's stations, work elements and scenarios. */
  cellParts(cellId: string): Promise<{ stations: StationRecord[]; workElements: WorkElementRecord[]; scenarios: ScenarioRecord[] }>;
  /** Cards on the stage still in circulation. */
  activeCount(streamId: string, stageId: string): Promise<number>;
  /** The newest move of the stream not undone yet. */
  lastUndoableMove(streamId: string): Promise<MoveRef | undefined>;
}

/**
 * Walks a stream's log newest first: give it each event in turn; it answers the newest move that no later undo took
 * back, once it meets it. The browser stores and the provisional outbox share this one reading of the log.
 */
export function undoScanner(streamId: string): (event: BoardEvent) => MoveRef | undefined {
  const undone = new Set<number>();
  return (event) => {
    if (event.streamId !== streamId) return undefined;
    if (event.type === 'undo') undone.add(event.undoes);
    else if (event.type === 'move' && event.id !== undefined && !undone.has(event.id)) {
      return { eventId: event.id, cardId: event.cardId, from: event.from, to: event.to, previousEnteredAt: event.previousEnteredAt };
    }
    return undefined;
  };
}

const put = <T extends { id: string }>(into: Record<string, T>, ...records: (T | undefined)[]) => {
  for (const r of records) if (r) into[r.id] = r;
};

async function withStream(reader: StateReader, state: Snapshot, streamId: string | undefined) {
  if (!streamId) return;
  const [stream, rest] = await Promise.all([reader.stream(streamId), reader.streamParts(streamId)]);
  put(state.streams, stream);
  put(state.stages, ...rest.stages);
  put(state.parts, ...rest.parts);
  put(state.loops, ...rest.loops);
}

async function withCell(reader: StateReader, state: Snapshot, cellId: string | undefined) {
  if (!cellId) return;
  const [cell, rest] = await Promise.all([reader.cell(cellId), reader.cellParts(cellId)]);
  put(state.cells, cell);
  put(state.stations, ...rest.stations);
  put(state.workElements, ...rest.workElements);
  put(state.scenarios, ...rest.scenarios);
}

async function withCount(reader: StateReader, state: Snapshot, streamId: string | undefined, stageId: string | undefined) {
  if (streamId && stageId) state.counts[stageId] = await reader.activeCount(streamId, stageId);
}

/** The slice of state `command`'s rule reads. Requests that do not depend on each other go out together. */
export async function loadFor(reader: StateReader, c: Command): Promise<Snapshot> {
  const state = emptySnapshot();
  switch (c.type) {
    case 'card.create': {
      const [stage, clash] = await Promise.all([reader.stage(c.stageId), c.id ? reader.card(c.id) : undefined]);
      put(state.stages, stage);
      put(state.cards, clash);
      // The stream's parts: a card with no family given takes its part's.
      put(state.parts, ...(await reader.streamParts(c.streamId)).parts);
      await withCount(reader, state, c.streamId, stage?.id);
      break;
    }
    case 'card.move':
    case 'card.record-refusal': {
      const [card, stage] = await Promise.all([reader.card(c.cardId), reader.stage(c.toStageId)]);
      put(state.cards, card);
      put(state.stages, stage);
      await withCount(reader, state, card?.streamId, stage?.id);
      break;
    }
    case 'card.undo-move': {
      const move = await reader.lastUndoableMove(c.streamId);
      if (!move) break;
      state.undoable[c.streamId] = [move];
      const [card, stage] = await Promise.all([reader.card(move.cardId), reader.stage(move.from)]);
      put(state.cards, card);
      put(state.stages, stage);
      await withCount(reader, state, card?.streamId, stage?.id);
      break;
    }
    case 'card.edit':
    case 'card.block':
    case 'card.unblock':
    case 'card.retire':
      put(state.cards, await reader.card(c.cardId));
      break;
    case 'card.complete': {
      const card = await reader.card(c.cardId);
      put(state.cards, card);
      if (card) put(state.stages, ...(await reader.streamParts(card.streamId)).stages);
      break;
    }
    case 'stream.create':
    case 'stream.rename':
      put(state.streams, ...(await reader.allStreams()));
      break;
    case 'stage.apply-proposals':
      await withStream(reader, state, c.streamId);
      // Each changed stage's count goes in its log entry.
      if (Array.isArray(c.proposals)) {
        const ids = [...new Set(c.proposals.map((p) => p?.stageId))].filter((id) => typeof id === 'string' && state.stages[id]?.streamId === c.streamId);
        await Promise.all(ids.map((id) => withCount(reader, state, c.streamId, id)));
      }
      break;
    case 'stream.set-calendar':
    case 'stage.add':
    case 'part.add':
    case 'loop.add':
      await withStream(reader, state, c.streamId);
      break;
    case 'stage.rename':
    case 'stage.move':
    case 'stage.remove':
    case 'stage.set-policy':
    case 'stage.set-loop':
    case 'stage.override-limit': {
      const stage = await reader.stage(c.stageId);
      await withStream(reader, state, stage?.streamId);
      // Removing needs the count; a limit or policy change records it, so the log says a stage was left over its limit.
      if (c.type === 'stage.remove' || c.type === 'stage.set-policy' || c.type === 'stage.override-limit') await withCount(reader, state, stage?.streamId, stage?.id);
      break;
    }
    case 'part.update':
    case 'part.set-demand':
    case 'part.set-history':
      await withStream(reader, state, (await reader.part(c.partId))?.streamId);
      break;
    case 'loop.update':
      await withStream(reader, state, (await reader.loop(c.loopId))?.streamId);
      break;
    case 'balance.apply':
    case 'station.add':
    case 'element.save':
    case 'elements.replace':
    case 'scenario.save':
      await withCell(reader, state, c.cellId);
      break;
    case 'element.move':
    case 'element.delete':
      await withCell(reader, state, (await reader.workElement(c.elementId))?.cellId);
      break;
    case 'station.remove':
      await withCell(reader, state, (await reader.station(c.stationId))?.cellId);
      break;
    case 'scenario.delete':
      await withCell(reader, state, (await reader.scenario(c.scenarioId))?.cellId);
      break;
    case 'balance.undo':
    case 'cell.set-cycle':
      await withCell(reader, state, c.cellId);
      break;
    case 'station.rename':
      await withCell(reader, state, (await reader.station(c.stationId))?.cellId);
      break;
    case 'andon.acknowledge':
      put(state.cards, await reader.card(c.cardId));
      break;
    case 'pace.reason':
      put(state.streams, await reader.stream(c.streamId));
      break;
  }
  return state;
}

/**
 * The value stream a command belongs to, for ordering and access checks on a server; undefined when the records it
 * names do not exist (its rule will then refuse it) or when it creates a stream.
 */
export async function streamOf(reader: StateReader, c: Command): Promise<string | undefined> {
  if ('streamId' in c) return c.streamId;
  if ('cardId' in c) return (await reader.card(c.cardId))?.streamId;
  if ('stageId' in c) return (await reader.stage(c.stageId))?.streamId;
  if ('partId' in c) return (await reader.part(c.partId))?.streamId;
  if ('loopId' in c) return (await reader.loop(c.loopId))?.streamId;
  let cellId: string | undefined;
  if ('cellId' in c) cellId = c.cellId;
  else if ('elementId' in c && c.elementId) cellId = (await reader.workElement(c.elementId))?.cellId;
  else if ('stationId' in c && c.stationId) cellId = (await reader.station(c.stationId))?.cellId;
  else if ('scenarioId' in c) cellId = (await reader.scenario(c.scenarioId))?.cellId;
  return cellId ? (await reader.cell(cellId))?.streamId : undefined;
}

/**
 * The records an already-decided event reads when it is projected (a screen applying events another screen made):
 * the card it moves, the stage whose limit changes, the stream's stages it renumbers, the cell it lays out.
 */
export async function loadForEvent(reader: StateReader, e: BoardEvent): Promise<Snapshot> {
  const state = emptySnapshot();
  if ('cardId' in e) put(state.cards, await reader.card(e.cardId));
  switch (e.type) {
    case 'limit-change':
    case 'stage-renamed':
    case 'stage-removed':
    case 'stage-policy-set':
    case 'stage-loop-set':
      put(state.stages, await reader.stage(e.stageId));
      break;
    case 'stream-renamed':
    case 'calendar-set':
      put(state.streams, await reader.stream(e.streamId));
      break;
    case 'stages-reordered':
      put(state.stages, ...(await reader.streamParts(e.streamId)).stages);
      break;
    case 'cell-laid-out':
    case 'layout-undone': {
      const [cell, parts] = await Promise.all([reader.cell(e.cellId), reader.cellParts(e.cellId)]);
      put(state.cells, cell);
      put(state.stations, ...parts.stations);
      if (e.type === 'layout-undone') for (const id of e.deleted ?? []) put(state.workElements, await reader.workElement(id));
      break;
    }
    case 'cell-cycle-set':
      put(state.cells, await reader.cell(e.cellId));
      break;
    case 'elements-changed':
      for (const id of e.deleted) put(state.workElements, await reader.workElement(id));
      if (e.undoStep) put(state.cells, await reader.cell(e.cellId));
      break;
    case 'scenario-deleted':
      put(state.scenarios, await reader.scenario(e.scenarioId));
      break;
    default:
      break;
  }
  return state;
}
