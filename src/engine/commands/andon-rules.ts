// The andon and pace-board rules: answering a call for help, and saying why an hour missed its plan. Both only log.
import { err } from '../result.ts';
import type { CommandOf } from './command.ts';
import { decided, envelope, trimmedReason, type DecideContext, type Decided } from './decision.ts';
import type { Snapshot } from './state.ts';

/** "Help is coming": someone answers a blocked card's andon. Only an open andon (a blocked card) can be answered. */
export function acknowledgeAndon(state: Snapshot, c: CommandOf<'andon.acknowledge'>, ctx: DecideContext): Decided {
  const card = state.cards[c.cardId];
  if (!card || card.retired) return err('This card is no longer on the board.', 'not-found');
  if (!card.blocked) return err('This card is not blocked, so there is no andon to answer.', 'invalid');
  const by = trimmedReason(c.by) ?? ctx.who;
  if (by.length > 80) return err('The name is longer than 80 characters.', 'invalid');
  return decided([{ ...envelope(ctx, card.streamId), type: 'andon-acknowledged', cardId: card.id, stageId: card.stageId, by }], { id: card.id });
}

/** Why an hour of the pace board missed its plan, logged against the hour's start. */
export function explainPaceHour(state: Snapshot, c: CommandOf<'pace.reason'>, ctx: DecideContext): Decided {
  if (!state.streams[c.streamId]) return err('This value stream no longer exists.', 'not-found');
  if (!Number.isFinite(c.hourStart) || c.hourStart < 0) return err('The hour is not a valid time.', 'invalid');
  const reason = trimmedReason(c.reason);
  if (!reason) return err('Say why the hour missed its plan.', 'invalid');
  if (reason.length > 200) return err('The reason is longer than 200 characters.', 'invalid');
  if (c.hourStart > ctx.now) return err('That hour has not started yet.', 'invalid');
  return decided([{ ...envelope(ctx, c.streamId), type: 'pace-reason', hourStart: c.hourStart, reason }], {});
}
