// Demand-forecast calls of the engine API: fitting, errors, best-fit choice, and next period's takt and cards for a part.
import type { KanbanLoop, ShiftCalendar } from '../model.ts';
import type { Seconds } from '../units.ts';
import { err, ok, type Result } from '../result.ts';
import { availableTime } from '../calendar.ts';
import {
  fitForecast,
  forecastErrors,
  planFromForecast,
  type Forecast,
  type ForecastMethod,
  type NextPeriodPlan,
} from '../forecast.ts';

/** A method to fit, or 'best' to fit every candidate and keep the one with the lowest error. */
export type MethodChoice = ForecastMethod | 'best';

/** The methods "best fit" compares: no trend, trend, trend and weekly season. */
export const BEST_FIT_CANDIDATES: readonly ForecastMethod[] = ['ses', 'holt', 'holt-winters-additive'];

export interface PartForecastInput {
  /** Pieces per working day, oldest first. */
  history: readonly number[];
  method: MethodChoice;
  horizon: number;
  /** Working days per season (5 for a weekly pattern); used by Holt-Winters only. */
  seasonLength: number;
  calendar: ShiftCalendar;
  /** The part's loops, re-sized at the forecast demand. */
  loops: readonly KanbanLoop[];
}

/** How one candidate method did on the history (in-sample one-step-ahead errors), or why it could not be fitted. */
export type CandidateFit =
  | { method: ForecastMethod; ok: true; mae: number; mape: number | null }
  | { method: ForecastMethod; ok: false; error: string };

export interface PartForecast {
  forecast: Forecast;
  /** Every method tried: one for a named method, all candidates for best fit. */
  candidates: CandidateFit[];
  /** Why the chosen method was chosen, in a sentence. */
  choice: string;
  /** Net available time per working day from the stream's calendar, or why there is none. */
  availablePerDay: Result<Seconds>;
  /** Next period's takt and card counts, or why they cannot be planned (the forecast stays shown). */
  plan: Result<NextPeriodPlan>;
}

/**
 * Best fit ranks methods by in-sample MAE of the one-step-ahead forecasts: each fitted value only uses the periods
 * before it, so it measures forecasting, not curve fitting. MAE rather than MAPE because MAPE is undefined on days
 * with no demand. Ties go to the simpler method (candidates are listed simplest first).
 */
function chooseBest(fits: { method: ForecastMethod; result: Result<Forecast> }[]): Forecast | null {
  let best: Forecast | null = null;
  for (const { result } of fits) {
    if (result.ok && (best === null || result.value.errors.mae < best.errors.mae)) best = result.value;
  }
  return best;
}

const METHOD_NAMES: Record<ForecastMethod, string> = {
  ses: 'Simple exponential smoothing',
  holt: "Holt's linear trend",
  'holt-winters-additive': 'Holt-Winters (additive season)',
  'holt-winters-multiplicative': 'Holt-Winters (multiplicative season)',
};

/** One round trip for the forecast panel: fit (or pick the best fit), then turn next period's demand into takt and cards. */
export function forecastPart(input: PartForecastInput): Result<PartForecast> {
  const methods = input.method === 'best' ? BEST_FIT_CANDIDATES : [input.method];
  const fits = methods.map((method) => ({
    method,
    result: fitForecast(input.history, { method, horizon: input.horizon, seasonLength: input.seasonLength }),
  }));
  const candidates: CandidateFit[] = fits.map(({ method, result }) =>
    result.ok
      ? { method, ok: true, mae: result.value.errors.mae, mape: result.value.errors.mape }
      : { method, ok: false, error: result.error },
  );
  const forecast = chooseBest(fits);
  // Input problems (empty history, horizon 0) are the same for every method; the first one says what to fix.
  if (!forecast) return err(fits[0]?.result.ok === false ? fits[0].result.error : 'No forecast method could be fitted.');
  const choice =
    input.method === 'best'
      ? `${METHOD_NAMES[forecast.method]} has the lowest in-sample one-step-ahead MAE of the ${candidates.filter((c) => c.ok).length} methods that could be fitted.`
      : `${METHOD_NAMES[forecast.method]}, as chosen.`;
  const time = availableTime(input.calendar);
  const availablePerDay: Result<Seconds> = time.ok ? ok(time.value.perDay) : err(`The stream's calendar: ${time.error}`);
  const plan = availablePerDay.ok ? planFromForecast(forecast, availablePerDay.value, input.loops) : availablePerDay;
  return ok({ forecast, candidates, choice, availablePerDay, plan });
}

export const forecastApi = {
  fitForecast,
  forecastErrors,
  planFromForecast,
  forecastPart,
};
