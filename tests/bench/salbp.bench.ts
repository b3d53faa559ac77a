// Benchmark: every Scholl SALBP-1 instance, then levelling at its station count against the published SALBP-2 optimum
// (and with --all or --only salbp2 every SALBP-2 instance); each answer checked; prints a summary, writes a CSV to bench-results/.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { levelBalance, parseIn2, solveSalbp1, solveSalbp2, type BalanceInstance, type SolveResult } from '../../src/engine/balance/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.resolve(repoRoot, 'tests', 'data', 'salbp');

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const limitS = Number(flag('--time-limit') ?? 10);
const levelLimitS = Number(flag('--level-time-limit') ?? 2);
const only = flag('--only'); // 'salbp1' (with levelling) | 'salbp2'
const all = argv.includes('--all');
const noLevel = argv.includes('--no-level');
const graphFilter = flag('--graph');

const instances = new Map<string, BalanceInstance>();
function load(graph: string): BalanceInstance {
  let inst = instances.get(graph);
  if (!inst) {
    const r = parseIn2(readFileSync(path.join(dataDir, 'scholl', `${graph}.IN2`), 'latin1'));
    if (!r.ok) throw new Error(`${graph}: ${r.error}`);
    inst = r.value;
    instances.set(graph, inst);
  }
  return inst;
}

const csv = (name: string) =>
  readFileSync(path.join(dataDir, name), 'latin1')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));

/** Checks a balance: every task once, precedence kept, no station over the cycle. Returns a problem or ''. */
function check(inst: BalanceInstance, r: SolveResult): string {
  const station = new Array<number>(inst.taskCount).fill(-1);
  let nonEmpty = 0;
  for (let s = 0; s < r.assignment.length; s++) {
    const st = r.assignment[s]!;
    if (st.length > 0) nonEmpty++;
    let load = 0;
    for (const j of st) {
      if (station[j] !== -1) return `task ${j + 1} twice`;
      station[j] = s;
      load += inst.times[j]!;
    }
    if (load > r.cycle + 1e-9) return `station ${s + 1} load ${load} > ${r.cycle}`;
  }
  if (station.includes(-1)) return 'a task is unassigned';
  for (const [a, b] of inst.arcs) if (station[a]! > station[b]!) return `arc ${a + 1}->${b + 1} violated`;
  if (r.problem === 'salbp1' && nonEmpty !== r.stations) return 'station count mismatch';
  if (r.problem === 'salbp2' && nonEmpty > r.stations) return 'too many stations';
  return '';
}

interface Row {
  problem: string;
  graph: string;
  param: number;
  known: number | undefined;
  value: number;
  lowerBound: number;
  optimal: boolean;
  ms: number;
  nodes: number;
  status: string;
}

const rows: Row[] = [];
/** The engine reads no clock of its own; performance.now is monotonic, as a time limit needs. */
const opts = { timeLimitMs: limitS * 1000, now: () => performance.now() };
function run(problem: 'salbp1' | 'salbp2', list: string[][]) {
  for (const rec of list) {
    const graph = rec[0]!;
    if (graphFilter && graph !== graphFilter) continue;
    const param = Number(rec[1]);
    const known = rec[2] ? Number(rec[2]) : undefined;
    const lbKnown = problem === 'salbp2' && rec[3] ? Number(rec[3]) : undefined;
    const inst = load(graph);
    const res = problem === 'salbp1' ? solveSalbp1(inst, param, opts) : solveSalbp2(inst, param, opts);
    if (!res.ok) throw new Error(`${graph} ${param}: ${res.error}`);
    const r = res.value;
    const value = problem === 'salbp1' ? r.stations : r.cycle;
    let status = check(inst, r);
    if (!status && known !== undefined && value < known) status = `better than the proven optimum ${known}`;
    if (!status && known !== undefined && r.lowerBound > known) status = `lower bound ${r.lowerBound} above the optimum ${known}`;
    if (!status && lbKnown !== undefined && r.optimal && value < lbKnown) status = `claims ${value} below the published bound ${lbKnown}`;
    if (!status && r.optimal && known !== undefined && value !== known) status = `claims optimal ${value} but the optimum is ${known}`;
    if (!status) status = 'ok';
    rows.push({ problem, graph, param, known, value, lowerBound: r.lowerBound, optimal: r.optimal, ms: r.ms, nodes: r.nodes ?? 0, status });
    if (status !== 'ok') console.error(`CHECK FAILED ${problem} ${graph} ${param}: ${status}`);
    if (problem === 'salbp1' && !noLevel && r.optimal) level(inst, graph, param, r);
  }
}

/** The published SALBP-2 figures per graph and station count: optimum (when known) and bounds. */
const salbp2Known = new Map(csv('scholl_salbp2.csv').map((r) => [`${r[0]}/${r[1]}`, { opt: r[2] ? Number(r[2]) : undefined, lb: Number(r[3]), ub: Number(r[4]) }]));
const levelRows: { graph: string; cycle: number; m: number; before: number; after: number; optimum?: number; ub?: number; proven: boolean; smoothBefore: number; smooth: number; ms: number; status: string }[] = [];

