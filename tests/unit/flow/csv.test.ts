// CSV export cells: spreadsheet formula injection neutralised (OWASP), RFC 4180 quoting, numbers kept as numbers.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/engine/csv.ts';
import { balanceCsv } from '../../../src/engine/api/balance-csv.ts';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('neutralises %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves ordinary text and numbers alone, negative numbers included', () => {
    expect(csvCell('SC-100')).toBe('SC-100');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});

describe('toCsv', () => {
  it('joins cells with commas and records with CRLF', () => {
    expect(toCsv([['day', 'cards'], ['=1+1', 3]])).toBe("day,cards\r\n'=1+1,3\r\n");
    expect(toCsv([])).toBe('');
  });
});

describe('the balancing CSV export is safe to open in a spreadsheet (issue 20)', () => {
  it('neutralises element and station names that a spreadsheet would run as formulas', () => {
    const hostile = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-1+1', '\tTAB', '\rCR'];
    const csv = balanceCsv({
      elements: hostile.map((name, k) => ({ id: `e${k}`, name, time: k + 1, predecessors: k > 0 ? [`e${k - 1}`] : [] })),
      stations: [{ id: 's1', name: '=1+1', elementIds: ['e0', 'e1'] }],
    } as never);
    const cells = csv.split('\r\n').slice(1, -1).flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []);
    for (const cell of cells) {
      const text = cell.replace(/,$/, '').replace(/^"(.*)"$/s, '$1');
      expect(text, `cell ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csv).toContain("'=1+1");
    expect(csv).toContain("'@SUM(1+1)");
  });
});
