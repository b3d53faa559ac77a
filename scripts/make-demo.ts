// Writes static/demo-line.json, the demo value stream seeded on first run (deterministic: a seeded generator, fixed clock).
import { writeFileSync } from 'node:fs';
import { LATEST_VERSION, placeOnBoard } from '../src/db/migrations.ts';
import { seededRandom } from '../src/engine/simulate/random.ts';

const DAY = 86_400_000;
// The demo is written as if exported at this instant; seeding shifts every time so that it ends "now".
const exportedAt = Date.UTC(2026, 0, 15, 12, 0, 0);

const random = seededRandom(20260115);
const historyNoise = seededRandom(7);
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];

const streamId = 'demo-steering';

// Twelve weeks of shipments per working day: a slow upward trend to today's rate, a Monday peak and a Friday dip
// (a five-day season), and seeded noise of about ±4%.
function demandHistory(rate: number): number[] {
  const weekday = [1.08, 1.0, 0.98, 1.01, 0.93];
  return Array.from({ length: 60 }, (_, d) => {
    const level = rate * (0.9 + (0.1 * d) / 59);
    return Math.round(level * weekday[d % 5] * (0.96 + 0.08 * historyNoise()));
  });
}
const shift = (name: string, start: number, end: number) => ({
  name,
  startMinute: start,
  endMinute: end,
  breaks: [
    { name: 'Morning break', minutes: 10 },
    { name: 'Meal', minutes: 30 },
    { name: 'Afternoon break', minutes: 10 },
  ],
  plannedDowntimeMinutes: 0,
});
// Two 8.5-hour shifts less 50 minutes of breaks: 460 min = 27,600 s each, as in Rother & Shook, "Learning to See" (1999).
const calendar = { shifts: [shift('Early', 6 * 60, 14 * 60 + 30), shift('Late', 14 * 60 + 30, 23 * 60)], workingDaysPerWeek: 5 };

const parts = [
  { id: 'part-sc100', partNumber: 'SC-100', name: 'Steering column, standard', family: 'Columns', demandPerDay: 460, containerQuantity: 20 },
  { id: 'part-sc200', partNumber: 'SC-200', name: 'Steering column, tilt', family: 'Columns', demandPerDay: 300, containerQuantity: 20 },
  { id: 'part-is310', partNumber: 'IS-310', name: 'Intermediate shaft', family: 'Shafts', demandPerDay: 160, containerQuantity: 40 },
].map((p) => ({ ...p, streamId, demandHistory: demandHistory(p.demandPerDay) }));

const loops = parts.map((p, i) => ({
  id: `loop-${p.partNumber.toLowerCase()}`,
  streamId,
  name: `${p.partNumber} production loop`,
  kind: 'production',
  partNumber: p.partNumber,
  // One demand per part: each production loop covers the whole of its part's demand.
  demandShare: 1,
  // Replenishment round the loop (a card's signal to its return) within the working day: SC-100 takes
  // 0.05 + 0.15 + 0.02 = 0.22 working days, so 460 × 0.22 × 1.1 ÷ 20 = 5.6, which rounds up to the 6 cards of
  // "Final assembly". The history below is made so each loop's measured trips agree with its plan.
  processingDays: 0.05,
  waitingDays: 0.15 + i * 0.05,
  transportDays: 0.02,
  safetyFactor: 0.1,
  containerQuantity: p.containerQuantity,
}));

const stageNames = ['Receiving', 'Stamping', 'Welding', 'Machining', 'Sub-assembly', 'Final assembly', 'Test & inspect', 'Shipping'];
const limits = [8, 6, 6, 5, 6, 6, 4, 8];
const stages = stageNames.map((name, order) => ({
  id: `stage-${order + 1}`,
  streamId,
  name,
  order,
  cardLimit: limits[order],
  policy: name === 'Receiving' || name === 'Shipping' ? 'soft' : 'hard',
  ...(name === 'Final assembly' ? { loopId: 'loop-sc-100' } : {}),
  ...(name === 'Machining' ? { loopId: 'loop-sc-200' } : {}),
  ...(name === 'Test & inspect' ? { limitOverrideReason: 'One test rig: capped by hand at its capacity' } : {}),
}));

