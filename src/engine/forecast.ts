// Demand forecasting: exponential smoothing (SES, Holt, Holt-Winters) fitted by least squares, errors, and next period's takt and cards.
import type { KanbanLoop } from './model.ts';
import type { PiecesPerDay, Seconds } from './units.ts';
import { piecesPerDay } from './units.ts';
import { err, ok, type Result } from './result.ts';
import { takt, type Basis, type Takt } from './takt.ts';
import { loopKanbanCount, type KanbanCount } from './kanban.ts';
import { normalQuantile } from './normal.ts';
import { validShare } from './loop-demand.ts';
import { seededRandom } from './simulate/random.ts';

export type ForecastMethod = 'ses' | 'holt' | 'holt-winters-additive' | 'holt-winters-multiplicative';

/** Every method the engine knows; anything else is refused (it once ran silently as Holt). */
export const FORECAST_METHODS: readonly ForecastMethod[] = ['ses', 'holt', 'holt-winters-additive', 'holt-winters-multiplicative'];
export const isForecastMethod = (m: unknown): m is ForecastMethod => typeof m === 'string' && (FORECAST_METHODS as readonly string[]).includes(m);

export interface SmoothingParams {
  alpha: number;
  /** Trend smoothing β* (Holt and Holt-Winters). */
  beta?: number;
  /** Seasonal smoothing γ (Holt-Winters). */
  gamma?: number;
}

export interface InitialState {
  level: number;
  trend?: number;
  /** One value per season position, oldest first (periods 1−m … 0). */
  seasonal?: number[];
}

export interface ForecastErrors {
  mae: number;
  rmse: number;
  /** Mean absolute percentage error in %, over periods whose actual is not 0; null when every actual is 0. */
  mape: number | null;
  /** Periods left out of MAPE because the actual was 0 (a percentage of nothing is undefined). */
  mapeExcluded: number;
}

/** A two-sided prediction interval at `level` (0.8 or 0.95) for each forecast period; lower bounds stop at 0 (no negative demand). */
export interface PredictionInterval {
  level: number;
  lower: number[];
  upper: number[];
}

export interface Forecast {
  method: ForecastMethod;
  params: SmoothingParams;
  initial: InitialState;
  /** One-step-ahead forecast for every period of the history. */
  fitted: number[];
  /** Forecasts for the next `horizon` periods. */
  forecast: number[];
  sse: number;
  errors: ForecastErrors;
  /** Standard deviation of the one-step errors, √(SSE / (n − fitted parameters)). */
  sigma: number;
  /** Standard deviation of the forecast error for each forecast period (grows with the horizon). */
  sd: number[];
  /** 80 % and 95 % prediction intervals. */
  intervals: PredictionInterval[];
  basis: Basis;
}

export interface ForecastOptions {
  method: ForecastMethod;
  horizon: number;
  /** Periods per season (e.g. 5 working days a week, 12 months a year); Holt-Winters only. */
  seasonLength?: number;
  /**
   * Start the parameter search here instead of on the coarse grid (a refit on a slightly shorter history, as in
   * rolling-origin validation, starts from the full fit: the same optimum, found with far fewer evaluations).
   */
  startFrom?: SmoothingParams;
}

/** A figure for a sentence a person reads: whole numbers from 100, one decimal from 10, else two (as the UI's num()). */
export const readable = (x: number): string => {
  const d = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  const r = Math.round(x * 10 ** d) / 10 ** d;
  return String(Object.is(r, -0) ? 0 : r);
};

const hasTrend = (m: ForecastMethod) => m !== 'ses';
const hasSeason = (m: ForecastMethod) => m === 'holt-winters-additive' || m === 'holt-winters-multiplicative';

interface EndState {
  level: number;
  slope: number;
  season: Float64Array | null;
  /** History length modulo the season: the slot of the first forecast period. */
  offset?: number;
}

/**
 * The smoothing recursions in component form (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice",
 * 2nd ed., §7.1–7.3): level ℓ, trend b, seasonal s with period m. Writes one-step forecasts into `fitted`
 * and returns the h-step forecasts from the end of the history.
 */
