/**
 * Plan-target attainment: each target as a horizontal bar of its value as a share of the target
 * (100 % = the target, a dashed line), green when met and orange when not, labelled with the value,
 * the target and the status. Targets in different units share one axis this way.
 */
import { baseOption, labelText, roundData, topSpace, type ChartOptions, type ChartSpec } from './common.ts';

/** One plan target and where it stands. */
export interface TargetItem {
  label: string;
  value: number | null;
  target: number;
  /** Whether the target is met (the caller decides: at-least or at-most targets, the year). */
  met: boolean;
  /** Unit written after value and target (e.g. `%`, `亿元`, `件`). */
  unit?: string;
  /** A smaller value is better (an at-most target): the bar shows target ÷ value. */
  atMost?: boolean;
}

/** Options of {@link targetsChart}. */
export interface TargetsOptions extends ChartOptions {
  metColor?: string;
  notMetColor?: string;
}

const T = {
  zh: { met: '已达到', notMet: '未达到', target: '目标', axis: '完成程度（%，目标=100）' },
  en: { met: 'met', notMet: 'not met', target: 'target', axis: 'attainment (% of target)' },
};

/**
 * The ECharts model of plan-target attainment (see the module comment). Items keep their order.
 * @example targetsChart([{ label: '专利密集型产业增加值占GDP比重', value: 13.04, target: 13, met: true, unit: '%' }]).option.series[0].data[0].value // => 100.31
 */
export function targetsChart(items: TargetItem[], options: TargetsOptions = {}): ChartSpec {
  const lang = options.lang ?? 'zh';
  const t = T[lang];
  const decimals = options.decimals ?? 2;
  const ratio = (it: TargetItem): number | null => {
    if (it.value === null || !Number.isFinite(it.value) || !Number.isFinite(it.target) || it.target === 0) return null;
    return it.atMost ? (it.target / it.value) * 100 : (it.value / it.target) * 100;
  };
  const ratios = items.map(ratio);
  const hi = Math.max(120, ...ratios.filter((r): r is number => r !== null).map((r) => Math.ceil((r + 10) / 20) * 20));
  const width = options.width ?? 900;
  const height = options.height ?? topSpace(options, 30) + 46 * items.length + 50;
  const unit = (it: TargetItem): string => (it.unit ? (/^[%‰]$/.test(it.unit) ? it.unit : ` ${labelText(it.unit)}`) : '');
  // as short as it is: 3987.1, 13.04, 14 (at most `decimals` decimals)
  const num = (v: number): string => String(Number(v.toFixed(decimals)));
  const option = {
    ...baseOption(options),
    tooltip: { trigger: 'item' },
    grid: { left: 230, right: 250, top: topSpace(options, 30), bottom: 44 },
    xAxis: { type: 'value', min: 0, max: hi, interval: 20, name: t.axis, nameLocation: 'middle', nameGap: 26, splitLine: { lineStyle: { color: '#e5e5e5' } } },
    yAxis: { type: 'category', inverse: true, data: items.map((it) => labelText(it.label)), axisTick: { show: false }, axisLabel: { interval: 0, width: 210, overflow: 'break', fontSize: 12, color: '#222', lineHeight: 15 } },
    series: [
      {
        type: 'bar',
        barWidth: '55%',
        data: items.map((it, i) => ({
          value: roundData(ratios[i], 2),
          itemStyle: { color: it.met ? (options.metColor ?? '#3a9b5d') : (options.notMetColor ?? '#e07b39') },
          label: { formatter: `${it.value === null ? '—' : num(it.value)}${unit(it)}（${t.target} ${num(it.target)}${unit(it)}）${it.met ? t.met : t.notMet}`.replace(/（/g, lang === 'zh' ? '（' : ' (').replace(/）/g, lang === 'zh' ? '）' : ') ') },
        })),
        label: { show: true, position: 'right', fontSize: 11, color: '#222' },
        markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#555' }, label: { formatter: t.target, position: 'start', color: '#555' }, data: [{ xAxis: 100 }] },
      },
    ],
  };
  return { option, width, height };
}
