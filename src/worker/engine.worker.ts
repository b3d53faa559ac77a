// The engine's home in the app: a module worker that answers calls and runs long jobs with progress.
import { engineApi, engineJobs } from '../engine/index.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

type AnyFn = (...args: unknown[]) => unknown;
type AnyJob = (args: unknown, report: (progress: unknown) => void, now: () => number) => unknown;

const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message);
/** The engine reads no clock of its own, so jobs get the worker's; performance.now is monotonic, Date.now is not. */
const clock = (): number => performance.now();

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.kind === 'call') {
      const fn = (engineApi as unknown as Record<string, AnyFn>)[request.name];
      if (!fn) throw new Error(`unknown engine call "${request.name}"`);
      post({ kind: 'result', id: request.id, value: fn(...request.args) });
    } else {
      const job = (engineJobs as unknown as Record<string, AnyJob>)[request.name];
      if (!job) throw new Error(`unknown engine job "${request.name}"`);
      const value = job(request.args[0], (progress) => post({ kind: 'progress', id: request.id, progress }), clock);
      post({ kind: 'result', id: request.id, value });
    }
  } catch (error) {
    // A bug in the engine must not leave the caller waiting forever: it comes back as a message.
    post({ kind: 'failure', id: request.id, error: `Engine error in ${request.name}: ${(error as Error)?.message ?? String(error)}` });
  }
});
