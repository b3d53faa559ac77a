// The screens connected to this server process: their messages in, and every applied event out to each of them in order.
import type { WebSocket } from 'ws';
import { LATEST_VERSION } from '../db/migrations.ts';
import { MAX_COMMAND_BYTES, mayRun, parseClientMessage, type ClientMessage, type ServerMessage, type SyncedEvent } from '../sync/protocol.ts';
import { publishBackup } from './publish.ts';
import type { BoardStore } from './store.ts';
import type { Invite } from './tokens.ts';

/** Events kept in memory for screens that are a little behind; a screen further behind reads the database. */
const RECENT = 5000;
/** Per connection: a burst of 100 messages, refilled at 50 a second. */
const BURST = 100;
const PER_SECOND = 50;

class Screen {
  /** The highest sequence number this screen has been sent. */
  head = 0;
  ready = false;
  device = '';
  private tokens = BURST;
  private refilled = Date.now();
  private pumping = false;
  private again = false;

  constructor(
    readonly socket: WebSocket,
    readonly invite: Invite,
  ) {}

  send(message: ServerMessage) {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** A token bucket: false when the screen sends faster than any person could. */
  allow(): boolean {
    const now = Date.now();
    this.tokens = Math.min(BURST, this.tokens + ((now - this.refilled) / 1000) * PER_SECOND);
    this.refilled = now;
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }

  /** Sends what the screen has not seen yet, in order; one pump at a time per screen. */
  async pump(hub: Hub) {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        while (this.ready && this.head < hub.head) {
          const events = await hub.eventsAfter(this.head);
          if (events.length === 0) break;
          // Each event is serialised once for all screens (hub.json), not once per screen.
          if (this.socket.readyState === this.socket.OPEN) this.socket.send(`{"t":"events","events":[${events.map((e) => hub.json(e)).join(',')}]}`);
          this.head = events[events.length - 1].id;
        }
      } while (this.again);
    } finally {
      this.pumping = false;
    }
  }
}

export class Hub {
  head = 0;
  private readonly screens = new Set<Screen>();
  private recent: SyncedEvent[] = [];
  private readonly pending = new Map<number, SyncedEvent>();
  private readonly serialised = new WeakMap<SyncedEvent, string>();
  private fetching: Promise<void> | null = null;

  constructor(private readonly store: BoardStore) {}

  async start() {
    this.head = await this.store.head();
    // Another server process on the same database applied something: every screen here hears of it.
    // The payload carries the events themselves when they fit (one commit's worth), else only the newest sequence number.
    await this.store.db.listen('taktboard', (payload) => {
      if (payload.startsWith('[')) this.offer(JSON.parse(payload) as SyncedEvent[]);
      else void this.advance(Number(payload));
    });
  }

  /**
   * Events this process already holds (its own command's, or those a NOTIFY carried): taken in sequence order
   * without reading the database. Events after a gap wait until the gap is filled; the database is then read.
   */
  offer(events: SyncedEvent[]) {
    for (const event of events) if (event.id > this.head) this.pending.set(event.id, event);
    if (this.pending.size === 0) return;
    let moved = false;
    for (let next = this.pending.get(this.head + 1); next; next = this.pending.get(this.head + 1)) {
      this.pending.delete(next.id);
      this.take(next);
      moved = true;
    }
    if (this.pending.size) void this.advance(Math.max(...this.pending.keys()));
    else if (moved) for (const screen of this.screens) void screen.pump(this);
  }

  private take(event: SyncedEvent) {
    this.recent.push(event);
    // Trimmed in steps, not per event: copying thousands of events on every command would cost more than it saves.
    if (this.recent.length > 2 * RECENT) this.recent = this.recent.slice(-RECENT);
    this.head = event.id;
  }

  get size() {
    return this.screens.size;
  }

  /** Learns of events up to `seq` (once per batch, whatever the number of screens) and pumps them to every screen. */
  async advance(seq: number): Promise<void> {
    if (!(seq > this.head)) return;
    if (!this.fetching) {
      this.fetching = (async () => {
        try {
          while (this.head < seq) {
            const fresh = await this.store.eventsAfter(this.head, 2000);
            if (fresh.length === 0) break;
            // offer() may have taken some of them while the query ran.
            for (const event of fresh) if (event.id > this.head) this.take(event);
          }
          for (const seq of this.pending.keys()) if (seq <= this.head) this.pending.delete(seq);
        } finally {
          this.fetching = null;
        }
      })();
    }
    await this.fetching;
    if (this.head < seq) return this.advance(seq);
    for (const screen of this.screens) void screen.pump(this);
  }

