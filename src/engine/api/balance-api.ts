// The line-balancing calls the engine worker answers, and the one module the UI imports the balance types from.
import { validateElements } from './balance-board.ts';
import { boardReport } from './balance-report.ts';
import { compareBalances } from './scenario-compare.ts';
import { balanceCsv, parseElementsCsv, parseInstanceFile } from './balance-csv.ts';
import { importCycle, readImportFile } from './balance-import.ts';

export type { BoardBalance, BoardElement } from './balance-board.ts';
export type { BoardReport, StationReport } from './balance-report.ts';
export type { BalanceSnapshot, ScenarioComparison, ScenarioFigures } from './scenario-compare.ts';
export type { CsvElement } from './balance-csv.ts';
export type { ImportedFile } from './balance-import.ts';
export type { JobProgress, LevelSummary, Proposal, SolveJobArgs } from './balance-jobs.ts';
export { validateElements, boardReport, compareBalances, parseElementsCsv, parseInstanceFile, balanceCsv, readImportFile, importCycle };

export const balanceApi = {
  validateElements,
  boardReport,
  compareBalances,
  parseElementsCsv,
  parseInstanceFile,
  balanceCsv,
  readImportFile,
  importCycle,
};
