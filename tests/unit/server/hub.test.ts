// The sync protocol end to end over real WebSockets against the server on PGlite: what screens see, and what is refused.
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Command } from '../../../src/engine/commands/index.ts';
import { buildServer } from '../../../src/server/app.ts';
import { migrate } from '../../../src/server/migrations.ts';
import type { Query, SqlDb } from '../../../src/server/sql.ts';
import { BoardStore } from '../../../src/server/store.ts';
import { Tokens } from '../../../src/server/tokens.ts';
import type { ServerMessage } from '../../../src/sync/protocol.ts';

let app: FastifyInstance;
let base: string;
let db: SqlDb;
const tokens: Record<'viewer' | 'operator' | 'coordinator', string> = { viewer: '', operator: '', coordinator: '' };

/** A screen speaking the protocol: every frame it received, and a way to wait for one. */
class Screen {
  readonly frames: ServerMessage[] = [];
  readonly socket: WebSocket;
  readonly open: Promise<void>;

  constructor(token: string) {
    this.socket = new WebSocket(`${base.replace('http', 'ws')}/sync?token=${token}`);
    this.socket.on('message', (data) => this.frames.push(JSON.parse(data.toString())));
    this.open = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  send(message: unknown) {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async next<T extends ServerMessage['t']>(t: T, where: (m: Extract<ServerMessage, { t: T }>) => boolean = () => true) {
    await expect.poll(() => this.frames.some((m) => m.t === t && where(m as Extract<ServerMessage, { t: T }>)), { timeout: 10_000 }).toBe(true);
    return this.frames.find((m) => m.t === t && where(m as Extract<ServerMessage, { t: T }>)) as Extract<ServerMessage, { t: T }>;
  }

  close() {
    this.socket.close();
  }
}

const command = (commandId: string, c: Command) => ({ t: 'command', commandId, command: c, who: 'Test', base: 0 });

beforeAll(async () => {
  const pg = await PGlite.create();
  const run = (q: { query: PGlite['query'] }): Query => async (text, params = []) => (await q.query<Record<string, unknown>>(text, params)).rows;
  db = { kind: 'pglite', query: run(pg), transaction: (w) => pg.transaction((tx) => w(run(tx))), listen: async (c, cb) => void (await pg.listen(c, cb)), close: () => pg.close() };
  await migrate(db);
  const store = new BoardStore(db);
  const setup: Command[] = [
    { type: 'stream.create', name: 'Line', id: 'line' as never },
    { type: 'stage.add', streamId: 'line' as never, id: 'cut' as never, name: 'Cut', cardLimit: 5, policy: 'hard' },
    { type: 'stage.add', streamId: 'line' as never, id: 'weld' as never, name: 'Weld', cardLimit: 1, policy: 'hard' },
    { type: 'card.create', streamId: 'line' as never, stageId: 'cut' as never, id: 'c1' as never, fields: { partNumber: 'P-1', quantity: 5, family: 'F' } },
    { type: 'card.create', streamId: 'line' as never, stageId: 'cut' as never, id: 'c2' as never, fields: { partNumber: 'P-2', quantity: 5, family: 'F' } },
  ];
  for (const [k, c] of setup.entries()) await store.apply(c, { commandId: `setup-${k}`, who: 'setup', device: 'setup' });
  const t = new Tokens(db);
  for (const role of ['viewer', 'operator', 'coordinator'] as const) tokens[role] = (await t.create(role, `${role} screen`)).token;
  ({ app } = await buildServer({ store, tokens: t }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the sync protocol', () => {
  it('refuses a screen without a valid token and reads nothing to it', async () => {
    const screen = new Screen('not-a-token');
    const closed = new Promise<number>((resolve) => screen.socket.once('close', (code) => resolve(code)));
    expect(await closed).toBe(4401);
    expect(screen.frames).toEqual([{ t: 'error', error: expect.stringMatching(/not valid/) }]);
  });

  it('sends a new screen the whole board, then every move another screen makes', async () => {
    const tv = new Screen(tokens.viewer);
    const tablet = new Screen(tokens.operator);
    await Promise.all([tv.open, tablet.open]);
    tv.send({ t: 'hello', device: 'tv', since: 0 });
    tablet.send({ t: 'hello', device: 'tablet', since: 0 });
    const snapshot = await tv.next('snapshot');
    expect(snapshot.tables.cards.map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect((await tv.next('welcome')).role).toBe('viewer');
    await tablet.next('snapshot');
    tablet.send(command('move-1', { type: 'card.move', cardId: 'c1' as never, toStageId: 'weld' as never }));
    expect((await tablet.next('ack', (m) => m.commandId === 'move-1')).seq).toBeGreaterThan(snapshot.head);
    const seen = await tv.next('events', (m) => m.events.some((e) => e.commandId === 'move-1'));
    expect(seen.events.find((e) => e.commandId === 'move-1')).toMatchObject({ type: 'move', cardId: 'c1', to: 'weld', who: 'Test' });
    tv.close();
    tablet.close();
  });

  it('bounces a pull into a full hard stage, naming what took the slot', async () => {
    const tablet = new Screen(tokens.operator);
    await tablet.open;
    tablet.send({ t: 'hello', device: 'tablet-2', since: 0 });
    await tablet.next('snapshot');
    tablet.send(command('move-2', { type: 'card.move', cardId: 'c2' as never, toStageId: 'weld' as never }));
    const refused = await tablet.next('refused', (m) => m.commandId === 'move-2');
    expect(refused).toMatchObject({ code: 'full', stage: { name: 'Weld', count: 1, cardLimit: 1 } });
    expect(refused.took).toMatch(/card P-1 pulled by Test/);
    tablet.close();
  });

  it('refuses what a role may not do, malformed messages and floods, and changes nothing', async () => {
    const tv = new Screen(tokens.viewer);
    const operator = new Screen(tokens.operator);
    await Promise.all([tv.open, operator.open]);
    tv.send({ t: 'hello', device: 'tv-2', since: 0 });
    operator.send({ t: 'hello', device: 'op', since: 0 });
    const head = (await tv.next('snapshot')).head;
    await operator.next('snapshot');
    tv.send(command('tv-move', { type: 'card.move', cardId: 'c2' as never, toStageId: 'cut' as never }));
    expect(await tv.next('refused', (m) => m.commandId === 'tv-move')).toMatchObject({ code: 'forbidden' });
    operator.send(command('op-limit', { type: 'stage.override-limit', stageId: 'weld' as never, limit: 9, reason: 'more' }));
    expect(await operator.next('refused', (m) => m.commandId === 'op-limit')).toMatchObject({ code: 'forbidden' });
    operator.send('{not json');
    await operator.next('error', (m) => /not valid JSON/.test(m.error));
    operator.send(command('bad', { type: 'card.move', cardId: 'c2', toStageId: 'weld', extra: '__proto__' } as never));
    await operator.next('error', (m) => /Invalid message/.test(m.error));
    operator.send({ ...command('big', { type: 'card.block', cardId: 'c2' as never, reason: 'x'.repeat(600) }) });
    await operator.next('error', (m) => /Invalid message at command.reason/.test(m.error));
    for (let k = 0; k < 150; k++) operator.send({ t: 'ping' });
    await operator.next('error', (m) => /Too many messages/.test(m.error));
    expect(await new BoardStore(db).head()).toBe(head);
    tv.close();
    operator.close();
  });

  it('takes a published board from a coordinator only, checked like a backup file, and fans it out', async () => {
    const board = {
      app: 'taktboard',
      version: 4,
      exportedAt: 0,
      tables: {
        streams: [{ id: 'pub', name: 'Published line', calendar: { shifts: [], workingDaysPerWeek: 5 }, createdAt: 0 }],
        stages: [{ id: 'pub-1', streamId: 'pub', name: 'Pack', order: 0, cardLimit: 2, policy: 'hard' }],
        events: [{ id: 1, streamId: 'pub', type: 'stage-added', at: 1, who: 'laptop', commandId: 'l-1', stage: { id: 'pub-1' } }],
      },
    };
    const post = (token: string, body: unknown) =>
      fetch(`${base}/api/publish`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(tokens.operator, board)).status).toBe(403);
    const broken = await post(tokens.coordinator, { ...board, tables: { ...board.tables, stages: [{ id: 'pub-1', streamId: 'pub', order: 0 }] } });
    expect(broken.status).toBe(409);
    expect(((await broken.json()) as { error: string }).error).toMatch(/field "name" should be a string/);
    const head = await new BoardStore(db).head();
    const ok = await post(tokens.coordinator, board);
    expect(await ok.json()).toMatchObject({ ok: true, streams: 1, events: 1 });
    expect(await new BoardStore(db).head()).toBe(head + 1);
    expect((await post(tokens.coordinator, board)).status).toBe(409);
  });

  it('serves everything with a strict CSP that no other site may frame', async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves join links only to coordinators, and a revoked link stops working', async () => {
    const denied = await fetch(`${base}/api/invites`, { headers: { authorization: `Bearer ${tokens.operator}` } });
    expect(denied.status).toBe(403);
    const made = await fetch(`${base}/api/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.coordinator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer', label: 'TV line 1' }),
    });
    const invite = (await made.json()) as { id: string; token: string; link: string };
    expect(invite.link).toBe(`${base}/#/join/${invite.token}`);
    expect((await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${invite.token}` } })).status).toBe(200);
    const list = (await (await fetch(`${base}/api/invites`, { headers: { authorization: `Bearer ${tokens.coordinator}` } })).json()) as object[];
    expect(JSON.stringify(list)).not.toContain(invite.token);
    await fetch(`${base}/api/invites/${invite.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.coordinator}` } });
    expect((await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${invite.token}` } })).status).toBe(401);
  });
});
