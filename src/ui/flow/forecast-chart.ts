// Draws demand history, the one-step fitted values and the forecast as d3 lines over working days, with a legend.
import { area, axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import { CHART, SERIES_COLORS } from './format.ts';

export interface ForecastChartData {
  history: readonly number[];
  fitted: readonly number[];
  forecast: readonly number[];
  /** Prediction intervals drawn as bands behind the forecast, widest first. */
  intervals?: readonly { level: number; lower: readonly number[]; upper: readonly number[] }[];
  width: number;
  height: number;
}

const MARGIN = { top: 16, right: 150, bottom: 44, left: 56 };
const SERIES = [
  { key: 'history', name: 'Actual demand', color: SERIES_COLORS[0]!, dash: null },
  { key: 'fitted', name: 'Fitted (one step)', color: SERIES_COLORS[1]!, dash: '5 4' },
  { key: 'forecast', name: 'Forecast', color: SERIES_COLORS[2]!, dash: null },
] as const;

export function drawForecast(svgElement: SVGSVGElement, data: ForecastChartData): void {
  const { history, fitted, forecast, width, height } = data;
  const bands = [...(data.intervals ?? [])].sort((a, b) => b.level - a.level);
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', CHART.bg);
  const n = history.length;
  const all = [...history, ...fitted, ...forecast, ...bands.flatMap((b) => [...b.upper, ...b.lower])];
  const lo = Math.min(0, ...all);
  const hi = Math.max(1, ...all);
  const x = scaleLinear().domain([1, Math.max(2, n + forecast.length)]).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain([lo, hi]).nice().range([height - MARGIN.bottom, MARGIN.top]);

  // Where history ends and forecast starts.
  svg
    .append('line')
    .attr('x1', x(n + 0.5))
    .attr('x2', x(n + 0.5))
    .attr('y1', MARGIN.top)
    .attr('y2', height - MARGIN.bottom)
    .attr('stroke', CHART.muted)
    .attr('stroke-dasharray', '2 3');

  const points: Record<(typeof SERIES)[number]['key'], [number, number][]> = {
    history: history.map((v, i) => [i + 1, v]),
    fitted: fitted.map((v, i) => [i + 1, v]),
    // The forecast line starts from the last actual so it reads as a continuation.
    forecast: [...(n > 0 ? [[n, history[n - 1]!] as [number, number]] : []), ...forecast.map((v, i): [number, number] => [n + i + 1, v])],
  };
  bands.forEach((b, k) => {
    const band = area<number>()
      .x((_, i) => x(n + i + 1))
      .y0((_, i) => y(b.lower[i]!))
      .y1((_, i) => y(b.upper[i]!));
    svg
      .append('path')
      .datum(b.upper.map((_, i) => i))
      .attr('d', band)
      .attr('fill', SERIES_COLORS[2]!)
      .attr('fill-opacity', k === 0 ? 0.18 : 0.32)
      .attr('data-series', `interval-${Math.round(b.level * 100)}`);
  });
  const path = line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  for (const s of SERIES) {
    const el = svg
      .append('path')
      .datum(points[s.key])
      .attr('d', path)
      .attr('fill', 'none')
      .attr('stroke', s.color)
      .attr('stroke-width', s.key === 'fitted' ? 2 : 2.5)
      .attr('data-series', s.key);
    if (s.dash) el.attr('stroke-dasharray', s.dash);
  }

  const xAxis = svg.append('g').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(axisBottom(x).ticks(8).tickFormat((d) => String(d)));
  const yAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(6));
  for (const axis of [xAxis, yAxis]) {
    axis.selectAll('text').attr('fill', CHART.text).attr('font-size', 13);
    axis.selectAll('line,path').attr('stroke', CHART.muted);
  }
  svg
    .append('text')
    .attr('x', (MARGIN.left + width - MARGIN.right) / 2)
    .attr('y', height - 6)
    .attr('text-anchor', 'middle')
    .attr('fill', CHART.muted)
    .attr('font-size', 13)
    .text('Working day');
  svg
    .append('text')
    .attr('transform', `translate(16,${(height - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', CHART.muted)
    .attr('font-size', 13)
    .text('Pieces per day');

  const legend = svg.append('g').attr('transform', `translate(${width - MARGIN.right + 14},${MARGIN.top})`);
  SERIES.forEach((s, k) => {
    const row = legend.append('g').attr('transform', `translate(0,${k * 22})`);
    const mark = row.append('line').attr('x1', 0).attr('x2', 18).attr('y1', 7).attr('y2', 7).attr('stroke', s.color).attr('stroke-width', 3);
    if (s.dash) mark.attr('stroke-dasharray', s.dash);
    row.append('text').attr('x', 24).attr('y', 12).attr('fill', CHART.text).attr('font-size', 13).text(s.name);
  });
  bands.forEach((b, k) => {
    const row = legend.append('g').attr('transform', `translate(0,${(SERIES.length + k) * 22})`);
    row.append('rect').attr('width', 18).attr('height', 12).attr('y', 1).attr('fill', SERIES_COLORS[2]!).attr('fill-opacity', k === 0 ? 0.3 : 0.55);
    row.append('text').attr('x', 24).attr('y', 12).attr('fill', CHART.text).attr('font-size', 13).text(`${Math.round(b.level * 100)} % interval`);
  });
}
