// Issue 19: importing KILBRID.IN2 (45 tasks, no cycle time in the file) must ask for the cycle time or a demand to
// derive it from, not balance silently at the line's takt; an .alb file's own cycle time is offered as the default.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycle, readImportFile } from '../../../src/engine/api/balance-import.ts';
import { dataDir } from './helpers.ts';

const alb = ['<number of tasks>', '3', '', '<cycle time>', '12', '', '<task times>', '1 3', '2 4.5', '3 6', '', '<precedence relations>', '1,2', '', '<end>', ''].join('\r\n');

describe('readImportFile', () => {
  it('reads KILBRID.IN2 as 45 elements with no cycle time of its own and asks for one', () => {
    const text = readFileSync(path.join(dataDir, 'scholl', 'KILBRID.IN2'), 'latin1');
    const r = readImportFile('KILBRID.IN2', text);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.elements).toHaveLength(45);
    expect(r.value.fileCycle).toBeNull();
    expect(r.value.asksCycle).toBe(true);
  });

  it("offers an .alb file's own cycle time as the default", () => {
    const r = readImportFile('line.alb', alb);
    if (!r.ok) throw new Error(r.error);
    expect(r.value).toMatchObject({ fileCycle: 12, asksCycle: true });
    expect(r.value.elements.map((e) => e.time)).toEqual([3, 4.5, 6]);
  });

  it('does not ask for a CSV of the line’s own elements (they are balanced at takt)', () => {
    const r = readImportFile('cell.csv', 'name,time,predecessors\nFit,10,\nPress,20,Fit\n');
    expect(r.ok && r.value).toMatchObject({ fileCycle: null, asksCycle: false });
  });

  it('refuses a file it cannot read with the parser’s message', () => {
    const r = readImportFile('broken.IN2', '3\n1\n2\n');
    expect(r.ok).toBe(false);
  });
});

describe('importCycle', () => {
  it('takes the cycle time the planner gives', () => {
    expect(importCycle({ cycle: 138 }, 27_600, 55)).toEqual({ ok: true, value: 138 });
  });
  it('derives the cycle from a demand over the available time (takt = available ÷ demand)', () => {
    expect(importCycle({ demand: 200 }, 27_600, 55)).toEqual({ ok: true, value: 138 });
  });
  it('asks again when neither is given, or the answer is not a positive number', () => {
    expect(importCycle({}, 27_600, 55)).toMatchObject({ ok: false, error: expect.stringMatching(/cycle time to balance at, or the demand/) });
    expect(importCycle({ cycle: 0 }, 27_600, 55)).toMatchObject({ ok: false, error: expect.stringMatching(/above 0/) });
    expect(importCycle({ demand: -3 }, 27_600, 55)).toMatchObject({ ok: false, error: expect.stringMatching(/pieces a day above 0/) });
    expect(importCycle({ demand: 10 }, null, 55)).toMatchObject({ ok: false, error: expect.stringMatching(/no available time/) });
  });
  it('refuses a cycle shorter than the longest element', () => {
    expect(importCycle({ cycle: 40 }, null, 55)).toMatchObject({ ok: false, error: expect.stringMatching(/shorter than the longest work element \(55 s\)/) });
  });
});
