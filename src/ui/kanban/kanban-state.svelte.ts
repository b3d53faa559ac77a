// The board screen's state: the user's intents sent as commands, what the screen says back, and the clock that ages cards.
import { getContext, setContext } from 'svelte';
import type { AppState } from '../state/app-state.svelte.ts';
import type { BoardFlow, LimitSource } from '../../engine/api/flow-api.ts';
import type { KanbanCard, Stage } from '../../engine/model.ts';
import type { CardFields } from '../../engine/commands/index.ts';
import type { CommandResult } from '../../db/apply.ts';
import type { Err } from '../../engine/result.ts';
import { asId } from '../../engine/ids.ts';
import { card as readCard } from '../../db/queries.ts';

export type Notice = { kind: 'ok' | 'error'; text: string };

/** A move that waits for a reason, because it would take a soft stage over its limit. */
export interface ReasonRequest {
  action: 'move' | 'undo' | 'create';
  cardId?: string;
  toStageId?: string;
  fields?: CardFields;
  text: string;
  /** The card is blocked (andon): the reason says why it is pulled anyway, not why a stage goes over its limit. */
  blocked?: boolean;
}

export type Editing = { mode: 'create'; stageId: string } | { mode: 'edit'; cardId: string };

/** Marks that let a benchmark time a move from drop to commit without any hook in the app. */
export const MOVE_START_MARK = 'taktboard:move-start';
export const MOVE_COMMIT_MEASURE = 'taktboard:move-commit';
/** From the same mark to the store worker receiving the move (the rest of the commit measure is the store's own time). */
export const MOVE_RECEIVED_MEASURE = 'taktboard:move-received';

export function limitText(limit: LimitSource | undefined): string {
  if (!limit) return '';
  switch (limit.kind) {
    case 'loop':
      return `Kanban count of ${limit.loopName}: ${limit.basis.explanation}`;
    case 'loop-error':
      return `${limit.loopName} cannot size this limit: ${limit.error}`;
    case 'manual':
      return `Set by hand: ${limit.reason}`;
    default:
      return 'Set by hand; no loop or reason recorded.';
  }
}

export class BoardState {
  now = $state(Date.now());
  notice = $state<Notice | null>(null);
  reasonRequest = $state<ReasonRequest | null>(null);
  editing = $state<Editing | null>(null);
  flow = $state.raw<BoardFlow | null>(null);
  /** Stage ids in flow order and by id, kept by the view so messages can name stages. */
  stages = $state.raw<Stage[]>([]);
  /** The stage of the card being dragged, while a drag is on. */
  dragFrom = $state<string | null>(null);

  /** The card on the board with this id, as the board holds it (set by the board view). */
  cardById: ((id: string) => KanbanCard | undefined) | null = null;

  constructor(readonly app: AppState) {}

  stageName(id: string | undefined): string {
    return this.stages.find((stage) => stage.id === id)?.name ?? 'an unknown stage';
  }

  nextStage(stageId: string): Stage | undefined {
    const index = this.stages.findIndex((stage) => stage.id === stageId);
    return index >= 0 ? this.stages[index + 1] : undefined;
  }

  private refusal(result: Err): string {
    if (result.code !== 'full' || !result.stage) return result.error;
    const stageId = result.stage.id;
    const limit = this.flow?.stages.find((stage) => stage.stageId === stageId)?.limit;
    return `${result.error} Limit: ${limitText(limit)}`;
  }

  private report(result: CommandResult, card: string, action: ReasonRequest['action'], retry: Omit<ReasonRequest, 'text' | 'action'>) {
    if (result.ok) {
      const { overLimit, stage } = result.value.outcome;
      const over = overLimit && stage ? ` It is now over its limit (${stage.count + 1} / ${stage.cardLimit}).` : '';
      const verb = action === 'undo' ? 'Undone: ' : '';
      this.notice = { kind: 'ok', text: `${verb}${card} moved to ${stage?.name ?? 'its stage'}.${over}` };
    } else if (result.code === 'needs-reason') {
      this.notice = null;
      // The pull rule's ask names the stage it would overfill; an ask without one is about a blocked card.
      this.reasonRequest = { action, ...retry, text: result.error, ...(result.stage ? {} : { blocked: true }) };
    } else {
      this.notice = { kind: 'error', text: `${card} was not moved. ${this.refusal(result)}` };
    }
  }

