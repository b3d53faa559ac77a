// Demand forecasting: exponential smoothing (SES, Holt, Holt-Winters) fitted by least squares, errors, and next period's takt and cards.
import type { KanbanLoop } from './model.ts';
import type { PiecesPerDay, Seconds } from './units.ts';
import { piecesPerDay } from './units.ts';
import { err, ok, type Result } from './result.ts';
import { fmt, takt, type Basis, type Takt } from './takt.ts';
import { loopKanbanCount, type KanbanCount } from './kanban.ts';

export type ForecastMethod = 'ses' | 'holt' | 'holt-winters-additive' | 'holt-winters-multiplicative';

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
  basis: Basis;
}

export interface ForecastOptions {
  method: ForecastMethod;
  horizon: number;
  /** Periods per season (e.g. 5 working days a week, 12 months a year); Holt-Winters only. */
  seasonLength?: number;
}

const hasTrend = (m: ForecastMethod) => m !== 'ses';
const hasSeason = (m: ForecastMethod) => m === 'holt-winters-additive' || m === 'holt-winters-multiplicative';

/**
 * The smoothing recursions in component form (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice",
 * 2nd ed., §7.1–7.3): level ℓ, trend b, seasonal s with period m. Writes one-step forecasts into `fitted`
 * and returns the h-step forecasts from the end of the history.
 */
function run(
  y: ArrayLike<number>, method: ForecastMethod, p: SmoothingParams, init: InitialState, m: number,
  horizon: number, fitted: Float64Array,
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

const paramsOf = (method: ForecastMethod, x: number[]): SmoothingParams =>
  method === 'ses' ? { alpha: x[0] } : hasSeason(method) ? { alpha: x[0], beta: x[1], gamma: x[2] } : { alpha: x[0], beta: x[1] };

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
  walk(0);
  const x = nelderMead(objective, best);
  const params = paramsOf(method, x);
  const initial = stateFor(params);
  if (!initial) return err('The history is too flat or too short to fit this method; try simple exponential smoothing.');
  const { fitted, forecast, sse } = evaluate(history, method, params, initial, m, horizon);
  const fittedArr = Array.from(fitted);
  if (!Number.isFinite(sse) || !forecast.every(Number.isFinite) || !fittedArr.every(Number.isFinite)) {
    return err('The fitted model produced numbers out of range; check the history for extreme values or use a simpler method.');
  }
  const errors = forecastErrors(history, fittedArr);
  if (!errors.ok) return errors;
  const names: Record<ForecastMethod, string> = {
    ses: 'simple exponential smoothing',
    holt: "Holt's linear trend",
    'holt-winters-additive': 'Holt-Winters, additive seasonality',
    'holt-winters-multiplicative': 'Holt-Winters, multiplicative seasonality',
  };
  const paramText = Object.entries(params).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
  return ok({
    method,
    params,
    initial,
    fitted: fittedArr,
    forecast,
    sse,
    errors: errors.value,
    basis: {
      formula: names[method],
      inputs: { periods: history.length, horizon, ...params, sse },
      explanation: `${names[method]} fitted to ${history.length} periods by least squares (${paramText}); next period ${fmt(forecast[0])}, in-sample MAE ${fmt(errors.value.mae)}${errors.value.mape === null ? '' : `, MAPE ${fmt(errors.value.mape)} %`}.`,
    },
  });
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
  demand: PiecesPerDay;
  takt: Takt;
  cards: { loopId: string; count: KanbanCount }[];
}

/**
 * Turns next period's forecast into takt and each loop's card count at that demand. The history must be demand per
 * working day (the period takt and loops refer to), and the loops those of the part whose demand was forecast.
 */
export function planFromForecast(forecast: Forecast, availablePerDay: Seconds, loops: readonly KanbanLoop[]): Result<NextPeriodPlan> {
  const next = forecast.forecast[0];
  if (next === undefined || !Number.isFinite(next) || next <= 0) {
    return err(`The forecast for next period is ${next === undefined ? 'missing' : fmt(next)} pieces; takt needs demand above 0. Set next period's demand by hand.`);
  }
  const demand = piecesPerDay(next);
  const t = takt(availablePerDay, demand);
  if (!t.ok) return t;
  const cards: NextPeriodPlan['cards'] = [];
  for (const loop of loops) {
    const count = loopKanbanCount({ ...loop, demandPerDay: demand });
    if (!count.ok) return count;
    cards.push({ loopId: loop.id, count: count.value });
  }
  return ok({ demand, takt: t.value, cards });
}
