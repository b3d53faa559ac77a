// Monte Carlo forecasts on the command line: npm run -s forecast -- when|how-many --throughput 3,0,5,2 (--items N | --days D)
// [--trials T] [--seed S]; prints one JSON line {"p50","p85","p95","trials"}, exit code 2 and a message for bad input.
import { monteCarloHowMany, monteCarloWhen } from '../engine/flow/monte-carlo.ts';

const USAGE = 'Usage: forecast when --throughput 3,0,5,2 --items N [--trials T] [--seed S]\n       forecast how-many --throughput 3,0,5,2 --days D [--trials T] [--seed S]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function whole(flag: string, v: string | undefined): number {
  if (v === undefined || !/^-?\d+$/.test(v.trim())) fail(`${flag} needs a whole number (got ${v ?? 'nothing'}).`);
  return Number(v);
}

const [mode, ...args] = process.argv.slice(2);
if (mode !== 'when' && mode !== 'how-many') fail(mode === undefined ? USAGE : `Unknown question "${mode}": ask "when" or "how-many".\n${USAGE}`);
let throughput: number[] | undefined;
let items: number | undefined;
let days: number | undefined;
let trials: number | undefined;
let seed: number | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const v = args[++i];
  if (a === '--throughput') {
    if (v === undefined || v.trim() === '') fail('--throughput needs the cards finished per day, comma separated, such as 3,0,5,2.');
    throughput = v.split(',').map((s, k) => {
      if (!/^\s*\d+\s*$/.test(s)) fail(`--throughput: day ${k + 1} is "${s}"; each day needs a whole number of cards, 0 or more.`);
      return Number(s);
    });
  } else if (a === '--items') items = whole(a, v);
  else if (a === '--days') days = whole(a, v);
  else if (a === '--trials') trials = whole(a, v);
  else if (a === '--seed') seed = whole(a, v);
  else fail(`Unknown option ${a}.\n${USAGE}`);
}
if (!throughput) fail(`--throughput is required.\n${USAGE}`);
if (mode === 'when' && items === undefined) fail('"when" needs --items N: how many cards to finish.');
if (mode === 'how-many' && days === undefined) fail('"how-many" needs --days D: how many working days ahead.');
if (mode === 'when' && days !== undefined) fail('"when" takes --items, not --days.');
if (mode === 'how-many' && items !== undefined) fail('"how-many" takes --days, not --items.');
const r = mode === 'when' ? monteCarloWhen(throughput, items!, { trials, seed }) : monteCarloHowMany(throughput, days!, { trials, seed });
if (!r.ok) fail(r.error);
const { p50, p85, p95 } = r.value;
process.stdout.write(`${JSON.stringify({ p50, p85, p95, trials: r.value.trials })}\n`);
