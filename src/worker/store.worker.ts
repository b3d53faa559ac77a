// The store worker: owns the command path's IndexedDB writes, so a busy main thread right after a drop never delays a
// commit. On a screen joined to a sync server it also owns the connection: commands are applied provisionally and
// queued, the server's events applied as they come (src/sync/client.ts).
import { TaktDb } from '../db/schema.ts';
import { err, ok } from '../engine/result.ts';
import { storageFailureMessage } from '../db/storage-errors.ts';
import { SyncClient, type SocketLike } from '../sync/client.ts';
import type { ControlRequest, StoreRequest, StoreResponse } from './store-protocol.ts';

/** The worker's global scope, as far as it is used here (the DOM library's types describe a window). */
const scope = self as unknown as Pick<Worker, 'postMessage'> & { addEventListener: Window['addEventListener'] };
const post = (message: StoreResponse) => scope.postMessage(message);

interface Store {
  db: TaktDb;
  sync: SyncClient;
  /** Tells the store workers of other tabs that this one joined or left, so they follow. */
  channel: BroadcastChannel | null;
}

const stores = new Map<string, Store>();

function storeFor(dbName: string): Store {
  let store = stores.get(dbName);
  if (store) return store;
  const db = new TaktDb(dbName);
  const sync = new SyncClient(db, {
    openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    onStatus: (status) => post({ kind: 'status', dbName, status }),
  });
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`taktboard-sync:${dbName}`) : null;
  if (channel) channel.onmessage = () => void sync.start();
  store = { db, sync, channel };
  stores.set(dbName, store);
  void sync.start();
  return store;
}

scope.addEventListener('online', () => {
  for (const store of stores.values()) store.sync.retryNow();
});
scope.addEventListener('offline', () => {
  for (const store of stores.values()) store.sync.wentOffline();
});

async function control(request: ControlRequest, store: Store) {
  switch (request.kind) {
    case 'start':
      return ok({});
    case 'join': {
      const result = await store.sync.join(request.server, request.token, request.access);
      store.channel?.postMessage('joined');
      return result;
    }
    case 'leave':
      await store.sync.leave();
      store.channel?.postMessage('left');
      return ok({});
  }
}

scope.addEventListener('message', async (event: MessageEvent<StoreRequest>) => {
  const request = event.data;
  const receivedAt = performance.timeOrigin + performance.now();
  const store = storeFor(request.dbName);
  if (request.kind === 'start' || request.kind === 'join' || request.kind === 'leave') {
    post({ id: request.id, kind: 'control', result: await control(request, store).catch((error: unknown) => err(storageFailureMessage(error), 'storage')) });
    return;
  }
  // Whatever the storage throws (a full disk, a closed database) comes back as a message, never as a lost answer.
  const result = await store.sync.command(request.command, request.meta).catch((error: unknown) => err(storageFailureMessage(error), 'storage'));
  // Absolute time, comparable with the page's clock: performance.timeOrigin differs between the page and this worker.
  post({ id: request.id, result, committedAt: performance.timeOrigin + performance.now(), receivedAt });
});
