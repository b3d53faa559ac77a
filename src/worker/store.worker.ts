// The store worker: owns the command path's IndexedDB writes, so a busy main thread right after a drop never delays a
// commit. On a screen joined to a sync server it also owns the connection: commands are applied provisionally and
// queued, the server's events applied as they come (src/sync/client.ts).
import { TaktDb } from '../db/schema.ts';
import { err, ok } from '../engine/result.ts';
import { storageFailureMessage } from '../db/storage-errors.ts';
import { SyncClient, type SocketLike } from '../sync/client.ts';
import { MAX_BACKUP_BYTES, importBackupText, previewBackupText, undoLastImport } from '../db/backup.ts';
import type { BackupRequest, ControlRequest, StoreRequest, StoreResponse } from './store-protocol.ts';

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

/** A backup read, checked and written here, off the page's thread; any failure comes back as a message. */
async function backup(request: BackupRequest, store: Store) {
  try {
    if (request.op === 'undo') return await undoLastImport(store.db);
    const size = request.file.size;
    // The size cap is checked (again) before the file is read.
    const text = size > MAX_BACKUP_BYTES ? '' : await request.file.text();
    return request.op === 'preview' ? await previewBackupText(store.db, text, size) : await importBackupText(store.db, text, size);
  } catch (error) {
    return { ok: false as const, error: `The backup could not be read: ${(error as Error)?.message ?? String(error)}` };
  }
}

scope.addEventListener('message', async (event: MessageEvent<StoreRequest>) => {
  const request = event.data;
  const receivedAt = performance.timeOrigin + performance.now();
  const store = storeFor(request.dbName);
  if (request.kind === 'backup') {
    post({ id: request.id, kind: 'backup', result: await backup(request, store) });
    return;
  }
  if (request.kind === 'start' || request.kind === 'join' || request.kind === 'leave') {
    post({ id: request.id, kind: 'control', result: await control(request, store).catch((error: unknown) => err(storageFailureMessage(error), 'storage')) });
    return;
  }
  // Whatever the storage throws (a full disk, a closed database) comes back as a message, never as a lost answer.
  const result = await store.sync.command(request.command, request.meta).catch((error: unknown) => err(storageFailureMessage(error), 'storage'));
  // Absolute time, comparable with the page's clock: performance.timeOrigin differs between the page and this worker.
  post({ id: request.id, result, committedAt: performance.timeOrigin + performance.now(), receivedAt });
});
