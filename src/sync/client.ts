// A screen's side of sync, run in the store worker: the connection to the server (hello, backoff, heartbeat), the
// outbox sent in order one command at a time, and the server's frames applied to the local copy through replica.ts.
import { applyCommand, type CommandMeta, type CommandResult } from '../db/apply.ts';
import { joinedServer, saveSetting, setting, SYNC_KEYS, type JoinedServer } from '../db/queries.ts';
import type { TaktDb } from '../db/schema.ts';
import type { Command } from '../engine/commands/index.ts';
import { err, ok, type Result } from '../engine/result.ts';
import { mayRun, type ClientMessage, type Role, type ServerMessage } from './protocol.ts';
import {
  acknowledge,
  applyConfirmed,
  bounce,
  deviceId,
  enqueue,
  joinServer,
  leaveServer,
  outboxSummary,
  replaceWithSnapshot,
} from './replica.ts';
import { LOCAL_STATUS, type SyncState, type SyncStatus } from './status.ts';

export { LOCAL_STATUS, type SyncState, type SyncStatus } from './status.ts';

/** The part of a WebSocket the client uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;

export interface SyncOptions {
  openSocket(url: string): SocketLike;
  onStatus(status: SyncStatus): void;
  now?: () => number;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs`, each drawn at random in its upper half. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A ping after this long without a frame; the connection counts as dead after `deadMs` without one. */
  heartbeatMs?: number;
  deadMs?: number;
  /** How long a command may wait for its ack or refusal before the connection is dropped and made again. */
  answerMs?: number;
  /** How long joining waits for the server's board. */
  joinMs?: number;
  /** Messages per second the client sends at most (the server cuts a screen off above 50), and its burst. */
  ratePerSecond?: number;
  burst?: number;
}

