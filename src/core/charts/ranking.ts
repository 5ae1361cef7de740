/**
 * Ranking bars with changes: units as horizontal bars sorted by score (rank 1 at the top), each
 * labelled with its score and its change on last year (▲ up in red, ▼ down in green, as Chinese
 * reports colour rises and falls), and the rank and rank change beside the name.
 */
import { baseOption, formatValue, labelText, roundData, textWidth, topSpace, WORDS, type ChartOptions, type ChartSpec } from './common.ts';

/** One bar: a unit's score, change and rank. */
export interface RankingItem {
  name: string;
  value: number | null;
  /** Change of the score on last year. */
  change?: number | null;
  rank?: number | null;
  /** Previous rank minus this rank: positive = moved up. */
  rankChange?: number | null;
}

/** Options of {@link rankingChart}. */
export interface RankingOptions extends ChartOptions {
  /** Show only the first n (default all). */
  top?: number;
  /** Colours of rises and falls (default red rises, green falls, as Chinese reports). */
  upColor?: string;
  downColor?: string;
}

const ARROW = { up: '▲', down: '▼', same: '—' };

/**
 * The ECharts model of ranking bars (see the module comment). Units without a value go last,
 * labelled —. Ties keep the input order.
 * @example rankingChart([{ name: '乙', value: 1 }, { name: '甲', value: 2 }]).option.yAxis.data // => ['1 甲', '2 乙']
 */
export function rankingChart(items: RankingItem[], options: RankingOptions = {}): ChartSpec {
  const lang = options.lang ?? 'zh';
  const decimals = options.decimals ?? 2;
  const up = options.upColor ?? '#c9302c';
  const down = options.downColor ?? '#2e8b57';
  const valued = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
  const order = items.map((it, i) => ({ it, i })).sort((a, b) => {
    const va = valued(a.it.value) ? a.it.value : -Infinity;
    const vb = valued(b.it.value) ? b.it.value : -Infinity;
    return vb - va || a.i - b.i;
  }).map((x) => x.it);
  const shown = options.top !== undefined ? order.slice(0, options.top) : order;
  const anyChange = shown.some((it) => valued(it.change));
  const width = options.width ?? 820;
  const height = options.height ?? topSpace(options, 30) + 24 * shown.length + 40;
  const rankText = (it: RankingItem, i: number): string => {
    const r = valued(it.rank) ? String(it.rank) : String(i + 1);
    return `${r} ${labelText(it.name)}`;
  };
  const changeText = (c: number | null | undefined): string => {
    if (!valued(c)) return '';
    const r = Number(c.toFixed(decimals));
    return r > 0 ? `{up|${ARROW.up}${formatValue(c, decimals)}}` : r < 0 ? `{down|${ARROW.down}${formatValue(-c, decimals)}}` : `{same|${ARROW.same}0}`;
  };
  const rankMove = (rc: number | null | undefined): string => (!valued(rc) || rc === 0 ? '' : rc > 0 ? `  {up|↑${rc}}` : `  {down|↓${-rc}}`);
  const values = shown.map((it) => it.value).filter(valued);
  const low = values.length ? Math.max(0, Math.floor((Math.min(...values) - 10) / 10) * 10) : 0;
  const option = {
    ...baseOption(options),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: Math.max(80, Math.ceil(Math.max(0, ...shown.map((it, i) => textWidth(rankText(it, i), 12))) + 18)), right: anyChange ? 150 : 80, top: topSpace(options, 30), bottom: 30 },
    xAxis: { type: 'value', min: low, name: WORDS[lang].score, nameLocation: 'end', splitLine: { lineStyle: { color: '#e5e5e5' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map(rankText),
      axisTick: { show: false },
      axisLabel: { interval: 0, fontSize: 12, color: '#222' },
    },
    series: [
      {
        type: 'bar',
        barWidth: '62%',
        itemStyle: { color: '#2f6db5' },
        data: shown.map((it) => ({
          value: roundData(it.value),
          label: { formatter: `{v|${formatValue(it.value, decimals)}}${valued(it.change) ? `  ${changeText(it.change)}` : ''}${rankMove(it.rankChange)}` },
        })),
        label: {
          show: true,
          position: 'right',
          rich: { v: { fontSize: 12, color: '#222' }, up: { fontSize: 11, color: up }, down: { fontSize: 11, color: down }, same: { fontSize: 11, color: '#777' } },
        },
      },
    ],
  };
  return { option, width, height };
}
