// How flow and forecast figures read on screen: durations in the unit a coordinator thinks in, numbers to a sensible precision.

/** Seconds as minutes, hours or days, whichever keeps the number between about 1 and 100. */
export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const hours = seconds / 3600;
  if (hours < 1) return `${round(seconds / 60, 1)} min`;
  if (hours < 48) return `${round(hours, 1)} h`;
  return `${round(hours / 24, 1)} days`;
}

export function round(x: number, digits: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A short local date for chart axes and labels ("12 Mar"). */
export function shortDate(ms: number): string {
  return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

/** The band colours of the charts: light tints that keep at least 3:1 against the dark panel (WCAG 1.4.11). */
export const SERIES_COLORS = ['#7cc6fe', '#f5b700', '#8fd694', '#ff9f9f', '#c9a7ff', '#ffd89a', '#5fe0d0', '#ffa8e0', '#d9e36f', '#a0b9ff'];
/** Finished work: a muted band, so the work still in process stands out above it. */
export const DONE_COLOR = '#5f7386';
export const CHART = { bg: '#182330', text: '#f3f6f9', muted: '#b8c4d0', grid: '#2e4053' };
