// Draws a yamazumi (stacked work-content) chart with d3: one bar per station, one segment per work element, takt and target lines.
import { axisBottom, axisLeft, scaleBand, scaleLinear, select } from 'd3';

export interface YamazumiStation {
  id: string;
  name: string;
  over: boolean;
  segments: { id: string; name: string; time: number; flagged: boolean }[];
}

export interface YamazumiData {
  stations: YamazumiStation[];
  takt: number;
  /** A target line below takt (seconds), when the cell sets one. */
  target?: number;
  width: number;
  height: number;
}

const MARGIN = { top: 28, right: 116, bottom: 56, left: 64 };
// Fixed colours rather than CSS variables: the exported SVG/PNG must look the same outside the app.
const COLORS = { text: '#f3f6f9', muted: '#b8c4d0', grid: '#2e4053', fill: ['#3f7fbf', '#5a9bd5'], over: '#ff6b6b', takt: '#f5b700', target: '#5fd38d', flagged: '#ffb347' };

/** Renders into `svgElement` (replacing what was there). Every label goes through .text(), never HTML. */
export function drawYamazumi(svgElement: SVGSVGElement, data: YamazumiData): void {
  const { width, height, stations, takt, target } = data;
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', '#182330');

  const max = Math.max(takt * 1.15, ...stations.map((s) => s.segments.reduce((a, e) => a + e.time, 0) * 1.05), 1);
  const x = scaleBand<string>().domain(stations.map((s) => s.id)).range([MARGIN.left, width - MARGIN.right]).padding(0.25);
  const y = scaleLinear().domain([0, max]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  const names = new Map(stations.map((s) => [s.id, s.name]));

  const yAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(6));
  const xAxis = svg
    .append('g')
    .attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(axisBottom(x).tickFormat((id) => names.get(id) ?? id));
  for (const axis of [xAxis, yAxis]) {
    axis.selectAll('text').attr('fill', COLORS.text).attr('font-size', 14);
    axis.selectAll('line,path').attr('stroke', COLORS.muted);
  }
  svg
    .append('text')
    .attr('transform', `translate(18,${(height - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', COLORS.muted)
    .attr('font-size', 14)
    .text('Work content (s)');

  const bars = svg
    .append('g')
    .selectAll('g')
    .data(stations)
    .join('g')
    .attr('data-station', (s) => s.id)
    .attr('data-over', (s) => String(s.over));
  bars.each(function (station) {
    let base = 0;
    const g = select(this);
    station.segments.forEach((seg, k) => {
      const top = base + seg.time;
      const rect = g
        .append('rect')
        .attr('class', 'segment')
        .attr('data-element', seg.id)
        .attr('x', x(station.id)!)
        .attr('width', x.bandwidth())
        .attr('y', y(top))
        .attr('height', Math.max(0, y(base) - y(top)))
        .attr('fill', station.over ? COLORS.over : COLORS.fill[k % 2]!)
        .attr('stroke', seg.flagged ? COLORS.flagged : '#0f1720')
        .attr('stroke-width', seg.flagged ? 3 : 1);
      rect.append('title').text(`${seg.name}: ${seg.time} s`);
      if (y(base) - y(top) >= 18 && x.bandwidth() >= 60) {
        g.append('text')
          .attr('x', x(station.id)! + 6)
          .attr('y', (y(base) + y(top)) / 2 + 5)
          .attr('fill', station.over ? '#1a0000' : COLORS.text)
          .attr('font-size', 12)
          .attr('pointer-events', 'none')
          .text(clip(seg.name, Math.floor(x.bandwidth() / 7)));
      }
      base = top;
    });
    g.append('text')
      .attr('class', 'total')
      .attr('x', x(station.id)! + x.bandwidth() / 2)
      .attr('y', y(base) - 6)
      .attr('text-anchor', 'middle')
      .attr('fill', station.over ? COLORS.over : COLORS.text)
      .attr('font-size', 15)
      .attr('font-weight', 700)
      .text(`${round(base)} s`);
  });

  const line = (value: number, color: string, label: string, dash: string) => {
    svg
      .append('line')
      .attr('x1', MARGIN.left)
      .attr('x2', width - MARGIN.right + 8)
      .attr('y1', y(value))
      .attr('y2', y(value))
      .attr('stroke', color)
      .attr('stroke-width', 3)
      .attr('stroke-dasharray', dash);
    svg
      .append('text')
      .attr('x', width - MARGIN.right + 12)
      .attr('y', y(value) + 5)
      .attr('fill', color)
      .attr('font-size', 14)
      .attr('font-weight', 700)
      .text(label);
  };
  if (target !== undefined && target > 0 && target < takt) line(target, COLORS.target, `Target ${round(target)} s`, '6 4');
  line(takt, COLORS.takt, `Takt ${round(takt)} s`, '');
}

const round = (x: number) => String(Math.round(x * 10) / 10);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, Math.max(1, n - 1))}…` : s);
