// A d3 histogram of whole-number outcomes (days or cards) with marked percentile lines; used by the Monte Carlo panel.
import { axisBottom, axisLeft, scaleBand, scaleLinear, select } from 'd3';
import { CHART, SERIES_COLORS } from '../flow/format.ts';

export interface HistogramData {
  bins: readonly { value: number; count: number }[];
  /** Vertical lines at these outcomes, labelled (e.g. "85 %"). */
  marks: readonly { value: number; label: string }[];
  xLabel: string;
  /** What the bars count ("Trials" unless told). */
  yLabel?: string;
  width: number;
  height: number;
}

const MARGIN = { top: 28, right: 16, bottom: 44, left: 56 };
const MARK_COLORS = [SERIES_COLORS[2]!, SERIES_COLORS[1]!, SERIES_COLORS[3]!];

export function drawHistogram(svgElement: SVGSVGElement, data: HistogramData): void {
  const { bins, marks, width, height } = data;
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', CHART.bg);
  if (bins.length === 0) return;
  const lo = bins[0]!.value;
  const hi = bins[bins.length - 1]!.value;
  const values = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const counts = new Map(bins.map((b) => [b.value, b.count]));
  const x = scaleBand<number>().domain(values).range([MARGIN.left, width - MARGIN.right]).padding(0.1);
  const y = scaleLinear().domain([0, Math.max(1, ...bins.map((b) => b.count))]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  svg
    .append('g')
    .selectAll('rect')
    .data(values)
    .join('rect')
    .attr('x', (v) => x(v)!)
    .attr('width', x.bandwidth())
    .attr('y', (v) => y(counts.get(v) ?? 0))
    .attr('height', (v) => y(0) - y(counts.get(v) ?? 0))
    .attr('fill', SERIES_COLORS[0]!)
    .attr('data-value', (v) => v);
  marks.forEach((m, k) => {
    const cx = (x(m.value) ?? MARGIN.left) + x.bandwidth() / 2;
    const color = MARK_COLORS[k % MARK_COLORS.length]!;
    svg.append('line').attr('x1', cx).attr('x2', cx).attr('y1', MARGIN.top - 6).attr('y2', height - MARGIN.bottom).attr('stroke', color).attr('stroke-width', 2).attr('stroke-dasharray', '5 3').attr('data-mark', m.label);
    svg.append('text').attr('x', cx).attr('y', MARGIN.top - 10 - (k % 2) * 0).attr('text-anchor', k === 0 ? 'end' : k === 2 ? 'start' : 'middle').attr('fill', color).attr('font-size', 12).text(m.label);
  });
  const step = Math.max(1, Math.ceil(values.length / 12));
  const xAxis = svg
    .append('g')
    .attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(axisBottom(x).tickValues(values.filter((_, i) => i % step === 0)).tickFormat((d) => String(d)));
  const yAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(5));
  for (const axis of [xAxis, yAxis]) {
    axis.selectAll('text').attr('fill', CHART.text).attr('font-size', 12);
    axis.selectAll('line,path').attr('stroke', CHART.muted);
  }
  svg.append('text').attr('x', (MARGIN.left + width - MARGIN.right) / 2).attr('y', height - 6).attr('text-anchor', 'middle').attr('fill', CHART.muted).attr('font-size', 13).text(data.xLabel);
  svg.append('text').attr('transform', `translate(16,${(height - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', CHART.muted).attr('font-size', 13).text(data.yLabel ?? 'Trials');
}
