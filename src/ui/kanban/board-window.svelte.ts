// What the board draws of its long lanes: only the cards on or near the screen (windowing), placed from measured heights;
// the cards that stay drawn wherever they are (dragged, focused, just dropped); and bringing a dropped card into view.
import { getContext, setContext } from 'svelte';

/**
 * A lane of one stage as the window sees it: a box that scrolls when its cards are taller than it may be (`element`),
 * holding a track as tall as all its cards (`track`), and how to tell it which part of the track is on screen.
 */
export interface WindowedLane {
  readonly element: HTMLElement | null;
  readonly track: HTMLElement | null;
  /** The part of the track on screen (seen through both its lane box and the window), in pixels from the track's top. */
  show(from: number, to: number): void;
}

/** A card to bring into view when it shows up in its new stage: the card just dropped or pulled there. */
export interface Reveal {
  cardId: string;
  stageId: string;
  /** Move keyboard focus to the card's handle once it is there (focus was on the card when it moved). */
  focus: boolean;
  /** performance.now() of the request; a request that never lands (the move was refused) lapses. */
  since: number;
}

/** See BoardWindow.overscan. */
export const OVERSCAN = 400;
/** The estimate of an unmeasured card's height is the mean of this many measured cards. */
const ESTIMATE_FROM = 40;
/** Boards with up to this many cards draw every card: nothing to gain, and find-in-page sees every card. */
export const EAGER_CARDS = 100;
/** A request to reveal a card lapses after this long (a reason dialog left open, a move refused without an answer). */
const REVEAL_LAPSE_MS = 120_000;

export class BoardWindow {
  /** Draw every card (small boards). */
  eager = $state(true);
  /** The card being dragged: its lane keeps it drawn even when it is scrolled away, or the drag would lose its element. */
  dragging = $state<string | null>(null);
  reveal = $state.raw<Reveal | null>(null);
  /** The card that just landed, highlighted for a moment so the eye finds it. */
  landed = $state<string | null>(null);
  /** Height of a card not measured yet: the mean of the first measured ones (then fixed, so lanes are not all re-placed). */
  estimate = $state(150);
  /**
   * How far beyond the screen's edges lanes draw cards, in pixels: a short scroll or a Tab to the next card finds it
   * drawn already. 0 for the first paint (only what is on screen); the board sets the margin once it has been drawn.
   */
  overscan = $state(0);

  /** Measured heights of card slots (card plus the gap below it) by card id; a moved card keeps its height. */
  readonly heights = new Map<string, number>();
  private readonly lanes = new Set<WindowedLane>();
  private readonly observer: ResizeObserver | null;
  private frame = 0;
  private queued = false;
  private landedTimer: ReturnType<typeof setTimeout> | undefined;
  private measuredSum = 0;
  /** Who to tell when a slot's height changed: the slot's lane (only that lane places its cards again). */
  private readonly listeners = new WeakMap<Element, () => void>();

  constructor() {
    this.observer = typeof ResizeObserver === 'function' ? new ResizeObserver((entries) => this.measured(entries)) : null;
  }

  register(lane: WindowedLane): () => void {
    this.lanes.add(lane);
    this.queueUpdate();
    return () => this.lanes.delete(lane);
  }

  /** Watches a card slot's height (`data-slot` names its card); `changed` is called when it is measured anew. */
  observe(slot: HTMLElement, changed: () => void): () => void {
    this.listeners.set(slot, changed);
    this.observer?.observe(slot, { box: 'border-box' });
    return () => {
      this.observer?.unobserve(slot);
      this.listeners.delete(slot);
    };
  }

  private measured(entries: ResizeObserverEntry[]) {
    const learning = this.heights.size < ESTIMATE_FROM;
    const tell = new Set<() => void>();
    for (const entry of entries) {
      const id = (entry.target as HTMLElement).dataset.slot;
      const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height;
      // 0: a slot that is leaving, or not laid out; keep what we knew.
      if (!id || !(height > 0)) continue;
      const before = this.heights.get(id);
      if (before !== undefined && Math.abs(before - height) < 0.5) continue;
      this.measuredSum += height - (before ?? 0);
      this.heights.set(id, height);
      const listener = this.listeners.get(entry.target);
      if (listener) tell.add(listener);
    }
    if (tell.size === 0) return;
    if (learning) this.estimate = Math.round(this.measuredSum / this.heights.size);
    for (const listener of tell) listener();
    // Lanes further down the page may have moved: tell them where they are now, at the next frame.
    this.scheduleUpdate();
  }

  /** Measures every lane against the screen (all reads first: one layout) and tells each which part is on screen. */
  update() {
    const height = innerHeight;
    const seen: [WindowedLane, number, number][] = [];
    for (const lane of this.lanes) {
      if (!lane.element || !lane.track) continue;
      const box = lane.element.getBoundingClientRect();
      const track = lane.track.getBoundingClientRect().top;
      // What of the lane's box is inside the window, in the track's pixels (empty when the lane is off screen).
      seen.push([lane, Math.max(box.top, 0) - track, Math.min(box.bottom, height) - track]);
    }
    for (const [lane, from, to] of seen) lane.show(from, to);
  }

  /** Update before this frame is painted (after the current batch of DOM changes): for lanes just drawn or resized. */
  queueUpdate() {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.update();
    });
  }

  /** For scroll events (captured on the window): the page or a lane scrolled; the board's sideways scroll changes nothing. */
  onScroll = (event: Event) => {
    const target = event.target;
    if (target === document || (target instanceof HTMLElement && target.dataset.lane !== undefined)) this.scheduleUpdate();
  };

  /** Update at the next frame: for scrolling and resizing, at most once per frame. */
  scheduleUpdate = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  };

  /** Asks for the card to be brought into view once it lands in `stageId`. */
  requestReveal(cardId: string, stageId: string, focus: boolean) {
    this.reveal = { cardId, stageId, focus, since: performance.now() };
  }

  /** The move was refused for good: nothing will land. */
  cancelReveal(cardId: string) {
    if (this.reveal?.cardId === cardId) this.reveal = null;
  }

  /** A lane found the card: the request is done; the card is highlighted for a moment. */
  revealed(request: Reveal) {
    if (this.reveal === request) this.reveal = null;
    this.landed = request.cardId;
    clearTimeout(this.landedTimer);
    this.landedTimer = setTimeout(() => (this.landed = null), 2500);
  }

  lapsed(request: Reveal): boolean {
    return performance.now() - request.since > REVEAL_LAPSE_MS;
  }

  destroy() {
    this.observer?.disconnect();
    cancelAnimationFrame(this.frame);
    clearTimeout(this.landedTimer);
    this.lanes.clear();
  }
}

/** First index whose slot ends below `y` (offsets: prefix sums, offsets[i] = top of slot i, last = total height). */
export function firstEndingBelow(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1] > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index whose slot starts at or below `y`. */
export function firstStartingBelow(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] >= y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const WINDOW_CONTEXT = Symbol('taktboard-board-window');
export const setBoardWindow = (window: BoardWindow) => setContext(WINDOW_CONTEXT, window);
export const getBoardWindow = () => getContext<BoardWindow>(WINDOW_CONTEXT);
