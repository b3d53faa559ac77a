// The engine's API as the worker exposes it: quick calls and long jobs. The client's types come from these objects.
import { availableTime } from './calendar.ts';
import { pitch, taktFromCalendar } from './takt.ts';

export const engineApi = {
  availableTime,
  taktFromCalendar,
  pitch,
};

/** Long jobs get their arguments and a progress reporter; they run in a worker of their own and can be cancelled. */
export const engineJobs = {};

export type EngineApi = typeof engineApi;
export type EngineJobs = typeof engineJobs;
