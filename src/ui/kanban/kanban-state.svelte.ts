// The board screen's state: the user's intents sent to db/cards.ts, what the screen says back, and the clock that ages cards.
import { getContext, setContext } from 'svelte';
import type { AppState } from '../state/app-state.svelte.ts';
import type { BoardFlow, LimitSource } from '../../engine/api/flow-api.ts';
import type { KanbanCard, Stage } from '../../engine/model.ts';
import {
  completeCard,
  createCard,
  editCard,
  moveCard,
  retireCard,
  setBlocked,
  undoLastMove,
  type CardError,
  type CardFields,
  type MoveResult,
} from '../../db/cards.ts';

export type Notice = { kind: 'ok' | 'error'; text: string };

/** A move that waits for a reason, because it would take a soft stage over its limit. */
export interface ReasonRequest {
  action: 'move' | 'undo' | 'create';
  cardId?: string;
  toStageId?: string;
  fields?: CardFields;
  text: string;
}

export type Editing = { mode: 'create'; stageId: string } | { mode: 'edit'; cardId: string };

/** Marks that let a benchmark time a move from drop to commit without any hook in the app. */
export const MOVE_START_MARK = 'taktboard:move-start';
export const MOVE_COMMIT_MEASURE = 'taktboard:move-commit';

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

  constructor(readonly app: AppState) {}

  stageName(id: string | undefined): string {
    return this.stages.find((stage) => stage.id === id)?.name ?? 'an unknown stage';
  }

  nextStage(stageId: string): Stage | undefined {
    const index = this.stages.findIndex((stage) => stage.id === stageId);
    return index >= 0 ? this.stages[index + 1] : undefined;
  }

  private refusal(result: CardError): string {
    if (result.code !== 'full') return result.error;
    const limit = this.flow?.stages.find((stage) => stage.stageId === result.stage.id)?.limit;
    return `${result.error} Limit: ${limitText(limit)}`;
  }

  private report(result: MoveResult, card: string, action: ReasonRequest['action'], retry: Omit<ReasonRequest, 'text' | 'action'>) {
    if (result.ok) {
      const over = result.overLimit ? ` It is now over its limit (${result.stage.count + 1} / ${result.stage.cardLimit}).` : '';
      const verb = action === 'undo' ? 'Undone: ' : '';
      this.notice = { kind: 'ok', text: `${verb}${card} moved to ${result.stage.name}.${over}` };
    } else if (result.code === 'needs-reason') {
      this.notice = null;
      this.reasonRequest = { action, ...retry, text: result.error };
    } else {
      this.notice = { kind: 'error', text: `${card} was not moved. ${this.refusal(result)}` };
    }
  }

  /** Moves a card (drag, keyboard or the pull button); the store decides, the screen reports. */
  async move(card: KanbanCard, toStageId: string, reason?: string): Promise<MoveResult> {
    // Each measure starts at its own mark: by name it would start at the newest mark, which a later drop may have set.
    const start = performance.mark(MOVE_START_MARK);
    const result = await moveCard(this.app.db, { cardId: card.id, toStageId, reason, who: this.app.operator });
    if (result.ok) performance.measure(MOVE_COMMIT_MEASURE, { start: start.startTime });
    this.report(result, `Card ${card.partNumber}`, 'move', { cardId: card.id, toStageId });
    return result;
  }

  async undo(reason?: string) {
    if (!this.app.streamId) return;
    const result = await undoLastMove(this.app.db, { streamId: this.app.streamId, reason, who: this.app.operator });
    this.report(result, 'The last moved card', 'undo', {});
  }

  async create(stageId: string, fields: CardFields, reason?: string): Promise<string | null> {
    if (!this.app.streamId) return 'There is no value stream.';
    const result = await createCard(this.app.db, { ...fields, streamId: this.app.streamId, stageId, reason, who: this.app.operator });
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
    const edited = await editCard(this.app.db, card.id, fields);
    if (!edited.ok) return edited.error;
    if (blocked !== card.blocked || (blocked && blockedReason.trim() !== (card.blockedReason ?? ''))) {
      const flagged = await setBlocked(this.app.db, { cardId: card.id, blocked, reason: blockedReason, who: this.app.operator });
      if (!flagged.ok) return flagged.error;
    }
    this.notice = { kind: 'ok', text: `Card ${fields.partNumber} saved.` };
    return null;
  }

  async complete(card: KanbanCard) {
    const result = await completeCard(this.app.db, { cardId: card.id, who: this.app.operator });
    this.notice = result.ok
      ? { kind: 'ok', text: `Card ${card.partNumber} completed and taken off the board.` }
      : { kind: 'error', text: `Card ${card.partNumber} was not completed. ${result.error}` };
  }

  async retire(card: KanbanCard, reason: string): Promise<string | null> {
    const result = await retireCard(this.app.db, { cardId: card.id, reason, who: this.app.operator });
    if (!result.ok) return result.error;
    this.notice = { kind: 'ok', text: `Card ${card.partNumber} retired.` };
    return null;
  }

  /** The reason dialog's answer: retry the waiting action with the reason, or drop it. */
  async answerReason(reason: string | null) {
    const request = this.reasonRequest;
    this.reasonRequest = null;
    if (!request || reason === null) {
      if (request) this.notice = { kind: 'error', text: 'Nothing was moved: no reason was given for going over the limit.' };
      return;
    }
    if (request.action === 'undo') return this.undo(reason);
    if (request.action === 'create' && request.fields && request.toStageId) {
      const problem = await this.create(request.toStageId, request.fields, reason);
      if (problem) this.notice = { kind: 'error', text: problem };
      return;
    }
    const card = request.cardId ? await this.app.db.cards.get(request.cardId) : undefined;
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
