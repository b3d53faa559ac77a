// The server's store of record: applies commands with the engine's own decide in one SQL transaction, and reads the log.
import { randomUUID } from 'node:crypto';
import {
  decide,
  evolve,
  loadFor,
  RECORD_TABLES,
  type Change,
  type Command,
  type MoveRef,
  type Outcome,
  type RecordTable,
  type StateReader,
} from '../engine/commands/index.ts';
import type { BoardEvent } from '../engine/events.ts';
import { idSource } from '../engine/ids.ts';
import type { ErrorCode, StageLoad } from '../engine/result.ts';
import type { BoardTables, SyncedEvent } from '../sync/protocol.ts';
import type { Query, Row, SqlDb } from './sql.ts';

const newId = idSource(() => randomUUID());

/**
 * SYNC_TIMING=1: every 500 applied commands, prints where a command's time went (begin, lock + gate, reads,
 * decide, append, commit), as mean and p95 in ms, to stderr. For the sync benchmark; off otherwise.
 */
const timing = process.env.SYNC_TIMING
  ? (() => {
      const names = ['begin', 'lock+gate', 'reads', 'decide', 'append', 'commit', 'total'];
      let rows: number[][] = [];
      return {
        note(t: number[], end: number) {
          if (t.length !== 6) return;
          const parts = [t[1] - t[0], t[2] - t[1], t[3] - t[2], t[4] - t[3], t[5] - t[4], end - t[5], end - t[0]];
          rows.push(parts);
          if (rows.length < 500) return;
          const stat = (k: number) => {
            const xs = rows.map((r) => r[k]).sort((a, b) => a - b);
            return `${names[k]} ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2)}/${xs[Math.floor(0.95 * xs.length)].toFixed(2)}`;
          };
          console.error(`[sync-timing pid ${process.pid}] mean/p95 ms: ${names.map((_, k) => stat(k)).join(', ')}`);
          rows = [];
        },
      };
    })()
  : undefined;

export interface CommandMeta {
  commandId: string;
  who: string;
  device: string;
  /** When the screen made the command (offline moves keep their time), if it is believable. */
  at?: number;
}

export type ApplyResult =
  | { ok: true; seq: number; events: SyncedEvent[]; outcome: Outcome; duplicate?: boolean }
  | { ok: false; error: string; code?: ErrorCode; stage?: StageLoad; took?: string };

/** A screen's clock may be off or its command may have waited offline: keep its time if within a week and a minute. */
function believable(at: number | undefined, now: number): number {
  return at !== undefined && Number.isFinite(at) && at <= now + 60_000 && at >= now - 7 * 86_400_000 ? Math.min(at, now) : now;
}

const body = <T>(rows: Row[]): T[] => rows.map((r) => r.body as T);

/** The keys a record is looked up by, beside its JSON. */
function keysOf(table: RecordTable, record: Record<string, unknown>) {
  return {
    stream: typeof record.streamId === 'string' ? record.streamId : null,
    cell: typeof record.cellId === 'string' ? record.cellId : null,
    stage: table === 'cards' && typeof record.stageId === 'string' ? record.stageId : null,
    active: table === 'cards' && record.retired !== true,
  };
}