function run(
  y: ArrayLike<number>, method: ForecastMethod, p: SmoothingParams, init: InitialState, m: number,
  horizon: number, fitted: Float64Array, end?: EndState,
): number[] {
  const { alpha: a } = p;
  const b = p.beta ?? 0;
  const g = p.gamma ?? 0;
  const trend = hasTrend(method);
  const mult = method === 'holt-winters-multiplicative';
  const season = hasSeason(method) ? Float64Array.from(init.seasonal ?? []) : null;
  let level = init.level;
  let slope = trend ? init.trend ?? 0 : 0;
  for (let t = 0; t < y.length; t++) {
    const base = level + slope;
    const j = season ? t % m : 0;
    const s = season ? season[j] : mult ? 1 : 0;
    const yhat = mult ? base * s : base + s;
    fitted[t] = yhat;
    const obs = y[t];
    const newLevel = mult ? a * (obs / s) + (1 - a) * base : a * (obs - s) + (1 - a) * base;
    if (trend) slope = b * (newLevel - level) + (1 - b) * slope;
    if (season) season[j] = mult ? g * (obs / base) + (1 - g) * s : g * (obs - base) + (1 - g) * s;
    level = newLevel;
  }
  if (end) {
    end.level = level;
    end.slope = slope;
    end.season = season;
    end.offset = y.length % m;
  }
  const out: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const base = level + h * slope;
    if (!season) out.push(base);
    else {
      const s = season[(y.length + h - 1) % m];
      out.push(mult ? base * s : base + s);
    }
  }
  return out;
}

/** In-sample or out-of-sample errors between actuals and forecasts of equal length. */
export function forecastErrors(actual: readonly number[], predicted: readonly number[]): Result<ForecastErrors> {
  if (actual.length === 0) return err('There are no periods to measure forecast error on.');
  if (actual.length !== predicted.length) return err(`Actuals (${actual.length}) and forecasts (${predicted.length}) must cover the same periods.`);
  let abs = 0;
  let sq = 0;
  let pct = 0;
  let counted = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - predicted[i];
    if (!Number.isFinite(e)) return err(`Period ${i + 1} has a value that is not a number.`);
    abs += Math.abs(e);
    sq += e * e;
    if (actual[i] !== 0) {
      pct += Math.abs(e / actual[i]);
      counted++;
    }
  }
  const n = actual.length;
  return ok({
    mae: abs / n,
    rmse: Math.sqrt(sq / n),
    mape: counted ? (100 * pct) / counted : null,
    mapeExcluded: n - counted,
  });
}

function checkHistory(history: readonly number[], options: ForecastOptions): string | null {
  const { method, horizon } = options;
  if (!isForecastMethod(method)) return `There is no forecast method "${String(method)}"; choose one of ${FORECAST_METHODS.join(', ')}.`;
  if (history.length === 0) return 'The demand history is empty: enter at least a few periods of past demand to forecast.';
  for (let i = 0; i < history.length; i++) {
    if (!Number.isFinite(history[i]) || history[i] < 0) return `Period ${i + 1} of the demand history is ${history[i]}; demand must be a number of 0 or more.`;
  }
  if (!Number.isInteger(horizon) || horizon < 1) return `The forecast horizon must be a whole number of periods, 1 or more; got ${horizon}.`;
  if (method === 'ses' && history.length < 2) return 'Simple exponential smoothing needs at least 2 periods of history.';
  if (method === 'holt' && history.length < 4) return `Holt's trend method needs at least 4 periods of history; got ${history.length}. Use simple exponential smoothing until there is more.`;
  if (hasSeason(method)) {
    const m = options.seasonLength;
    if (m === undefined || !Number.isInteger(m) || m < 2) return `Holt-Winters needs a season length of 2 periods or more (e.g. 5 working days); got ${m}.`;
    if (history.length < 2 * m + 2) return `Holt-Winters with a season of ${m} needs at least ${2 * m + 2} periods (two full seasons and two more); got ${history.length}.`;
    if (method === 'holt-winters-multiplicative' && history.some((v) => v <= 0)) {
      return 'Multiplicative seasonality needs every period of demand above 0; use additive seasonality when some periods have no demand.';
    }
  }
  return null;
}

