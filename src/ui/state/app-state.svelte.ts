// The app's shared state: the store, the engine client, the current view and value stream; shared through context.
import { getContext } from 'svelte';
import type { TaktDb } from '../../db/schema.ts';
import type { EngineClient } from '../../worker/engine-client.ts';
import { seedDemoIfEmpty } from '../../db/seed.ts';

export type View = 'board' | 'stream' | 'flow' | 'simulate' | 'balance' | 'settings';
const VIEWS: View[] = ['board', 'stream', 'flow', 'simulate', 'balance', 'settings'];

function viewFromHash(hash: string): View {
  const name = hash.replace(/^#\/?/, '') as View;
  return VIEWS.includes(name) ? name : 'board';
}

export class AppState {
  view = $state<View>(viewFromHash(location.hash));
  streamId = $state<string | null>(null);
  ready = $state(false);
  startupError = $state<string | null>(null);
  /** Who is recorded in the event log for moves made on this screen. */
  operator = $state('Shop floor');

  constructor(
    readonly db: TaktDb,
    readonly engine: EngineClient,
  ) {
    addEventListener('hashchange', () => (this.view = viewFromHash(location.hash)));
  }

  async start() {
    try {
      await seedDemoIfEmpty(this.db, () => fetch('/demo-line.json').then((r) => r.text()), Date.now());
      const saved = await this.db.settings.get('currentStreamId');
      const first = await this.db.streams.orderBy('name').first();
      const savedId = typeof saved?.value === 'string' && (await this.db.streams.get(saved.value)) ? saved.value : null;
      this.streamId = savedId ?? first?.id ?? null;
      const operator = await this.db.settings.get('operator');
      if (typeof operator?.value === 'string') this.operator = operator.value;
      this.ready = true;
    } catch (error) {
      this.startupError = (error as Error).message;
    }
  }

  async selectStream(id: string) {
    this.streamId = id;
    await this.db.settings.put({ key: 'currentStreamId', value: id });
  }
}

/** The context key under which main.ts hands the app state to the component tree. */
export const APP_CONTEXT = Symbol('taktboard-app');
export const getApp = () => getContext<AppState>(APP_CONTEXT);
