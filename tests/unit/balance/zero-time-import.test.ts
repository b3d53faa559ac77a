// Work-element imports refuse a zero-time element: SALBP instances (.IN2, .alb) never have one, and in a CSV it is
// almost always a blank or a typo; the message names the task or line, and nothing is imported.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../../src/engine/api/balance-import.ts';
import { parseInstanceFile } from '../../../src/engine/api/balance-csv.ts';
import { dataDir } from './helpers.ts';

const alb = (times: string[]) =>
  ['<number of tasks>', String(times.length), '', '<cycle time>', '12', '', '<task times>', ...times.map((t, i) => `${i + 1} ${t}`), '', '<precedence relations>', '1,2', '', '<end>', ''].join('\n');

describe('zero task times', () => {
  it('.IN2: a task with time 0 is refused, naming it', () => {
    const r = readImportFile('zero.IN2', ['3', '5', '0', '7', '1,2', '2,3', '-1,-1', ''].join('\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('Task 2 has a task time of 0 in "zero.IN2". Balancing instances never have zero task times, so the file is damaged or not an instance; nothing was imported.');
    // The same file with the time given is read.
    expect(readImportFile('fixed.IN2', ['3', '5', '4', '7', '1,2', '2,3', '-1,-1', ''].join('\n')).ok).toBe(true);
  });

  it('.alb: several zero tasks are all named', () => {
    const r = parseInstanceFile('line.alb', alb(['3', '0', '0', '6']));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^Task 2, Task 3 have a task time of 0 in "line\.alb"/);
    expect(parseInstanceFile('line.alb', alb(['3', '1', '2', '6'])).ok).toBe(true);
  });

  it('CSV: a zero time is refused with its line and element', () => {
    const r = readImportFile('cell.csv', 'name,time,predecessors\nFit,10,\nLabel,0,Fit\nPress,20,Label\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('Line 3: "Label" has a time of 0 s. Every work element takes time: give its time in seconds, or leave it out of the file. Nothing was imported.');
    const decimal = readImportFile('cell.csv', 'name,time,predecessors\nFit,0.0,\n');
    expect(!decimal.ok && decimal.error).toMatch(/^Line 2: "Fit" has a time of 0 s/);
    expect(readImportFile('cell.csv', 'name,time,predecessors\nFit,10,\nLabel,0.5,Fit\n').ok).toBe(true);
  });

  it('no shipped Scholl instance has a zero time, so every one still imports', () => {
    const dir = path.join(dataDir, 'scholl');
    const files = readdirSync(dir).filter((f) => f.toUpperCase().endsWith('.IN2'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const r = parseInstanceFile(file, readFileSync(path.join(dir, file), 'latin1'));
      expect(r.ok, `${file}: ${r.ok ? '' : r.error}`).toBe(true);
    }
  });
});
