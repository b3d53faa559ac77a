// What the TV at the line shows, derived from the open stream's shared state: cards per stage (blocked first, then
// oldest), the open andons, the pace board of the current shift. A one-second clock keeps ages and the clock moving.
import { atTime, openCalls, ESCALATE_AFTER_MS, type Andon } from '../../engine/andon.ts';
import type { KanbanCard, Stage } from '../../engine/model.ts';
import { paceBoard, type Completion, type PaceBoard } from '../../engine/pace.ts';
import type { Result } from '../../engine/result.ts';
import type { StreamState } from '../state/stream-state.svelte.ts';

export type TvTab = 'board' | 'pace' | 'andon';
export const TABS: { id: TvTab; label: string }[] = [
  { id: 'board', label: 'Board' },
  { id: 'pace', label: 'Pace' },
  { id: 'andon', label: 'Andon' },
];

export interface TvColumn {
  stage: Stage;
  cards: KanbanCard[];
  count: number;
  full: boolean;
  over: boolean;
  blocked: number;
}

const ROTATE_KEY = 'taktboard.tv.rotate';
const ESCALATE_KEY = 'taktboard.tv.escalateMinutes';

export class TvState {
  now = $state(Date.now());
  tab = $state<TvTab>('board');
  /** Seconds per tab when rotating, 0 for no rotation: a setting of this screen. */
  rotateSeconds = $state(Number(localStorage.getItem(ROTATE_KEY) ?? 0) || 0);
  escalateMinutes = $state(Number(localStorage.getItem(ESCALATE_KEY) ?? ESCALATE_AFTER_MS / 60_000) || ESCALATE_AFTER_MS / 60_000);

  constructor(readonly stream: StreamState) {}

  setRotate(seconds: number) {
    this.rotateSeconds = seconds;
    localStorage.setItem(ROTATE_KEY, String(seconds));
  }

  setEscalate(minutes: number) {
    if (!Number.isFinite(minutes) || minutes <= 0) return;
    this.escalateMinutes = minutes;
    localStorage.setItem(ESCALATE_KEY, String(minutes));
  }

  /** Advance the rotation by one tab. */
  next() {
    const k = TABS.findIndex((t) => t.id === this.tab);
    this.tab = TABS[(k + 1) % TABS.length].id;
  }

  columns = $derived.by((): TvColumn[] => {
    const byStage = new Map<string, KanbanCard[]>();
    for (const card of this.stream.cards) {
      if (card.retired) continue;
      const list = byStage.get(card.stageId);
      if (list) list.push(card);
      else byStage.set(card.stageId, [card]);
    }
    return this.stream.stages.map((stage) => {
      const cards = (byStage.get(stage.id) ?? []).sort((a, b) => Number(b.blocked) - Number(a.blocked) || a.enteredStageAt - b.enteredStageAt);
      const count = cards.length;
      return {
        stage,
        cards,
        count,
        full: stage.policy === 'hard' && count >= stage.cardLimit,
        over: count > stage.cardLimit,
        blocked: cards.filter((c) => c.blocked).length,
      };
    });
  });

  /** The open andons, read from the log only when the log changes (not on every tick of the clock)… */
  #calls = $derived.by(() => openCalls(this.stream.events ?? []));
  /** …and given their level and age at the clock's time. */
  andons = $derived.by((): Andon[] => atTime(this.#calls, this.now, this.escalateMinutes * 60_000));

  pace = $derived.by((): Result<PaceBoard> | null => {
    const stream = this.stream.stream;
    const takt = this.stream.pace.current;
    const events = this.stream.events;
    if (!stream || !takt || !events) return null;
    if (!takt.ok) return takt;
    const quantity = new Map(this.stream.cards.map((c) => [c.id, c.quantity]));
    const completions: Completion[] = [];
    const reasons: Record<number, string> = {};
    for (const e of events) {
      if (e.type === 'complete') completions.push({ at: e.at, pieces: quantity.get(e.cardId) ?? 0 });
      else if (e.type === 'pace-reason') reasons[e.hourStart] = e.reason;
    }
    // The hour changes at most once a minute: read the clock to the minute so the board is not rebuilt every second.
    const now = Math.floor(this.now / 60_000) * 60_000;
    return paceBoard({ calendar: stream.calendar, taktSeconds: takt.value.takt, completions, reasons, now, utcOffsetMinutes: -new Date(now).getTimezoneOffset() });
  });

  stageName(id: string): string {
    return this.stream.stages.find((s) => s.id === id)?.name ?? 'a removed stage';
  }

  cardLabel(id: string): string {
    const card = this.stream.cards.find((c) => c.id === id);
    return card ? `${card.partNumber} × ${card.quantity}` : id;
  }
}
