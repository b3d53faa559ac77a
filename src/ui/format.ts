// How every figure reads on screen: one module, so no view shows a raw engine number ("1408.6957 s").
// Numbers go through Intl.NumberFormat (cached per precision), durations read as h/min/s, and counts
// say their noun in the right number ("1 card", "3 cards").

const LOCALE = 'en-GB';
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(maxDigits: number, minDigits = 0, style: 'decimal' | 'percent' = 'decimal'): Intl.NumberFormat {
  const key = `${style}:${minDigits}:${maxDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { style, maximumFractionDigits: maxDigits, minimumFractionDigits: minDigits });
    formatters.set(key, f);
  }
  return f;
}

const NONE = '–';

/** A plain number to at most `digits` decimals (default: whole numbers at 100 and over, else one decimal). */
export function num(x: number | null | undefined, digits?: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NONE;
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return formatter(Math.min(2, Math.max(0, d))).format(x);
}

/** A share (0..1) as a percentage: "90.4 %". */
export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return NONE;
  return `${formatter(Math.min(2, digits)).format(share * 100)} %`;
}

/** "1 card", "3 cards", "1 box", "2 boxes": the noun follows the count (pass the plural when it is not noun + s). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n, Number.isInteger(n) ? 0 : 1)} ${n === 1 ? one : many}`;
}

/** Seconds as a person reads a duration: "45 s", "56.1 s", "12 min 30 s", "4 h 52 min", "3 d 4 h". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NONE;
  const sign = seconds < 0 ? '−' : '';
  const s = Math.abs(seconds);
  if (s < 60) return `${sign}${num(s, s < 10 ? 1 : s < 100 ? 1 : 0)} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = Math.round(s - m * 60);
    if (rest === 60) return `${sign}${m + 1} min`;
    return rest === 0 ? `${sign}${m} min` : `${sign}${m} min ${rest} s`;
  }
  if (s < 48 * 3600) {
    const h = Math.floor(s / 3600);
    const m = Math.round((s - h * 3600) / 60);
    if (m === 60) return `${sign}${h + 1} h`;
    return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${m} min`;
  }
  const d = Math.floor(s / 86400);
  const h = Math.round((s - d * 86400) / 3600);
  if (h === 24) return `${sign}${d + 1} d`;
  return h === 0 ? `${sign}${d} d` : `${sign}${d} d ${h} h`;
}

/** Seconds with one decimal at most, for cycle and task times a line balancer compares ("56.1 s"). */
export function seconds(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NONE;
  return `${formatter(1).format(x)} s`;
}

/** A local date ("2 Dec 2026"). */
export function date(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NONE;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? NONE : d.toLocaleDateString(LOCALE, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A local clock time ("14:05"). */
export function clock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NONE;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? NONE : d.toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit' });
}
