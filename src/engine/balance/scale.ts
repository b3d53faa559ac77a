// Decimal task times (the .alb format allows them) are scaled to integers so that the search compares loads exactly.

/** The power of ten that makes every value an integer (at most 10^6; finer digits are rounded). */
export function integerScale(values: readonly number[]): number {
  let scale = 1;
  for (const v of values) {
    while (scale < 1e6 && Math.abs(v * scale - Math.round(v * scale)) > 1e-9 * Math.max(1, Math.abs(v * scale))) scale *= 10;
  }
  return scale;
}

export const scaled = (v: number, scale: number): number => Math.round(v * scale);
