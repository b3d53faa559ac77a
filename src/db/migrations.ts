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

/**
 * Version 3 gives each card on the board its place in a sparse index: `boardStageId` is the stage while the card is
 * active and absent once it is completed or retired, and IndexedDB leaves records without the key out of an index.
 * So counting a stage against its limit is one native index count, and the board reads only the cards it shows.
 */
export function placeOnBoard(card: PlainRecord): PlainRecord {
  const placed = { ...card };
  if (card.retired === true || typeof card.stageId !== 'string') delete placed.boardStageId;
  else placed.boardStageId = card.stageId;
  return placed;
}

function addBoardPlaces(tables: PlainTables): PlainTables {
  return { ...tables, cards: (tables.cards ?? []).map(placeOnBoard) };
}

const v2Stores: Record<TableName, string> = {
  ...v1Stores,
  cards: 'id, streamId, stageId, partNumber, family, [streamId+stageId]',
  events: '++id, streamId, cardId, at, [streamId+at]',
};

const v3Stores: Record<TableName, string> = {
  ...v2Stores,
  cards: 'id, streamId, stageId, partNumber, family, [streamId+stageId], [streamId+boardStageId]',
};

export const schemaVersions: SchemaVersion[] = [
  { version: 1, stores: v1Stores },
  {
    version: 2,
    stores: v2Stores,
    up: addCardFamilies,
  },
  {
    version: 3,
    stores: v3Stores,
    up: addBoardPlaces,
  },
  {
    version: 4,
    stores: { ...v3Stores, events: '++id, streamId, cardId, at, [streamId+at], commandId' },
    up: addCommandIds,
  },
  // Version 5 adds the outbox of a screen joined to a sync server: commands applied here provisionally and not yet
  // confirmed by the server, in the order they were made. Only the new table is named (Dexie keeps the others as they
  // were); it holds no board data, so it is neither in TABLES nor in backups.
  { version: 5, stores: { outbox: '++seq, &commandId' } },
  // Version 6: one demand per part. A loop keeps the share of its part's demand it covers instead of a demand of its own.
  { version: 6, stores: {}, up: shareLoopDemand },
];

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * Version 6 replaces each loop's own demand by `demandShare`, the share of its part's demand it covers: loop demand ÷
 * part demand, clamped to (0, 1]. A part with no demand takes it from its loops (the largest, so each share is ≤ 1);
 * a loop whose part is missing gets a part of its own with the loop's demand, so no figure is lost.
 */
export function shareLoopDemand(tables: PlainTables): PlainTables {
  const loops = tables.loops ?? [];
  if (loops.length === 0 || loops.every((l) => !('demandPerDay' in l) && 'demandShare' in l)) return tables;
  const key = (r: PlainRecord) => `${String(r.streamId)}|${String(r.partNumber)}`;
  const parts = (tables.parts ?? []).map((p) => ({ ...p }));
  const partByKey = new Map(parts.map((p) => [key(p), p]));
  const loopDemands = new Map<string, number[]>();
  for (const loop of loops) {
    if (!positive(loop.demandPerDay)) continue;
    loopDemands.set(key(loop), [...(loopDemands.get(key(loop)) ?? []), loop.demandPerDay]);
  }
  for (const loop of loops) {
    const k = key(loop);
    if (partByKey.has(k)) continue;
    const part: PlainRecord = {
      id: `part-${String(loop.id)}`,
      streamId: loop.streamId,
      partNumber: loop.partNumber,
      name: loop.partNumber,
      family: 'General',
      demandPerDay: 0,
      containerQuantity: loop.containerQuantity,
    };
    parts.push(part);
    partByKey.set(k, part);
  }
  for (const [k, demands] of loopDemands) {
    const part = partByKey.get(k)!;
    if (!positive(part.demandPerDay)) part.demandPerDay = Math.max(...demands);
  }
  const migrated = loops.map((loop) => {
    const { demandPerDay, ...rest } = loop;
    if ('demandShare' in loop && !('demandPerDay' in loop)) return loop;
    const partDemand = partByKey.get(key(loop))!.demandPerDay;
    const share = positive(demandPerDay) && positive(partDemand) ? Math.min(1, demandPerDay / partDemand) : 1;
    return { ...rest, demandShare: share };
  });
  return { ...tables, parts, loops: migrated };
}

/**
 * Version 4 makes every event name the command it came from (so a retried command is applied once); events
 * logged before commands existed get a command id of their own.
 */
function addCommandIds(tables: PlainTables): PlainTables {
  const events = (tables.events ?? []).map((event, k) =>
    typeof event.commandId === 'string' ? event : { ...event, commandId: `legacy-${event.id ?? k + 1}` },
  );
  return { ...tables, events };
}

export const LATEST_VERSION = schemaVersions[schemaVersions.length - 1].version;

/** Applies every upgrade after `fromVersion`, in order. Pure: the input is not changed. */
export function migrate(tables: PlainTables, fromVersion: number): PlainTables {
  let current = tables;
  for (const step of schemaVersions) {
    if (step.version > fromVersion && step.up) current = step.up(current);
  }
  return current;
}