/** Solves the small symmetric system A·x = b by Gaussian elimination with partial pivoting; null if singular. */
function solve(A: Float64Array[], rhs: Float64Array): Float64Array | null {
  const k = rhs.length;
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (Math.abs(A[piv][c]) < 1e-300) return null;
    [A[c], A[piv]] = [A[piv], A[c]];
    [rhs[c], rhs[piv]] = [rhs[piv], rhs[c]];
    for (let r = c + 1; r < k; r++) {
      const f = A[r][c] / A[c][c];
      for (let q = c; q < k; q++) A[r][q] -= f * A[c][q];
      rhs[r] -= f * rhs[c];
    }
  }
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = rhs[r];
    for (let q = r + 1; q < k; q++) s -= A[r][q] * x[q];
    x[r] = s / A[r][r];
  }
  return x;
}

/** Unit initial state number j of an additive model; seasonal values are kept summing to 0 (the last is minus the rest). */
function unitState(method: ForecastMethod, m: number, j: number): InitialState {
  const trend = hasTrend(method);
  const st: InitialState = { level: j === 0 ? 1 : 0 };
  if (trend) st.trend = j === 1 ? 1 : 0;
  if (hasSeason(method)) {
    const s = new Array<number>(m).fill(0);
    const k = j - (trend ? 2 : 1);
    if (k >= 0) {
      s[k] = 1;
      s[m - 1] = -1;
    }
    st.seasonal = s;
  }
  return st;
}

function stateFrom(method: ForecastMethod, m: number, x: Float64Array): InitialState {
  const trend = hasTrend(method);
  const st: InitialState = { level: x[0] };
  if (trend) st.trend = x[1];
  if (hasSeason(method)) {
    const off = trend ? 2 : 1;
    const s: number[] = [];
    let sum = 0;
    for (let k = 0; k < m - 1; k++) {
      s.push(x[off + k]);
      sum += x[off + k];
    }
    s.push(-sum);
    st.seasonal = s;
  }
  return st;
}

/**
 * For additive models the one-step forecasts are linear in the initial state once α, β, γ are fixed, so the
 * least-squares initial state is the solution of a small linear system (ordinary least squares, profiled out).
 */
function bestAdditiveState(y: ArrayLike<number>, method: ForecastMethod, p: SmoothingParams, m: number): InitialState | null {
  const n = y.length;
  const k = 1 + (hasTrend(method) ? 1 : 0) + (hasSeason(method) ? m - 1 : 0);
  const base = new Float64Array(n);
  run(y, method, p, unitState(method, m, -1), m, 0, base);
  const zeros = new Float64Array(n);
  const cols: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const col = new Float64Array(n);
    run(zeros, method, p, unitState(method, m, j), m, 0, col);
    cols.push(col);
  }
  const A = cols.map(() => new Float64Array(k));
  const rhs = new Float64Array(k);
  let trace = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += cols[i][t] * cols[j][t];
      A[i][j] = s;
      A[j][i] = s;
    }
    trace += A[i][i];
    let r = 0;
    for (let t = 0; t < n; t++) r += cols[i][t] * (y[t] - base[t]);
    rhs[i] = r;
  }
  // A whisper of ridge keeps the system solvable when a short history cannot tell two states apart.
  for (let i = 0; i < k; i++) A[i][i] += 1e-12 * (trace / k);
  const x = solve(A, rhs);
  return x && x.every(Number.isFinite) ? stateFrom(method, m, x) : null;
}

/** Classical start values (as R's HoltWinters): level = mean of the first season, trend from the first two seasons. */
function classicalState(y: readonly number[], method: ForecastMethod, m: number): InitialState {
  let first = 0;
  let second = 0;
  for (let i = 0; i < m; i++) {
    first += y[i];
    second += y[m + i];
  }
  first /= m;
  second /= m;
  const mult = method === 'holt-winters-multiplicative';
  return {
    level: first,
    trend: (second - first) / m,
    seasonal: y.slice(0, m).map((v) => (mult ? v / first : v - first)),
  };
}

const LO = 1e-4;
const HI = 0.9999;

