// What a failed write tells the user: a full device, a lost connection to IndexedDB, or another refusal, said plainly.

export type StorageFailure = 'full' | 'closed' | 'other';

const names = (error: unknown): string[] => {
  const found: string[] = [];
  let current: unknown = error;
  // Dexie wraps the browser's error (AbortError → inner QuotaExceededError); follow the chain a few steps.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { name, message } = current as { name?: unknown; message?: unknown };
    if (typeof name === 'string') found.push(name);
    if (typeof message === 'string') found.push(message);
    current = (current as { inner?: unknown; cause?: unknown }).inner ?? (current as { cause?: unknown }).cause;
  }
  return found;
};

/** Which kind of storage failure an error is: the quota (a full disk), a closed or lost database, or something else. */
export function classifyStorageError(error: unknown): StorageFailure {
  const all = names(error);
  if (all.some((text) => /QuotaExceeded|quota/i.test(text))) return 'full';
  if (all.some((text) => /DatabaseClosed|InvalidStateError|connection (is|was) closed|database (is|was) closed|closing/i.test(text))) return 'closed';
  return 'other';
}

/** The message for a write that was not saved; it always starts "Not saved:" so the user knows nothing changed. */
export function storageFailureMessage(error: unknown): string {
  switch (classifyStorageError(error)) {
    case 'full':
      return "Not saved: the device's storage is full. Free some space on the device, then try again; nothing was changed.";
    case 'closed':
      return 'Not saved: the connection to this device\'s storage was lost. Taktboard reconnects by itself; try again.';
    default: {
      const first = error && typeof error === 'object' ? (error as { name?: string; message?: string }) : { message: String(error) };
      const detail = [first.name, first.message].filter(Boolean).join(': ');
      return `Not saved: the device's storage refused the change${detail ? ` (${detail})` : ''}. Try again; if it keeps failing, reload the page.`;
    }
  }
}
