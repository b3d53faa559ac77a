// Prints sync figures: 20 simulated screens (Node clients speaking the protocol) making 10,000 moves on loopback, against
// the server on PGlite (one process) and on PostgreSQL (two server processes sharing one database, screens split between them).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { Command } from '../../src/engine/commands/index.ts';
import { seededRandom } from '../../src/engine/simulate/random.ts';
import type { ServerMessage, SyncedEvent } from '../../src/sync/protocol.ts';
import { startCluster } from '../../scripts/pg-cluster.mjs';
import { freePort } from '../free-port.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENS = Number(process.env.SCREENS ?? 20);
const MOVES = Number(process.env.MOVES ?? 10_000);
/** Each screen waits this long after an answer before its next move (an operator does not pull 20 cards a second). */
const PACE_MS = Number(process.env.PACE_MS ?? 100);
/** Then a shorter run with no pause at all, for the server's capacity. */
const SATURATED_MOVES = Number(process.env.SATURATED_MOVES ?? 2000);
const STAGES = 6;
const LIMIT = 6;
const CARDS = 30;
const TOKEN = 'bench-coordinator-token-0123456789abcdef';

async function startServer(env: Record<string, string>, data: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', String(port), '--data', data, '--no-demo'], {
    cwd: root,
    env: { ...process.env, ...env, TAKTBOARD_ADMIN_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => (d.toString().includes('Taktboard at') ? resolve() : undefined));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, child };
}

/** One screen: a socket, the events it has seen (by sequence), and the commands it waits on. */
class Screen {
  socket!: WebSocket;
  readonly seen = new Map<number, SyncedEvent>();
  /** Active cards per stage in the snapshot the screen started from. */
  startCounts = new Map<string, number>();
  duplicates = 0;
  head = 0;
  private waiting = new Map<string, (m: ServerMessage) => void>();
  onEvent: (e: SyncedEvent, at: number) => void = () => {};

  async connect(port: number, name: string) {
    this.socket = new WebSocket(`ws://127.0.0.1:${port}/sync?token=${TOKEN}`);
    await new Promise((resolve, reject) => {
      this.socket.once('open', resolve);
      this.socket.once('error', reject);
    });
    const ready = new Promise<void>((resolve) => {
      this.socket.on('message', (data) => {
        const m = JSON.parse(data.toString()) as ServerMessage;
        const at = performance.now();
        if (m.t === 'snapshot') {
          this.head = m.head;
          for (const card of m.tables.cards) if (!card.retired) this.startCounts.set(String(card.stageId), (this.startCounts.get(String(card.stageId)) ?? 0) + 1);
          resolve();
        } else if (m.t === 'events') {
          for (const e of m.events) {
            if (this.seen.has(e.id) || e.id <= this.head) this.duplicates++;
            else {
              this.seen.set(e.id, e);
              this.onEvent(e, at);
            }
          }
        } else if ((m.t === 'ack' || m.t === 'refused') && this.waiting.has(m.commandId)) {
          this.waiting.get(m.commandId)!(m);
          this.waiting.delete(m.commandId);
        }
      });
    });
    this.socket.send(JSON.stringify({ t: 'hello', device: name, since: 0 }));
    await ready;
  }

  command(commandId: string, command: Command): Promise<ServerMessage> {
    return new Promise((resolve) => {
      this.waiting.set(commandId, resolve);
      this.socket.send(JSON.stringify({ t: 'command', commandId, command, who: 'bench', base: this.head }));
    });
  }
}

