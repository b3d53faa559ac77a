// The balancing view's state: the cell's records from the store, takt and the balance report from the engine.
import { getContext, setContext } from 'svelte';
import type { AppState } from '../state/app-state.svelte.ts';
import { live } from '../state/live.svelte.ts';
import type { CellRecord, PartRecord, ScenarioRecord, StationRecord, StreamRecord, WorkElementRecord } from '../../db/records.ts';
import type { BoardBalance, BoardReport } from '../../engine/api/balance-api.ts';
import type { Takt } from '../../engine/takt.ts';
import { piecesPerDay } from '../../engine/units.ts';

interface CellData {
  stream?: StreamRecord;
  parts: PartRecord[];
  cell?: CellRecord;
  stations: StationRecord[];
  elements: WorkElementRecord[];
  scenarios: ScenarioRecord[];
}

const EMPTY: CellData = { parts: [], stations: [], elements: [], scenarios: [] };

export class BalanceState {
  readonly data;
  /** Takt from the engine, or the reason there is none (no demand, a calendar without working time). */
  takt = $state.raw<{ ok: true; value: Takt } | { ok: false; error: string } | null>(null);
  report = $state.raw<{ ok: true; value: BoardReport } | { ok: false; error: string } | null>(null);

  constructor(readonly app: AppState) {
    this.data = live(
      () => app.streamId,
      async (streamId): Promise<CellData> => {
        if (!streamId) return EMPTY;
        const db = app.db;
        const [stream, parts, cell] = await Promise.all([
          db.streams.get(streamId),
          db.parts.where('streamId').equals(streamId).toArray(),
          db.cells.where('streamId').equals(streamId).first(),
        ]);
        if (!cell) return { ...EMPTY, stream, parts };
        const [stations, elements, scenarios] = await Promise.all([
          db.stations.where('[cellId+order]').between([cell.id, -Infinity], [cell.id, Infinity]).toArray(),
          db.workElements.where('cellId').equals(cell.id).sortBy('position'),
          db.scenarios.where('cellId').equals(cell.id).sortBy('createdAt'),
        ]);
        return { stream, parts, cell, stations, elements, scenarios };
      },
      EMPTY,
    );

    // Takt whenever demand or the calendar changes; a late answer for an old input is dropped.
    $effect(() => {
      const { stream, parts } = this.data.current;
      if (!stream) return;
      const demand = parts.reduce((sum, p) => sum + p.demandPerDay, 0);
      let current = true;
      app.engine.call('taktFromCalendar', $state.snapshot(stream.calendar), piecesPerDay(demand)).then((t) => {
        if (current) this.takt = t;
      });
      return () => (current = false);
    });

    // The checks and metrics of the board after every move and every takt change.
    $effect(() => {
      const board = this.board;
      if (!board) {
        this.report = null;
        return;
      }
      let current = true;
      app.engine.call('boardReport', board).then((r) => {
        if (current) this.report = r;
      });
      return () => (current = false);
    });
  }

  get cycle(): number | null {
    return this.takt?.ok ? this.takt.value.takt : null;
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
    for (const e of this.data.current.elements) {
      const key = e.stationId ?? '';
      const list = map.get(key);
      if (list) list.push(e);
      else map.set(key, [e]);
    }
    return map;
  });

  #elementName = $derived.by(() => new Map(this.data.current.elements.map((e) => [e.id, e.name])));

  #board = $derived.by((): BoardBalance | null => {
    const cycle = this.cycle;
    const { stations, elements } = this.data.current;
    if (cycle === null) return null;
    return {
      cycle,
      elements: elements.map((e) => ({ id: e.id, name: e.name, time: e.time, predecessors: [...e.predecessors] })),
      stations: stations.map((s) => ({ id: s.id, name: s.name, elementIds: (this.#byStation.get(s.id) ?? []).map((e) => e.id) })),
    };
  });
}

const KEY = Symbol('balance-state');
export const setBalance = (state: BalanceState) => setContext(KEY, state);
export const getBalance = () => getContext<BalanceState>(KEY);
