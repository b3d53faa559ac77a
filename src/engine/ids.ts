// Branded ids, so a stage id cannot be passed where a card id is expected, and the one place new ids are made.
import type { Brand } from './units.ts';

export type StreamId = Brand<string, 'StreamId'>;
export type StageId = Brand<string, 'StageId'>;
export type CardId = Brand<string, 'CardId'>;
export type PartId = Brand<string, 'PartId'>;
export type LoopId = Brand<string, 'LoopId'>;
export type CellId = Brand<string, 'CellId'>;
export type StationId = Brand<string, 'StationId'>;
export type ElementId = Brand<string, 'ElementId'>;
export type ScenarioId = Brand<string, 'ScenarioId'>;
export type CommandId = Brand<string, 'CommandId'>;

export interface IdKinds {
  stream: StreamId;
  stage: StageId;
  card: CardId;
  part: PartId;
  loop: LoopId;
  cell: CellId;
  station: StationId;
  element: ElementId;
  scenario: ScenarioId;
  command: CommandId;
}
export type IdKind = keyof IdKinds;

/** Where new ids come from: random UUIDs in the app and on a server, a counter in tests. Injected, so rules stay pure. */
export type IdSource = <K extends IdKind>(kind: K) => IdKinds[K];

const PREFIX: Record<IdKind, string> = {
  stream: 'stream',
  stage: 'stage',
  card: 'card',
  part: 'part',
  loop: 'loop',
  cell: 'cell',
  station: 'station',
  element: 'we',
  scenario: 'scenario',
  command: 'cmd',
};

/** An id source over any supplier of unique strings (e.g. `() => crypto.randomUUID()`). */
export function idSource(unique: () => string): IdSource {
  return <K extends IdKind>(kind: K) => `${PREFIX[kind]}-${unique()}` as IdKinds[K];
}

/** Ids 1, 2, 3, … per run: deterministic, for tests and replays. */
export function countingIds(): IdSource {
  let n = 0;
  return idSource(() => String(++n));
}

/** Treats a stored or received string as an id of a kind (ids from records, forms and the wire). */
export const asId = <K extends IdKind>(_kind: K, id: string) => id as IdKinds[K];
