// Simulation jobs of the engine API: long runs go to a worker of their own, with progress, and can be cancelled.
import { simulatePullLine, type PullLineInput, type SimProgress } from '../simulate/pull-line.ts';

export const simulateJobs = {
  simulatePullLine: (input: PullLineInput, report: (progress: SimProgress) => void) => simulatePullLine(input, report),
};
