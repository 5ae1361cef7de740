/**
 * The sample-data label: results computed from the bundled generated sample data are labelled as
 * such wherever they are shown (summary, output folder, report, dashboard).
 */
import type { Observation } from '../panel/types.ts';

/**
 * True when the observations are (partly) the bundled sample data: a row whose source is
 * `sample` or whose note mentions sample data (the generator writes one of the two).
 * @example isSampleData([{ unit: 'CN', year: 2024, variable: 'N1', value: 1, source: 'sample' }]) // => true
 */
export function isSampleData(observations: Iterable<Pick<Observation, 'source' | 'note'>>): boolean {
  for (const o of observations) if (o.source === 'sample' || /sample/i.test(o.note ?? '')) return true;
  return false;
}

/** The line put first in a summary computed from sample data. */
export const SAMPLE_LABEL = {
  zh: '【样本数据】以下结果由随附的样本数据计算，仅用于演示，不是官方统计或评价结果。',
  en: '[SAMPLE DATA] Computed from the bundled sample data for demonstration; not official statistics or results.',
} as const;

/** The text of the SAMPLE-DATA.txt notice an output folder of a sample-data run carries. */
export function sampleNotice(): string {
  return `${SAMPLE_LABEL.zh}\n${SAMPLE_LABEL.en}\n数据说明 / about the data: data/sample/README.md\n`;
}
