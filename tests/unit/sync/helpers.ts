// A sync server in miniature for the client's tests: its own Dexie database (the demo line) as the store of record,
// commands applied one at a time with the same engine, each event's id its global sequence; and fake WebSockets to it
// that can be cut, held back and restored.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { applyCommand } from '../../../src/db/apply.ts';
import { exportBackup } from '../../../src/db/backup.ts';
import { TaktDb } from '../../../src/db/schema.ts';
import { seedDemoIfEmpty } from '../../../src/db/seed.ts';
import { RECORD_TABLES, type Command } from '../../../src/engine/commands/index.ts';
import { mayRun, type BoardTables, type ClientMessage, type Role, type ServerMessage, type SyncedEvent } from '../../../src/sync/protocol.ts';
import { SyncClient, type SocketLike, type SyncOptions, type SyncStatus } from '../../../src/sync/client.ts';

export const DEMO_NOW = Date.UTC(2026, 10, 26);
const demoText = readFileSync(new URL('../../../static/demo-line.json', import.meta.url), 'utf8');

export const freshDb = (prefix: string) => new TaktDb(`${prefix}-${Math.random()}`);

export async function demoDb(prefix: string): Promise<TaktDb> {
  const db = freshDb(prefix);
  await seedDemoIfEmpty(db, async () => demoText, DEMO_NOW);
  return db;
}

export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  /** What the client sent, parsed. */
  readonly sent: ClientMessage[] = [];
  head = 0;
  ready = false;
  device = '';

  constructor(
    readonly server: FakeServer,
    readonly token: string,
  ) {
    setTimeout(() => server.accept(this), 0);
  }

  open() {
    this.readyState = 1;
    this.onopen?.({});
  }

  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    const message = JSON.parse(data) as ClientMessage;
    this.sent.push(message);
    this.server.receive(this, message);
  }

  deliver(message: ServerMessage) {
    if (this.readyState === 1) this.onmessage?.({ data: JSON.stringify(message) });
  }

  close() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.server.sockets.delete(this);
    setTimeout(() => this.onclose?.({}), 0);
  }
}

