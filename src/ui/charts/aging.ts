// The aging WIP chart: one column per stage with its 50/85/95th percentile bands of past time in stage, and a dot per card
// still in process at its age in the stage. Bands and dot colours are the board's (the engine's bandOf).
import { axisBottom, axisLeft, scaleBand, scaleLinear, select } from 'd3';
import { CHART } from '../flow/format.ts';
import { duration } from '../format.ts';
import type { AgeBand } from '../../engine/flow/aging.ts';

export interface AgingData {
  stages: readonly { name: string; p50: number | null; p85: number | null; p95: number | null; cards: readonly { cardId: string; age: number; band: AgeBand }[] }[];
  width: number;
  height: number;
}

/** Fill of each band as on the board's age badges. */
export const BAND_FILL: Record<AgeBand, string> = {
  'below-p50': '#1f4d33',
  'p50-p85': '#4a4a1a',
  'p85-p95': '#7a4a00',
  'above-p95': '#8f1d1d',
  'no-history': '#2e4053',
};
const DOT: Record<AgeBand, string> = {
  'below-p50': '#8fd694',
  'p50-p85': '#f5e663',
  'p85-p95': '#ffb347',
  'above-p95': '#ff8080',
  'no-history': '#b8c4d0',
};
const MARGIN = { top: 16, right: 16, bottom: 44, left: 56 };
const DAY = 86_400;

export function drawAging(svgElement: SVGSVGElement, data: AgingData): void {
  const { stages, width, height } = data;
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', CHART.bg);
  let top = 1;
  for (const s of stages) {
    top = Math.max(top, (s.p95 ?? 0) / DAY);
    for (const c of s.cards) top = Math.max(top, c.age / DAY);
  }
  const x = scaleBand<number>().domain(stages.map((_, i) => i)).range([MARGIN.left, width - MARGIN.right]).padding(0.12);
  const y = scaleLinear().domain([0, top * 1.05]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  const [yTop] = y.domain().slice(-1);
  stages.forEach((s, i) => {
    const x0 = x(i)!;
    const g = svg.append('g').attr('data-stage', s.name);
    if (s.p50 === null || s.p85 === null || s.p95 === null) {
      g.append('rect').attr('x', x0).attr('width', x.bandwidth()).attr('y', MARGIN.top).attr('height', y(0) - MARGIN.top).attr('fill', BAND_FILL['no-history']);
    } else {
      const edges: [AgeBand, number, number][] = [
        ['below-p50', 0, s.p50 / DAY],
        ['p50-p85', s.p50 / DAY, s.p85 / DAY],
        ['p85-p95', s.p85 / DAY, s.p95 / DAY],
        ['above-p95', s.p95 / DAY, yTop!],
      ];
      for (const [band, lo, hi] of edges) {
        g.append('rect').attr('x', x0).attr('width', x.bandwidth()).attr('y', y(hi)).attr('height', Math.max(0, y(lo) - y(hi))).attr('fill', BAND_FILL[band]).attr('data-band', band)
          .append('title').text(`${s.name}: ${band === 'above-p95' ? `beyond the 95th percentile (${duration(s.p95)})` : `up to ${duration(hi * DAY)}`}`);
      }
    }
    const n = s.cards.length;
    s.cards.forEach((c, k) => {
      // Dots spread across the column so cards of the same age stay apart.
      const cx = x0 + (x.bandwidth() * (k + 1)) / (n + 1);
      g.append('circle').attr('cx', cx).attr('cy', y(c.age / DAY)).attr('r', 5).attr('fill', DOT[c.band]).attr('stroke', CHART.bg).attr('data-card', c.cardId)
        .append('title').text(`${c.cardId}: ${duration(c.age)} in ${s.name}`);
    });
  });
  const xAxis = svg.append('g').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(axisBottom(x).tickFormat((i) => stages[i]?.name ?? ''));
  const yAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(6));
  for (const axis of [xAxis, yAxis]) {
    axis.selectAll('text').attr('fill', CHART.text).attr('font-size', 12);
    axis.selectAll('line,path').attr('stroke', CHART.muted);
  }
  svg.append('text').attr('transform', `translate(16,${(height - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', CHART.muted).attr('font-size', 13).text('Age in stage (days)');
}
