// A Dexie liveQuery as a rune: re-runs when its inputs change (read in `deps`) or when another tab writes.
// A failed query is an error state (`error`, `retry()`), shown by LoadError.svelte, not only a line in the console.
import { liveResource, type Resource } from './resource.svelte.ts';

export function live<D, T>(deps: () => D, query: (d: D) => Promise<T>, initial: T, task = 'read the store'): Resource<T> {
  return liveResource<D, T>({ input: deps, query, initial, task });
}
