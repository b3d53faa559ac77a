// One schema per record kind a backup (or a board published to the server) holds: every field the app reads has the
// type the app writes, checked with valibot before the domain's own rules (backup-check.ts) look at what the records
// mean. Objects stay open to fields this version does not know (a later minor version may add some), but a known
// field of the wrong type is refused, named by table, record and field.
import * as v from 'valibot';
import type { TableName } from './migrations.ts';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const text = v.pipe(v.string(), v.maxLength(5000));
const num = v.pipe(v.number(), v.finite());
const maybe = <S extends v.GenericSchema>(schema: S) => v.optional(schema);
/** A reference that may be absent, or null for "none". */
const ref = v.nullish(id);

const element = v.looseObject({ id, name: text, time: num, predecessors: v.array(v.string()) });

export const RECORD_SCHEMAS: Record<TableName, v.GenericSchema> = {
  streams: v.looseObject({ id, name: text, calendar: v.looseObject({}), createdAt: maybe(num) }),
  parts: v.looseObject({
    id,
    streamId: id,
    partNumber: text,
    name: maybe(text),
    family: maybe(text),
    demandPerDay: num,
    containerQuantity: num,
    demandHistory: maybe(v.array(num)),
  }),
  loops: v.looseObject({
    id,
    streamId: id,
    partNumber: text,
    name: text,
    kind: v.picklist(['production', 'withdrawal']),
    demandShare: num,
    containerQuantity: num,
    // N = D·L·(1+α)/C reads all of them: a loop without one would count NaN cards.
    processingDays: num,
    waitingDays: num,
    transportDays: num,
    safetyFactor: num,
  }),
  stages: v.looseObject({
    id,
    streamId: id,
    name: text,
    order: num,
    cardLimit: num,
    policy: maybe(v.string()),
    loopId: ref,
    limitOverrideReason: v.nullish(text),
  }),
  cards: v.looseObject({
    id,
    streamId: id,
    stageId: id,
    partNumber: text,
    quantity: num,
    loopId: ref,
    family: maybe(text),
    blocked: maybe(v.boolean()),
    blockedReason: v.nullish(text),
    note: v.nullish(text),
    enteredStageAt: maybe(num),
    createdAt: maybe(num),
    retired: maybe(v.boolean()),
    boardStageId: v.nullish(v.string()),
  }),
  events: v.looseObject({
    id: maybe(num),
    streamId: id,
    type: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    at: num,
    who: maybe(text),
    commandId: v.nullish(v.string()),
    cardId: v.nullish(v.string()),
  }),
  cells: v.looseObject({ id, streamId: id, name: text, targetFraction: v.nullish(num), layoutUndo: maybe(v.array(v.looseObject({}))), cycle: v.nullish(num) }),
  stations: v.looseObject({ id, cellId: id, name: text, order: num }),
  workElements: v.looseObject({
    id,
    cellId: id,
    name: text,
    time: num,
    predecessors: maybe(v.array(v.string())),
    stationId: ref,
    position: maybe(num),
  }),
  scenarios: v.looseObject({
    id,
    cellId: id,
    name: text,
    createdAt: maybe(num),
    cycle: maybe(num),
    elements: maybe(v.array(element)),
    stations: maybe(v.array(v.looseObject({ name: text, elementIds: v.array(v.string()) }))),
  }),
  settings: v.looseObject({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
};

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? (value === '' ? 'an empty string' : 'a string') : typeof value;
}

/** What a field should hold, in words, from valibot's issue. */
function expectedWords(issue: v.BaseIssue<unknown>): string {
  switch (issue.type) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'loose_object':
    case 'object':
      return 'an object';
    case 'picklist':
      return `one of ${issue.expected ?? 'the known values'}`;
    case 'min_length':
      return 'a non-empty string';
    case 'max_length':
      return `at most ${String(issue.requirement)} characters`;
    default:
      return issue.expected ?? issue.type;
  }
}

/**
 * The first field of a record that has the wrong type, in words ("field "family" should be a string, found a list"),
 * or null when every known field is of its type. `where` is how the record is named ("Record 3 of table "parts"").
 */
export function recordProblem(table: TableName, record: unknown, where: string): string | null {
  const result = v.safeParse(RECORD_SCHEMAS[table], record, { abortEarly: true });
  if (result.success) return null;
  const issue = result.issues[0];
  const path = (issue.path ?? []).map((step) => String(step.key)).join('.');
  const field = path ? `field "${path}"` : 'the record';
  if (issue.type === 'finite') return `${where}: ${field} is not a finite number.`;
  if (issue.input === undefined && issue.path?.length === 1) {
    // A required field that is absent: valibot reports it on the object; say what the field itself should hold.
    const entries = (RECORD_SCHEMAS[table] as unknown as { entries: Record<string, { type: string }> }).entries;
    const entry = entries[String(issue.path[0].key)];
    return `${where}: ${field} should be ${expectedWords({ type: entry?.type ?? 'unknown' } as v.BaseIssue<unknown>)}, found undefined.`;
  }
  return `${where}: ${field} should be ${expectedWords(issue)}, found ${issue.input === undefined ? 'undefined' : kindOf(issue.input)}.`;
}
