// Errors as values: every engine call that can fail on user input returns a Result, never throws across the worker boundary.
export type Ok<T> = { ok: true; value: T };
/** What kind of refusal: lets a screen ask for a reason, show a full stage, or retry ('storage': the device did not save it). Absent for plain input errors. */
export type ErrorCode = 'invalid' | 'not-found' | 'stale' | 'full' | 'needs-reason' | 'forbidden' | 'storage';

/** A stage as the pull rule saw it when it refused or accepted a card. */
export interface StageLoad {
  id: string;
  name: string;
  cardLimit: number;
  policy: 'hard' | 'soft';
  /** Cards on the stage before the card came. */
  count: number;
}

export type Err = { ok: false; error: string; code?: ErrorCode; stage?: StageLoad };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (error: string, code?: ErrorCode, stage?: StageLoad): Err =>
  code ? (stage ? { ok: false, error, code, stage } : { ok: false, error, code }) : { ok: false, error };
