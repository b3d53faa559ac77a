// Draws the cumulative flow diagram with d3: one stacked band per stage plus finished work, time axis, count axis, legend.
import { area, axisBottom, axisLeft, scaleLinear, scaleTime, select } from 'd3';
import { CHART, DONE_COLOR, SERIES_COLORS, shortDate } from './format.ts';

export interface CfdData {
  /** Local-midnight epoch ms of each day. */
  days: readonly number[];
  /** Stage names in stream order. */
  stageNames: readonly string[];
  /** The engine's cumulative counts: perBand[b][d] cards that reached band b (stages, then done) or beyond by day d. */
  perBand: readonly ArrayLike<number>[];
  width: number;
  height: number;
}

const MARGIN = { top: 16, right: 170, bottom: 40, left: 56 };

/**
 * Band b lies between the engine's cumulative counts of band b + 1 and band b, so the stack needs no arithmetic here:
 * finished work at the bottom, the first stage on top (the usual reading: arrivals at the top edge, departures below).
 */
export function drawCfd(svgElement: SVGSVGElement, data: CfdData): void {
  const { days, stageNames, perBand, width, height } = data;
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', CHART.bg);
  if (days.length === 0) return;
  const first = days[0]!;
  const last = days.length > 1 ? days[days.length - 1]! : first + 86_400_000;
  const top = Math.max(1, ...Array.from(perBand[0] ?? []));
  const x = scaleTime().domain([first, last]).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain([0, top]).nice().range([height - MARGIN.bottom, MARGIN.top]);

  const bands = [...stageNames.map((name, b) => ({ name, b, kind: 'stage' as const, color: SERIES_COLORS[b % SERIES_COLORS.length]! })), { name: 'Done', b: stageNames.length, kind: 'done' as const, color: DONE_COLOR }];
  const index = days.map((_, d) => d);
  for (const band of bands) {
    const upper = perBand[band.b]!;
    const lower = perBand[band.b + 1];
    const shape = area<number>()
      .x((d) => x(days[d]!))
      .y0((d) => y(lower ? lower[d]! : 0))
      .y1((d) => y(upper[d]!));
    svg
      .append('path')
      .datum(index)
      .attr('d', shape)
      .attr('fill', band.color)
      .attr('fill-opacity', 0.9)
      .attr('stroke', CHART.bg)
      .attr('stroke-width', 0.5)
      .attr('data-band', band.kind)
      .attr('data-name', band.name)
      .append('title')
      .text(band.name);
  }

  const xAxis = svg.append('g').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(axisBottom<Date | number>(x).ticks(Math.max(2, Math.floor((width - MARGIN.left - MARGIN.right) / 90))).tickFormat((t) => shortDate(+t)));
  const yAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(6));
  for (const axis of [xAxis, yAxis]) {
    axis.selectAll('text').attr('fill', CHART.text).attr('font-size', 13);
    axis.selectAll('line,path').attr('stroke', CHART.muted);
  }
  svg
    .append('text')
    .attr('transform', `translate(16,${(height - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', CHART.muted)
    .attr('font-size', 13)
    .text('Cards (cumulative)');

  const legend = svg.append('g').attr('transform', `translate(${width - MARGIN.right + 14},${MARGIN.top})`);
  bands.forEach((band, k) => {
    const row = legend.append('g').attr('transform', `translate(0,${k * 22})`);
    row.append('rect').attr('width', 14).attr('height', 14).attr('fill', band.color);
    row.append('text').attr('x', 20).attr('y', 12).attr('fill', CHART.text).attr('font-size', 13).text(band.name);
  });
}