const cards: Record<string, unknown>[] = [];
const events: Record<string, unknown>[] = [];
let cardNo = 0;
const who = ['Ana (lead)', 'Ben (logistics)', 'Chen (cell 2)'];
const HOUR = 3_600_000;
// One working day of the calendar's shifts (06:00–23:00) is 17 h. History trips start evenly round the clock and the
// week, so about 17/24 × 5/7 of a trip's calendar time is working time wherever the seed moves the demo in time.
const workingShare = (17 / 24) * (5 / 7);
/** Mean hours a card of `part` stays in each stage, so that its trip round the loop takes about the loop's planned lead time. */
const dwellHours = (partNumber: string) => {
  const loop = loops.find((l) => l.partNumber === partNumber)!;
  const plannedDays = loop.processingDays + loop.waitingDays + loop.transportDays;
  return (plannedDays * 17) / workingShare / stages.length;
};

/** A card as it is put on the board: in the first stage, entered when created. */
function newCard(id: string, part: (typeof parts)[number], createdAt: number, note?: string) {
  return {
    id, streamId, stageId: stages[0].id, partNumber: part.partNumber, quantity: part.containerQuantity,
    loopId: `loop-${part.partNumber.toLowerCase()}`, family: part.family, blocked: false,
    ...(note ? { note } : {}),
    enteredStageAt: createdAt, createdAt, retired: false,
  };
}

/** The log of a card's way: created in the first stage, then pulled stage by stage at the given times. */
function logWay(card: ReturnType<typeof newCard>, moveTimes: number[]) {
  events.push({ streamId, cardId: card.id, stageId: stages[0].id, type: 'create', at: card.createdAt, who: pick(who), to: stages[0].id, card });
  let enteredAt = card.createdAt;
  moveTimes.forEach((at, k) => {
    events.push({ streamId, cardId: card.id, type: 'move', at, who: pick(who), from: stages[k].id, to: stages[k + 1].id, previousEnteredAt: enteredAt });
    enteredAt = at;
  });
  return enteredAt;
}

// History: cards that went the whole way over the last two weeks feed lead and cycle times. Each one is back (completed)
// before the export, so every card in the log is either on the board or finished. The parts take turns and the starts
// are spread evenly over two whole weeks (a part every 16.8 h: ten starts evenly round each week), so each loop's
// measured lead time is about its plan whatever day and hour the seed moves the demo to.
const HISTORY = 60;
for (let c = 0; c < HISTORY; c++) {
  const part = parts[c % parts.length];
  const id = `card-${String(++cardNo).padStart(3, '0')}`;
  const dwell = dwellHours(part.partNumber);
  const createdAt = Math.round(exportedAt - 15 * DAY + (c * 14 * DAY) / HISTORY);
  const moves: number[] = [];
  let at = createdAt;
  for (let s = 1; s < stages.length; s++) moves.push((at = Math.round(at + (0.5 + random()) * dwell * HOUR)));
  const card = newCard(id, part, createdAt);
  logWay(card, moves);
  const doneAt = Math.round(at + (0.5 + random()) * dwell * HOUR);
  events.push({ streamId, cardId: id, stageId: stages[stages.length - 1].id, type: 'complete', at: doneAt, who: pick(who) });
  cards.push({ ...card, stageId: stages[stages.length - 1].id, enteredStageAt: doneAt, retired: true });
}

