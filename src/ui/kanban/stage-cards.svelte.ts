// The cards on the board, one live query per stage: a move invalidates only the two stages it touched, so the board re-reads those instead of every card of the stream.
import { untrack } from 'svelte';
import type { KanbanCard } from '../../engine/model.ts';
import type { TaktDb } from '../../db/schema.ts';
import { stageCards, watch } from '../../db/queries.ts';

/** The new list, reusing the objects of cards that did not change, so Svelte updates only the cards that moved or changed. */
function keepUnchanged(cards: KanbanCard[], previous: KanbanCard[] | undefined): KanbanCard[] {
  if (!previous) return cards;
  const old = new Map(previous.map((card) => [card.id, card]));
  let same = cards.length === previous.length;
  const out = cards.map((card, i) => {
    const before = old.get(card.id);
    const keys = Object.keys(card) as (keyof KanbanCard)[];
    const kept = before && keys.length === Object.keys(before).length && keys.every((key) => card[key] === before[key]) ? before : card;
    if (kept !== previous[i]) same = false;
    return kept;
  });
  return same ? previous : out;
}

/**
 * Active cards per stage of the stream, read from the sparse board index `[streamId+boardStageId]`. Each stage has its
 * own live query, so a move's read-write transaction never queues behind a read of the whole board, and the re-reads
 * after it are two small ones. Call during component setup (it starts an effect).
 */
export function liveStageCards(db: TaktDb, streamId: () => string | null, stageIds: () => string[]) {
  let byStage = $state.raw<ReadonlyMap<string, KanbanCard[]>>(new Map());
  let changes = $state(0);
  // Resubscribes only when the stream or the set of stages changes, not when a stage's name or limit does.
  const key = $derived(JSON.stringify([streamId(), stageIds()]));
  $effect(() => {
    const [id, ids] = JSON.parse(key) as [string | null, string[]];
    // Stage ids belong to one stream, so the lists of stages that stay are still right while their queries restart.
    byStage = new Map([...untrack(() => byStage)].filter(([stageId]) => ids.includes(stageId)));
    if (!id) return;
    const stops = ids.map((stageId) =>
      watch(() => stageCards(db, id, stageId), {
        next: (cards) => {
          const previous = byStage.get(stageId);
          const next = keepUnchanged(cards, previous);
          if (next === previous) return;
          byStage = new Map(byStage).set(stageId, next);
          changes++;
        },
        error: (error) => {
          console.error('A live query of a stage failed', error);
          // The board is drawn once every stage has been read: a stage that cannot be read must not hold it back.
          if (!byStage.has(stageId)) byStage = new Map(byStage).set(stageId, []);
        },
      }),
    );
    return () => stops.forEach((stop) => stop());
  });
  return {
    /** Active cards per stage id; a stage not read yet is absent. */
    get byStage() {
      return byStage;
    },
    /** Counts every change to any stage's cards: flow metrics re-read the log when it moves. */
    get changes() {
      return changes;
    },
    /** True once every stage has been read. */
    get loaded() {
      return stageIds().every((id) => byStage.has(id));
    },
  };
}
