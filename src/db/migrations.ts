// The schema's history: each version's indexes and a pure upgrade over plain records, shared by Dexie and backup import.
export type PlainRecord = Record<string, unknown>;
export type PlainTables = Record<string, PlainRecord[]>;

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  /** Turns the previous version's tables into this version's; absent when only indexes changed. */
  up?: (tables: PlainTables) => PlainTables;
}

export const TABLES = [
  'streams',
  'parts',
  'loops',
  'stages',
  'cards',
  'events',
  'cells',
  'stations',
  'workElements',
  'scenarios',
  'settings',
] as const;
export type TableName = (typeof TABLES)[number];

const v1Stores: Record<TableName, string> = {
  streams: 'id, name',
  parts: 'id, streamId, partNumber',
  loops: 'id, streamId',
  stages: 'id, streamId, [streamId+order]',
  cards: 'id, streamId, stageId, partNumber',
  events: '++id, streamId, cardId, at',
  cells: 'id, streamId',
  stations: 'id, cellId, [cellId+order]',
  workElements: 'id, cellId, stationId',
  scenarios: 'id, cellId',
  settings: 'key',
};

/**
 * Version 2 adds swimlanes: every card gets the family of its part (or "General"), and the indexes
 * the board and flow metrics query by (cards per stage of a stream, events of a stream in time order).
 */
function addCardFamilies(tables: PlainTables): PlainTables {
  const familyByPart = new Map<string, string>();
  for (const part of tables.parts ?? []) {
    familyByPart.set(`${part.streamId}|${part.partNumber}`, String(part.family ?? 'General'));
  }
  const cards = (tables.cards ?? []).map((card) => ({
    ...card,
    family: typeof card.family === 'string' && card.family ? card.family : (familyByPart.get(`${card.streamId}|${card.partNumber}`) ?? 'General'),
  }));
  return { ...tables, cards };
}

export const schemaVersions: SchemaVersion[] = [
  { version: 1, stores: v1Stores },
  {
    version: 2,
    stores: {
      ...v1Stores,
      cards: 'id, streamId, stageId, partNumber, family, [streamId+stageId]',
      events: '++id, streamId, cardId, at, [streamId+at]',
    },
    up: addCardFamilies,
  },
];

export const LATEST_VERSION = schemaVersions[schemaVersions.length - 1].version;

/** Applies every upgrade after `fromVersion`, in order. Pure: the input is not changed. */
export function migrate(tables: PlainTables, fromVersion: number): PlainTables {
  let current = tables;
  for (const step of schemaVersions) {
    if (step.version > fromVersion && step.up) current = step.up(current);
  }
  return current;
}
