// The server's store of record, on embedded PGlite and on a real PostgreSQL: the engine's rules decide, hard limits
// hold under concurrent commands, a retried command applies once, refusals change nothing, two processes fan out.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import { replayLog, emptySnapshot, RECORD_TABLES, type Command } from '../../../src/engine/commands/index.ts';
import { asId } from '../../../src/engine/ids.ts';
import { migrate } from '../../../src/server/migrations.ts';
import { openPostgres, type Query, type SqlDb } from '../../../src/server/sql.ts';
import { BoardStore } from '../../../src/server/store.ts';
import { Tokens, hashToken } from '../../../src/server/tokens.ts';

const STREAM = asId('stream', 'line');
const CUT = asId('stage', 'cut');
const WELD = asId('stage', 'weld');

async function memoryPglite(): Promise<SqlDb> {
  const pg = await PGlite.create();
  const run = (q: { query: PGlite['query'] }): Query => async (text, params = []) => (await q.query<Record<string, unknown>>(text, params)).rows;
  return {
    kind: 'pglite',
    query: run(pg),
    transaction: (work) => pg.transaction((tx) => work(run(tx))),
    listen: async (channel, cb) => void (await pg.listen(channel, cb)),
    close: () => pg.close(),
  };
}

/** A fresh database per test on PostgreSQL (one cluster for the run), a fresh in-memory PGlite per test otherwise. */
async function freshPostgres(): Promise<SqlDb> {
  const admin = postgres(inject('postgresUrl'), { max: 1, onnotice: () => {} });
  const name = `t_${Math.random().toString(36).slice(2, 10)}`;
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return openPostgres(inject('postgresUrl').replace(/\/postgres$/, `/${name}`));
}

async function line(store: BoardStore) {
  const setup: Command[] = [
    { type: 'stream.create', name: 'Line', id: STREAM },
    { type: 'stage.add', streamId: STREAM, id: CUT, name: 'Cut', cardLimit: 10, policy: 'hard' },
    { type: 'stage.add', streamId: STREAM, id: WELD, name: 'Weld', cardLimit: 2, policy: 'hard' },
  ];
  for (const [k, command] of setup.entries()) {
    const result = await store.apply(command, { commandId: `setup-${k}`, who: 'test', device: 'setup' });
    if (!result.ok) throw new Error(result.error);
  }
  for (let k = 0; k < 6; k++) {
    const card: Command = { type: 'card.create', streamId: STREAM, stageId: CUT, id: asId('card', `c${k}`), fields: { partNumber: `P-${k}`, quantity: 10, family: 'F' } };
    const result = await store.apply(card, { commandId: `card-${k}`, who: 'test', device: 'setup' });
    if (!result.ok) throw new Error(result.error);
  }
}

const move = (k: number, to = WELD): Command => ({ type: 'card.move', cardId: asId('card', `c${k}`), toStageId: to });