/** Levels a proven SALBP-1 balance at its station count and compares the longest station with the SALBP-2 optimum. */
function level(inst: BalanceInstance, graph: string, cycle: number, r: SolveResult) {
  const m = r.stations;
  const res = levelBalance(inst, r.assignment, { timeLimitMs: levelLimitS * 1000, now: () => performance.now() });
  if (!res.ok) throw new Error(`level ${graph} ${cycle}: ${res.error}`);
  const l = res.value;
  const pub = salbp2Known.get(`${graph}/${m}`);
  let status = check(inst, { ...r, problem: 'salbp1', cycle: l.maxLoad, assignment: l.assignment, stations: m });
  if (!status && l.maxLoad > cycle) status = `levelled ${l.maxLoad} above the cycle ${cycle}`;
  if (!status && pub?.opt !== undefined && l.maxLoad < pub.opt) status = `levelled ${l.maxLoad} below the SALBP-2 optimum ${pub.opt}`;
  if (!status && pub?.opt !== undefined && l.maxLoadOptimal && l.maxLoad !== pub.opt) status = `claims ${l.maxLoad} optimal but the SALBP-2 optimum is ${pub.opt}`;
  if (!status) status = 'ok';
  levelRows.push({ graph, cycle, m, before: l.maxBefore, after: l.maxLoad, ...(pub?.opt !== undefined ? { optimum: pub.opt } : {}), ...(pub ? { ub: pub.ub } : {}), proven: l.maxLoadOptimal, smoothBefore: l.smoothnessBefore, smooth: l.smoothness, ms: l.ms, status });
  if (status !== 'ok') console.error(`CHECK FAILED level ${graph} ${cycle} (${m} stations): ${status}`);
}

function levelSummary() {
  if (levelRows.length === 0) return;
  const withOpt = levelRows.filter((r) => r.optimum !== undefined);
  const matched = withOpt.filter((r) => r.after === r.optimum);
  const open = levelRows.filter((r) => r.optimum === undefined && r.ub !== undefined);
  const none = levelRows.filter((r) => r.ub === undefined);
  const ms = levelRows.map((r) => r.ms).sort((a, b) => a - b);
  const lowered = levelRows.filter((r) => r.after < r.before).length;
  const smoother = levelRows.filter((r) => r.smooth < r.smoothBefore - 1e-9).length;
  console.log(
    `LEVEL (SALBP-2 at the SALBP-1 station count, then smoothness): ${levelRows.length} proven SALBP-1 balances levelled; ` +
      `largest station time matches the published SALBP-2 optimum ${matched.length}/${withOpt.length}` +
      `, proven optimal ${levelRows.filter((r) => r.proven).length}/${levelRows.length}` +
      `; ${open.length} at a station count the data set lists as open (at or below its upper bound: ${open.filter((r) => r.after <= r.ub!).length})` +
      `, ${none.length} at a station count not in the SALBP-2 set; longest station lowered in ${lowered}, smoothness lowered in ${smoother}` +
      `; check failures ${levelRows.filter((r) => r.status !== 'ok').length}; time total ${(ms.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s, max ${(ms[ms.length - 1]! / 1000).toFixed(2)} s`,
  );
  const missed = withOpt.filter((r) => r.after !== r.optimum);
  if (missed.length > 0) console.log(`  above the optimum: ${missed.map((r) => `${r.graph}/${r.m} ${r.after} vs ${r.optimum}`).join(', ')}`);
}

function summary(problem: string) {
  const rs = rows.filter((r) => r.problem === problem);
  if (rs.length === 0) return;
  const ms = rs.map((r) => r.ms).sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  const withKnown = rs.filter((r) => r.known !== undefined);
  const matched = withKnown.filter((r) => r.value === r.known).length;
  const proven = rs.filter((r) => r.optimal).length;
  const failed = rs.filter((r) => r.status !== 'ok').length;
  console.log(
    `${problem.toUpperCase()}: ${rs.length} instances, proven optimal ${proven}/${rs.length}, matches known optimum ${matched}/${withKnown.length}, check failures ${failed}; ` +
      `time total ${(total / 1000).toFixed(1)} s, median ${(ms[ms.length >> 1]! / 1000).toFixed(3)} s, max ${(ms[ms.length - 1]! / 1000).toFixed(2)} s, over 1 s: ${ms.filter((x) => x > 1000).length}`,
  );
  const slow = rs.slice().sort((a, b) => b.ms - a.ms).slice(0, 8);
  console.log(
    `  slowest: ${slow.map((r) => `${r.graph}/${r.param} ${(r.ms / 1000).toFixed(2)}s${r.optimal ? '' : ` (open: ${r.lowerBound}..${r.value})`}`).join(', ')}`,
  );
}

console.log(
  `SALBP benchmark, data ${dataDir}; time limits per instance: SALBP-1 ${limitS} s` +
    (noLevel || only === 'salbp2' ? '' : `, levelling ${levelLimitS} s`) +
    (all || only === 'salbp2' ? `, SALBP-2 ${limitS} s` : ' (SALBP-2 instances: --all or --only salbp2)'),
);
if (only !== 'salbp2') run('salbp1', csv('scholl_salbp1.csv'));
if (all || only === 'salbp2') run('salbp2', csv('scholl_salbp2.csv'));
summary('salbp1');
levelSummary();
summary('salbp2');
const outDir = path.join(repoRoot, 'bench-results');
mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `salbp-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
writeFileSync(
  out,
  'problem,graph,param,known,value,lower_bound,optimal,ms,nodes,status\n' +
    rows.map((r) => [r.problem, r.graph, r.param, r.known ?? '', r.value, r.lowerBound, r.optimal, r.ms, r.nodes, r.status].join(',')).join('\n') +
    '\n' +
    levelRows.map((r) => ['level', r.graph, r.cycle, r.optimum ?? '', r.after, r.before, r.proven, r.ms, r.m, r.status].join(',')).join('\n') +
    '\n',
);
console.log(`per-instance results: ${path.relative(repoRoot, out)}`);
if (rows.some((r) => r.status !== 'ok') || levelRows.some((r) => r.status !== 'ok')) process.exitCode = 1;