export function sqlReader(q: Query): StateReader {
  const one = async <T>(table: RecordTable, id: string) => body<T>(await q('select body from records where tbl = $1 and id = $2', [table, id]))[0];
  const byStream = async <T>(table: RecordTable, id: string) => body<T>(await q('select body from records where tbl = $1 and stream_id = $2', [table, id]));
  const byCell = async <T>(table: RecordTable, id: string) => body<T>(await q('select body from records where tbl = $1 and cell_id = $2', [table, id]));
  return {
    stream: (id) => one('streams', id),
    allStreams: async () => body(await q("select body from records where tbl = 'streams'")),
    stage: (id) => one('stages', id),
    card: (id) => one('cards', id),
    part: (id) => one('parts', id),
    loop: (id) => one('loops', id),
    cell: (id) => one('cells', id),
    station: (id) => one('stations', id),
    workElement: (id) => one('workElements', id),
    scenario: (id) => one('scenarios', id),
    async streamParts(streamId) {
      const [stages, parts, loops] = await Promise.all([byStream<never>('stages', streamId), byStream<never>('parts', streamId), byStream<never>('loops', streamId)]);
      return { stages: (stages as { order: number }[]).sort((a, b) => a.order - b.order) as never, parts, loops };
    },
    async cellParts(cellId) {
      const [stations, workElements, scenarios] = await Promise.all([byCell<never>('stations', cellId), byCell<never>('workElements', cellId), byCell<never>('scenarios', cellId)]);
      return { stations, workElements, scenarios };
    },
    async activeCount(streamId, stageId) {
      const rows = await q("select count(*)::int as n from records where tbl = 'cards' and stream_id = $1 and stage_id = $2 and active", [streamId, stageId]);
      return Number(rows[0]?.n ?? 0);
    },
    async lastUndoableMove(streamId) {
      const undone = new Set<number>();
      let before = Number.MAX_SAFE_INTEGER;
      for (;;) {
        const rows = await q(
          "select seq, body from events where stream_id = $1 and seq < $2 and body->>'type' in ('move', 'undo') order by seq desc limit 200",
          [streamId, before],
        );
        if (rows.length === 0) return undefined;
        for (const row of rows) {
          const seq = Number(row.seq);
          before = seq;
          const event = row.body as BoardEvent;
          if (event.type === 'undo') undone.add(event.undoes);
          else if (event.type === 'move' && !undone.has(seq)) {
            return { eventId: seq, cardId: event.cardId, from: event.from, to: event.to, previousEnteredAt: event.previousEnteredAt } satisfies MoveRef;
          }
        }
      }
    },
  };
}

/**
 * A move (the command a shop floor sends most) reads its card, the target stage and the count on that stage in ONE
 * statement, under the lock, instead of three round trips; every other command reads through `reader` as before.
 */
async function prefetched(q: Query, reader: StateReader, command: Command): Promise<StateReader> {
  if (command.type !== 'card.move' && command.type !== 'card.record-refusal') return reader;
  const [row] = await q(
    `select (select body from records where tbl = 'cards' and id = $1) as card,
            (select body from records where tbl = 'stages' and id = $2) as stage,
            (select count(*)::int from records r where r.tbl = 'cards' and r.active and r.stage_id = $2
               and r.stream_id = (select stream_id from records where tbl = 'cards' and id = $1)) as n`,
    [command.cardId, command.toStageId],
  );
  const card = (row?.card ?? undefined) as Awaited<ReturnType<StateReader['card']>>;
  const stage = (row?.stage ?? undefined) as Awaited<ReturnType<StateReader['stage']>>;
  return {
    ...reader,
    card: (id) => (id === command.cardId ? Promise.resolve(card) : reader.card(id)),
    stage: (id) => (id === command.toStageId ? Promise.resolve(stage) : reader.stage(id)),
    activeCount: (streamId, stageId) =>
      card && streamId === card.streamId && stageId === command.toStageId ? Promise.resolve(Number(row?.n ?? 0)) : reader.activeCount(streamId, stageId),
  };
}

async function write(q: Query, change: Change) {
  if (change.value === null) {
    await q('delete from records where tbl = $1 and id = $2', [change.table, change.key]);
    return;
  }
  const record = change.value as Record<string, unknown>;
  const keys = keysOf(change.table, record);
  await q(
    `insert into records (tbl, id, stream_id, cell_id, stage_id, active, body) values ($1, $2, $3, $4, $5, $6, $7::text::jsonb)
     on conflict (tbl, id) do update set stream_id = excluded.stream_id, cell_id = excluded.cell_id, stage_id = excluded.stage_id,
       active = excluded.active, body = excluded.body`,
    [change.table, change.key, keys.stream, keys.cell, keys.stage, keys.active, JSON.stringify(record)],
  );
}

/**
 * Appends the events, writes the records, remembers the command and moves the head in ONE statement (each round trip
 * to the database is paid while every other command waits for the board lock), and NOTIFYs on commit: the payload is
 * the events themselves when they fit in a NOTIFY (under 8000 bytes), so other server processes need not read them back.
 */
