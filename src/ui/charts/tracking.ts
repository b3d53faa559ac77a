// Forecast against actual demand (top) and the tracking signal with its ±4 limits (bottom), one period per step.
import { axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import { CHART, SERIES_COLORS } from '../flow/format.ts';
import { num } from '../format.ts';

export interface TrackingChartData {
  points: readonly { actual: number; forecast: number; signal: number | null; biased: boolean }[];
  /** Label of each period (a date or "period 3"). */
  labels: readonly string[];
  limit: number;
  unit: string;
  width: number;
  height: number;
}

const MARGIN = { top: 16, right: 110, bottom: 40, left: 56 };

export function drawTracking(svgElement: SVGSVGElement, data: TrackingChartData): void {
  const { points, labels, limit, unit, width, height } = data;
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', CHART.bg);
  const n = Math.max(points.length, 2);
  const x = scaleLinear().domain([0, n - 1]).range([MARGIN.left, width - MARGIN.right]);
  const split = MARGIN.top + (height - MARGIN.top - MARGIN.bottom) * 0.58;
  let top = 1;
  let tsMax = limit + 1;
  for (const p of points) {
    top = Math.max(top, p.actual, p.forecast);
    if (p.signal !== null) tsMax = Math.max(tsMax, Math.abs(p.signal));
  }
  const y = scaleLinear().domain([0, top]).nice().range([split - 14, MARGIN.top]);
  const ys = scaleLinear().domain([-tsMax, tsMax]).range([height - MARGIN.bottom, split + 10]);
  const series = [
    { key: 'actual', label: 'Actual', color: SERIES_COLORS[0]!, value: (p: (typeof points)[number]) => p.actual },
    { key: 'forecast', label: 'Forecast', color: SERIES_COLORS[1]!, value: (p: (typeof points)[number]) => p.forecast },
  ];
  for (const s of series) {
    const path = line<(typeof points)[number]>().x((_, i) => x(i)).y((p) => y(s.value(p)));
    svg.append('path').datum(points).attr('d', path).attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', 2).attr('data-series', s.key);
    const last = points[points.length - 1];
    if (last) svg.append('text').attr('x', width - MARGIN.right + 6).attr('y', y(s.value(last)) + 4).attr('fill', s.color).attr('font-size', 12).text(s.label);
  }
  for (const l of [limit, -limit]) {
    svg.append('line').attr('x1', MARGIN.left).attr('x2', width - MARGIN.right).attr('y1', ys(l)).attr('y2', ys(l)).attr('stroke', SERIES_COLORS[3]!).attr('stroke-dasharray', '6 3').attr('data-limit', l);
    svg.append('text').attr('x', width - MARGIN.right + 6).attr('y', ys(l) + 4).attr('fill', SERIES_COLORS[3]!).attr('font-size', 12).text(`${l > 0 ? '+' : '−'}${num(limit)} limit`);
  }
  svg.append('line').attr('x1', MARGIN.left).attr('x2', width - MARGIN.right).attr('y1', ys(0)).attr('y2', ys(0)).attr('stroke', CHART.grid);
  const withSignal = points.map((p, i) => ({ i, p })).filter(({ p }) => p.signal !== null);
  svg.append('path').datum(withSignal).attr('d', line<(typeof withSignal)[number]>().x(({ i }) => x(i)).y(({ p }) => ys(p.signal!)))
    .attr('fill', 'none').attr('stroke', SERIES_COLORS[2]!).attr('stroke-width', 2).attr('data-series', 'signal');
  svg.append('g').selectAll('circle').data(withSignal).join('circle')
    .attr('cx', ({ i }) => x(i)).attr('cy', ({ p }) => ys(p.signal!)).attr('r', ({ p }) => (p.biased ? 5 : 3))
    .attr('fill', ({ p }) => (p.biased ? SERIES_COLORS[3]! : SERIES_COLORS[2]!)).attr('data-biased', ({ p }) => String(p.biased))
    .append('title').text(({ i, p }) => `${labels[i] ?? ''}: tracking signal ${num(p.signal)}${p.biased ? ' (biased)' : ''}`);
  const tickEvery = Math.max(1, Math.ceil(points.length / 8));
  const xAxis = svg.append('g').attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(axisBottom(x).tickValues(points.map((_, i) => i).filter((i) => i % tickEvery === 0)).tickFormat((i) => labels[Number(i)] ?? ''));
  const yAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(4));
  const sAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(ys).ticks(5));
  for (const axis of [xAxis, yAxis, sAxis]) {
    axis.selectAll('text').attr('fill', CHART.text).attr('font-size', 12);
    axis.selectAll('line,path').attr('stroke', CHART.muted);
  }
  svg.append('text').attr('transform', `translate(14,${(split + MARGIN.top) / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', CHART.muted).attr('font-size', 12).text(unit);
  svg.append('text').attr('transform', `translate(14,${(split + height - MARGIN.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', CHART.muted).attr('font-size', 12).text('Tracking signal');
}
