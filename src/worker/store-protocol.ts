// The messages between a screen and the store worker: a command with who sent it, and its result with the commit time.
import type { Command } from '../engine/commands/index.ts';
import type { CommandMeta, CommandResult } from '../db/apply.ts';

export interface StoreRequest {
  id: number;
  dbName: string;
  command: Command;
  meta: CommandMeta;
}

export interface StoreResponse {
  id: number;
  result: CommandResult;
  /** performance.timeOrigin + performance.now() in the worker when the transaction had committed. */
  committedAt: number;
}