async function commit(q: Query, events: BoardEvent[], changes: Change[], meta: CommandMeta, now: number): Promise<number[]> {
  const rows = events.map((event, ord) => ({ ord, stream_id: event.streamId, body: event }));
  const puts = changes.filter((c) => c.value !== null).map((c) => {
    const record = c.value as Record<string, unknown>;
    const keys = keysOf(c.table, record);
    return { tbl: c.table, id: c.key, stream_id: keys.stream, cell_id: keys.cell, stage_id: keys.stage, active: keys.active, body: record };
  });
  const deletes = changes.filter((c) => c.value === null).map((c) => ({ tbl: c.table, id: c.key }));
  const [result] = await q(
    `with ev as (
       insert into events (stream_id, command_id, device, body)
       select x.stream_id, $4, $5, x.body from jsonb_to_recordset($1::text::jsonb) as x(ord int, stream_id text, body jsonb) order by x.ord
       returning seq, body),
     note as (
       select jsonb_agg(body || jsonb_build_object('id', seq) order by seq)::text as events, max(seq)::text as head from ev),
     put as (
       insert into records (tbl, id, stream_id, cell_id, stage_id, active, body)
       select * from jsonb_to_recordset($2::text::jsonb) as x(tbl text, id text, stream_id text, cell_id text, stage_id text, active boolean, body jsonb)
       on conflict (tbl, id) do update set stream_id = excluded.stream_id, cell_id = excluded.cell_id, stage_id = excluded.stage_id,
         active = excluded.active, body = excluded.body),
     del as (
       delete from records r using jsonb_to_recordset($3::text::jsonb) as x(tbl text, id text) where r.tbl = x.tbl and r.id = x.id),
     cmd as (
       insert into commands (command_id, seq, device, applied_at) select $4, max(seq), $5, $6 from ev),
     head as (
       update heads set seq = (select max(seq) from ev) where id = 'board')
     select (select array_agg(seq order by seq) from ev) as seqs,
       pg_notify('taktboard', case when octet_length(note.events) < 7900 then note.events else note.head end) from note`,
    [JSON.stringify(rows), JSON.stringify(puts), JSON.stringify(deletes), meta.commandId, meta.device, now],
  );
  return (result.seqs as (number | string)[]).map(Number);
}

/** Who took the last place of a full stage: the newest event that brought a card into it, in words. */
async function whatTook(q: Query, reader: StateReader, streamId: string, stageId: string): Promise<string | undefined> {
  const rows = await q(
    "select body from events where stream_id = $1 and body->>'type' in ('move', 'undo', 'create') and body->>'to' = $2 order by seq desc limit 1",
    [streamId, stageId],
  );
  const event = rows[0]?.body as (BoardEvent & { cardId: string }) | undefined;
  if (!event) return undefined;
  const card = await reader.card(event.cardId);
  const time = new Date(event.at).toISOString().slice(11, 16);
  return `card ${card?.partNumber ?? event.cardId} ${event.type === 'create' ? 'added' : 'pulled'} by ${event.who} at ${time} UTC`;
}

export class BoardStore {
  constructor(readonly db: SqlDb) {}

  /**
   * Applies one command: lock the board's head row (commands apply one at a time, so the global sequence is also
   * the commit order), skip a command id seen before, load what the rule needs, decide with the engine, write the
   * records and append the events, all in one transaction; NOTIFY the other server processes on commit.
   */
  apply(command: Command, meta: CommandMeta): Promise<ApplyResult> {
    const t = timing ? [performance.now()] : undefined;
    const done = this.db.transaction(async (q): Promise<ApplyResult> => {
      t?.push(performance.now());
      const [gate] = await q(
        "with lock as (select seq from heads where id = 'board' for update) select (select seq from lock) as head, (select seq from commands where command_id = $1) as seen",
        [meta.commandId],
      );
      if (gate.seen !== null && gate.seen !== undefined) return { ok: true, seq: Number(gate.seen), events: [], outcome: {}, duplicate: true };
      t?.push(performance.now());
      const reader = sqlReader(q);
      const state = await loadFor(await prefetched(q, reader, command), command);
      t?.push(performance.now());
      const now = Date.now();
      const decision = decide(state, command, { now: believable(meta.at, now), who: meta.who, commandId: meta.commandId, newId });
      if (!decision.ok) {
        const took = decision.code === 'full' && decision.stage ? await whatTook(q, reader, state.stages[decision.stage.id]?.streamId ?? '', decision.stage.id) : undefined;
        return { ...decision, ...(took ? { took } : {}) };
      }
      const events = decision.value.events;
      if (events.length === 0) {
        await q('insert into commands (command_id, seq, device, applied_at) values ($1, $2, $3, $4)', [meta.commandId, Number(gate.head), meta.device, now]);
        return { ok: true, seq: Number(gate.head), events: [], outcome: decision.value.outcome };
      }
      // The records the events leave, last write per record winning; their sequence numbers are not part of any record.
      let current = state;
      const last = new Map<string, Change>();
      for (const event of events) {
        const step = evolve(current, event as BoardEvent);
        current = step.state;
        for (const change of step.changes) last.set(`${change.table}\u0000${change.key}`, change);
      }
      t?.push(performance.now());
      const seqs = await commit(q, events as BoardEvent[], [...last.values()], meta, now);
      t?.push(performance.now());
      const stored = events.map((event, k) => ({ ...event, id: seqs[k] }) as SyncedEvent);
      return { ok: true, seq: seqs[seqs.length - 1], events: stored, outcome: decision.value.outcome };
    });
    if (t) void done.then(() => timing!.note(t, performance.now()));
    return done;
  }

