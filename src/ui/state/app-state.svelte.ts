// The app's shared state: the store, the engine client, the current view and value stream; shared through context.
import { getContext } from 'svelte';
import type { TaktDb } from '../../db/schema.ts';
import type { EngineClient } from '../../worker/engine-client.ts';
import type { CommandSink } from '../../worker/store-client.ts';
import type { Command } from '../../engine/commands/index.ts';
import { randomUuid } from '../../db/random-ids.ts';
import type { CommandResult } from '../../db/apply.ts';
import { seedDemoIfEmpty, shiftDemoTimes } from '../../db/seed.ts';
import { exportBackup, importParsed, preImportSavedAt, safeParse, sizeProblem, type Backup, type ImportPreview, type ImportResult } from '../../db/backup.ts';
import { allStreams, card, joinedServer, logReader, recentEvents, saveSetting, setting, SYNC_KEYS } from '../../db/queries.ts';
import { LOCAL_STATUS, type Bounce, type SyncStatus } from '../../sync/status.ts';
import type { Role } from '../../sync/protocol.ts';

/** Components say why a write failed the way the store does, without importing src/db themselves. */
export { storageFailureMessage } from '../../db/storage-errors.ts';

const loadDemo = () => fetch('/demo-line.json').then((r) => r.text());

export type View = 'board' | 'stream' | 'flow' | 'simulate' | 'balance' | 'settings' | 'tv' | 'print';
const VIEWS: View[] = ['board', 'stream', 'flow', 'simulate', 'balance', 'settings', 'tv', 'print'];

