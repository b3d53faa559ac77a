// The balancing view's state: the cell's records and takt from the shared stream state, the balance report and the
// view's engine actions (measure a proposal, parse a file, export, compare) through the stream state's engine link.
import { getContext, setContext } from 'svelte';
import type { AppState } from '../state/app-state.svelte.ts';
import type { StreamState } from '../state/stream-state.svelte.ts';
import { SKIP, type Resource } from '../state/resource.svelte.ts';
import type { CellRecord, ScenarioRecord, StationRecord, WorkElementRecord } from '../../db/records.ts';
import type { BalanceSnapshot, BoardBalance, BoardReport, CsvElement, ImportedFile, JobProgress, ScenarioComparison, SolveJobArgs } from '../../engine/api/balance-api.ts';
import type { Basis } from '../../engine/takt.ts';
import type { Result } from '../../engine/result.ts';
import type { CellId } from '../../engine/ids.ts';
import { failureText } from '../state/feed.ts';

/** Takt as the balancing view shows it, or the reason there is none (no demand, a calendar without working time). */
export type TaktFigure = { ok: true; value: { takt: number; basis: Basis } } | { ok: false; error: string };

/** An engine action's answer, or its failure (a worker that is gone) as an error value with a message. */
async function attempt<T>(what: string, call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, error: `Could not ${what}: ${failureText(error)}` };
  }
}

/** Resolves in a later task of the event loop (after the current one has drawn). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class BalanceState {
  /** The checks and metrics of the board, after every move and every takt change. */
  readonly reportResource: Resource<Result<BoardReport> | null>;

  constructor(
    readonly app: AppState,
    readonly stream: StreamState,
  ) {
    // Sent in a task of its own: copying a 2,000-element board to the worker takes tens of milliseconds, which would
    // otherwise add to the task that draws the view after an import.
    this.reportResource = stream.compute('measure the balance', () => this.board ?? SKIP, async (engine, board) => {
      await nextTask();
      return engine.call('boardReport', board);
    });
  }

  get cell(): CellRecord | undefined {
    return this.stream.cell?.cell;
  }
  get stations(): StationRecord[] {
    return this.stream.cell?.stations ?? [];
  }
  get elements(): WorkElementRecord[] {
    return this.stream.cell?.elements ?? [];
  }
  get scenarios(): ScenarioRecord[] {
    return this.stream.cell?.scenarios ?? [];
  }
  /** The cell has been read (it may not exist). */
  get loaded(): boolean {
    return this.stream.cell !== null;
  }

  /** The stream's takt, the same figure as the header's. */
  get takt(): TaktFigure | null {
    const pace = this.stream.pace.current;
    if (!pace) return null;
    return pace.ok ? { ok: true, value: { takt: pace.value.takt, basis: pace.value.taktBasis } } : pace;
  }

  get report(): Result<BoardReport> | null {
    return this.reportResource.current;
  }

  /**
   * A cycle time the planner chose instead of takt (an imported instance's, a faster line's), kept on the cell so it
   * survives a reload; null: balance at takt. The board, its metrics, the yamazumi and auto-balance all measure against `cycle`.
   */
  get cycleOverride(): number | null {
    return this.cell?.cycle ?? null;
  }

  /** Chooses the cycle to balance at (null: takt) through the cell.set-cycle command; the refusal in words, or null. */
  async setCycle(cycle: number | null): Promise<string | null> {
    const cell = this.cell;
    if (!cell) return 'There is no cell to balance.';
    const result = await this.app.send({ type: 'cell.set-cycle', cellId: cell.id as CellId, cycle });
    return result.ok ? null : result.error;
  }

  /** The stream's takt in seconds, or null. */
  get taktCycle(): number | null {
    const takt = this.takt;
    return takt?.ok ? takt.value.takt : null;
  }

  get cycle(): number | null {
    return this.cycleOverride ?? this.taktCycle;
  }

  /** Available working seconds a day (from takt's basis), to derive a cycle from a demand. */
  get availablePerDay(): number | null {
    const takt = this.takt;
    return takt?.ok ? (takt.value.basis.inputs['available'] ?? null) : null;
  }

  /** Elements by station id ('' for unassigned), each list in working order. */
  get byStation(): Map<string, WorkElementRecord[]> {
    return this.#byStation;
  }
  get elementName(): Map<string, string> {
    return this.#elementName;
  }
  /** The balance as plain data for the engine, or null while there is no takt to measure it against. */
  get board(): BoardBalance | null {
    return this.#board;
  }

  #byStation = $derived.by(() => {
    const map = new Map<string, WorkElementRecord[]>();
    for (const e of this.elements) {
      const key = e.stationId ?? '';
      const list = map.get(key);
      if (list) list.push(e);
      else map.set(key, [e]);
    }
    return map;
  });

  #elementName = $derived.by(() => new Map(this.elements.map((e) => [e.id, e.name])));

  #board = $derived.by((): BoardBalance | null => {
    const cycle = this.cycle;
    if (cycle === null) return null;
    return {
      cycle,
      elements: this.elements.map((e) => ({ id: e.id, name: e.name, time: e.time, predecessors: [...e.predecessors] })),
      stations: this.stations.map((s) => ({ id: s.id, name: s.name, elementIds: (this.#byStation.get(s.id) ?? []).map((e) => e.id) })),
    };
  });

  /** Starts the solver in a worker of its own: SALBP-1 (fewest stations for the cycle) or SALBP-2 (best cycle for the stations). */
  solve(problem: 'salbp1' | 'salbp2', args: SolveJobArgs, onProgress: (progress: JobProgress) => void) {
    return this.stream.engine.job(problem, args, onProgress);
  }

  /** Measures a proposed balance against the cycle it was solved for, before the team accepts it. */
  measure(stations: string[][], cycle: number): Promise<Result<BoardReport>> {
    const board = this.board;
    if (!board) return Promise.resolve({ ok: false, error: 'There is no takt yet; check demand and the shift calendar.' });
    const proposal = stations.map((ids, k) => ({ id: `proposal-${k}`, name: `Operator ${k + 1}`, elementIds: ids }));
    return attempt('measure the proposal', () => this.stream.engine.call('boardReport', { elements: board.elements, cycle, stations: proposal }));
  }

  /** Work elements from a CSV, .IN2 or .alb file's text. */
  parseFile(name: string, text: string): Promise<Result<CsvElement[]>> {
    return attempt('read the file', () => this.stream.engine.call('parseInstanceFile', name, text));
  }

  /** An import file's elements, its own cycle time and whether to ask which cycle to balance at. */
  readFile(name: string, text: string): Promise<Result<ImportedFile>> {
    return attempt('read the file', () => this.stream.engine.call('readImportFile', name, text));
  }

  /** The cycle a planner's answer at import gives (a cycle, or a demand over the day's available time). */
  importCycle(answer: { cycle?: number | null; demand?: number | null }, longestTask: number): Promise<Result<number>> {
    return attempt('work out the cycle time', () => this.stream.engine.call('importCycle', answer, this.availablePerDay, longestTask));
  }

  /** The balance as CSV text. */
  csv(board: BoardBalance): Promise<Result<string>> {
    return attempt('export the balance', async () => ({ ok: true, value: await this.stream.engine.call('balanceCsv', board) }));
  }

  compare(before: BalanceSnapshot, after: BalanceSnapshot): Promise<Result<ScenarioComparison>> {
    return attempt('compare the balances', () => this.stream.engine.call('compareBalances', before, after));
  }
}

const KEY = Symbol('balance-state');
export const setBalance = (state: BalanceState) => setContext(KEY, state);
export const getBalance = () => getContext<BalanceState>(KEY);
