// How the event log names each kind of event and where it happened, in the words of the board.
import type { BoardEvent } from '../../engine/events.ts';

export const EVENT_WHAT: Record<BoardEvent['type'], string> = {
  create: 'Created',
  move: 'Moved',
  undo: 'Undo',
  edit: 'Edited',
  block: 'Blocked',
  unblock: 'Unblocked',
  complete: 'Completed',
  retire: 'Retired',
  'limit-change': 'Limit changed',
  'stream-created': 'Value stream created',
  'stream-renamed': 'Value stream renamed',
  'calendar-set': 'Shift calendar changed',
  'stage-added': 'Stage added',
  'stage-renamed': 'Stage renamed',
  'stages-reordered': 'Stages reordered',
  'stage-removed': 'Stage removed',
  'stage-policy-set': 'Limit policy changed',
  'stage-loop-set': 'Sizing loop changed',
  'part-added': 'Part added',
  'part-updated': 'Part changed',
  'loop-added': 'Loop added',
  'loop-updated': 'Loop changed',
  'cell-laid-out': 'Balance changed',
  'elements-changed': 'Work elements changed',
  'scenario-saved': 'Scenario saved',
  'scenario-deleted': 'Scenario deleted',
  'layout-undone': 'Balance change undone',
  'cell-cycle-set': 'Balancing cycle changed',
  'move-refused': 'Refused',
  'andon-acknowledged': 'Andon answered',
  'pace-reason': 'Missed hour explained',
};

/** The card an event is about, if any. */
export const eventCard = (event: BoardEvent): string | undefined => ('cardId' in event ? event.cardId : undefined);

export function eventWhere(event: BoardEvent, stageName: (id: string | undefined) => string): string {
  switch (event.type) {
    case 'limit-change':
      return `${stageName(event.stageId)}: ${event.oldLimit} → ${event.newLimit}`;
    case 'move':
    case 'undo':
    case 'move-refused':
      return `${stageName(event.from)} → ${stageName(event.to)}`;
    case 'create':
      return stageName(event.to);
    case 'block':
    case 'unblock':
    case 'complete':
    case 'retire':
    case 'stage-renamed':
    case 'stage-removed':
    case 'stage-policy-set':
    case 'stage-loop-set':
      return stageName(event.stageId);
    case 'stage-added':
      return event.stage.name;
    case 'part-added':
    case 'part-updated':
      return event.part.partNumber;
    case 'loop-added':
    case 'loop-updated':
      return event.loop.name;
    default:
      return '';
  }
}

export const eventWhy = (event: BoardEvent): string => ('reason' in event && event.reason ? event.reason : '');
