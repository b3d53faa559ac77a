// The command layer's public face: the command union, decide, evolve and the state they work on.
export type { Command, CommandType, CommandOf, CardFields, PartFields, LoopFields, ElementInput, LimitProposal } from './command.ts';
export { decide, COMMAND_TYPES } from './decide.ts';
export type { DecideContext, Decision, Decided, Outcome } from './decision.ts';
export { MAX_NAME_LENGTH } from './decision.ts';
export { evolve, replayLog, type Change } from './evolve.ts';
export { runCommand, type Applied } from './run.ts';
export { pullRefusal, mayPull, stageLoad } from './pull-rule.ts';
export { loadFor, loadForEvent, streamOf, undoScanner, type StateReader } from './needs.ts';
export { checkCardFields } from './card-rules.ts';
export { stationName } from './balance-rules.ts';
export { emptySnapshot, countCards, stagesOf, RECORD_TABLES, type Snapshot, type RecordTable, type MoveRef } from './state.ts';
