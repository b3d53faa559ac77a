// The app's shared state: the store, the engine client, the current view and value stream; shared through context.
import { getContext } from 'svelte';
import type { TaktDb } from '../../db/schema.ts';
import type { EngineClient } from '../../worker/engine-client.ts';
import type { CommandSink } from '../../worker/store-client.ts';
import type { Command } from '../../engine/commands/index.ts';
import type { CommandResult } from '../../db/apply.ts';
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

  /** Absolute time (timeOrigin + now) the last command was committed at: what the board's drop-to-commit measure ends on. */
  lastCommitAt = 0;

  constructor(
    readonly db: TaktDb,
    readonly engine: EngineClient,
    private readonly store: CommandSink,
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

  /** The one way a view changes anything: a typed command, decided by the engine's rule and applied in one transaction. */
  async send(command: Command): Promise<CommandResult> {
    const sent = await this.store.send(command, { who: this.operator, commandId: crypto.randomUUID() });
    this.lastCommitAt = sent.committedAt;
    return sent.result;
  }

  async selectStream(id: string) {
    this.streamId = id;
    await this.db.settings.put({ key: 'currentStreamId', value: id });
  }
}

/** The context key under which main.ts hands the app state to the component tree. */
export const APP_CONTEXT = Symbol('taktboard-app');
export const getApp = () => getContext<AppState>(APP_CONTEXT);
