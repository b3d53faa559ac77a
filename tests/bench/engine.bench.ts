// Prints engine figures: flow metrics over seeded synthetic logs (100k and 1M events) and stage-limit proposals for a 50-stage stream.
import type { KanbanLoop, Stage } from '../../src/engine/model.ts';
import type { LogEntry as BoardEvent } from '../../src/engine/events.ts';
import { flowMetrics } from '../../src/engine/flow/index.ts';
import { simulatePullLine } from '../../src/engine/simulate/pull-line.ts';
import { simulateLine, type LineSimulation } from '../../src/engine/simulate/replicate.ts';
import type { LineModel } from '../../src/engine/simulate/line-model.ts';
import { proposeStageLimits } from '../../src/engine/limits.ts';
import { cards, days, pieces, piecesPerDay } from '../../src/engine/units.ts';

/** Mulberry32: a small seeded generator, so every run benches the same log. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES = Array.from({ length: 8 }, (_, i) => `stage-${i}`);
const T0 = Date.UTC(2024, 0, 1);

/** Cards enter at stage 0 and walk forward; about 3 % of moves are undone and 2 % of cards are retired. */
function syntheticLog(eventCount: number, seed: number): { events: BoardEvent[]; now: number } {
  const rand = mulberry32(seed);
  const events: BoardEvent[] = [];
  const open: { id: string; stage: number }[] = [];
  let t = T0;
  let id = 0;
  let cardNo = 0;
  while (events.length < eventCount) {
    t += Math.floor(rand() * 60_000);
    if (open.length < 200 && (open.length < 20 || rand() < 0.15)) {
      const card = { id: `card-${cardNo++}`, stage: 0 };
      open.push(card);
      events.push({ id: ++id, streamId: 's', cardId: card.id, type: 'create', at: t, who: 'bench', to: STAGES[0] });
      continue;
    }
    const k = Math.floor(rand() * open.length);
    const card = open[k];
    const r = rand();
    if (card.stage === STAGES.length - 1 || r < 0.02) {
      events.push({ id: ++id, streamId: 's', cardId: card.id, type: r < 0.02 ? 'retire' : 'complete', at: t, who: 'bench', from: STAGES[card.stage] });
      open[k] = open[open.length - 1];
      open.pop();
      continue;
    }
    const from = STAGES[card.stage];
    const to = STAGES[card.stage + 1];
    const moveId = ++id;
    events.push({ id: moveId, streamId: 's', cardId: card.id, type: 'move', at: t, who: 'bench', from, to });
    if (rand() < 0.03) {
      t += 1_000;
      events.push({ id: ++id, streamId: 's', cardId: card.id, type: 'undo', at: t, who: 'bench', from: to, to: from, undoes: moveId });
    } else card.stage++;
  }
  return { events, now: t + 60_000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(runs: number, fn: () => void): { median: number; min: number } {
  fn(); // warm-up, so the JIT has compiled the hot loop
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return { median: median(samples), min: Math.min(...samples) };
}

const ms = (x: number) => `${x.toFixed(2)} ms`;

console.log(`Taktboard engine bench — Node ${process.version}, median of several runs after one warm-up\n`);

for (const [count, runs] of [[100_000, 15], [1_000_000, 5]] as const) {
  const { events, now } = syntheticLog(count, 42);
  let summary = '';
  const t = time(runs, () => {
    const r = flowMetrics(events, { stageIds: STAGES, now });
    if (!r.ok) throw new Error(r.error);
    summary = `${r.value.leadTime.count} lead times, ${r.value.days.length} days, WIP ${r.value.aging.length}, Little gap ${(r.value.littlesLaw.relativeGap * 100).toFixed(1)} %`;
  });
  const target = count === 100_000 ? (t.median < 100 ? '  (target < 100 ms: met)' : '  (target < 100 ms: MISSED)') : '';
  console.log(`flow metrics, ${count.toLocaleString('en')} events: median ${ms(t.median)}, min ${ms(t.min)} over ${runs} runs${target}`);
  console.log(`  ${summary}`);
}

const loops: KanbanLoop[] = Array.from({ length: 50 }, (_, i) => ({
  id: `loop-${i}`, name: `Loop ${i}`, kind: i % 2 ? 'withdrawal' : 'production', partNumber: `P-${i}`,
  demandShare: 1, processingDays: 0.5, waitingDays: 0.25 + (i % 5) * 0.05, transportDays: 0.1,
  safetyFactor: 0.1, containerQuantity: pieces(20 + (i % 4) * 5),
}));
const loopParts = loops.map((l, i) => ({ partNumber: l.partNumber, demandPerDay: piecesPerDay(400 + i * 7) }));
const stages: Stage[] = loops.map((l, i) => ({ id: `st-${i}`, streamId: 's', name: `Stage ${i}`, order: i, cardLimit: cards(20), policy: 'hard', loopId: l.id }));
const measured = Object.fromEntries(loops.map((l, i) => [l.id, days(0.85 + (i % 7) * 0.1)]));
let changed = 0;
const limits = time(200, () => {
  const r = proposeStageLimits({ stages, loops, parts: loopParts, measuredLeadTimeDays: measured, threshold: 0.2 });
  if (!r.ok) throw new Error(r.error);
  changed = r.value.filter((p) => p.driftExceeded).length;
});
console.log(`\nproposed limits, 50-stage stream: median ${ms(limits.median)}, min ${ms(limits.min)} over 200 runs (${changed} stages past the drift threshold)`);

// The pull line of the demo (8 stages, one withdrawal every ~1,360 s) simulated over a year of two-shift working hours.
const simStages = [8, 6, 6, 5, 6, 6, 4, 8].map((cardLimit, i) => ({ id: `s${i}`, name: `Stage ${i}`, cardLimit, meanSeconds: 1153, cv: 0.5 }));
let shipped = 0;
const sim = time(5, () => {
  const r = simulatePullLine({ stages: simStages, demandIntervalSeconds: 1357, demandCv: 0.3, hours: 3680, warmupHours: 40, seed: 1 });
  if (!r.ok) throw new Error(r.error);
  shipped = r.value.shipped;
});
console.log(`\npull-line simulation, 8 stages × 3,680 h (${shipped.toLocaleString('en')} containers shipped): median ${ms(sim.median)}, min ${ms(sim.min)} over 5 runs`);

// The same demo line as a line model with breakdowns (every stage: MTBF 40 h, MTTR 1 h), a year × 10 replications; target ≤ 2 s.
const demoLine: LineModel = {
  stages: [8, 6, 6, 5, 6, 6, 4, 8].map((cards, i) => ({ name: `Stage ${i}`, cards, time: { dist: 'lognormal', mean: 1153, cv: 0.5 }, breakdown: { mtbfHours: 40, mttrHours: 1 } })),
  control: { mode: 'kanban' },
  demand: { mode: 'takt', interval: 1357, quantity: 1, dist: 'lognormal', cv: 0.3 },
  hours: 3680,
  warmupHours: 40,
  replications: 10,
  seed: 1,
};
let year: LineSimulation | undefined;
const replicated = time(3, () => {
  const r = simulateLine(demoLine);
  if (!r.ok) throw new Error(r.error);
  year = r.value;
});
console.log(
  `line simulation with breakdowns, 8 stages × 3,680 h × 10 replications: median ${ms(replicated.median)}, min ${ms(replicated.min)} over 3 runs (target ≤ 2 s); ` +
    `throughput ${year!.throughputPerHour.mean.toFixed(2)}/h [${year!.throughputPerHour.ci95.map((x) => x.toFixed(2)).join(', ')}], fill rate ${(year!.fillRate.mean * 100).toFixed(1)} %`,
);

// ───────────────────────── Flow & forecast (issue 18): Monte Carlo and chart data ─────────────────────────
// Targets: 10,000 Monte Carlo trials over 30 days ≤ 50 ms; every chart's data for 1,000,000 events ≤ 1 s.
async function flowForecastBench(): Promise<void> {
  const { monteCarloHowMany, monteCarloWhen } = await import('../../src/engine/flow/monte-carlo.ts');
  const { flowCharts } = await import('../../src/engine/api/flow-api.ts');
  const { fitForecast } = await import('../../src/engine/forecast.ts');
  const sample = [3, 0, 5, 2, 4, 1, 6, 2, 3, 0, 4, 5, 2, 3, 1, 0, 4, 3, 2, 5, 3, 1, 2, 4, 0, 3, 5, 2, 1, 4];
  const howMany = time(20, () => {
    const r = monteCarloHowMany(sample, 30, { trials: 10_000, seed: 1 });
    if (!r.ok) throw new Error(r.error);
  });
  console.log(`\nMonte Carlo "how many", 10,000 trials × 30 days: median ${ms(howMany.median)}, min ${ms(howMany.min)} over 20 runs (target ≤ 50 ms)`);
  const items = Math.round(30 * (sample.reduce((a, b) => a + b, 0) / sample.length));
  const when = time(20, () => {
    const r = monteCarloWhen(sample, items, { trials: 10_000, seed: 1 });
    if (!r.ok) throw new Error(r.error);
  });
  console.log(`Monte Carlo "when", 10,000 trials for ${items} cards (about 30 days): median ${ms(when.median)}, min ${ms(when.min)} over 20 runs (target ≤ 50 ms)`);

  const { events, now } = syntheticLog(1_000_000, 42);
  let points = 0;
  const charts = time(5, () => {
    const r = flowCharts({ events, stageIds: STAGES, now, period: 'week' });
    if (!r.ok) throw new Error(r.error);
    points = r.value.scatter.points.length;
  });
  console.log(`chart data (flow metrics, scatterplot, lead-time histogram, weekly throughput, aging WIP, WIP run, flow efficiency), 1,000,000 events: median ${ms(charts.median)}, min ${ms(charts.min)} over 5 runs (target ≤ 1 s; ${points.toLocaleString('en')} dots)`);

  const between = time(5, () => {
    const r = flowCharts({ events, stageIds: STAGES, now, period: 'week', startStage: STAGES[1], endStage: 'done' });
    if (!r.ok) throw new Error(r.error);
    points = r.value.scatter.points.length;
  });
  console.log(`the same with the scatterplot from entering stage 2 to done (one more pass over the log), 1,000,000 events: median ${ms(between.median)}, min ${ms(between.min)} over 5 runs (target ≤ 1 s; ${points.toLocaleString('en')} dots)`);

  // Inventory turns, supplier reliability (issue 18) and forecast tracking on the same log: each card of one of five
  // parts (20 pieces), two of the five loops bought in (withdrawal); cards carry their part as the app's log does.
  const { stockFigures, forecastTracking } = await import('../../src/engine/api/stock-api.ts');
  const partsB = Array.from({ length: 5 }, (_, i) => ({ partNumber: `P-${i}`, demandPerDay: 100 + 10 * i }));
  const loopsB = partsB.map((p, i) => ({
    id: `loop-${i}`, name: `${p.partNumber} loop`, kind: (i < 2 ? 'withdrawal' : 'production') as 'withdrawal' | 'production', partNumber: p.partNumber,
    demandShare: 1, processingDays: 0.5, waitingDays: 0.5, transportDays: 0.5, safetyFactor: 0.1, containerQuantity: pieces(20),
  }));
  const calendarB = { shifts: [{ name: 'Early', startMinute: 360, endMinute: 870, breaks: [], plannedDowntimeMinutes: 0 }, { name: 'Late', startMinute: 870, endMinute: 1380, breaks: [], plannedDowntimeMinutes: 0 }], workingDaysPerWeek: 5 };
  let n = 0;
  const withParts = events.map((e) => (e.type === 'create' ? { ...e, card: { partNumber: `P-${n % 5}`, quantity: 20, loopId: `loop-${n++ % 5}` } } : e));
  let deliveries = 0;
  const stock = time(5, () => {
    const r = stockFigures({ events: withParts, parts: partsB, loops: loopsB, calendar: calendarB, to: now });
    if (!r.ok) throw new Error(r.error);
    deliveries = r.value.suppliers.reduce((sum, x) => sum + x.deliveries, 0);
  });
  console.log(`inventory turns (5 parts) and supplier reliability (2 loops, ${deliveries.toLocaleString('en')} deliveries), 1,000,000 events: median ${ms(stock.median)}, min ${ms(stock.min)} over 5 runs (target ≤ 1 s)`);
  let periods = 0;
  const tracking = time(5, () => {
    const r = forecastTracking({ partNumber: 'P-0', source: 'log', events: withParts, workingDaysPerWeek: 5, to: now, method: 'ses' });
    if (!r.ok) throw new Error(r.error);
    periods = r.value.points.length;
  });
  console.log(`forecast vs actual with tracking signal (one part, ${periods} working days from the log, SES fitted), 1,000,000 events: median ${ms(tracking.median)}, min ${ms(tracking.min)} over 5 runs (target ≤ 1 s)`);
  console.log(`all chart data together: ${ms(charts.median + stock.median + tracking.median)} (sum of medians; target ≤ 1 s)`);

  const monthly = Array.from({ length: 144 }, (_, i) => (100 + 2.5 * i) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12)));
  const fit = time(5, () => {
    const r = fitForecast(monthly, { method: 'holt-winters-multiplicative', horizon: 12, seasonLength: 12 });
    if (!r.ok) throw new Error(r.error);
  });
  console.log(`multiplicative Holt-Winters fit with its initial state, 144 months: median ${ms(fit.median)}, min ${ms(fit.min)} over 5 runs`);
}
await flowForecastBench();
