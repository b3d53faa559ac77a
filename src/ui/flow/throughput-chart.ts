// Draws throughput per day as a small d3 bar chart with its mean as a line.
import { axisBottom, axisLeft, scaleBand, scaleLinear, select } from 'd3';
import { CHART, SERIES_COLORS, shortDate } from './format.ts';

export interface ThroughputData {
  days: readonly number[];
  perDay: ArrayLike<number>;
  meanPerDay: number;
  width: number;
  height: number;
}

const MARGIN = { top: 12, right: 16, bottom: 32, left: 40 };

export function drawThroughput(svgElement: SVGSVGElement, data: ThroughputData): void {
  const { days, perDay, meanPerDay, width, height } = data;
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', CHART.bg);
  const index = days.map((_, d) => d);
  const x = scaleBand<number>().domain(index).range([MARGIN.left, width - MARGIN.right]).padding(0.15);
  const y = scaleLinear().domain([0, Math.max(1, ...Array.from(perDay))]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  svg
    .append('g')
    .selectAll('rect')
    .data(index)
    .join('rect')
    .attr('x', (d) => x(d)!)
    .attr('width', x.bandwidth())
    .attr('y', (d) => y(perDay[d]!))
    .attr('height', (d) => y(0) - y(perDay[d]!))
    .attr('fill', SERIES_COLORS[0]!)
    .append('title')
    .text((d) => `${shortDate(days[d]!)}: ${perDay[d]} cards`);
  svg
    .append('line')
    .attr('x1', MARGIN.left)
    .attr('x2', width - MARGIN.right)
    .attr('y1', y(meanPerDay))
    .attr('y2', y(meanPerDay))
    .attr('stroke', CHART.text)
    .attr('stroke-dasharray', '4 3');
  const every = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor((width - MARGIN.left - MARGIN.right) / 70))));
  const xAxis = svg
    .append('g')
    .attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(axisBottom(x).tickValues(index.filter((d) => d % every === 0)).tickFormat((d) => shortDate(days[d]!)));
  const yAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(4));
  for (const axis of [xAxis, yAxis]) {
    axis.selectAll('text').attr('fill', CHART.text).attr('font-size', 12);
    axis.selectAll('line,path').attr('stroke', CHART.muted);
  }
}
