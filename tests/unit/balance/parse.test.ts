// Parsers for the Scholl .IN2 and the Otto et al. .alb formats, including the quirks of the published files.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIn2 } from '../../../src/engine/balance/parse-in2.ts';
import { parseAlb } from '../../../src/engine/balance/parse-alb.ts';
import { dataDir } from './helpers.ts';

describe('parseIn2', () => {
  it('reads the task count, times and arcs of a small CRLF file', () => {
    const r = parseIn2('3\r\n5\r\n7\r\n2\r\n1,2\r\n1,3\r\n-1,-1\r\n');
    expect(r).toEqual({ ok: true, value: { taskCount: 3, times: [5, 7, 2], arcs: [[0, 1], [0, 2]] } });
  });

  it('stops at the end mark and ignores Latin-1 remarks and a DOS end-of-file byte after it', () => {
    const text = Buffer.from('2\r\n4\r\n6\r\n1,2\r\n-1,-1\r\n\r\nBemerkung: \xfcberfl\xfcssige Kanten 1,3\r\n\x1a', 'latin1').toString('latin1');
    const r = parseIn2(text);
    expect(r.ok && r.value.arcs).toEqual([[0, 1]]);
  });

  it('parses every published Scholl graph decoded as latin1', () => {
    for (const f of ['ARC83', 'KILBRID', 'SCHOLL', 'WEE-MAG', 'TONGE70']) {
      const r = parseIn2(readFileSync(path.join(dataDir, 'scholl', `${f}.IN2`), 'latin1'));
      expect(r.ok, f).toBe(true);
    }
  });

  it('names the line of a malformed task time', () => {
    const r = parseIn2('2\n4\nx\n-1,-1\n');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('Line 3') });
  });

  it('names the line of a relation that points outside the tasks', () => {
    const r = parseIn2('2\n4\n5\n1,3\n-1,-1\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/Line 4.*outside 1\.\.2/);
  });

  it('reports a file that ends without the end mark', () => {
    const r = parseIn2('2\n4\n5\n1,2\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/end mark/);
  });

  it('reports an empty file', () => {
    expect(parseIn2('').ok).toBe(false);
  });
});

const alb = [
  '<number of tasks>',
  '4',
  '',
  '<cycle time>',
  '10',
  '',
  '<order strength>',
  '0,268',
  '',
  '<task times>',
  '1 3',
  '2 4.5',
  '3 6',
  '4 2',
  '',
  '<precedence relations>',
  '1,2',
  '1,3',
  '3,4',
  '',
  '<end>',
  '',
].join('\r\n');

describe('parseAlb', () => {
  it('reads the tagged sections with CRLF, blank lines and a decimal-comma order strength', () => {
    const r = parseAlb(alb);
    expect(r).toEqual({
      ok: true,
      value: { taskCount: 4, times: [3, 4.5, 6, 2], arcs: [[0, 1], [0, 2], [2, 3]], cycle: 10 },
    });
  });

  it('reads a decimal-comma cycle time', () => {
    const r = parseAlb(alb.replace('<cycle time>\r\n10', '<cycle time>\r\n12,5'));
    expect(r.ok && r.value.cycle).toBe(12.5);
  });

  it('names the line of a malformed task time', () => {
    const r = parseAlb(alb.replace('2 4.5', '2 four'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^Line 12:/);
  });

  it('reports a task without a time', () => {
    const r = parseAlb(alb.replace('4 2\r\n', ''));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/no time for task 4/);
  });

  it('names the line of a relation to an unknown task', () => {
    const r = parseAlb(alb.replace('3,4', '3,9'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^Line 19:.*outside 1\.\.4/);
  });
});
