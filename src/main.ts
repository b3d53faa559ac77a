// Entry point: opens the store, starts the engine worker and mounts the app.
import { mount } from 'svelte';
import App from './App.svelte';
import { TaktDb } from './db/schema.ts';
import { EngineClient } from './worker/engine-client.ts';
import { APP_CONTEXT, AppState } from './ui/state/app-state.svelte.ts';
import './ui/shell/global.css';

const app = new AppState(new TaktDb(), new EngineClient());
mount(App, { target: document.getElementById('app')!, context: new Map([[APP_CONTEXT, app]]) });
