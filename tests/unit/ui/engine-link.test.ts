// The views' link to the engine worker: a worker that cannot start fails every call at once, and a retry starts a new one.
import { describe, expect, it, vi } from 'vitest';
import { EngineLink, isWorkerFailure, type EngineCalls } from '../../../src/ui/state/engine-link.svelte.ts';

/** A fake client: `fail` rejects every pending call as the real client does when its worker fires an error. */
function fakeClient(behaviour: 'works' | 'fails' | 'silent') {
  const pending: ((error: Error) => void)[] = [];
  let disposed = false;
  const client = {
    call: vi.fn((name: string, ...args: unknown[]) => {
      if (behaviour === 'works') return Promise.resolve({ ok: true, value: { name, args } });
      return new Promise((_, reject) => {
        pending.push(reject);
        if (behaviour === 'fails') queueMicrotask(() => reject(new Error('The engine worker failed: could not start')));
      });
    }),
    job: vi.fn(() => ({ outcome: Promise.resolve({ status: 'cancelled' as const }), cancel() {} })),
    dispose: () => {
      disposed = true;
      for (const reject of pending) reject(new Error('terminated'));
    },
    get disposed() {
      return disposed;
    },
  };
  return client as typeof client & EngineCalls;
}

describe('EngineLink', () => {
  it('passes calls to a working worker', async () => {
    const link = new EngineLink(fakeClient('works'));
    await expect(link.call('availableTime', { shifts: [], workingDaysPerWeek: 5 })).resolves.toMatchObject({ ok: true });
    expect(link.failure).toBeNull();
  });

  it('fails every call at once, without waiting, once the worker could not start', async () => {
    const dead = fakeClient('fails');
    const link = new EngineLink(dead);
    await expect(link.call('availableTime', { shifts: [], workingDaysPerWeek: 5 })).rejects.toThrow('The engine worker failed: could not start');
    expect(link.failure).toBe('The engine worker failed: could not start');
    const calls = dead.call.mock.calls.length;
    await expect(link.call('availableTime', { shifts: [], workingDaysPerWeek: 5 })).rejects.toThrow('could not start');
    expect(dead.call.mock.calls.length).toBe(calls);
  });

  it('takes a worker that never answers its first call as gone', async () => {
    vi.useFakeTimers();
    try {
      const link = new EngineLink(fakeClient('silent'), () => fakeClient('works'), 1000);
      const call = link.call('availableTime', { shifts: [], workingDaysPerWeek: 5 });
      const failed = expect(call).rejects.toThrow('did not start within 1 s');
      await vi.advanceTimersByTimeAsync(1000);
      await failed;
      expect(link.failure).toMatch(/did not start/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('restart replaces a failed worker, bumps the generation and calls go through again', async () => {
    const dead = fakeClient('fails');
    const fresh = fakeClient('works');
    const link = new EngineLink(dead, () => fresh);
    await expect(link.call('availableTime', { shifts: [], workingDaysPerWeek: 5 })).rejects.toThrow();
    link.restart();
    expect(dead.disposed).toBe(true);
    expect(link.generation).toBe(1);
    expect(link.failure).toBeNull();
    await expect(link.call('availableTime', { shifts: [], workingDaysPerWeek: 5 })).resolves.toMatchObject({ ok: true });
  });

  it('keeps a working worker on restart', () => {
    const working = fakeClient('works');
    const make = vi.fn(() => fakeClient('works'));
    const link = new EngineLink(working, make);
    link.restart();
    expect(make).not.toHaveBeenCalled();
    expect(link.generation).toBe(0);
  });

  it('an engine error is passed on without taking the worker as gone', async () => {
    const client = fakeClient('works');
    client.call.mockImplementation((name: string) =>
      name === 'pitch' ? Promise.resolve({ ok: true, value: {} }) : Promise.reject(new Error('Engine error in flowMetrics: boom')),
    );
    const link = new EngineLink(client);
    await expect(link.call('availableTime', { shifts: [], workingDaysPerWeek: 5 })).rejects.toThrow('boom');
    expect(link.failure).toBeNull();
  });

  it('jobs go to the current client', () => {
    const client = fakeClient('works');
    const link = new EngineLink(client);
    link.job('salbp1', { elements: [], cycle: 60 });
    expect(client.job).toHaveBeenCalledWith('salbp1', { elements: [], cycle: 60 }, undefined);
  });

  it('knows a worker failure from an engine error', () => {
    expect(isWorkerFailure(new Error('The engine worker failed: could not start'))).toBe(true);
    expect(isWorkerFailure(new Error('terminated'))).toBe(true);
    expect(isWorkerFailure(new Error('Engine error in pitch: x'))).toBe(false);
    expect(isWorkerFailure('The engine worker failed')).toBe(false);
  });
});