  /** Moves a card (drag, keyboard or the pull button); the engine's pull rule decides, the screen reports. */
  async move(card: KanbanCard, toStageId: string, reason?: string): Promise<CommandResult> {
    // Each measure starts at its own mark: by name it would start at the newest mark, which a later drop may have set.
    const start = performance.mark(MOVE_START_MARK);
    const result = await this.app.send({ type: 'card.move', cardId: asId('card', card.id), toStageId: asId('stage', toStageId), reason });
    // The commit happened in the store worker; its time (absolute) ends the measure, whatever this thread did meanwhile.
    if (result.ok) {
      performance.measure(MOVE_COMMIT_MEASURE, { start: start.startTime, end: this.app.lastCommitAt - performance.timeOrigin });
      if (this.app.lastReceivedAt) performance.measure(MOVE_RECEIVED_MEASURE, { start: start.startTime, end: this.app.lastReceivedAt - performance.timeOrigin });
    }
    this.report(result, `Card ${card.partNumber}`, 'move', { cardId: card.id, toStageId });
    // A pull a full hard stage refused goes in the log too: it is how the team sees where flow stops.
    if (!result.ok && result.code === 'full') {
      void this.app.send({ type: 'card.record-refusal', cardId: asId('card', card.id), toStageId: asId('stage', toStageId) });
    }
    return result;
  }

  async undo(reason?: string) {
    if (!this.app.streamId) return;
    const result = await this.app.send({ type: 'card.undo-move', streamId: asId('stream', this.app.streamId), reason });
    const moved = result.ok ? result.value.outcome.id : undefined;
    const card = moved ? (this.cardById?.(moved) ?? (await readCard(this.app.db, moved))) : undefined;
    this.report(result, card ? `Card ${card.partNumber}` : 'The last moved card', 'undo', {});
  }

  async create(stageId: string, fields: CardFields, reason?: string): Promise<string | null> {
    if (!this.app.streamId) return 'There is no value stream.';
    const result = await this.app.send({ type: 'card.create', streamId: asId('stream', this.app.streamId), stageId: asId('stage', stageId), fields, reason });
    if (result.ok) {
      this.notice = { kind: 'ok', text: `Card ${fields.partNumber} added to ${this.stageName(stageId)}.` };
      return null;
    }
    if (result.code === 'needs-reason') {
      this.reasonRequest = { action: 'create', toStageId: stageId, fields, text: result.error };
      return null;
    }
    return this.refusal(result);
  }

  /** Saves the card dialog: values first, then the andon flag; returns the problem to show, or null. */
  async save(card: KanbanCard, fields: CardFields, blocked: boolean, blockedReason: string): Promise<string | null> {
    const cardId = asId('card', card.id);
    const edited = await this.app.send({ type: 'card.edit', cardId, fields });
    if (!edited.ok) return edited.error;
    if (blocked !== card.blocked || (blocked && blockedReason.trim() !== (card.blockedReason ?? ''))) {
      const flagged = await this.app.send(blocked ? { type: 'card.block', cardId, reason: blockedReason } : { type: 'card.unblock', cardId });
      if (!flagged.ok) return flagged.error;
    }
    this.notice = { kind: 'ok', text: `Card ${fields.partNumber} saved.` };
    return null;
  }

  async complete(card: KanbanCard) {
    const result = await this.app.send({ type: 'card.complete', cardId: asId('card', card.id) });
    this.notice = result.ok
      ? { kind: 'ok', text: `Card ${card.partNumber} completed and taken off the board.` }
      : { kind: 'error', text: `Card ${card.partNumber} was not completed. ${result.error}` };
  }

  async retire(card: KanbanCard, reason: string): Promise<string | null> {
    const result = await this.app.send({ type: 'card.retire', cardId: asId('card', card.id), reason });
    if (!result.ok) return result.error;
    this.notice = { kind: 'ok', text: `Card ${card.partNumber} retired.` };
    return null;
  }

  /** The reason dialog's answer: retry the waiting action with the reason, or drop it. */
  async answerReason(reason: string | null) {
    const request = this.reasonRequest;
    this.reasonRequest = null;
    if (!request || reason === null) {
      if (request) this.notice = { kind: 'error', text: 'Nothing was moved: no reason was given.' };
      return;
    }
    if (request.action === 'undo') return this.undo(reason);
    if (request.action === 'create' && request.fields && request.toStageId) {
      const problem = await this.create(request.toStageId, request.fields, reason);
      if (problem) this.notice = { kind: 'error', text: problem };
      return;
    }
    const card = request.cardId ? await readCard(this.app.db, request.cardId) : undefined;
    if (card && request.toStageId) await this.move(card, request.toStageId, reason);
  }
}

const BOARD_CONTEXT = Symbol('taktboard-board');
export const setBoard = (board: BoardState) => setContext(BOARD_CONTEXT, board);
export const getBoard = () => getContext<BoardState>(BOARD_CONTEXT);

/** Time in stage for a card face: minutes, hours or days, whichever reads fastest from a distance. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A duration from the engine (seconds) for labels. */
export function formatSeconds(s: number | null): string {
  if (s === null) return '–';
  return formatAge(s * 1000);
}
