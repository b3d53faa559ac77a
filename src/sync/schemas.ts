// The shape every command must have before a rule sees it: checked on the server for every message, and usable by imports.
import * as v from 'valibot';
import { COMMAND_TYPES, type Command } from '../engine/commands/index.ts';
import { MAX_CELL_TASKS } from '../engine/api/balance-csv.ts';

const MAX_TEXT = 500;
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const text = v.pipe(v.string(), v.maxLength(MAX_TEXT));
const num = v.pipe(v.number(), v.finite());
const reason = v.optional(text);
const policy = v.picklist(['hard', 'soft']);

const cardFields = v.strictObject({
  partNumber: text,
  quantity: num,
  family: text,
  loopId: v.optional(v.pipe(v.string(), v.maxLength(200))),
  note: v.optional(text),
});

const calendar = v.strictObject({
  shifts: v.pipe(
    v.array(
      v.strictObject({
        name: text,
        startMinute: num,
        endMinute: num,
        breaks: v.pipe(v.array(v.strictObject({ name: text, minutes: num, startMinute: v.optional(num) })), v.maxLength(50)),
        plannedDowntimeMinutes: num,
      }),
    ),
    v.maxLength(10),
  ),
  workingDaysPerWeek: num,
});

const partFields = v.strictObject({ partNumber: text, name: text, family: text, demandPerDay: num, containerQuantity: num });

const loopFields = v.strictObject({
  name: text,
  kind: v.picklist(['production', 'withdrawal']),
  partNumber: text,
  demandShare: num,
  processingDays: num,
  waitingDays: num,
  transportDays: num,
  safetyFactor: num,
  containerQuantity: num,
});

const element = v.strictObject({ name: text, time: num, predecessors: v.pipe(v.array(text), v.maxLength(2000)) });

const command = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) => v.strictObject({ type: v.literal(type), ...entries });

/** Every member of the Command union, field by field; unknown fields are refused rather than passed on. */
export const CommandSchema = v.variant('type', [
  command('card.create', { streamId: id, stageId: id, fields: cardFields, id: v.optional(id), reason }),
  command('card.move', { cardId: id, toStageId: id, reason }),
  command('card.undo-move', { streamId: id, reason }),
  command('card.edit', { cardId: id, fields: v.partial(cardFields) }),
  command('card.block', { cardId: id, reason: text }),
  command('card.unblock', { cardId: id }),
  command('card.complete', { cardId: id }),
  command('card.retire', { cardId: id, reason }),
  command('stream.create', { name: text, id: v.optional(id) }),
  command('stream.rename', { streamId: id, name: text }),
  command('stream.set-calendar', { streamId: id, calendar }),
  command('stage.add', { streamId: id, name: text, cardLimit: num, policy, id: v.optional(id) }),
  command('stage.rename', { stageId: id, name: text }),
  command('stage.move', { stageId: id, direction: v.picklist([-1, 1]) }),
  command('stage.remove', { stageId: id }),
  command('stage.set-policy', { stageId: id, policy }),
  command('stage.set-loop', { stageId: id, loopId: v.nullable(id) }),
  command('stage.override-limit', { stageId: id, limit: num, reason: text }),
  command('stage.apply-proposals', {
    streamId: id,
    proposals: v.pipe(v.array(v.strictObject({ stageId: id, limit: num, basis: text })), v.maxLength(200)),
  }),
  command('part.add', { streamId: id, part: partFields, id: v.optional(id) }),
  command('part.update', { partId: id, part: partFields }),
  command('part.set-demand', { partId: id, demandPerDay: num }),
  command('part.set-history', { partId: id, history: v.pipe(v.array(num), v.maxLength(1300)) }),
  command('loop.add', { streamId: id, loop: loopFields, id: v.optional(id) }),
  command('loop.update', { loopId: id, loop: loopFields }),
  command('element.move', { elementId: id, toStationId: v.nullable(id), index: num }),
  command('balance.apply', { cellId: id, stations: v.pipe(v.array(v.pipe(v.array(id), v.maxLength(2000))), v.maxLength(500)) }),
  command('station.add', { cellId: id }),
  command('station.remove', { stationId: id }),
  command('element.save', { cellId: id, elementId: v.nullable(id), element }),
  command('element.delete', { elementId: id }),
  command('elements.replace', { cellId: id, elements: v.pipe(v.array(element), v.maxLength(MAX_CELL_TASKS)) }),
  command('scenario.save', { cellId: id, name: text, cycle: num }),
  command('scenario.delete', { scenarioId: id }),
  command('balance.undo', { cellId: id }),
  command('station.rename', { stationId: id, name: text }),
  command('cell.set-cycle', { cellId: id, cycle: v.nullable(num) }),
  command('card.record-refusal', { cardId: id, toStageId: id }),
  command('andon.acknowledge', { cardId: id, by: text }),
  command('pace.reason', { streamId: id, hourStart: num, reason: text }),
]);

/** Checks an untrusted value is a well-formed command: the command, or the first problem in words. */
export function parseCommand(input: unknown): { ok: true; value: Command } | { ok: false; error: string } {
  const result = v.safeParse(CommandSchema, input);
  if (result.success) return { ok: true, value: result.output as Command };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, error: `Invalid command${path ? ` at ${path}` : ''}: ${issue.message}` };
}

/** The schema names every command type the engine decides (a test keeps the two lists equal). */
export const SCHEMA_COMMAND_TYPES: readonly string[] = CommandSchema.options.map((o) => o.entries.type.literal);
export const ENGINE_COMMAND_TYPES: readonly string[] = COMMAND_TYPES;
