// The pull rule: a stage takes a card only while it is under its card limit; a soft limit can be passed with a reason.
import type { Stage } from '../model.ts';
import { err, type Err, type StageLoad } from '../result.ts';

export function stageLoad(stage: Stage, count: number): StageLoad {
  return { id: stage.id, name: stage.name, cardLimit: stage.cardLimit, policy: stage.policy, count };
}

/**
 * Why `stage`, holding `count` active cards, may not take one more card, or null when it may. A hard stage at its limit
 * refuses (`full`); a soft one takes the card only with a reason (`needs-reason` until one is given).
 */
export function pullRefusal(stage: Stage, count: number, reason: string | undefined): Err | null {
  if (count < stage.cardLimit) return null;
  const load = stageLoad(stage, count);
  const where = `${stage.name} is full: ${count} / ${stage.cardLimit} cards`;
  if (stage.policy === 'soft') {
    if (reason && reason.trim()) return null;
    return err(`${where}. It is a soft limit: give a reason to pull over it.`, 'needs-reason', load);
  }
  return err(`${where} (hard limit). Finish or move a card out of ${stage.name} first.`, 'full', load);
}

/** True when one more card may enter a stage with this limit and policy (the simulator's form of the same rule). */
export function mayPull(limit: number, count: number, policy: Stage['policy'] = 'hard', reason?: string): boolean {
  return count < limit || (policy === 'soft' && !!reason?.trim());
}
