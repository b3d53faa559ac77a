// The cycle-time scatterplot: one dot per finished card (date done × lead time in days) with 50/85/95th percentile lines.
import { axisBottom, axisLeft, scaleLinear, scaleTime, select } from 'd3';
import { CHART, SERIES_COLORS } from '../flow/format.ts';
import { date, num } from '../format.ts';

export interface ScatterData {
  points: readonly { cardId: string; completedAt: number; leadTime: number; part?: string }[];
  lines: readonly { label: string; seconds: number | null }[];
  width: number;
  height: number;
}

const MARGIN = { top: 16, right: 110, bottom: 44, left: 56 };
const DAY = 86_400;
const LINE_COLORS = [SERIES_COLORS[2]!, SERIES_COLORS[1]!, SERIES_COLORS[3]!];

export function drawScatter(svgElement: SVGSVGElement, data: ScatterData): void {
  const { points, lines, width, height } = data;
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', CHART.bg);
  let t0 = Infinity;
  let t1 = -Infinity;
  let top = 1;
  for (const p of points) {
    t0 = Math.min(t0, p.completedAt);
    t1 = Math.max(t1, p.completedAt);
    top = Math.max(top, p.leadTime / DAY);
  }
  if (!Number.isFinite(t0)) {
    t0 = 0;
    t1 = 1;
  }
  const x = scaleTime().domain([new Date(t0), new Date(t1 === t0 ? t0 + 86_400_000 : t1)]).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain([0, top]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  // Dots as one path per 2,000 (a circle element per card would be slow at tens of thousands); each has a title on hover.
  const g = svg.append('g').attr('fill', SERIES_COLORS[0]!).attr('fill-opacity', 0.75);
  const dots = points.length > 2000 ? points.filter((_, i) => i % Math.ceil(points.length / 2000) === 0) : points;
  g.selectAll('circle')
    .data(dots)
    .join('circle')
    .attr('cx', (p) => x(new Date(p.completedAt)))
    .attr('cy', (p) => y(p.leadTime / DAY))
    .attr('r', 3.5)
    .attr('data-card', (p) => p.cardId)
    .append('title')
    .text((p) => `${p.cardId}${p.part ? ` (${p.part})` : ''}: done ${date(p.completedAt)}, lead time ${num(p.leadTime / DAY)} days`);
  lines.forEach((l, k) => {
    if (l.seconds === null) return;
    const yy = y(l.seconds / DAY);
    const color = LINE_COLORS[k % LINE_COLORS.length]!;
    svg.append('line').attr('x1', MARGIN.left).attr('x2', width - MARGIN.right).attr('y1', yy).attr('y2', yy).attr('stroke', color).attr('stroke-width', 2).attr('stroke-dasharray', '6 3').attr('data-line', l.label);
    svg.append('text').attr('x', width - MARGIN.right + 6).attr('y', yy + 4).attr('fill', color).attr('font-size', 12).text(`${l.label}: ${num(l.seconds / DAY)} d`);
  });
  const xAxis = svg.append('g').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(axisBottom(x).ticks(6));
  const yAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(6));
  for (const axis of [xAxis, yAxis]) {
    axis.selectAll('text').attr('fill', CHART.text).attr('font-size', 12);
    axis.selectAll('line,path').attr('stroke', CHART.muted);
  }
  svg.append('text').attr('x', (MARGIN.left + width - MARGIN.right) / 2).attr('y', height - 6).attr('text-anchor', 'middle').attr('fill', CHART.muted).attr('font-size', 13).text('Date finished');
  svg.append('text').attr('transform', `translate(16,${(height - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', CHART.muted).attr('font-size', 13).text('Lead time (days)');
}
