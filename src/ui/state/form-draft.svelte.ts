// A form's editable copy of a stored record: it follows the store (another tab, another record), but never
// overwrites what was typed since the form last matched the store. A save's own echo from the store can arrive
// after the user has begun the next change.
import { untrack } from 'svelte';

/** Call during a component's setup. `stored` gives the record as the form shows it; `key` says which record it is. */
export function formDraft<T>(stored: () => T, key: () => string) {
  const json = $derived(JSON.stringify(stored()));
  let value = $state(JSON.parse(untrack(() => json)) as T);
  let synced = { key: '', json: '' };

  $effect(() => {
    const next = json;
    const which = key();
    untrack(() => {
      const mine = JSON.stringify($state.snapshot(value));
      if (which !== synced.key || mine === synced.json) value = JSON.parse(next) as T;
      synced = { key: which, json: next };
    });
  });

  return {
    get value() {
      return value;
    },
    set value(next: T) {
      value = next;
    },
    /** The form differs from what is stored. */
    get dirty() {
      return JSON.stringify(value) !== json;
    },
    /** After a successful save of `copy`: the form matched it, so the store's echo may replace the form unless edited since. */
    saved(copy: T) {
      synced = { key: untrack(key), json: JSON.stringify(copy) };
    },
    snapshot(): T {
      return $state.snapshot(value) as T;
    },
  };
}
