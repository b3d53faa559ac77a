// Turns a write's result into the message a form shows: the refusal as given, or a short confirmation.
export type NoticeMessage = { kind: 'ok' | 'error'; text: string } | null;

export function noticeFrom(result: { ok: true } | { ok: false; error: string }, success: string): NoticeMessage {
  return result.ok ? { kind: 'ok', text: success } : { kind: 'error', text: result.error };
}

/** A number from a bound number input: Svelte gives undefined or null for an empty one, which must not read as 0. */
export const numberFrom = (value: number | null | undefined): number => (typeof value === 'number' ? value : Number.NaN);
