// Command-line line simulation: npm run -s simulate -- MODEL.json [--replications R] [--seed S]; prints one JSON line.
import { readFileSync } from 'node:fs';
import { simulateLine } from '../engine/simulate/replicate.ts';
import { checkLineModel } from '../engine/simulate/line-model.ts';
import { parseLineModel } from './simulate-schema.ts';

const usage = 'Usage: simulate MODEL.json [--replications R] [--seed S]';

function fail(message: string): never {
  process.stderr.write(`${message.replace(/\s+/g, ' ')}\n`);
  process.exit(2);
}

function whole(flag: string, value: string | undefined, min: number): number {
  const x = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(x) || x < min) fail(`${flag} needs a whole number of at least ${min} (got ${value ?? 'nothing'}).`);
  return x;
}

const args = process.argv.slice(2);
let file: string | undefined;
let replications: number | undefined;
let seed: number | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--replications') replications = whole(a, args[++i], 1);
  else if (a === '--seed') seed = whole(a, args[++i], -(2 ** 31));
  else if (a.startsWith('--')) fail(`Unknown option ${a}. ${usage}`);
  else if (file === undefined) file = a;
  else fail(`Only one model file, please (got ${file} and ${a}).`);
}
if (file === undefined) fail(usage);

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  fail(`Cannot read ${file}: ${(e as Error).message}`);
}
if (text.length > 20_000_000) fail(`${file} is larger than 20 MB; a model file is a few kilobytes.`);
let data: unknown;
try {
  // Keys that could reach an object's prototype are dropped while parsing.
  data = JSON.parse(text, (key, value) => (key === '__proto__' || key === 'constructor' ? undefined : value));
} catch (e) {
  fail(`${file} is not JSON: ${(e as Error).message}`);
}
const model = parseLineModel(data);
if (!model.ok) fail(`${file}: ${model.error}`);
const problem = checkLineModel(model.value);
if (problem) fail(`${file}: ${problem}`);
const result = simulateLine(model.value, { replications, seed });
if (!result.ok) fail(`${file}: ${result.error}`);
process.stdout.write(`${JSON.stringify(result.value)}\n`);
