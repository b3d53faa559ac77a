// Entry point: opens the store, starts the engine worker and mounts the app.
import { mount } from 'svelte';
import App from './App.svelte';
import { TaktDb } from './db/schema.ts';
import { EngineClient } from './worker/engine-client.ts';
import { WorkerSink } from './worker/store-client.ts';
import { APP_CONTEXT, AppState } from './ui/state/app-state.svelte.ts';
import { appUpdate } from './ui/shell/app-update.svelte.ts';
import './ui/shell/global.css';

const db = new TaktDb();
const app = new AppState(db, new EngineClient(), new WorkerSink(db.name));
mount(App, { target: document.getElementById('app')!, context: new Map([[APP_CONTEXT, app]]) });
appUpdate.register();
// Ask once per start for persistent storage, so the browser does not clear the board to free space (Settings shows the
// answer and what to do if it was refused). Browsers answer without a prompt, from how the site is used.
void navigator.storage?.persisted?.().then((kept) => (kept ? true : navigator.storage.persist?.())).catch(() => undefined);
