// decide(state, command): the one entry to every rule. Pure: the same state, command and context give the same events.
import { err } from '../result.ts';
import * as balance from './balance-rules.ts';
import * as card from './card-rules.ts';
import type { Command, CommandOf, CommandType } from './command.ts';
import type { DecideContext, Decided } from './decision.ts';
import type { Snapshot } from './state.ts';
import * as stream from './stream-rules.ts';
import * as floor from './andon-rules.ts';

type Rule<T extends CommandType> = (state: Snapshot, command: CommandOf<T>, ctx: DecideContext) => Decided;

const RULES: { [T in CommandType]: Rule<T> } = {
  'card.create': card.createCard,
  'card.move': card.moveCard,
  'card.undo-move': card.undoMove,
  'card.edit': card.editCard,
  'card.block': card.blockCard,
  'card.unblock': card.unblockCard,
  'card.complete': card.completeCard,
  'card.retire': card.retireCard,
  'stream.create': stream.createStream,
  'stream.rename': stream.renameStream,
  'stream.set-calendar': stream.setCalendar,
  'stage.add': stream.addStage,
  'stage.rename': stream.renameStage,
  'stage.move': stream.moveStage,
  'stage.remove': stream.removeStage,
  'stage.set-policy': stream.setStagePolicy,
  'stage.set-loop': stream.setStageLoop,
  'stage.override-limit': stream.overrideLimit,
  'stage.apply-proposals': stream.applyProposals,
  'part.add': stream.addPart,
  'part.update': stream.updatePart,
  'part.set-demand': stream.setPartDemand,
  'part.set-history': stream.setPartHistory,
  'loop.add': stream.addLoop,
  'loop.update': stream.updateLoop,
  'element.move': balance.moveElement,
  'balance.apply': balance.applyBalance,
  'station.add': balance.addStation,
  'station.remove': balance.removeStation,
  'element.save': balance.saveElement,
  'element.delete': balance.deleteElement,
  'elements.replace': balance.replaceElements,
  'scenario.save': balance.saveScenario,
  'scenario.delete': balance.deleteScenario,
  'balance.undo': balance.undoLayout,
  'station.rename': balance.renameStation,
  'cell.set-cycle': balance.setCycle,
  'card.record-refusal': card.recordRefusal,
  'andon.acknowledge': floor.acknowledgeAndon,
  'pace.reason': floor.explainPaceHour,
};

export const COMMAND_TYPES = Object.keys(RULES) as CommandType[];

/** Validates a command against the state and applies its rule: the events to append, or why nothing may change. */
export function decide(state: Snapshot, command: Command, ctx: DecideContext): Decided {
  const rule = RULES[command?.type as CommandType] as Rule<CommandType> | undefined;
  if (!rule) return err(`Unknown command "${String(command?.type)}".`, 'invalid');
  return rule(state, command as CommandOf<CommandType>, ctx);
}
