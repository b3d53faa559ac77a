// Shared helpers for the balancing tests: the Scholl data location, loading graphs, and a balance checker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIn2 } from '../../../src/engine/balance/parse-in2.ts';
import type { BalanceInstance } from '../../../src/engine/balance/instance.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const dataDir = path.resolve(repoRoot, '..', 'shared', 'data', 'salbp');

export function loadGraph(name: string): BalanceInstance {
  const r = parseIn2(readFileSync(path.join(dataDir, 'scholl', `${name}.IN2`), 'latin1'));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export function knownRows(file: string): string[][] {
  return readFileSync(path.join(dataDir, file), 'latin1').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
}

/** Returns '' for a valid balance, else what is wrong. */
export function balanceProblem(inst: BalanceInstance, assignment: number[][], cycle: number): string {
  const station = new Array<number>(inst.taskCount).fill(-1);
  for (let s = 0; s < assignment.length; s++) {
    let load = 0;
    for (const j of assignment[s]!) {
      if (station[j] !== -1) return `task ${j} assigned twice`;
      station[j] = s;
      load += inst.times[j]!;
    }
    if (load > cycle + 1e-9) return `station ${s} over cycle (${load} > ${cycle})`;
  }
  if (station.includes(-1)) return 'a task is unassigned';
  for (const [a, b] of inst.arcs) if (station[a]! > station[b]!) return `arc ${a}->${b} violated`;
  return '';
}