  /** An event as JSON, made once however many screens it goes to. */
  json(event: SyncedEvent): string {
    let text = this.serialised.get(event);
    if (text === undefined) this.serialised.set(event, (text = JSON.stringify(event)));
    return text;
  }

  async eventsAfter(since: number): Promise<SyncedEvent[]> {
    const first = this.recent[0];
    if (first && since >= first.id - 1) {
      // Sequence numbers only grow: a binary search finds the first event after `since` (every screen asks on every event).
      let lo = 0;
      let hi = this.recent.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.recent[mid].id > since) hi = mid;
        else lo = mid + 1;
      }
      return this.recent.slice(lo, lo + 1000);
    }
    return this.store.eventsAfter(since, 1000);
  }

  connect(socket: WebSocket, invite: Invite) {
    const screen = new Screen(socket, invite);
    this.screens.add(screen);
    socket.on('close', () => this.screens.delete(screen));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return screen.send({ t: 'error', error: 'Binary messages are not accepted.' });
      void this.receive(screen, data.toString()).catch((error: Error) => screen.send({ t: 'error', error: `The server failed: ${error.message}` }));
    });
  }

  private async receive(screen: Screen, raw: string) {
    if (!screen.allow()) return screen.send({ t: 'error', error: 'Too many messages: slow down.' });
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) return screen.send({ t: 'error', error: parsed.error });
    const message: ClientMessage = parsed.value;
    if (message.t !== 'publish' && raw.length > MAX_COMMAND_BYTES) return screen.send({ t: 'error', error: `Messages are limited to ${MAX_COMMAND_BYTES} bytes.` });
    switch (message.t) {
      case 'ping':
        return screen.send({ t: 'pong' });
      case 'hello':
        return this.hello(screen, message.device, message.since);
      case 'command':
        return this.command(screen, message);
      case 'publish':
        return this.publish(screen, message);
    }
  }

  private async hello(screen: Screen, device: string, since: number) {
    screen.device = device;
    screen.send({ t: 'welcome', role: screen.invite.role, head: this.head, label: screen.invite.label });
    const oldest = this.recent[0]?.id ?? 1;
    if (since === 0 || since > this.head || (since < oldest - 1 && since < (await this.store.head()) - 50_000)) {
      const snapshot = await this.store.snapshot();
      screen.send({ t: 'snapshot', ...snapshot });
      screen.head = snapshot.head;
    } else screen.head = since;
    screen.ready = true;
    await screen.pump(this);
  }

  private async command(screen: Screen, message: Extract<ClientMessage, { t: 'command' }>) {
    const command = message.command as Parameters<BoardStore['apply']>[0];
    if (!screen.ready) return screen.send({ t: 'refused', commandId: message.commandId, error: 'Say hello first.', code: 'invalid' });
    if (!mayRun(screen.invite.role, command.type)) {
      return screen.send({ t: 'refused', commandId: message.commandId, error: `A ${screen.invite.role} link may not do this (${command.type}).`, code: 'forbidden' });
    }
    const result = await this.store.apply(command, { commandId: message.commandId, who: message.who, device: screen.device, at: message.at });
    if (!result.ok) {
      return screen.send({
        t: 'refused',
        commandId: message.commandId,
        error: result.error,
        ...(result.code ? { code: result.code } : {}),
        ...(result.stage ? { stage: result.stage } : {}),
        ...(result.took ? { took: result.took } : {}),
      });
    }
    screen.send({ t: 'ack', commandId: message.commandId, seq: result.seq, ...(result.duplicate ? { duplicate: true } : {}) });
    if (result.events.length) this.offer(result.events);
    else await this.advance(result.seq);
  }

  private async publish(screen: Screen, message: Extract<ClientMessage, { t: 'publish' }>) {
    if (screen.invite.role !== 'coordinator') return screen.send({ t: 'error', error: 'Only a coordinator link may publish a board.' });
    const backup = { app: 'taktboard', version: LATEST_VERSION, exportedAt: 0, tables: { ...message.tables, events: message.events } };
    const result = await publishBackup(this.store, backup, screen.device);
    if (!result.ok) return screen.send({ t: 'error', error: result.error });
    screen.send({ t: 'published', streams: result.streams, events: result.events });
    await this.advance(await this.store.head());
  }

  close() {
    for (const screen of this.screens) screen.socket.close(1001, 'server stopping');
  }
}