export class FakeServer {
  readonly sockets = new Set<FakeSocket>();
  readonly tokens = new Map<string, { role: Role; label: string }>();
  online = true;
  /** Commands received while held wait here (to race two screens deterministically). */
  held: (() => void)[] = [];
  hold = false;
  /** Answers this many commands with the server's flood error instead of looking at them. */
  tooMany = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly db: TaktDb) {}

  static async start(): Promise<FakeServer> {
    const server = new FakeServer(await demoDb('server'));
    server.tokens.set('coord', { role: 'coordinator', label: 'Office' });
    server.tokens.set('op1', { role: 'operator', label: 'Tablet 1' });
    server.tokens.set('op2', { role: 'operator', label: 'Tablet 2' });
    server.tokens.set('tv', { role: 'viewer', label: 'TV' });
    return server;
  }

  socketFor = (url: string): SocketLike => new FakeSocket(this, new URL(url).searchParams.get('token') ?? '');

  async head(): Promise<number> {
    return ((await this.db.events.orderBy(':id').last())?.id as number | undefined) ?? 0;
  }

  accept(socket: FakeSocket) {
    if (!this.online || !this.tokens.has(socket.token)) {
      socket.readyState = 3;
      socket.onclose?.({});
      return;
    }
    this.sockets.add(socket);
    socket.open();
  }

  /** Cuts every connection and refuses new ones until `restart`. */
  stop() {
    this.online = false;
    for (const socket of [...this.sockets]) socket.close();
  }

  restart() {
    this.online = true;
  }

  receive(socket: FakeSocket, message: ClientMessage) {
    const run = () => {
      this.queue = this.queue.then(() => this.handle(socket, message)).catch((error) => console.error(error));
    };
    if (this.hold && message.t === 'command') this.held.push(run);
    else run();
  }

  release() {
    this.hold = false;
    const runs = this.held;
    this.held = [];
    for (const run of runs) run();
  }

  async eventsAfter(since: number): Promise<SyncedEvent[]> {
    return (await this.db.events.where(':id').above(since).toArray()) as SyncedEvent[];
  }

  async snapshot(): Promise<{ head: number; tables: BoardTables; events: SyncedEvent[] }> {
    const backup = await exportBackup(this.db, 0);
    const tables = Object.fromEntries(
      RECORD_TABLES.map((t) => [t, (backup.tables[t] ?? []).map((r) => (t === 'cards' ? (({ boardStageId: _, ...rest }) => rest)(r) : r))]),
    ) as BoardTables;
    const events = backup.tables.events as unknown as SyncedEvent[];
    return { head: await this.head(), tables, events };
  }

  private async handle(socket: FakeSocket, message: ClientMessage) {
    if (socket.readyState !== 1) return;
    const access = this.tokens.get(socket.token)!;
    switch (message.t) {
      case 'hello': {
        socket.device = message.device;
        const head = await this.head();
        socket.deliver({ t: 'welcome', role: access.role, head, label: access.label });
        if (message.since === 0 || message.since > head) {
          const snapshot = await this.snapshot();
          socket.deliver({ t: 'snapshot', ...snapshot });
          socket.head = snapshot.head;
        } else socket.head = message.since;
        socket.ready = true;
        await this.pump();
        return;
      }
      case 'command': {
        if (this.tooMany > 0) {
          this.tooMany--;
          socket.deliver({ t: 'error', error: 'Too many messages: slow down.' });
          return;
        }
        const command = message.command as Command;
        if (!mayRun(access.role, command.type)) {
          socket.deliver({ t: 'refused', commandId: message.commandId, error: `A ${access.role} link may not do this.`, code: 'forbidden' });
          return;
        }
        const result = await applyCommand(this.db, command, { who: message.who, commandId: message.commandId, at: message.at });
        if (!result.ok) {
          let took: string | undefined;
          if (result.code === 'full' && result.stage) {
            const last = (await this.db.events.orderBy(':id').reverse().toArray()).find((e) => 'to' in e && e.to === result.stage!.id);
            if (last && 'cardId' in last) took = `card ${(await this.db.cards.get(last.cardId))?.partNumber} pulled by ${last.who}`;
          }
          socket.deliver({ t: 'refused', commandId: message.commandId, error: result.error, ...(result.code ? { code: result.code } : {}), ...(result.stage ? { stage: result.stage } : {}), ...(took ? { took } : {}) });
          return;
        }
        const seq = result.value.events.length ? (result.value.events[result.value.events.length - 1].id as number) : await this.head();
        socket.deliver({ t: 'ack', commandId: message.commandId, seq, ...(result.value.duplicate ? { duplicate: true } : {}) });
        await this.pump();
        return;
      }
      case 'ping':
        socket.deliver({ t: 'pong' });
        return;
      default:
        return;
    }
  }

  private async pump() {
    for (const socket of this.sockets) {
      if (!socket.ready) continue;
      const events = await this.eventsAfter(socket.head);
      if (events.length === 0) continue;
      socket.deliver({ t: 'events', events });
      socket.head = events[events.length - 1].id;
    }
  }
}

/** A screen: its own database and sync client, talking to `server`. */
export class Screen {
  statuses: SyncStatus[] = [];
  client: SyncClient;

  constructor(
    readonly db: TaktDb,
    readonly server: FakeServer,
    options: Partial<SyncOptions> = {},
  ) {
    this.client = new SyncClient(db, {
      openSocket: server.socketFor,
      onStatus: (status) => this.statuses.push(status),
      backoffMs: 10,
      maxBackoffMs: 40,
      heartbeatMs: 60_000,
      deadMs: 120_000,
      ...options,
    });
  }

  get status(): SyncStatus | undefined {
    return this.statuses[this.statuses.length - 1];
  }

  static async joined(server: FakeServer, token: string, prefix = 'screen'): Promise<Screen> {
    const screen = new Screen(await demoDb(prefix), server);
    await screen.client.start();
    const access = server.tokens.get(token) ?? null;
    const joined = await screen.client.join('http://sync.test', token, access);
    if (!joined.ok) throw new Error(joined.error);
    return screen;
  }

  send(command: Command, who = 'Tablet') {
    return this.client.command(command, { who, commandId: crypto.randomUUID() });
  }
}

/** Keys in one order, undefined fields left out: records compared whatever path wrote them. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) if ((value as Record<string, unknown>)[key] !== undefined) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The board as text: records of every table and the confirmed log (a screen's bounce entries left out). */
export async function boardOf(db: TaktDb): Promise<string> {
  const tables: Record<string, unknown[]> = {};
  for (const table of RECORD_TABLES) tables[table] = (await db.table(table).toArray()).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  tables.events = ((await db.events.toArray()) as { type: string }[]).filter((e) => e.type !== 'bounced');
  return JSON.stringify(canonical(tables));
}

export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeout = 5000) {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
