// The sync protocol between a screen and the server: messages both ways over one WebSocket, and what each role may do.
import * as v from 'valibot';
import type { CommandType, RecordTable } from '../engine/commands/index.ts';
import type { BoardEvent } from '../engine/events.ts';
import type { ErrorCode, StageLoad } from '../engine/result.ts';
import { CommandSchema } from './schemas.ts';

export type Role = 'viewer' | 'operator' | 'coordinator';
export const ROLES: readonly Role[] = ['viewer', 'operator', 'coordinator'];

/** What an operator at the line may do: pull, block and complete cards (and fix a slip with undo or an edit). */
const OPERATOR: readonly CommandType[] = ['card.create', 'card.move', 'card.undo-move', 'card.edit', 'card.block', 'card.unblock', 'card.complete', 'card.record-refusal', 'andon.acknowledge', 'pace.reason'];

/** Whether a role may send a command of this type: a viewer (a TV) sends none, a coordinator sends all. */
export function mayRun(role: Role, type: CommandType): boolean {
  if (role === 'coordinator') return true;
  if (role === 'operator') return OPERATOR.includes(type);
  return false;
}

/** Largest message a screen may send; a command is a few hundred bytes, a published board can be large. */
export const MAX_COMMAND_BYTES = 64 * 1024;
export const MAX_PUBLISH_BYTES = 20 * 1024 * 1024;

/** An event as the server stored it: `id` is its place in the server's one global sequence. */
export type SyncedEvent = BoardEvent & { id: number };

export type BoardTables = Record<RecordTable, Record<string, unknown>[]>;

export type ClientMessage =
  /** First message: who this device is and the last sequence number it has (0: send me everything). */
  | { t: 'hello'; device: string; since: number }
  /** A command made on the screen at `base` (the sequence it was decided on there). */
  | { t: 'command'; commandId: string; command: unknown; who: string; base: number; at?: number }
  /** A board made on this screen before it joined a server, with its log, to become the server's. */
  | { t: 'publish'; tables: BoardTables; events: BoardEvent[] }
  | { t: 'ping' };

export type ServerMessage =
  | { t: 'welcome'; role: Role; head: number; label: string }
  /** The whole board as of `head`, with its log: sent to a new device, or to one too far behind. */
  | { t: 'snapshot'; head: number; tables: BoardTables; events: SyncedEvent[] }
  /** Events in sequence order, from any screen (including this one's own, confirmed). */
  | { t: 'events'; events: SyncedEvent[] }
  | { t: 'ack'; commandId: string; seq: number; duplicate?: boolean }
  /** The command was refused: nothing changed. `took` names what filled the slot, when a pull bounced. */
  | { t: 'refused'; commandId: string; error: string; code?: ErrorCode; stage?: StageLoad; took?: string }
  | { t: 'published'; streams: number; events: number }
  | { t: 'error'; error: string }
  | { t: 'pong' };

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** The envelope of a client message; the command inside is checked by CommandSchema, the publish body by the backup checks. */
export const ClientMessageSchema = v.variant('t', [
  v.strictObject({ t: v.literal('hello'), device: id, since: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  v.strictObject({
    t: v.literal('command'),
    commandId: id,
    command: CommandSchema,
    who: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    base: v.pipe(v.number(), v.integer(), v.minValue(0)),
    at: v.optional(v.pipe(v.number(), v.finite())),
  }),
  v.strictObject({ t: v.literal('publish'), tables: v.record(v.string(), v.array(v.record(v.string(), v.unknown()))), events: v.array(v.record(v.string(), v.unknown())) }),
  v.strictObject({ t: v.literal('ping') }),
]);

/** Parses and checks one frame from a screen: the message, or what is wrong with it. */
export function parseClientMessage(raw: string): { ok: true; value: ClientMessage } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(raw, (key, value) => (key === '__proto__' || key === 'constructor' ? undefined : value));
  } catch {
    return { ok: false, error: 'The message is not valid JSON.' };
  }
  const result = v.safeParse(ClientMessageSchema, data);
  if (result.success) return { ok: true, value: result.output as ClientMessage };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, error: `Invalid message${path ? ` at ${path}` : ''}: ${issue.message}` };
}
