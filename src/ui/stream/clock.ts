// Minutes after midnight ↔ the "HH:MM" of a time input, for the shift calendar form.
export function minuteToClock(minute: number): string {
  const m = ((Math.round(minute) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** NaN for an empty or malformed time, so the engine's check refuses it with its own message. */
export function clockToMinute(clock: string): number {
  const match = /^(\d{1,2}):(\d{2})/.exec(clock);
  if (!match) return Number.NaN;
  return Number(match[1]) * 60 + Number(match[2]);
}