/** The WebSocket address of a server's sync endpoint for a token. */
export function syncUrl(server: string, token: string): string {
  return `${server.replace(/^http/, 'ws').replace(/\/$/, '')}/sync?token=${encodeURIComponent(token)}`;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class SyncClient {
  private joined: JoinedServer | null = null;
  private role: Role | undefined;
  private label: string | undefined;
  private state: SyncState = 'local';
  private problem: string | undefined;
  private socket: SocketLike | null = null;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private answerTimer: unknown = null;
  private pumpTimer: unknown = null;
  private lastHeard = 0;
  /** The command sent and not yet answered: commands go one at a time, so the server applies them in order. */
  private inflight: string | null = null;
  private tokens: number;
  private refilled: number;
  private queue: Promise<unknown> = Promise.resolve();
  private started: Promise<void> | null = null;
  private snapshotWaiter: Waiter | null = null;
  private device = '';
  private closed = false;
  /** The last error frame of the current connection. */
  private serverSaid: string | undefined;

  private readonly now: () => number;
  private readonly random: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly o: Required<Pick<SyncOptions, 'backoffMs' | 'maxBackoffMs' | 'heartbeatMs' | 'deadMs' | 'answerMs' | 'joinMs' | 'ratePerSecond' | 'burst'>>;

  constructor(
    private readonly db: TaktDb,
    private readonly options: SyncOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? Math.random;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.o = {
      backoffMs: options.backoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 10_000,
      heartbeatMs: options.heartbeatMs ?? 4_000,
      deadMs: options.deadMs ?? 10_000,
      answerMs: options.answerMs ?? 15_000,
      joinMs: options.joinMs ?? 20_000,
      ratePerSecond: options.ratePerSecond ?? 40,
      burst: options.burst ?? 60,
    };
    this.tokens = this.o.burst;
    this.refilled = this.now();
  }

  /** Reads whether this screen is joined and, if so, connects. Safe to call again (after another tab joined or left). */
  start(): Promise<void> {
    this.started = this.serial(async () => {
      this.joined = await joinedServer(this.db);
      const access = (await setting(this.db, SYNC_KEYS.access)) as { role?: Role; label?: string } | null | undefined;
      this.role = access?.role;
      this.label = access?.label;
      if (this.joined) {
        this.device = await deviceId(this.db);
        this.connect();
      } else this.disconnect('local');
      await this.report();
    });
    return this.started;
  }

  /** Whether this screen is joined to a server (after start). */
  get isJoined() {
    return this.joined !== null;
  }

  /** A command from the screen: applied as today on a local board; on a joined one applied provisionally and queued. */
  async command(command: Command, meta: CommandMeta): Promise<CommandResult> {
    await this.started;
    if (!this.joined) return applyCommand(this.db, command, meta);
    if (this.role && command && typeof command.type === 'string' && !mayRun(this.role, command.type)) {
      const what = this.role === 'viewer' ? 'This screen joined the board as a viewer: it shows the board but cannot change it.' : `An ${this.role} screen may not do this (${command.type}).`;
      return err(`${what} Ask a coordinator for an operator link.`, 'forbidden');
    }
    const result = await this.serial(() => enqueue(this.db, command, { ...meta, at: meta.at ?? this.now() }));
    if (result.ok && !result.value.duplicate) {
      void this.report();
      this.pump();
    }
    return result;
  }

  /**
   * Joins a server with a token: keeps both, connects, and resolves once the server's board has replaced this screen's.
   * On failure the screen is left as a local board again.
   */
  async join(server: string, token: string, access: { role: Role; label: string } | null): Promise<Result<{ role?: Role; label?: string }>> {
    await this.started;
    this.disconnect('local');
    await this.serial(async () => {
      await joinServer(this.db, { server, token }, access);
      this.joined = { server, token };
      this.role = access?.role;
      this.label = access?.label;
      this.device = await deviceId(this.db);
    });
    const arrived = new Promise<void>((resolve, reject) => (this.snapshotWaiter = { resolve, reject }));
    const timer = this.setTimer(() => this.snapshotWaiter?.reject(new Error('The server did not send its board in time.')), this.o.joinMs);
    this.connect();
    try {
      await arrived;
      return ok({ role: this.role, label: this.label });
    } catch (error) {
      await this.leave();
      return err(`This screen could not join: ${(error as Error).message}`);
    } finally {
      this.clearTimer(timer);
      this.snapshotWaiter = null;
    }
  }

  /** Leaves the server: waiting commands are dropped and the board as last confirmed stays as a local board. */
  async leave(): Promise<void> {
    await this.started;
    this.disconnect('local');
    await this.serial(async () => {
      await leaveServer(this.db);
      this.joined = null;
      this.role = undefined;
      this.label = undefined;
    });
    await this.report();
  }

  /** Stops for good (the worker is closing). */
  close() {
    this.closed = true;
    this.disconnect('local');
  }

  /** Tries at once when the network is back rather than waiting out the backoff. */
  retryNow() {
    if (this.joined && !this.socket && !this.closed) {
      this.attempt = 0;
      this.clearTimer(this.reconnectTimer);
      this.reconnectTimer = null;
      this.connect();
    }
  }

  /** The device says it lost the network: the connection is given up at once (it will not answer pings). */
  wentOffline() {
    if (this.socket) this.dropped(this.socket, 'This device is offline.');
  }

  // The connection.

  private connect() {
    if (this.closed || !this.joined || this.socket) return;
    this.clearTimer(this.reconnectTimer);
    this.reconnectTimer = null;
    this.state = 'connecting';
    void this.report();
    let socket: SocketLike;
    try {
      socket = this.options.openSocket(syncUrl(this.joined.server, this.joined.token));
    } catch (error) {
      this.problem = (error as Error).message;
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.lastHeard = this.now();
    socket.onopen = () => {
      this.lastHeard = this.now();
      void this.serial(async () => {
        const since = await this.headNow();
        this.send({ t: 'hello', device: this.device, since });
      });
    };
    socket.onmessage = (event) => {
      this.lastHeard = this.now();
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      // Kept at once: the server says why before it closes a connection it does not accept.
      if (message.t === 'error') this.serverSaid = message.error;
      void this.serial(() => this.receive(message)).catch((error: Error) => {
        this.problem = `A message from the server could not be applied: ${error.message}`;
        void this.report();
      });
    };
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      // 4401: the server does not accept this screen's link (unknown or revoked).
      const refused = (event as { code?: number } | null)?.code === 4401;
      this.dropped(socket, refused ? (this.serverSaid ?? 'This link is not valid (unknown or revoked).') : 'The connection to the server closed.', refused);
    };
    this.armHeartbeat();
  }

  /** The connection is gone (closed, or silent too long): forget it and try again later. */
  private dropped(socket: SocketLike, problem: string, refused = false) {
    if (this.socket !== socket) return;
    this.serverSaid = undefined;
    // A link the server refuses is tried again only now and then (a coordinator may make a new one meanwhile).
    if (refused) this.attempt = Math.max(this.attempt, 32);
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close();
    } catch {
      // Already closing.
    }
    this.socket = null;
    this.inflight = null;
    this.clearTimer(this.answerTimer);
    this.clearTimer(this.heartbeatTimer);
    this.clearTimer(this.pumpTimer);
    this.pumpTimer = null;
    if (this.snapshotWaiter && this.state !== 'online') {
      this.snapshotWaiter.reject(new Error(refused ? problem : 'The server could not be reached.'));
    }
    this.problem = problem;
    if (!this.joined || this.closed) return;
    this.state = 'offline';
    void this.report();
    this.scheduleReconnect();
  }

  private disconnect(state: SyncState) {
    const socket = this.socket;
    this.socket = null;
    this.inflight = null;
    for (const timer of [this.reconnectTimer, this.heartbeatTimer, this.answerTimer, this.pumpTimer]) this.clearTimer(timer);
    this.reconnectTimer = this.pumpTimer = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close(1000, 'leaving');
      } catch {
        // Already closed.
      }
    }
    this.state = state;
  }

  /** Exponential backoff with jitter: many screens coming back after a server restart do not all knock at once. */
  private scheduleReconnect() {
    if (this.reconnectTimer !== null || this.closed) return;
    const ceiling = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** Math.min(this.attempt, 32));
    const delay = ceiling / 2 + (this.random() * ceiling) / 2;
    this.attempt++;
    this.reconnectTimer = this.setTimer(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private armHeartbeat() {
    this.clearTimer(this.heartbeatTimer);
    const socket = this.socket;
    if (!socket) return;
    this.heartbeatTimer = this.setTimer(() => {
      if (this.socket !== socket) return;
      const silent = this.now() - this.lastHeard;
      if (silent >= this.o.deadMs) return this.dropped(socket, 'The server stopped answering.');
      if (silent >= this.o.heartbeatMs && socket.readyState === OPEN) this.send({ t: 'ping' });
      this.armHeartbeat();
    }, Math.min(this.o.heartbeatMs, this.o.deadMs) / 2);
  }

  private send(message: ClientMessage): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  /** A token bucket kept under the server's: true when a message may go now. */
  private takeToken(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.o.burst, this.tokens + ((now - this.refilled) / 1000) * this.o.ratePerSecond);
    this.refilled = now;
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }

  /** Sends the oldest command not yet acknowledged, if none is out and the server has welcomed this screen. */
  private pump() {
    if (this.state !== 'online' || this.inflight || this.pumpTimer !== null) return;
    void this.serial(async () => {
      if (this.state !== 'online' || this.inflight) return;
      const next = await this.db.outbox.orderBy('seq').filter((entry) => entry.ackSeq === undefined).first();
      if (!next) return;
      if (!this.takeToken()) {
        this.pumpTimer = this.setTimer(() => {
          this.pumpTimer = null;
          this.pump();
        }, 1000 / this.o.ratePerSecond);
        return;
      }
      const sent = this.send({ t: 'command', commandId: next.commandId, command: next.command, who: next.who, base: next.base, at: next.at });
      if (!sent) return;
      this.inflight = next.commandId;
      const socket = this.socket;
      this.clearTimer(this.answerTimer);
      this.answerTimer = this.setTimer(() => {
        if (socket && this.socket === socket && this.inflight === next.commandId) this.dropped(socket, 'The server did not answer a command in time.');
      }, this.o.answerMs);
    });
  }

  private answered(commandId: string) {
    if (this.inflight !== commandId) return;
    this.inflight = null;
    this.clearTimer(this.answerTimer);
    this.pump();
  }

  // The server's frames, one at a time in the order they came.

  private async receive(message: ServerMessage) {
    switch (message.t) {
      case 'welcome':
        this.role = message.role;
        this.label = message.label;
        this.state = 'online';
        this.attempt = 0;
        this.problem = undefined;
        await saveSetting(this.db, SYNC_KEYS.access, { role: message.role, label: message.label });
        await this.report();
        this.pump();
        return;
      case 'snapshot':
        await replaceWithSnapshot(this.db, message);
        this.snapshotWaiter?.resolve();
        await this.report();
        this.pump();
        return;
      case 'events':
        if (message.events.length) {
          await applyConfirmed(this.db, message.events);
          await this.report();
        }
        return;
      case 'ack':
        await acknowledge(this.db, message.commandId, message.seq);
        await this.report();
        this.answered(message.commandId);
        return;
      case 'refused':
        await bounce(this.db, message.commandId, message, this.now());
        await this.report();
        this.answered(message.commandId);
        return;
      case 'error': {
        const inflight = this.inflight;
        if (/too many/i.test(message.error)) {
          // Cut off for sending too fast: the command was not looked at; it goes again after a pause.
          this.inflight = null;
          this.clearTimer(this.answerTimer);
          this.clearTimer(this.pumpTimer);
          this.pumpTimer = this.setTimer(() => {
            this.pumpTimer = null;
            this.pump();
          }, 1000);
          return;
        }
        this.problem = message.error;
        if (inflight) {
          // The only message this screen sends that the server answers is the command out: the server could not take it.
          await bounce(this.db, inflight, { error: message.error }, this.now());
          await this.report();
          this.answered(inflight);
        } else await this.report();
        return;
      }
      case 'published':
      case 'pong':
        return;
    }
  }

  // Helpers.

  private async headNow(): Promise<number> {
    const value = await setting(this.db, SYNC_KEYS.head);
    return typeof value === 'number' ? value : 0;
  }

  /** Runs tasks one after another (frames, commands, joins): each sees the store as the one before left it. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private lastPosted = '';
  private reporting: Promise<void> = Promise.resolve();

  /** Posts the status when it changed; reports run one after another, so the last one posted is the newest. */
  private report(): Promise<void> {
    const run = this.reporting.then(() => this.reportNow());
    this.reporting = run.catch(() => undefined);
    return run;
  }

  private async reportNow(): Promise<void> {
    let status: SyncStatus;
    if (!this.joined) status = { ...LOCAL_STATUS, ...(this.problem ? { problem: this.problem } : {}) };
    else {
      const summary = await outboxSummary(this.db);
      status = {
        joined: true,
        state: this.state,
        server: this.joined.server,
        ...(this.role ? { role: this.role } : {}),
        ...(this.label ? { label: this.label } : {}),
        head: summary.head,
        waiting: summary.waiting,
        provisional: summary.cards,
        bounces: summary.bounces.slice(0, 10),
        ...(this.problem ? { problem: this.problem } : {}),
      };
    }
    const text = JSON.stringify(status);
    if (text === this.lastPosted) return;
    this.lastPosted = text;
    this.options.onStatus(status);
  }
}
