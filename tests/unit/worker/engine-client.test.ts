// The typed client of the engine worker: answers come from a real worker, errors come back as values or messages.
import '@vitest/web-worker';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../../../src/worker/engine-client.ts';
import { piecesPerDay, seconds, pieces } from '../../../src/engine/units.ts';

const calendar = {
  shifts: [{ name: 'Day', startMinute: 360, endMinute: 870, breaks: [{ name: 'Meal', minutes: 50 }], plannedDowntimeMinutes: 0 }],
  workingDaysPerWeek: 5,
};

let client: EngineClient;
afterEach(() => client?.dispose());

describe('EngineClient', () => {
  it('computes takt in the worker from a shift calendar and demand', async () => {
    client = new EngineClient();
    const result = await client.call('taktFromCalendar', calendar, piecesPerDay(460));
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.takt).toBe(60);
  });

  it('returns bad input as an error value with a message, not an exception', async () => {
    client = new EngineClient();
    const result = await client.call('taktFromCalendar', calendar, piecesPerDay(0));
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/demand must be more than 0/) });
  });

  it('answers many concurrent calls, each with its own result', async () => {
    client = new EngineClient();
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => client.call('pitch', seconds(60), pieces(n))));
    expect(results.map((r) => r.ok && r.value.pitch)).toEqual([60, 120, 180, 240, 300]);
  });

  it('turns an unknown call into a rejected promise with a message', async () => {
    client = new EngineClient();
    const call = (client as unknown as { call(name: string): Promise<unknown> }).call('noSuchCall');
    await expect(call).rejects.toThrow(/unknown engine call "noSuchCall"/);
  });
});
