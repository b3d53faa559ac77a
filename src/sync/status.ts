// What a screen shows about sync, posted by the store worker to the page: kept free of runtime imports, so the page
// bundle does not pull in the sync client.
import type { Command } from '../engine/commands/index.ts';
import type { Role } from './protocol.ts';

export type SyncState = 'local' | 'connecting' | 'online' | 'offline';

/** A command the server refused after this screen had applied it: what the screen tells the person. */
export interface Bounce {
  commandId: string;
  /** Epoch ms the server's refusal arrived. */
  at: number;
  type: Command['type'];
  /** "Your move of card P-100 to Paint bounced: Paint filled up on another screen (card P-200 pulled by …)". */
  text: string;
  cardId?: string;
  streamId?: string;
}

export interface SyncStatus {
  joined: boolean;
  state: SyncState;
  server?: string;
  role?: Role;
  label?: string;
  /** The last server sequence number applied here. */
  head: number;
  /** Commands made here that the server has not confirmed yet. */
  waiting: number;
  /** Cards changed by those commands (shown as waiting for the server). */
  provisional: string[];
  /** Commands the server refused, newest first. */
  bounces: Bounce[];
  /** What went wrong with the connection last, in words. */
  problem?: string;
}

export const LOCAL_STATUS: SyncStatus = { joined: false, state: 'local', head: 0, waiting: 0, provisional: [], bounces: [] };