// Cards on the board now: a realistic spread, fewer than each stage's limit, each with its way to its stage logged.
const onBoard = [5, 4, 5, 3, 4, 5, 3, 4];
stages.forEach((stage, s) => {
  for (let k = 0; k < onBoard[s]; k++) {
    const part = pick(parts);
    const id = `card-${String(++cardNo).padStart(3, '0')}`;
    const dwell = dwellHours(part.partNumber);
    const enteredStageAt = Math.round(exportedAt - random() * 1.5 * dwell * HOUR);
    // A card still in the first stage entered it when it was made.
    const createdAt = s === 0 ? enteredStageAt : Math.round(enteredStageAt - s * dwell * HOUR - random() * dwell * HOUR);
    const blocked = s === 3 && k === 0;
    const note = s === 5 && k === 1 ? 'Customer sample: photograph before packing' : undefined;
    const card = newCard(id, part, createdAt, note);
    logWay(card, Array.from({ length: s }, (_, m) => Math.round(createdAt + ((m + 1) * (enteredStageAt - createdAt)) / s)));
    const reason = 'Spindle vibration: waiting for maintenance';
    if (blocked) events.push({ streamId, cardId: id, stageId: stage.id, type: 'block', at: Math.min(enteredStageAt + 600_000, exportedAt), who: 'Chen (cell 2)', reason });
    cards.push({ ...card, stageId: stage.id, enteredStageAt, blocked, ...(blocked ? { blockedReason: reason } : {}) });
  }
});
// Supplier deliveries: IS-310 is also bought in on a withdrawal (supplier) loop that promises 0.35 working days from
// the kanban signal to delivery. Its trips have their own seeded generator (so the cards above stay as they were),
// spread over the same two weeks, each taking 0.4–1.3 × the promise: most arrive on time, some late.
const supplierRandom = seededRandom(310);
const isShaft = parts.find((p) => p.partNumber === 'IS-310')!;
loops.push({
  id: 'loop-is-310-supplier', streamId, name: 'IS-310 supplier loop', kind: 'withdrawal', partNumber: 'IS-310',
  demandShare: 1, processingDays: 0.1, waitingDays: 0.1, transportDays: 0.15, safetyFactor: 0.1,
  containerQuantity: isShaft.containerQuantity,
});
const DELIVERIES = 24;
for (let c = 0; c < DELIVERIES; c++) {
  const id = `card-${String(++cardNo).padStart(3, '0')}`;
  const createdAt = Math.round(exportedAt - 15 * DAY + ((c + 0.5) * 13 * DAY) / DELIVERIES);
  const tripHours = ((0.35 * 17) / workingShare) * (0.4 + 0.9 * supplierRandom());
  const moves = Array.from({ length: stages.length - 1 }, (_, k) => Math.round(createdAt + ((k + 1) * tripHours * HOUR) / stages.length));
  const card = { ...newCard(id, isShaft, createdAt), loopId: 'loop-is-310-supplier' };
  logWay(card, moves);
  const doneAt = Math.round(createdAt + tripHours * HOUR);
  events.push({ streamId, cardId: id, stageId: stages[stages.length - 1].id, type: 'complete', at: doneAt, who: 'Ben (logistics)' });
  cards.push({ ...card, stageId: stages[stages.length - 1].id, enteredStageAt: doneAt, retired: true });
}
events.sort((a, b) => (a.at as number) - (b.at as number));
events.forEach((e, i) => {
  e.id = i + 1;
  e.commandId = `demo-${i + 1}`;
});

// Work elements of the final-assembly cell. Times and precedence are Jackson's 11-task problem
// (J. R. Jackson, "A computing procedure for a line balancing problem", Management Science 2(3), 1956),
// scaled to seconds (x6); the task names are illustrative. At a 60 s takt the optimum is 5 stations.
const cellId = 'cell-final';
const jackson: [string, number, number[]][] = [
  ['Load column tube into fixture', 6, []],
  ['Press upper bearing', 2, [1]],
  ['Fit lower bearing', 5, [1]],
  ['Install steering shaft', 7, [1]],
  ['Insert shaft spacer', 1, [1]],
  ['Fit lock ring', 2, [2]],
  ['Mount tilt bracket', 3, [3, 4, 5]],
  ['Install ignition lock housing', 6, [6]],
  ['Torque bracket bolts', 5, [7]],
  ['Attach wiring harness clip', 5, [8]],
  ['Final check and label', 4, [9, 10]],
];
// The cell's current (unbalanced) state: six operators.
const current = [[1], [2, 3, 5], [4, 6], [7, 8], [9, 10], [11]];
const stations = current.map((_, i) => ({ id: `station-${i + 1}`, cellId, name: `Operator ${i + 1}`, order: i }));
const workElements = jackson.map(([name, time, preds], i) => {
  const station = current.findIndex((tasks) => tasks.includes(i + 1));
  return {
    id: `we-${i + 1}`,
    cellId,
    name,
    time: time * 6,
    predecessors: preds.map((p) => `we-${p}`),
    stationId: stations[station].id,
    position: current[station].indexOf(i + 1),
  };
});

const backup = {
  app: 'taktboard',
  version: LATEST_VERSION,
  exportedAt,
  tables: {
    streams: [{ id: streamId, name: 'Steering column line', calendar, createdAt: exportedAt - 30 * DAY }],
    parts,
    loops,
    stages,
    // Written at the latest version, so cards carry their board place (absent once completed) as the app stores them.
    cards: cards.map(placeOnBoard),
    events,
    cells: [{ id: cellId, streamId, name: 'Final assembly cell', targetFraction: 0.9 }],
    stations,
    workElements,
    scenarios: [],
    settings: [{ key: 'currentStreamId', value: streamId }],
  },
};
writeFileSync(new URL('../static/demo-line.json', import.meta.url), JSON.stringify(backup, null, 1) + '\n');
console.log(`static/demo-line.json: ${cards.length} cards, ${events.length} events, ${workElements.length} work elements`);
