// The store worker: owns the command path's IndexedDB writes, so a busy main thread right after a drop never delays a commit.
import { applyCommand } from '../db/apply.ts';
import { TaktDb } from '../db/schema.ts';
import type { StoreRequest, StoreResponse } from './store-protocol.ts';

const databases = new Map<string, TaktDb>();
const post = (message: StoreResponse) => (self as unknown as Worker).postMessage(message);

self.addEventListener('message', async (event: MessageEvent<StoreRequest>) => {
  const { id, dbName, command, meta } = event.data;
  let db = databases.get(dbName);
  if (!db) databases.set(dbName, (db = new TaktDb(dbName)));
  const result = await applyCommand(db, command, meta);
  // Absolute time, comparable with the page's clock: performance.timeOrigin differs between the page and this worker.
  post({ id, result, committedAt: performance.timeOrigin + performance.now() });
});
