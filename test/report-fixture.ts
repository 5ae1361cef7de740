/**
 * A hand-made report document for the renderer tests (XLSX, DOCX, HTML, PDF): headings at three
 * levels, body text and a note, tables with numbers of every display format and with text that
 * must stay text (a formula, a script tag), a figure from the rank-interval chart model, a
 * sample-data notice and a manifest. Its numbers are literal, so a test can state what a cell
 * must show without running the renderer's own formatting.
 */
import { rankIntervalChart } from '../src/core/charts/index.ts';
import type { ReportDocument, TableCell } from '../src/core/report-model/document.ts';

export const INJECTION = "=cmd|' /C calc'!A0";
export const SCRIPT = '<script>alert(1)</script>';

const PROVINCES = ['北京', '上海', '广东', '江苏', '浙江', '山东', '四川', '湖北', '福建', '安徽', '天津', '陕西'];

/** Scores 90, 88.5, 87 … of {@link PROVINCES}; changes alternate in sign. */
export const provinceRows: TableCell[][] = PROVINCES.map((name, i) => [
  { text: name },
  { value: 90 - 1.5 * i, decimals: 2 },
  { value: i + 1, format: 'integer' },
  { value: i % 2 === 0 ? 0.734 : -0.256, decimals: 2, format: 'signed' },
]);

/** The report document of the renderer tests. */
export function fixtureDocument(lang: 'zh' | 'en' = 'zh'): ReportDocument {
  const zh = lang === 'zh';
  return {
    meta: {
      lang,
      title: zh ? '知识产权发展指数评价报告' : 'IP development index report',
      subtitle: zh ? '测试文档' : 'test document',
      edition: 2025,
      indices: [
        { id: 'cnipa-national', name: zh ? '知识产权强国建设指数' : 'IP powerhouse index' },
        { id: 'cnipa-regional', name: zh ? '地区知识产权发展指数' : 'Regional IP development index' },
      ],
      inputs: [
        { label: 'data/sample/national.csv', sha256: 'a'.repeat(64) },
        { label: 'data/sample/regional.csv', sha256: 'b'.repeat(64) },
      ],
      sampleNotice: zh ? '【样本数据】以下结果由随附的样本数据计算，仅用于演示，不是官方统计或评价结果。' : '[SAMPLE DATA] Computed from the bundled sample data for demonstration; not official statistics or results.',
      software: 'ipindex 0.1.0',
      generated: '2026-12-02',
    },
    blocks: [
      { kind: 'heading', level: 1, number: zh ? '第三章' : 'Chapter 3', text: zh ? '知识产权发展状况评价' : 'Evaluation' },
      { kind: 'heading', level: 2, number: zh ? '（一）' : '3.1', text: zh ? '总体情况' : 'Overview' },
      {
        kind: 'paragraph',
        text: zh ? `2025年全国知识产权发展指数平均值为81.73，比上年提高0.73。名称为${SCRIPT}的单位照常显示。` : `The mean of the 2025 index is 81.73, up 0.73. A unit named ${SCRIPT} shows as text.`,
        facts: [{ text: '81.73', value: 81.73, ref: 'mean:RIDX:2025' }],
      },
      {
        kind: 'table',
        id: 'provinces',
        caption: zh ? '表 1 2025年各省知识产权发展指数得分与排名' : 'Table 1 Scores and ranks, 2025',
        sheetName: zh ? '各省得分' : 'Province scores',
        columns: [{ header: zh ? '地区' : 'Province' }, { header: zh ? '得分' : 'Score', align: 'right' }, { header: zh ? '排名' : 'Rank', align: 'right' }, { header: zh ? '比上年' : 'Change', align: 'right' }],
        rows: [...provinceRows, [{ text: INJECTION }, { value: null }, { value: 13, format: 'integer' }, { value: 0, decimals: 2, format: 'signed' }], [{ text: SCRIPT }, { value: 70.125, decimals: 1 }, { value: 14, format: 'integer' }, { value: 12.5, decimals: 1, format: 'percent' }]],
        note: zh ? '注：得分保留两位小数。' : 'Note: scores to two decimals.',
      },
      { kind: 'heading', level: 3, number: zh ? '1.' : '3.1.1', text: zh ? '排名稳健性' : 'Robustness of the ranks' },
      {
        kind: 'figure',
        id: 'rank-intervals',
        caption: zh ? '图 19 2021—2025年知识产权强国建设指数排名区间' : 'Figure 19 Rank intervals',
        option: rankIntervalChart(
          PROVINCES.map((name, i) => ({ name, nominal: i + 1, median: i + 1.5, q05: Math.max(1, i - 1), q95: Math.min(12, i + 3) })),
          { title: zh ? '排名区间' : 'Rank intervals', lang, sample: true },
        ),
        width: 900,
        height: 480,
      },
      { kind: 'paragraph', text: zh ? '资料来源：样本数据。' : 'Source: sample data.', style: 'note' },
      { kind: 'heading', level: 1, number: zh ? '第四章' : 'Chapter 4', text: zh ? '规划目标' : 'Plan targets' },
      {
        kind: 'table',
        id: 'targets',
        caption: zh ? '表 2 规划目标完成情况' : 'Table 2 Plan targets',
        sheetName: 'targets/[2025]*?',
        columns: [{ header: zh ? '指标' : 'Indicator' }, { header: zh ? '数值' : 'Value', align: 'right' }, { header: zh ? '目标' : 'Target', align: 'right' }, { header: zh ? '状态' : 'Status' }],
        rows: [
          [{ text: '每万人口高价值发明专利拥有量' }, { value: 14.9, decimals: 1 }, { value: 12, decimals: 1 }, { text: zh ? '提前达到' : 'met early' }],
          [{ text: '+1 plus' }, { value: 3800.456, decimals: 0 }, { value: 3500, decimals: 0 }, { text: '-3.5' }],
        ],
      },
    ],
    manifests: [{ framework: { id: 'cnipa-regional', sha256: 'c'.repeat(64) }, recipe: { builtin: 'cnipa-regional' }, data: [{ file: 'data/sample/regional.csv', sha256: 'b'.repeat(64) }], warnings: [], sampleData: true, note: INJECTION }],
  };
}
