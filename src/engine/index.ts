// The engine's API as the worker exposes it: quick calls and long jobs. The client's types come from these objects.
import { availableTime } from './calendar.ts';
import { pitch, taktFromCalendar } from './takt.ts';
import { balanceApi } from './api/balance-api.ts';
import { balanceJobs } from './api/balance-jobs.ts';
import { flowApi } from './api/flow-api.ts';
import { limitsApi } from './api/limits-api.ts';
import { forecastApi } from './api/forecast-api.ts';
import { stockApi } from './api/stock-api.ts';
import { simulateApi, simulateJobs } from './api/simulate-api.ts';

export const engineApi = {
  availableTime,
  taktFromCalendar,
  pitch,
  ...limitsApi,
  ...flowApi,
  ...balanceApi,
  ...forecastApi,
  ...stockApi,
  ...simulateApi,
};

/** Long jobs get their arguments and a progress reporter; they run in a worker of their own and can be cancelled. */
export const engineJobs = {
  ...balanceJobs,
  ...simulateJobs,
};

export type EngineApi = typeof engineApi;
export type EngineJobs = typeof engineJobs;