  private async headIn(q: Query): Promise<number> {
    const rows = await q('select coalesce(max(seq), 0) as seq from events');
    return Number(rows[0].seq);
  }

  head(): Promise<number> {
    return this.headIn(this.db.query);
  }

  /** Events after `since`, in sequence order, at most `limit`. */
  async eventsAfter(since: number, limit = 1000): Promise<SyncedEvent[]> {
    const rows = await this.db.query('select seq, body from events where seq > $1 order by seq limit $2', [since, limit]);
    return rows.map((r) => ({ ...(r.body as BoardEvent), id: Number(r.seq) }) as SyncedEvent);
  }

  /** The whole board and its log as of one moment (one transaction), for a new screen. */
  snapshot(): Promise<{ head: number; tables: BoardTables; events: SyncedEvent[] }> {
    return this.db.transaction(async (q) => {
      await q("select seq from heads where id = 'board' for share");
      const tables = Object.fromEntries(RECORD_TABLES.map((t) => [t, [] as Record<string, unknown>[]])) as BoardTables;
      for (const row of await q('select tbl, body from records order by tbl, id')) tables[row.tbl as RecordTable]?.push(row.body as Record<string, unknown>);
      const events = (await q('select seq, body from events order by seq')).map((r) => ({ ...(r.body as BoardEvent), id: Number(r.seq) }) as SyncedEvent);
      return { head: events.length ? events[events.length - 1].id : 0, tables, events };
    });
  }

  async isEmpty(): Promise<boolean> {
    const rows = await this.db.query('select count(*)::int as n from records');
    return Number(rows[0].n) === 0;
  }

  /**
   * Takes a whole board made elsewhere (the demo line, or a screen's own board published to this server) with its
   * log, in one transaction. Refused when any of its records already exists here.
   */
  async importBoard(tables: Partial<Record<RecordTable, Record<string, unknown>[]>>, events: BoardEvent[], device: string): Promise<{ ok: true; events: number } | { ok: false; error: string }> {
    return this.db.transaction(async (q) => {
      await q("select seq from heads where id = 'board' for update");
      for (const table of RECORD_TABLES) {
        const ids = (tables[table] ?? []).map((r) => String(r.id));
        if (ids.length === 0) continue;
        const clash = await q('select id from records where tbl = $1 and id = any($2::text[])', [table, ids]);
        if (clash.length) return { ok: false as const, error: `This server already has ${table} ${String(clash[0].id)}; nothing was published.` };
      }
      for (const table of RECORD_TABLES) {
        for (const record of tables[table] ?? []) {
          const { boardStageId: _placed, ...rest } = record;
          await write(q, { table, key: String(rest.id), value: rest });
        }
      }
      const ordered = [...events].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
      let last = 0;
      for (const event of ordered) {
        const { id: _local, ...rest } = event;
        const commandId = typeof rest.commandId === 'string' ? rest.commandId : `import-${randomUUID()}`;
        const rows = await q('insert into events (stream_id, command_id, device, body) values ($1, $2, $3, $4::text::jsonb) returning seq', [
          rest.streamId,
          commandId,
          device,
          JSON.stringify({ ...rest, commandId }),
        ]);
        last = Number(rows[0].seq);
      }
      if (last) {
        await q("update heads set seq = $1 where id = 'board'", [last]);
        await q("select pg_notify('taktboard', $1)", [String(last)]);
      }
      return { ok: true as const, events: ordered.length };
    });
  }
}