/** Deterministic Nelder–Mead (Nelder & Mead, Computer Journal 7(4), 1965) on the box [LO, HI]^d, standard coefficients. */
function nelderMead(f: (x: number[]) => number, start: number[]): number[] {
  const d = start.length;
  const clampPenalised = (x: number[]) => {
    let out = 0;
    const c = x.map((v) => {
      const w = Math.min(HI, Math.max(LO, v));
      out += Math.abs(w - v);
      return w;
    });
    return f(c) * (1 + out) + out;
  };
  let simplex = [start.slice()];
  for (let i = 0; i < d; i++) {
    const v = start.slice();
    v[i] += v[i] + 0.1 <= HI ? 0.1 : -0.1;
    simplex.push(v);
  }
  let values = simplex.map(clampPenalised);
  for (let iter = 0; iter < 400 * d; iter++) {
    const idx = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    simplex = idx.map((i) => simplex[i]);
    values = idx.map((i) => values[i]);
    const spread = Math.abs(values[d] - values[0]);
    let size = 0;
    for (let i = 1; i <= d; i++) for (let j = 0; j < d; j++) size = Math.max(size, Math.abs(simplex[i][j] - simplex[0][j]));
    if (spread <= 1e-12 * (Math.abs(values[0]) + 1e-12) && size < 1e-9) break;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i][j] / d;
    const towards = (t: number) => centroid.map((c, j) => c + t * (simplex[d][j] - c));
    const xr = towards(-1);
    const fr = clampPenalised(xr);
    if (fr < values[0]) {
      const xe = towards(-2);
      const fe = clampPenalised(xe);
      [simplex[d], values[d]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < values[d - 1]) {
      [simplex[d], values[d]] = [xr, fr];
    } else {
      const xc = fr < values[d] ? towards(-0.5) : towards(0.5);
      const fc = clampPenalised(xc);
      if (fc < Math.min(fr, values[d])) {
        [simplex[d], values[d]] = [xc, fc];
      } else {
        for (let i = 1; i <= d; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
          values[i] = clampPenalised(simplex[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= d; i++) if (values[i] < values[best]) best = i;
  return simplex[best].map((v) => Math.min(HI, Math.max(LO, v)));
}

/**
 * The search runs on the unit box and maps onto the usual region of the smoothing parameters (Hyndman et al.,
 * "Forecasting with Exponential Smoothing", 2008, §2.2; statsmodels' ExponentialSmoothing uses the same limits):
 * β = u·α (so β ≤ α) and γ = v·(1 − α) (so γ ≤ 1 − α). Without them the fit can settle on α = β = γ ≈ 1, a model
 * that chases every wiggle of the history and forecasts badly out of sample.
 */
const paramsOf = (method: ForecastMethod, x: number[]): SmoothingParams =>
  method === 'ses'
    ? { alpha: x[0] }
    : hasSeason(method)
      ? { alpha: x[0], beta: x[1] * x[0], gamma: x[2] * (1 - x[0]) }
      : { alpha: x[0], beta: x[1] * x[0] };

/** One-step forecasts, h-step forecasts and SSE for given parameters and initial state. */
function evaluate(y: readonly number[], method: ForecastMethod, p: SmoothingParams, init: InitialState, m: number, horizon: number) {
  const fitted = new Float64Array(y.length);
  const forecast = run(y, method, p, init, m, horizon, fitted);
  let sse = 0;
  for (let t = 0; t < y.length; t++) sse += (y[t] - fitted[t]) ** 2;
  return { fitted, forecast, sse };
}

/**
 * Fits the smoothing parameters by least squares of the one-step errors: a deterministic grid over (0, 1)^d, then
 * Nelder–Mead from the best grid point. Additive models get the least-squares initial state for every candidate;
 * the multiplicative model starts from classical decomposition values.
 */
export function fitForecast(history: readonly number[], options: ForecastOptions): Result<Forecast> {
  const problem = checkHistory(history, options);
  if (problem) return err(problem);
  const { method, horizon } = options;
  const m = hasSeason(method) ? options.seasonLength ?? 1 : 1;
  const d = method === 'ses' ? 1 : hasSeason(method) ? 3 : 2;
  const classical = method === 'holt-winters-multiplicative' ? classicalState(history, method, m) : null;
  const stateFor = (p: SmoothingParams) => classical ?? bestAdditiveState(history, method, p, m);
  const objective = (x: number[]) => {
    const p = paramsOf(method, x);
    const init = stateFor(p);
    if (!init) return Number.MAX_VALUE;
    const { sse } = evaluate(history, method, p, init, m, 0);
    return Number.isFinite(sse) ? sse : Number.MAX_VALUE;
  };
  const grid = [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95];
  let best: number[] = new Array<number>(d).fill(0.5);
  let bestValue = Infinity;
  const point = new Array<number>(d).fill(0);
  const walk = (i: number) => {
    if (i === d) {
      const v = objective(point);
      if (v < bestValue) {
        bestValue = v;
        best = point.slice();
      }
      return;
    }
    for (const g of grid) {
      point[i] = g;
      walk(i + 1);
    }
  };
  const from = options.startFrom;
  if (from) {
    const a = Math.min(HI, Math.max(LO, from.alpha));
    best = method === 'ses' ? [a] : [a, Math.min(HI, Math.max(LO, (from.beta ?? 0) / a)), Math.min(HI, Math.max(LO, (from.gamma ?? 0) / (1 - a)))].slice(0, d);
  } else walk(0);
  let x = nelderMead(objective, best);
  let initial: InitialState | null;
  if (method === 'holt-winters-multiplicative') {
    const refined = refineMultiplicative(history, m, x, normalised(classicalState(history, method, m)));
    x = refined.x;
    initial = refined.initial;
  } else {
    initial = stateFor(paramsOf(method, x));
  }
  const params = paramsOf(method, x);
  if (!initial) return err('The history is too flat or too short to fit this method; try simple exponential smoothing.');
  const end: EndState = { level: 0, slope: 0, season: null };
  const fitted = new Float64Array(history.length);
  const forecast = run(history, method, params, initial, m, horizon, fitted, end);
  let sse = 0;
  for (let t = 0; t < history.length; t++) sse += (history[t] - fitted[t]) ** 2;
  const fittedArr = Array.from(fitted);
  if (!Number.isFinite(sse) || !forecast.every(Number.isFinite) || !fittedArr.every(Number.isFinite)) {
    return err('The fitted model produced numbers out of range; check the history for extreme values or use a simpler method.');
  }
  const errors = forecastErrors(history, fittedArr);
  if (!errors.ok) return errors;
  const fittedCount = d + 1 + (hasTrend(method) ? 1 : 0) + (hasSeason(method) ? m - 1 : 0);
  const sigma = Math.sqrt(sse / Math.max(1, history.length - fittedCount));
  const { sd, intervals } =
    method === 'holt-winters-multiplicative'
      ? simulatedIntervals(forecast, params, end, m, sigma)
      : analyticIntervals(method, forecast, params, m, sigma);
  const names: Record<ForecastMethod, string> = {
    ses: 'simple exponential smoothing',
    holt: "Holt's linear trend",
    'holt-winters-additive': 'Holt-Winters, additive seasonality',
    'holt-winters-multiplicative': 'Holt-Winters, multiplicative seasonality',
  };
  const paramText = Object.entries(params).map(([k, v]) => `${k} ${String(Math.round(v * 1e4) / 1e4)}`).join(', ');
  return ok({
    method,
    params,
    initial,
    fitted: fittedArr,
    forecast,
    sse,
    errors: errors.value,
    sigma,
    sd,
    intervals,
    basis: {
      formula: names[method],
      inputs: { periods: history.length, horizon, ...params, sse },
      explanation: `${names[method]} fitted to ${history.length} periods by least squares (${paramText}); next period ${readable(forecast[0])}, in-sample MAE ${readable(errors.value.mae)}${errors.value.mape === null ? '' : `, MAPE ${readable(errors.value.mape)} %`}.`,
    },
  });
}

/** The two-sided interval levels every forecast carries. */
export const INTERVAL_LEVELS = [0.8, 0.95] as const;

const clampLow = (v: number) => Math.max(0, v);

/**
 * Additive models are linear in their errors, so the h-step forecast variance is exact:
 * σ²·(1 + Σ_{j=1}^{h−1} c_j²) with c_j = α + αβ*·j + γ·[j is a whole number of seasons]
 * (Hyndman et al., "Forecasting with Exponential Smoothing", 2008, §6.3, class 1), and the interval is normal.
 */
function analyticIntervals(method: ForecastMethod, forecast: readonly number[], p: SmoothingParams, m: number, sigma: number) {
  const a = p.alpha;
  const b = hasTrend(method) ? a * (p.beta ?? 0) : 0;
  const g = hasSeason(method) ? p.gamma ?? 0 : 0;
  const sd: number[] = [];
  let sum = 0;
  for (let h = 1; h <= forecast.length; h++) {
    if (h > 1) {
      const j = h - 1;
      const c = a + b * j + (g && j % m === 0 ? g : 0);
      sum += c * c;
    }
    sd.push(sigma * Math.sqrt(1 + sum));
  }
  const intervals = INTERVAL_LEVELS.map((level) => {
    const z = normalQuantile(1 - (1 - level) / 2);
    return { level, lower: forecast.map((f, i) => clampLow(f - z * sd[i])), upper: forecast.map((f, i) => f + z * sd[i]) };
  });
  return { sd, intervals };
}

/** Paths simulated for the multiplicative model's intervals (no closed form): fixed seed, so the same fit gives the same interval. */
const SIMULATED_PATHS = 4000;

/**
 * The multiplicative model's error variance depends on the level it reaches, so its intervals come from simulated
 * futures (Hyndman et al. 2008, §6.1): normal one-step errors with the fitted σ fed through the recursions, and
 * the interval read off the simulated values at each horizon.
 */
function simulatedIntervals(forecast: readonly number[], p: SmoothingParams, end: EndState, m: number, sigma: number) {
  const H = forecast.length;
  const random = seededRandom(20_260_101);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const paths = Array.from({ length: H }, () => new Float64Array(SIMULATED_PATHS));
  const a = p.alpha;
  const b = p.beta ?? 0;
  const g = p.gamma ?? 0;
  const n0 = end.season ? end.season.length : m;
  const season = new Float64Array(m);
  for (let k = 0; k < SIMULATED_PATHS; k++) {
    let level = end.level;
    let slope = end.slope;
    season.set(end.season ?? new Float64Array(m).fill(1));
    for (let h = 0; h < H; h++) {
      // The season slot the forecast of step h + 1 uses (see run): positions continue from the end of the history.
      const j = (h + seasonOffset(end, n0)) % m;
      const base = level + slope;
      const s = season[j];
      const y = base * s + sigma * normal();
      paths[h][k] = y;
      const newLevel = a * (y / s) + (1 - a) * base;
      slope = b * (newLevel - level) + (1 - b) * slope;
      season[j] = g * (y / base) + (1 - g) * s;
      level = newLevel;
    }
  }
  const sd: number[] = [];
  const intervals: PredictionInterval[] = INTERVAL_LEVELS.map((level) => ({ level, lower: [], upper: [] }));
  for (let h = 0; h < H; h++) {
    const v = paths[h].sort();
    let mean = 0;
    for (const y of v) mean += y;
    mean /= v.length;
    let ss = 0;
    for (const y of v) ss += (y - mean) ** 2;
    sd.push(Math.sqrt(ss / (v.length - 1)));
    intervals.forEach((iv) => {
      const tail = (1 - iv.level) / 2;
      iv.lower.push(clampLow(v[Math.max(0, Math.ceil(tail * v.length) - 1)]));
      iv.upper.push(v[Math.min(v.length - 1, Math.ceil((1 - tail) * v.length) - 1)]);
    });
  }
  return { sd, intervals };
}

/** Where the next season slot starts after the history: run() stores `historyLength % m` in EndState.offset. */
function seasonOffset(end: EndState, m: number): number {
  return (end.offset ?? 0) % m;
}

/** The classical start with seasonal factors scaled to average 1 (level and trend scaled the other way: the same fit). */
function normalised(st: InitialState): InitialState {
  const s = st.seasonal ?? [];
  const mean = s.reduce((a, v) => a + v, 0) / (s.length || 1);
  return { level: st.level * mean, trend: (st.trend ?? 0) * mean, seasonal: s.map((v) => v / mean) };
}

const toLogit = (x: number) => {
  const u = (Math.min(HI, Math.max(LO, x)) - LO) / (HI - LO);
  const c = Math.min(1 - 1e-9, Math.max(1e-9, u));
  return Math.log(c / (1 - c));
};
const fromLogit = (z: number) => LO + (HI - LO) / (1 + Math.exp(-z));

/**
 * The multiplicative model's one-step forecasts are not linear in its initial state, so the state cannot be solved
 * for as in the additive case: Levenberg–Marquardt (Marquardt 1963) on the one-step errors over the smoothing
 * parameters (on the logit scale, so they stay in their region) and the initial level, trend and m − 1 seasonal
 * factors (the last makes them average 1), all at once, from the Nelder–Mead fit at the classical start.
 */
function refineMultiplicative(y: readonly number[], m: number, x0: number[], init: InitialState): { x: number[]; initial: InitialState } {
  const n = y.length;
  const k = 3 + 2 + (m - 1);
  const pack = (x: number[], st: InitialState) => [...x.map(toLogit), st.level, st.trend ?? 0, ...(st.seasonal ?? []).slice(0, m - 1)];
  const unpack = (th: ArrayLike<number>) => {
    const x = [fromLogit(th[0]), fromLogit(th[1]), fromLogit(th[2])];
    const seasonal: number[] = [];
    let sum = 0;
    for (let i = 0; i < m - 1; i++) {
      seasonal.push(th[5 + i]);
      sum += th[5 + i];
    }
    seasonal.push(m - sum);
    return { x, initial: { level: th[3], trend: th[4], seasonal } };
  };
  const fitted = new Float64Array(n);
  const residuals = (th: ArrayLike<number>, out: Float64Array) => {
    const { x, initial } = unpack(th);
    run(y, 'holt-winters-multiplicative', paramsOf('holt-winters-multiplicative', x), initial, m, 0, fitted);
    let sse = 0;
    for (let t = 0; t < n; t++) {
      out[t] = y[t] - fitted[t];
      sse += out[t] * out[t];
    }
    return Number.isFinite(sse) ? sse : Infinity;
  };
  let theta = Float64Array.from(pack(x0, init));
  const r = new Float64Array(n);
  let sse = residuals(theta, r);
  const start = sse;
  let lambda = 1e-3;
  const J = Array.from({ length: k }, () => new Float64Array(n));
  const probe = new Float64Array(n);
  for (let iter = 0; iter < 200 && Number.isFinite(sse); iter++) {
    for (let i = 0; i < k; i++) {
      const step = 1e-6 * Math.max(1, Math.abs(theta[i]));
      const t2 = Float64Array.from(theta);
      t2[i] += step;
      residuals(t2, probe);
      for (let t = 0; t < n; t++) J[i][t] = (probe[t] - r[t]) / step;
    }
    const JtJ = Array.from({ length: k }, () => new Float64Array(k));
    const Jtr = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        let s = 0;
        for (let t = 0; t < n; t++) s += J[i][t] * J[j][t];
        JtJ[i][j] = s;
        JtJ[j][i] = s;
      }
      let s = 0;
      for (let t = 0; t < n; t++) s += J[i][t] * r[t];
      Jtr[i] = -s;
    }
    let improved = false;
    for (let tries = 0; tries < 12 && !improved; tries++) {
      const A = JtJ.map((row, i) => {
        const c = Float64Array.from(row);
        c[i] += lambda * (row[i] + 1e-12);
        return c;
      });
      const delta = solve(A, Float64Array.from(Jtr));
      if (!delta) {
        lambda *= 10;
        continue;
      }
      const cand = theta.map((v, i) => v + delta[i]);
      const rc = new Float64Array(n);
      const sc = residuals(cand, rc);
      if (sc < sse) {
        const gain = sse - sc;
        theta = cand;
        r.set(rc);
        sse = sc;
        lambda = Math.max(1e-12, lambda / 3);
        improved = true;
        if (gain <= 1e-10 * sse) iter = Infinity;
      } else lambda *= 10;
    }
    if (!improved) break;
  }
  return sse < start ? unpack(theta) : { x: x0, initial: init };
}

/** Runs a method with parameters and initial state given by hand (e.g. to reproduce a textbook table). */
export function smoothWith(
  history: readonly number[], method: ForecastMethod, params: SmoothingParams, initial: InitialState, horizon: number, seasonLength = 1,
): Result<{ fitted: number[]; forecast: number[] }> {
  if (history.length === 0) return err('The demand history is empty.');
  if (!Number.isInteger(horizon) || horizon < 0) return err(`The horizon must be a whole number of periods, 0 or more; got ${horizon}.`);
  for (const v of [params.alpha, params.beta ?? 0, params.gamma ?? 0]) {
    if (!Number.isFinite(v) || v < 0 || v > 1) return err(`Smoothing parameters must lie between 0 and 1; got ${v}.`);
  }
  if (hasSeason(method) && initial.seasonal?.length !== seasonLength) return err(`Give one initial seasonal value per season position (${seasonLength}).`);
  const fitted = new Float64Array(history.length);
  const forecast = run(history, method, params, initial, seasonLength, horizon, fitted);
  const all = [...fitted, ...forecast];
  if (!all.every(Number.isFinite)) return err('The smoothing produced numbers out of range; check the inputs.');
  return ok({ fitted: Array.from(fitted), forecast });
}

export interface NextPeriodPlan {
  /** The demand the cards are sized for: the forecast, raised to the service level's quantile. */
  demand: PiecesPerDay;
  /** Next period's point forecast. */
  forecast: PiecesPerDay;
  /** Share of periods whose demand the card count covers, by the forecast's error distribution. */
  serviceLevel: number;
  takt: Takt;
  cards: { loopId: string; count: KanbanCount }[];
  /** In a sentence: what the count is sized for. */
  statement: string;
}

/**
 * Turns next period's forecast into takt and each loop's card count. The cards are sized for the demand next
 * period stays at or under with probability `serviceLevel` (forecast + z·σ₁, σ₁ the one-step forecast error; 0.5
 * sizes at the forecast itself). Takt is at the point forecast: it paces the expected demand. The history must be
 * demand per working day (the period takt and loops refer to), and the loops those of the part forecast.
 */
export function planFromForecast(forecast: Forecast, availablePerDay: Seconds, loops: readonly KanbanLoop[], serviceLevel = 0.5): Result<NextPeriodPlan> {
  const next = forecast.forecast[0];
  if (next === undefined || !Number.isFinite(next) || next <= 0) {
    return err(`The forecast for next period is ${next === undefined ? 'missing' : readable(next)} pieces; takt needs demand above 0. Set next period's demand by hand.`);
  }
  if (!Number.isFinite(serviceLevel) || serviceLevel < 0.5 || serviceLevel >= 1) {
    return err(`The service level must be at least 0.5 and below 1 (such as 0.95 for 95 %); got ${serviceLevel}.`);
  }
  const sd = forecast.sd[0] ?? 0;
  const sized = serviceLevel === 0.5 ? next : next + normalQuantile(serviceLevel) * sd;
  const demand = piecesPerDay(sized);
  const t = takt(availablePerDay, piecesPerDay(next));
  if (!t.ok) return t;
  const cards: NextPeriodPlan['cards'] = [];
  for (const loop of loops) {
    const count = loopKanbanCount({ ...loop, demandPerDay: piecesPerDay(demand * (validShare(loop.demandShare) ? loop.demandShare : 1)) });
    if (!count.ok) return count;
    cards.push({ loopId: loop.id, count: count.value });
  }
  const pct = `${readable(serviceLevel * 100)} %`;
  const statement =
    serviceLevel === 0.5
      ? `Cards sized for the forecast of ${readable(next)} pieces: a 50 % service level, enough on about half of the days.`
      : `Cards sized for ${readable(sized)} pieces, the demand next period stays at or under with ${pct} probability (forecast ${readable(next)} + ${readable(normalQuantile(serviceLevel))} × forecast error σ ${readable(sd)}): a ${pct} service level.`;
  return ok({ demand, forecast: piecesPerDay(next), serviceLevel, takt: t.value, cards, statement });
}
