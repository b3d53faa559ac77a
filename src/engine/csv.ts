// CSV for exports that open safely in a spreadsheet: RFC 4180 quoting, and formula injection neutralised.

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"): = + - @ tab CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text starting with = + - @ tab or CR gets a leading apostrophe so a spreadsheet shows it instead of
 * running it (OWASP CSV Injection); numbers are written as numbers (a negative number stays a number). Cells with a
 * comma, quote or line break are quoted with inner quotes doubled (RFC 4180). null/undefined are empty.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'string' ? value : typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : JSON.stringify(value) ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text, CRLF between records (RFC 4180), every cell through csvCell. */
export function toCsv(rows: unknown[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
}
