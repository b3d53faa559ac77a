// The public line-balancing API: parsers, validation, metrics and the SALBP-1 / SALBP-2 solvers.
export type { BalanceInstance, Clock, SolveOptions, SolveProgress, SolveResult } from './instance.ts';
export type { BalanceMetrics, Violation } from './metrics.ts';
export type { ValidInstance } from './validate.ts';
export { validateInstance, validateStations } from './validate.ts';
export { parseIn2 } from './parse-in2.ts';
export { parseAlb } from './parse-alb.ts';
export { balanceMetrics } from './metrics.ts';
export { solveSalbp1 } from './salbp1.ts';
export { solveSalbp2 } from './salbp2.ts';
export { stationLowerBound, cycleLowerBound } from './bounds.ts';
export type { LevelResult } from './level.ts';
export { levelBalance, smoothnessOf } from './level.ts';
