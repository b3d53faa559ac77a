// The hub takes the events it already holds (its own commands', or those a NOTIFY carried) in sequence order,
// without reading the database, and reads the database only to fill a gap.
import { describe, expect, it } from 'vitest';
import { Hub } from '../../../src/server/hub.ts';
import type { BoardStore } from '../../../src/server/store.ts';
import type { SyncedEvent } from '../../../src/sync/protocol.ts';

const event = (id: number) => ({ id, type: 'move', streamId: 'line', cardId: 'c1', from: 'a', to: 'b', at: 0, who: 'T', commandId: `m-${id}` }) as unknown as SyncedEvent;

function fakeStore(log: SyncedEvent[], head: number) {
  const reads: number[] = [];
  const store = {
    head: async () => head,
    eventsAfter: async (since: number) => {
      reads.push(since);
      return log.filter((e) => e.id > since);
    },
    db: { listen: async () => {} },
  } as unknown as BoardStore;
  return { store, reads };
}

describe('the hub taking events it already holds', () => {
  it('takes events in sequence order without reading the database', async () => {
    const { store, reads } = fakeStore([event(1)], 1);
    const hub = new Hub(store);
    await hub.start();
    hub.offer([event(2)]);
    hub.offer([event(3), event(4)]);
    hub.offer([event(3)]);
    expect(hub.head).toBe(4);
    expect((await hub.eventsAfter(1)).map((e) => e.id)).toEqual([2, 3, 4]);
    expect(reads).toEqual([]);
  });

  it('holds an event that comes before the one ahead of it, and reads the gap from the database', async () => {
    const log = [event(1), event(2), event(3)];
    const { store, reads } = fakeStore(log, 1);
    const hub = new Hub(store);
    await hub.start();
    hub.offer([event(3)]);
    await expect.poll(() => hub.head).toBe(3);
    expect(reads).toEqual([1]);
    hub.offer([event(2)]);
    expect((await hub.eventsAfter(1)).map((e) => e.id)).toEqual([2, 3]);
  });
});
