// A Dexie liveQuery as a rune: re-runs when its inputs change (read in `deps`) or when another tab writes.
import { liveQuery } from 'dexie';

export function live<D, T>(deps: () => D, query: (d: D) => Promise<T>, initial: T) {
  let current = $state.raw<T>(initial);
  let loaded = $state(false);
  $effect(() => {
    const d = deps();
    const subscription = liveQuery(() => query(d)).subscribe({
      next: (value) => {
        current = value;
        loaded = true;
      },
      error: (error) => console.error('A live query failed', error),
    });
    return () => subscription.unsubscribe();
  });
  return {
    get current() {
      return current;
    },
    get loaded() {
      return loaded;
    },
  };
}
