// The app's shared state: the store, the engine client, the current view and value stream; shared through context.
import { getContext } from 'svelte';
import type { TaktDb } from '../../db/schema.ts';
import type { EngineClient } from '../../worker/engine-client.ts';
import type { CommandSink } from '../../worker/store-client.ts';
import type { Command } from '../../engine/commands/index.ts';
import type { CommandResult } from '../../db/apply.ts';
import { seedDemoIfEmpty, shiftDemoTimes } from '../../db/seed.ts';
import { exportBackup, importBackupText, importParsed, safeParse, type Backup, type ImportResult } from '../../db/backup.ts';
import { allStreams, saveSetting, setting } from '../../db/queries.ts';

const loadDemo = () => fetch('/demo-line.json').then((r) => r.text());

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
      await seedDemoIfEmpty(this.db, loadDemo, Date.now());
      const [saved, streams, operator] = await Promise.all([setting(this.db, 'currentStreamId'), allStreams(this.db), setting(this.db, 'operator')]);
      const savedId = streams.some((stream) => stream.id === saved) ? (saved as string) : null;
      this.streamId = savedId ?? streams[0]?.id ?? null;
      if (typeof operator === 'string') this.operator = operator;
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
    await saveSetting(this.db, 'currentStreamId', id);
  }

  /** Keeps who this screen records moves as. */
  async saveOperator() {
    await saveSetting(this.db, 'operator', this.operator);
  }

  /** Everything on this device as a backup. */
  backup(): Promise<Backup> {
    return exportBackup(this.db, Date.now());
  }

  /** Replaces everything with a backup file's contents (all or nothing), then opens it as at startup. */
  async restore(text: string, byteLength: number): Promise<ImportResult> {
    const result = await importBackupText(this.db, text, byteLength);
    if (result.ok) await this.start();
    return result;
  }

  /** Replaces everything with the demo line, moved in time to end now. */
  async restoreDemo(): Promise<ImportResult> {
    const result = await importParsed(this.db, shiftDemoTimes(safeParse(await loadDemo()) as Backup, Date.now()));
    if (result.ok) await this.start();
    return result;
  }
}

/** The context key under which main.ts hands the app state to the component tree. */
export const APP_CONTEXT = Symbol('taktboard-app');
export const getApp = () => getContext<AppState>(APP_CONTEXT);