async function setUp(port: number) {
  const screen = new Screen();
  await screen.connect(port, 'setup');
  const send = async (k: number, c: Command) => {
    const r = await screen.command(`setup-${k}-${Math.random()}`, c);
    if (r.t !== 'ack') throw new Error(`setup failed: ${JSON.stringify(r)}`);
  };
  let k = 0;
  await send(k++, { type: 'stream.create', name: 'Bench line', id: 'bench' as never });
  for (let s = 0; s < STAGES; s++) await send(k++, { type: 'stage.add', streamId: 'bench' as never, id: `st${s}` as never, name: `Stage ${s + 1}`, cardLimit: s === 0 ? CARDS : LIMIT, policy: 'hard' });
  for (let c = 0; c < CARDS; c++) await send(k++, { type: 'card.create', streamId: 'bench' as never, stageId: 'st0' as never, id: `c${c}` as never, fields: { partNumber: `P-${c}`, quantity: 10, family: 'F' } });
  screen.socket.close();
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

async function run(label: string, ports: number[], moves: number, paceMs: number) {
  const screens = Array.from({ length: SCREENS }, () => new Screen());
  await Promise.all(screens.map((s, i) => s.connect(ports[i % ports.length], `screen-${i}`)));
  // Latency: from a command's send on one screen to its event arriving on screen 1 (on the second process, when there are two).
  const observer = screens[1];
  const sentAt = new Map<string, number>();
  const latency: number[] = [];
  observer.onEvent = (e, at) => {
    const t = sentAt.get(e.commandId);
    if (t !== undefined && e.type === 'move' && !e.commandId.startsWith('s1-')) latency.push(at - t);
  };
  const acked = new Set<string>();
  let refused = 0;
  const perScreen = Math.ceil(moves / SCREENS);
  const started = performance.now();
  await Promise.all(
    screens.map(async (screen, i) => {
      const random = seededRandom(i + 1 + moves);
      for (let k = 0; k < perScreen; k++) {
        const card = `c${Math.floor(random() * CARDS)}`;
        const to = `st${Math.floor(random() * STAGES)}`;
        const commandId = `s${i}-${k}-${paceMs ? 'paced' : 'full'}`;
        sentAt.set(commandId, performance.now());
        const reply = await screen.command(commandId, { type: 'card.move', cardId: card as never, toStageId: to as never });
        if (reply.t === 'ack') acked.add(commandId);
        else refused++;
        if (paceMs) await new Promise((r) => setTimeout(r, paceMs * (0.5 + random())));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 1500));

  // Replay what each screen saw: a hard stage over its limit at any point, acknowledged moves never seen, events seen twice.
  let overLimit = 0;
  let lost = 0;
  let duplicated = 0;
  for (const screen of screens) {
    duplicated += screen.duplicates;
    const count = new Map<string, number>(screen.startCounts);
    const commandsSeen = new Set<string>();
    for (const e of [...screen.seen.values()].sort((a, b) => a.id - b.id)) {
      if (commandsSeen.has(e.commandId) && e.type === 'move') duplicated++;
      commandsSeen.add(e.commandId);
      if (e.type !== 'move' && e.type !== 'undo') continue;
      count.set(e.from, (count.get(e.from) ?? 0) - 1);
      count.set(e.to, (count.get(e.to) ?? 0) + 1);
      if (e.to !== 'st0' && (count.get(e.to) ?? 0) > LIMIT) overLimit++;
    }
    for (const id of acked) if (!commandsSeen.has(id)) lost++;
  }
  const made = acked.size + refused;
  console.log(
    `${label}, ${paceMs ? `each screen pausing ~${paceMs} ms between moves` : 'no pauses (capacity)'}: ${SCREENS} screens, ${made} moves (${acked.size} applied, ${refused} refused by the pull rule) in ${seconds.toFixed(1)} s = ${(made / seconds).toFixed(0)} commands/s; ` +
      `send on one screen -> seen on another: p50 ${pct(latency, 50).toFixed(1)} ms, p95 ${pct(latency, 95).toFixed(1)} ms, max ${Math.max(...latency).toFixed(1)} ms (${latency.length} samples); ` +
      `over-limit states ${overLimit}, lost ${lost}, duplicated ${duplicated}`,
  );
  for (const s of screens) s.socket.close();
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

if (!only || only === 'pglite') {
  const data = mkdtempSync(path.join(tmpdir(), 'taktboard-bench-pglite-'));
  const server = await startServer({}, data);
  try {
    await setUp(server.port);
    await run('PGlite, 1 server process', [server.port], MOVES, PACE_MS);
    await run('PGlite, 1 server process', [server.port], SATURATED_MOVES, 0);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    rmSync(data, { recursive: true, force: true });
  }
}

if (!only || only === 'postgres') {
  const cluster = await startCluster();
  const servers: { port: number; child: ChildProcess }[] = [];
  try {
    servers.push(await startServer({ DATABASE_URL: cluster.url }, 'unused'));
    servers.push(await startServer({ DATABASE_URL: cluster.url }, 'unused'));
    const ports = servers.map((s) => s.port);
    await setUp(ports[0]);
    await run('PostgreSQL, 2 server processes (screens split between them)', ports, MOVES, PACE_MS);
    await run('PostgreSQL, 2 server processes (screens split between them)', ports, SATURATED_MOVES, 0);
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode === null ? s.child.once('exit', r) : r(null)))));
    cluster.stop();
  }
}
