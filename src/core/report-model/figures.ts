/**
 * Figures of the report: where {@link buildReport} asks for one, a {@link FigureMaker} returns the
 * chart model (an ECharts option from src/core/charts) and its title; the caption is numbered as
 * the report numbers it (图 19 2021—2025年知识产权强国建设指数（分）).
 */
import type { GroupStat } from '../analysis/group-stats.ts';
import type { Grouping } from '../panel/groupings.ts';
import type { ReportRun } from './build.ts';
import type { NarrativeContext } from './narrative-common.ts';
import type { Lang } from './text.ts';

/** The figures the report asks for, by place. */
export type FigureKind = 'edition-series' | 'ranking' | 'map' | 'group-means';

/** What a figure is of. */
export interface FigureRequest {
  run: ReportRun;
  /** The node the figure shows. */
  node: string;
  ctx: NarrativeContext;
  stats: GroupStat[];
  /** The figure's number (图 N). */
  number: number;
  /** For `group-means`: the grouping. */
  grouping?: Grouping;
}

/** A chart for a figure: its model, and the title (without number) or the whole caption. */
export interface FigureSpec {
  option: Record<string, unknown>;
  width: number;
  height: number;
  map?: string;
  /** Title without the figure number (`2021—2025年知识产权强国建设指数（分）`). */
  title: string;
  /** The whole caption, when the maker numbers it itself. */
  caption?: string;
}

/** Makes the chart of a figure, or undefined to leave the figure out. */
export type FigureMaker = (kind: FigureKind, request: FigureRequest) => FigureSpec | undefined;

/**
 * A numbered caption.
 * @example figureCaption(19, '2021—2025年知识产权强国建设指数（分）', 'zh') // => '图 19 2021—2025年知识产权强国建设指数（分）'
 * @example figureCaption(26, 'Four regions: mean scores and changes (points)', 'en') // => 'Figure 26 Four regions: mean scores and changes (points)'
 */
export function figureCaption(number: number, title: string, lang: Lang): string {
  return lang === 'zh' ? `图 ${number} ${title}` : `Figure ${number} ${title}`;
}