function viewFromHash(hash: string): View {
  const name = hash.replace(/^#\/?/, '') as View;
  return VIEWS.includes(name) ? name : 'board';
}

/** Whether the join link asks to publish this screen's own board to the server first (`#/join/<token>/publish`). */
const publishFromHash = (hash: string) => /^#\/?join\/[^/?#]+\/publish$/.test(hash);

/** The token of a join link (`#/join/<token>`), or null. */
function joinTokenFromHash(hash: string): string | null {
  const match = /^#\/?join\/([^/?#]+)/.exec(hash);
  return match ? decodeURIComponent(match[1]) : null;
}

const DEFAULT_OPERATOR = 'Shop floor';
const SHARED_BOARD = 'This screen shows a shared board: its board comes from the server. Leave the shared board first (Settings).';

export class AppState {
  view = $state<View>(viewFromHash(location.hash));
  streamId = $state<string | null>(null);
  ready = $state(false);
  startupError = $state<string | null>(null);
  /** Who is recorded in the event log for moves made on this screen. */
  operator = $state(DEFAULT_OPERATOR);

  /** Absolute time (timeOrigin + now) the last command was committed at: what the board's drop-to-commit measure ends on. */
  lastCommitAt = 0;
  /** When the store worker received the last command sent (absolute), 0 for a direct store. */
  lastReceivedAt = 0;

  /** Sync with a server as the store worker last reported it; a local board until it says otherwise. */
  sync = $state.raw<SyncStatus>(LOCAL_STATUS);
  /** Cards changed by commands still waiting for the server: the board draws them as provisional. */
  provisionalCards = $state.raw<ReadonlySet<string>>(new Set());
  /** The token of the join link being opened (`#/join/<token>`), or null. */
  joinToken = $state<string | null>(joinTokenFromHash(location.hash));
  /** The join link asks to publish this screen's board (with its log) to the server before joining. */
  joinPublish = $state(publishFromHash(location.hash));
  /** The newest bounce this screen's user has dismissed (its command id). */
  dismissedBounce = $state<string | null>(null);

  /** The named queries components read through, bound to this screen's store (components never see the store). */
  readonly read = {
    allStreams: () => allStreams(this.db),
    card: (id: string) => card(this.db, id),
    recentEvents: (streamId: string, limit: number) => recentEvents(this.db, streamId, limit),
    logReader: () => logReader(this.db),
    joinedServer: () => joinedServer(this.db),
  };

  constructor(
    readonly db: TaktDb,
    readonly engine: EngineClient,
    private readonly store: CommandSink,
  ) {
    addEventListener('hashchange', () => {
      this.view = viewFromHash(location.hash);
      this.joinToken = joinTokenFromHash(location.hash);
      this.joinPublish = publishFromHash(location.hash);
    });
    this.store.onStatus?.((status) => this.followSync(status));
  }

  /** Takes the worker's status; the provisional set is replaced only when its cards change, so cards redraw only then. */
  private followSync(status: SyncStatus) {
    this.sync = status;
    const cards = status.provisional;
    if (cards.length !== this.provisionalCards.size || cards.some((id) => !this.provisionalCards.has(id))) this.provisionalCards = new Set(cards);
  }

  /** Whether this screen shows a board shared through a sync server. */
  get joined(): boolean {
    return this.sync.joined;
  }

  /** A viewer screen (a TV) shows the shared board and changes nothing. */
  get isViewer(): boolean {
    return this.sync.joined && this.sync.role === 'viewer';
  }

  /** The newest bounce not dismissed yet, for the screen to show. */
  get unseenBounce(): Bounce | null {
    const newest = this.sync.bounces[0];
    return newest && newest.commandId !== this.dismissedBounce ? newest : null;
  }

  dismissBounce() {
    this.dismissedBounce = this.sync.bounces[0]?.commandId ?? null;
  }

  /**
   * Joins the board of the server this app came from with a join link's token: checks the token, then the store
   * worker connects and replaces this screen's board with the server's. The problem in words, or null when joined.
   */
  async join(token: string): Promise<string | null> {
    if (!this.store.join) return 'This screen cannot join a shared board (its store has no sync).';
    let access: { role: Role; label: string };
    try {
      const response = await fetch('/api/me', { headers: { Authorization: `Bearer ${token}` } });
      const body = (await response.json().catch(() => null)) as { role?: Role; label?: string; error?: string } | null;
      if (response.status === 401) return body?.error ?? 'This join link is not valid (unknown or revoked).';
      if (!response.ok || !body?.role) return `No Taktboard server answers at ${location.origin} (${response.status}).`;
      access = { role: body.role, label: body.label ?? body.role };
    } catch (error) {
      return `The server could not be reached: ${(error as Error).message}`;
    }
    const joined = await this.store.join(location.origin, token, access);
    if (!joined.ok) return joined.error;
    if (this.operator === DEFAULT_OPERATOR && access.label) {
      this.operator = access.label;
      await this.saveOperator();
    }
    await this.start();
    return null;
  }

  /**
   * Publishes this screen's own board (records and log) to the server with a coordinator's token, then joins it:
   * the board made here before the shop floor had a server becomes everyone's. Refused (nothing changes) when the
   * server already holds any of its records.
   */
  async publishAndJoin(token: string): Promise<string | null> {
    if (this.joined) return 'This screen already shows a shared board; leave it first to publish its own.';
    try {
      const response = await fetch('/api/publish', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(await this.backup()),
      });
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      if (!response.ok) return body?.error ?? `The server refused the board (${response.status}).`;
    } catch (error) {
      return `The server could not be reached: ${(error as Error).message}`;
    }
    return this.join(token);
  }

  /** Leaves the shared board: commands still waiting are dropped; the board as last confirmed stays on this screen. */
  async leave(): Promise<string | null> {
    if (!this.store.leave) return null;
    const left = await this.store.leave();
    if (!left.ok) return left.error;
    await this.start();
    return null;
  }

  /** Done with a join link: the board opens and the token leaves the address bar (and the history entry). */
  closeJoin() {
    history.replaceState(null, '', '#/board');
    this.joinToken = null;
    this.view = 'board';
  }

  async start() {
    try {
      // One round of reads (the board's first paint waits for it); the demo only where there is nothing yet.
      const [joined, firstSaved, firstStreams, operator] = await Promise.all([
        setting(this.db, SYNC_KEYS.joined),
        setting(this.db, 'currentStreamId'),
        allStreams(this.db),
        setting(this.db, 'operator'),
      ]);
      let [saved, streams] = [firstSaved, firstStreams];
      // A screen joined to a server gets its board from the server, never the demo.
      if (!joined && streams.length === 0 && (await seedDemoIfEmpty(this.db, loadDemo, Date.now()))) {
        [saved, streams] = await Promise.all([setting(this.db, 'currentStreamId'), allStreams(this.db)]);
      }
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
    const sent = await this.store.send(command, { who: this.operator, commandId: randomUuid() });
    this.lastCommitAt = sent.committedAt;
    this.lastReceivedAt = sent.receivedAt ?? 0;
    return sent.result;
  }

  async selectStream(id: string) {
    this.streamId = id;
    // Which stream to open next time is a preference: on a full disk the switch still happens, only it is not remembered.
    await saveSetting(this.db, 'currentStreamId', id).catch(() => undefined);
  }

  /** Keeps who this screen records moves as. */
  async saveOperator() {
    await saveSetting(this.db, 'operator', this.operator);
  }

  /** Everything on this device as a backup. */
  backup(): Promise<Backup> {
    return exportBackup(this.db, Date.now());
  }

  /**
   * Replaces everything with a backup file's contents (all or nothing), then opens it as at startup. The file is read,
   * checked and written by the store worker: a large backup never blocks the page.
   */
  async restore(file: Blob): Promise<ImportResult> {
    if (this.joined) return { ok: false, error: SHARED_BOARD };
    const tooBig = sizeProblem(file.size);
    if (tooBig) return { ok: false, error: tooBig };
    const result = await this.store.importBackup(file);
    if (result.ok) await this.start();
    return result;
  }

  /** Checks a backup file whole (in the store worker) and says what importing it would replace; writes nothing. */
  async previewRestore(file: Blob): Promise<ImportPreview> {
    if (this.joined) return { ok: false, error: SHARED_BOARD };
    const tooBig = sizeProblem(file.size);
    if (tooBig) return { ok: false, error: tooBig };
    return this.store.previewBackup(file);
  }

  /** The size cap, before a file is read at all. */
  fileTooBig(byteLength: number): string | null {
    return sizeProblem(byteLength);
  }

  /** When the data the last import replaced was kept, if any is. */
  keptBeforeImport(): Promise<number | null> {
    return preImportSavedAt(this.db);
  }

  /** Brings back the data the last import replaced. */
  async undoImport(): Promise<ImportResult> {
    if (this.joined) return { ok: false, error: SHARED_BOARD };
    const result = await this.store.undoImport();
    if (result.ok) await this.start();
    return result;
  }

  /** Replaces everything with the demo line, moved in time to end now. */
  async restoreDemo(): Promise<ImportResult> {
    if (this.joined) return { ok: false, error: SHARED_BOARD };
    const result = await importParsed(this.db, shiftDemoTimes(safeParse(await loadDemo()) as Backup, Date.now()));
    if (result.ok) await this.start();
    return result;
  }
}

/** The context key under which main.ts hands the app state to the component tree. */
export const APP_CONTEXT = Symbol('taktboard-app');
export const getApp = () => getContext<AppState>(APP_CONTEXT);
