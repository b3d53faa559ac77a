// The messages between the main thread and the engine worker: generic envelopes, typed per call by the engine's own API.
export type WorkerRequest =
  | { kind: 'call'; id: number; name: string; args: unknown[] }
  | { kind: 'job'; id: number; name: string; args: unknown[] };

export type WorkerResponse =
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'failure'; id: number; error: string }
  | { kind: 'progress'; id: number; progress: unknown };
