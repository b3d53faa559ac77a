// Demand-forecast calls of the engine API: fitting, errors, best-fit choice, and next period's takt and cards for a part.
import type { KanbanLoop, ShiftCalendar } from '../model.ts';
import type { Seconds } from '../units.ts';
import { err, ok, type Result } from '../result.ts';
import { availableTime } from '../calendar.ts';
import {
  FORECAST_METHODS,
  isForecastMethod,
  fitForecast,
  readable,
  forecastErrors,
  planFromForecast,
  type Forecast,
  type ForecastMethod,
  type SmoothingParams,
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
  /**
   * Share of days the card count should cover (0.5 to 0.999): cards are sized at the demand the forecast stays at or
   * under with that probability. 0.5 (the default) sizes at the forecast itself.
   */
  serviceLevel?: number;
}

/** Out-of-sample error by rolling origin: refit on the periods before each origin, forecast the origin, compare. */
export interface RollingOriginError {
  /** How many origins (held-out periods) were forecast. */
  origins: number;
  mae: number;
  rmse: number;
}

/**
 * How one candidate method did: in-sample one-step-ahead errors, and the rolling-origin out-of-sample error (null
 * when the history is too short to hold periods out), or why it could not be fitted.
 */
export type CandidateFit =
  | { method: ForecastMethod; ok: true; mae: number; mape: number | null; outOfSample: RollingOriginError | null }
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

/** Held-out periods for best fit: the last ones, each forecast from a model refitted on the periods before it. */
export const ROLLING_ORIGINS = 10;
const MIN_ORIGINS = 4;

/**
 * Time-series cross-validation (Hyndman & Athanasopoulos, FPP 2nd ed., §3.4): for each of the last `origins`
 * periods t, fit on periods 1…t−1 and forecast period t one step ahead. Unlike the in-sample error, a model that
 * merely chases the history (α, β, γ near 1) scores badly here, so best fit cannot pick it. Uses up to a third of
 * the history; null when that is under 4 periods or any origin leaves too little history for the method.
 */
export function rollingOriginError(
  history: readonly number[], method: ForecastMethod, seasonLength: number, origins = ROLLING_ORIGINS, startFrom?: SmoothingParams,
): RollingOriginError | null {
  const n = history.length;
  const count = Math.min(origins, Math.floor(n / 3));
  // Fewer held-out periods than this is an anecdote, not an error estimate.
  if (count < MIN_ORIGINS) return null;
  let abs = 0;
  let sq = 0;
  for (let t = n - count; t < n; t++) {
    const fit = fitForecast(history.slice(0, t), { method, horizon: 1, seasonLength, startFrom });
    if (!fit.ok) return null;
    const e = history[t] - fit.value.forecast[0];
    abs += Math.abs(e);
    sq += e * e;
  }
  return { origins: count, mae: abs / count, rmse: Math.sqrt(sq / count) };
}

/**
 * Best fit ranks methods by rolling-origin out-of-sample MAE (MAE rather than MAPE because MAPE is undefined on
 * days with no demand). Methods the history is too short to cross-validate only compete when none can be, on their
 * in-sample one-step-ahead MAE. Ties go to the simpler method (candidates are listed simplest first).
 */
function chooseBest(fits: { result: Result<Forecast> }[], candidates: CandidateFit[]): { forecast: Forecast; outOfSample: boolean } | null {
  const validated = candidates.some((c) => c.ok && c.outOfSample);
  let best: { forecast: Forecast; score: number } | null = null;
  fits.forEach(({ result }, i) => {
    const c = candidates[i];
    if (!result.ok || !c.ok) return;
    const score = validated ? c.outOfSample?.mae ?? Infinity : c.mae;
    if (score < Infinity && (best === null || score < best.score)) best = { forecast: result.value, score };
  });
  const chosen = best as { forecast: Forecast; score: number } | null;
  return chosen ? { forecast: chosen.forecast, outOfSample: validated } : null;
}

const METHOD_NAMES: Record<ForecastMethod, string> = {
  ses: 'Simple exponential smoothing',
  holt: "Holt's linear trend",
  'holt-winters-additive': 'Holt-Winters (additive season)',
  'holt-winters-multiplicative': 'Holt-Winters (multiplicative season)',
};

/** One round trip for the forecast panel: fit (or pick the best fit), then turn next period's demand into takt and cards. */
export function forecastPart(input: PartForecastInput): Result<PartForecast> {
  const choiceValid = input.method === 'best' || isForecastMethod(input.method);
  if (!choiceValid) return err(`There is no forecast method "${String(input.method)}"; choose best fit or one of ${FORECAST_METHODS.join(', ')}.`);
  const serviceLevel = input.serviceLevel ?? 0.5;
  if (!Number.isFinite(serviceLevel) || serviceLevel < 0.5 || serviceLevel >= 1) {
    return err(`The service level for the card count must be between 50 % and 99.9 % (as a share, such as 0.95); got ${serviceLevel}.`);
  }
  const methods = input.method === 'best' ? BEST_FIT_CANDIDATES : [input.method];
  const fits = methods.map((method) => ({
    method,
    result: fitForecast(input.history, { method, horizon: input.horizon, seasonLength: input.seasonLength }),
  }));
  const candidates: CandidateFit[] = fits.map(({ method, result }) =>
    result.ok
      ? {
          method,
          ok: true,
          mae: result.value.errors.mae,
          mape: result.value.errors.mape,
          // Each refit starts its search from the full-history fit (see ForecastOptions.startFrom).
          outOfSample: input.method === 'best' ? rollingOriginError(input.history, method, input.seasonLength, ROLLING_ORIGINS, result.value.params) : null,
        }
      : { method, ok: false, error: result.error },
  );
  const best = chooseBest(fits, candidates);
  // Input problems (empty history, horizon 0) are the same for every method; the first one says what to fix.
  if (!best) return err(fits[0]?.result.ok === false ? fits[0].result.error : 'No forecast method could be fitted.');
  const { forecast } = best;
  const fitted = candidates.filter((c) => c.ok).length;
  const chosen = candidates.find((c) => c.method === forecast.method);
  const choice =
    input.method !== 'best'
      ? `${METHOD_NAMES[forecast.method]}, as chosen.`
      : best.outOfSample && chosen?.ok && chosen.outOfSample
        ? `${METHOD_NAMES[forecast.method]} has the lowest out-of-sample error of the ${fitted} methods that could be fitted: refitted at each of the last ${chosen.outOfSample.origins} periods and forecast one period ahead, its MAE is ${readable(chosen.outOfSample.mae)} pieces.`
        : `${METHOD_NAMES[forecast.method]} has the lowest in-sample one-step-ahead MAE of the ${fitted} methods that could be fitted (the history is too short to hold periods out).`;
  const time = availableTime(input.calendar);
  const availablePerDay: Result<Seconds> = time.ok ? ok(time.value.perDay) : err(`The stream's calendar: ${time.error}`);
  const plan = availablePerDay.ok ? planFromForecast(forecast, availablePerDay.value, input.loops, serviceLevel) : availablePerDay;
  return ok({ forecast, candidates, choice, availablePerDay, plan });
}

export const forecastApi = {
  fitForecast,
  forecastErrors,
  planFromForecast,
  forecastPart,
};
