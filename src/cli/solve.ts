// Command-line solver: npm run -s solve -- FILE [--cycle C | --stations M] [--time-limit S]; prints one JSON line.
import { readFileSync } from 'node:fs';
import { parseIn2, parseAlb, solveSalbp1, solveSalbp2, type BalanceInstance } from '../engine/balance/index.ts';
import type { Result } from '../engine/result.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function positive(flag: string, v: string | undefined): number {
  const x = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(x) || x <= 0) fail(`${flag} needs a positive number (got ${v ?? 'nothing'}).`);
  return x;
}

const args = process.argv.slice(2);
let file: string | undefined;
let cycle: number | undefined;
let stations: number | undefined;
let timeLimit = 60;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--cycle') cycle = positive(a, args[++i]);
  else if (a === '--stations') stations = positive(a, args[++i]);
  else if (a === '--time-limit') timeLimit = positive(a, args[++i]);
  else if (a.startsWith('--')) fail(`Unknown option ${a}. Usage: solve FILE [--cycle C | --stations M] [--time-limit S]`);
  else if (file === undefined) file = a;
  else fail(`Only one file, please (got ${file} and ${a}).`);
}
if (file === undefined) fail('Usage: solve FILE [--cycle C | --stations M] [--time-limit S]');
if (cycle !== undefined && stations !== undefined) fail('Give either --cycle (SALBP-1) or --stations (SALBP-2), not both.');
if (stations !== undefined && !Number.isInteger(stations)) fail(`--stations needs a whole number (got ${stations}).`);

let text: string;
try {
  // latin1: the published files carry Latin-1/CP437 remarks, and every byte must map to one character.
  text = readFileSync(file, 'latin1');
} catch (e) {
  fail(`Cannot read ${file}: ${(e as Error).message}`);
}
const lower = file.toLowerCase();
let parsed: Result<BalanceInstance>;
if (lower.endsWith('.in2')) parsed = parseIn2(text);
else if (lower.endsWith('.alb')) parsed = parseAlb(text);
else fail(`${file}: unknown format; expected a .IN2 or .alb file.`);
if (!parsed.ok) fail(`${file}: ${parsed.error}`);
const inst = parsed.value;
if (cycle === undefined && stations === undefined) {
  if (inst.cycle === undefined) fail(`${file} stores no cycle time: give --cycle C (SALBP-1) or --stations M (SALBP-2).`);
  cycle = inst.cycle;
}
// The engine reads no clock of its own; performance.now is monotonic, which a time limit needs and Date.now is not.
const opts = { timeLimitMs: timeLimit * 1000, now: () => performance.now() };
const res = stations !== undefined ? solveSalbp2(inst, stations, opts) : solveSalbp1(inst, cycle!, opts);
if (!res.ok) fail(`${file}: ${res.error}`);
const r = res.value;
process.stdout.write(
  `${JSON.stringify({
    problem: r.problem,
    tasks: inst.taskCount,
    cycle: r.cycle,
    stations: r.stations,
    optimal: r.optimal,
    lowerBound: r.lowerBound,
    ms: Math.round(r.ms),
    assignment: r.assignment.map((s) => s.map((j) => j + 1)),
  })}\n`,
);
