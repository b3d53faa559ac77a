// The typed client of the engine worker: answers come from a real worker, errors come back as values or messages.
import '@vitest/web-worker';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../../src/worker/engine-client.ts';
import { piecesPerDay, seconds, pieces } from '../../../src/engine/units.ts';

const calendar = {
  shifts: [{ name: 'Day', startMinute: 360, endMinute: 870, breaks: [{ name: 'Meal', minutes: 50 }], plannedDowntimeMinutes: 0 }],
  workingDaysPerWeek: 5,
};

// One client for the file, as in the app. vitest's worker emulation runs worker code on the test's own thread and
// does not restart workers after a terminate, so cancelling a running job is tested in a real browser (e2e) instead.
const client = new EngineClient();
afterAll(() => client.dispose());

describe('EngineClient', () => {
  it('computes takt in the worker from a shift calendar and demand', async () => {
    const result = await client.call('taktFromCalendar', calendar, piecesPerDay(460));
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.takt).toBe(60);
  });

  it('returns bad input as an error value with a message, not an exception', async () => {
    const result = await client.call('taktFromCalendar', calendar, piecesPerDay(0));
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/demand must be more than 0/) });
  });

  it('answers many concurrent calls, each with its own result', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => client.call('pitch', seconds(60), pieces(n))));
    expect(results.map((r) => r.ok && r.value.pitch)).toEqual([60, 120, 180, 240, 300]);
  });

  it('turns an unknown call into a rejected promise with a message', async () => {
    const call = (client as unknown as { call(name: string): Promise<unknown> }).call('noSuchCall');
    await expect(call).rejects.toThrow(/unknown engine call "noSuchCall"/);
  });
});

describe('EngineClient jobs', () => {
  const input = {
    stages: [
      { id: 'a', name: 'Cut', cardLimit: 3, meanSeconds: 50, cv: 0.5 },
      { id: 'b', name: 'Weld', cardLimit: 3, meanSeconds: 55, cv: 0.5 },
    ],
    demandIntervalSeconds: 60,
    demandCv: 0.3,
    warmupHours: 1,
    seed: 3,
  };

  it('runs a long job in its own worker and reports progress on the way', async () => {
    const progress: number[] = [];
    const job = client.job('simulatePullLine', { ...input, hours: 50 }, (p) => progress.push(p.fraction));
    const outcome = await job.outcome;
    expect(outcome.status).toBe('done');
    expect(outcome.status === 'done' && outcome.value.ok && outcome.value.value.shipped).toBeGreaterThan(2500);
    expect(progress.length).toBeGreaterThan(5);
  });

  it('returns bad job input as an error value', async () => {
    const outcome = await client.job('simulatePullLine', { ...input, hours: 10, demandIntervalSeconds: 0 }).outcome;
    expect(outcome).toEqual({ status: 'done', value: { ok: false, error: expect.stringMatching(/withdrawals must be more than 0/) } });
  });

});
