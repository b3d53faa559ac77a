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
  demandPerDay: p.demandPerDay,
  // Replenishment of one stage's loop within the day: SC-100 takes 0.05 + 0.15 + 0.02 = 0.22 days, so
  // 460 × 0.22 × 1.1 ÷ 20 = 5.6, which rounds up to the 6 cards of "Final assembly".
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

// History: cards that went the whole way over the last ten days feed lead and cycle times.
for (let c = 0; c < 60; c++) {
  const part = pick(parts);
  const id = `card-${String(++cardNo).padStart(3, '0')}`;
  let at = exportedAt - 10 * DAY + c * (9.5 * DAY) / 60;
  const createdAt = at;
  events.push({ streamId, cardId: id, stageId: stages[0].id, type: 'create', at, who: pick(who), to: stages[0].id });
  for (let s = 1; s < stages.length; s++) {
    at += (0.5 + random() * 3) * 3_600_000;
    events.push({ streamId, cardId: id, type: 'move', at, who: pick(who), from: stages[s - 1].id, to: stages[s].id });
  }
  at += (0.5 + random()) * 3_600_000;
  if (at < exportedAt) {
    events.push({ streamId, cardId: id, stageId: stages[stages.length - 1].id, type: 'complete', at, who: pick(who) });
    cards.push({ id, streamId, stageId: stages[stages.length - 1].id, partNumber: part.partNumber, quantity: part.containerQuantity, loopId: `loop-${part.partNumber.toLowerCase()}`, family: part.family, blocked: false, enteredStageAt: at, createdAt, retired: true });
  }
}

// Cards on the board now: a realistic spread, fewer than each stage's limit.
const onBoard = [5, 4, 5, 3, 4, 5, 3, 4];
stages.forEach((stage, s) => {
  for (let k = 0; k < onBoard[s]; k++) {
    const part = pick(parts);
    const id = `card-${String(++cardNo).padStart(3, '0')}`;
    const createdAt = exportedAt - (s + 1) * 4 * 3_600_000 - random() * 3_600_000;
    const enteredStageAt = exportedAt - random() * 6 * 3_600_000;
    const blocked = s === 3 && k === 0;
    events.push({ streamId, cardId: id, stageId: stages[0].id, type: 'create', at: createdAt, who: pick(who), to: stages[0].id });
    if (s > 0) events.push({ streamId, cardId: id, type: 'move', at: enteredStageAt, who: pick(who), from: stages[s - 1].id, to: stage.id });
    if (blocked) events.push({ streamId, cardId: id, stageId: stage.id, type: 'block', at: enteredStageAt + 600_000, who: 'Chen (cell 2)', reason: 'Spindle vibration: waiting for maintenance' });
    cards.push({
      id,
      streamId,
      stageId: stage.id,
      partNumber: part.partNumber,
      quantity: part.containerQuantity,
      loopId: `loop-${part.partNumber.toLowerCase()}`,
      family: part.family,
      blocked,
      ...(blocked ? { blockedReason: 'Spindle vibration: waiting for maintenance' } : {}),
      ...(s === 5 && k === 1 ? { note: 'Customer sample: photograph before packing' } : {}),
      enteredStageAt,
      createdAt,
      retired: false,
    });
  }
});
events.sort((a, b) => (a.at as number) - (b.at as number));
events.forEach((e, i) => (e.id = i + 1));

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