describe.each([
  ['PGlite', memoryPglite],
  ['PostgreSQL', freshPostgres],
] as const)('the sync server store on %s', (_name, open) => {
  let db: SqlDb;
  let store: BoardStore;

  beforeAll(async () => {
    db = await open();
    await migrate(db);
    store = new BoardStore(db);
    await line(store);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('runs its migrations once', async () => {
    expect(await migrate(db)).toBe(0);
  });

  it('applies a pull with the engine rule and numbers its event in the global sequence', async () => {
    const before = await store.head();
    const result = await store.apply(move(0), { commandId: 'm-0', who: 'Tablet 1', device: 'tablet-1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({ type: 'move', cardId: 'c0', from: 'cut', to: 'weld', who: 'Tablet 1', commandId: 'm-0', id: before + 1 });
    expect(await store.head()).toBe(before + 1);
  });

  it('applies a retried command id once', async () => {
    const head = await store.head();
    const again = await store.apply(move(0), { commandId: 'm-0', who: 'Tablet 1', device: 'tablet-1' });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    expect(await store.head()).toBe(head);
  });

  it('never takes a hard stage over its limit when screens pull at the same time, and says what took the slot', async () => {
    // Weld (limit 2) holds c0; five screens race c1..c5 into its last place.
    const results = await Promise.all([1, 2, 3, 4, 5].map((k) => store.apply(move(k), { commandId: `race-${k}`, who: `Screen ${k}`, device: `screen-${k}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r).toMatchObject({ code: 'full', stage: { id: 'weld', count: 2, cardLimit: 2 } });
      expect(!r.ok && r.took).toMatch(/card P-\d pulled by Screen \d/);
    }
    const rows = await db.query("select count(*)::int as n from records where tbl = 'cards' and stage_id = 'weld' and active");
    expect(Number(rows[0].n)).toBe(2);
  });

  it('refused moves (full hard stage) are logged as events: a move-refused event in the global sequence that changes no record', async () => {
    const head = await store.head();
    const records = await db.query('select tbl, id, body from records order by tbl, id');
    const refusal: Command = { type: 'card.record-refusal', cardId: asId('card', 'c5'), toStageId: WELD };
    const result = await store.apply(refusal, { commandId: 'refused-1', who: 'Screen 5', device: 'screen-5' });
    expect(result.ok && result.events).toEqual([
      expect.objectContaining({ type: 'move-refused', cardId: 'c5', from: 'cut', to: 'weld', id: head + 1, reason: expect.stringMatching(/Weld is full: 2 \/ 2 cards \(hard limit\)/) }),
    ]);
    expect(await db.query('select tbl, id, body from records order by tbl, id')).toEqual(records);
  });

  it('refuses bad commands with the rule\'s message and changes nothing', async () => {
    const head = await store.head();
    const records = await db.query('select tbl, id, body from records order by tbl, id');
    const bad: Command[] = [
      { type: 'card.move', cardId: asId('card', 'nope'), toStageId: WELD },
      { type: 'stage.override-limit', stageId: WELD, limit: -3, reason: 'x' },
      { type: 'card.create', streamId: STREAM, stageId: CUT, fields: { partNumber: '', quantity: 1, family: '' } },
    ];
    for (const command of bad) expect((await store.apply(command, { commandId: `bad-${command.type}`, who: 't', device: 'd' })).ok).toBe(false);
    expect(await store.head()).toBe(head);
    expect(await db.query('select tbl, id, body from records order by tbl, id')).toEqual(records);
  });

  it('keeps records that its own log replays to, exactly', async () => {
    await store.apply({ type: 'card.undo-move', streamId: STREAM }, { commandId: 'undo-1', who: 'Lead', device: 'laptop' });
    await store.apply({ type: 'card.block', cardId: asId('card', 'c3'), reason: 'no wire' }, { commandId: 'block-1', who: 'Lead', device: 'laptop' });
    const snapshot = await store.snapshot();
    const replayed = replayLog(snapshot.events, emptySnapshot());
    for (const table of RECORD_TABLES) {
      const stored = Object.fromEntries(snapshot.tables[table].map((r) => [r.id as string, r]));
      expect(JSON.parse(JSON.stringify(replayed[table]))).toEqual(stored);
    }
    expect(snapshot.head).toBe(await store.head());
  });

  it('stores join-link tokens only as hashes, and a revoked token no longer opens the board', async () => {
    const tokens = new Tokens(db);
    const { invite, token } = await tokens.create('viewer', 'TV at line 2');
    expect(token.length).toBeGreaterThanOrEqual(32);
    const stored = await db.query('select hash from tokens where id = $1', [invite.id]);
    expect(stored[0].hash).toBe(hashToken(token));
    expect(JSON.stringify(await db.query('select * from tokens'))).not.toContain(token);
    expect(await tokens.verify(token)).toMatchObject({ role: 'viewer', label: 'TV at line 2' });
    expect(await tokens.revoke(invite.id)).toBe(true);
    expect(await tokens.verify(token)).toBeNull();
  });

  it('takes a published board with its log once, and refuses it the second time', async () => {
    const s2 = asId('stream', 'other');
    const tables = {
      streams: [{ id: s2, name: 'Other line', calendar: { shifts: [], workingDaysPerWeek: 5 }, createdAt: 0 }],
      stages: [{ id: 'o1', streamId: s2, name: 'Pack', order: 0, cardLimit: 3, policy: 'hard' }],
    };
    const events = [{ id: 7, streamId: s2, at: 5, who: 'laptop', commandId: 'local-1', type: 'stage-added', stage: tables.stages[0] }] as never[];
    expect(await store.importBoard(tables, events, 'laptop')).toMatchObject({ ok: true, events: 1 });
    expect(await store.importBoard(tables, events, 'laptop')).toMatchObject({ ok: false });
    const moved = await store.apply({ type: 'stage.rename', stageId: asId('stage', 'o1'), name: 'Packing' }, { commandId: 'rename-o1', who: 'Lead', device: 'laptop' });
    expect(moved.ok).toBe(true);
  });
});

describe('two server processes on one PostgreSQL', () => {
  it('hear each other\'s commands through LISTEN/NOTIFY', async () => {
    const a = await freshPostgres();
    await migrate(a);
    const dbName = (await a.query('select current_database() as d'))[0].d as string;
    const b = await openPostgres(inject('postgresUrl').replace(/\/postgres$/, `/${dbName}`));
    const heard: string[] = [];
    await b.listen('taktboard', (payload) => heard.push(payload));
    const store = new BoardStore(a);
    await line(store);
    const result = await store.apply(move(0), { commandId: 'x-1', who: 'A', device: 'a' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // The payload carries the events themselves (so process B need not read them back), or only the head when too big.
    const newest = (payload: string) => (payload.startsWith('[') ? (JSON.parse(payload) as { id: number }[]).at(-1)?.id : Number(payload));
    await expect.poll(() => heard.some((p) => newest(p) === result.seq), { timeout: 5000 }).toBe(true);
    const carried = JSON.parse(heard.find((p) => newest(p) === result.seq)!) as { id: number; type: string; commandId: string }[];
    expect(carried.map((e) => [e.type, e.commandId])).toEqual(result.events.map((e) => [e.type, e.commandId]));
    expect(result.seq).toBe(await new BoardStore(b).head());
    await a.close();
    await b.close();
  }, 30_000);
});
