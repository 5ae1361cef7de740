import type { Command } from 'commander';
import { Option } from 'commander';
import { AGGREGATORS, IMPUTERS, NORMALISERS, WEIGHTERS } from '../core/index.ts';

interface Described {
  describe: { zh: string; en: string };
}

/** The method catalogue: every name a recipe may use, with a one-line description. */
export function methodCatalogue(lang: 'zh' | 'en' | 'both'): string[] {
  const section = (title: { zh: string; en: string }, field: string, reg: Record<string, Described>, extra: [string, { zh: string; en: string }][] = []): string[] => [
    `${lang === 'en' ? title.en : lang === 'zh' ? title.zh : `${title.zh} / ${title.en}`}  (recipe: ${field})`,
    ...[...Object.entries(reg).map(([k, d]) => [k, d.describe] as [string, { zh: string; en: string }]), ...extra].map(([k, d]) =>
      lang === 'both' ? `  ${k.padEnd(22)} ${d.zh}\n  ${''.padEnd(22)} ${d.en}` : `  ${k.padEnd(22)} ${lang === 'zh' ? d.zh : d.en}`,
    ),
    '',
  ];
  return [
    ...section({ zh: '标准化方法', en: 'Normalisation' }, 'normalisation.method', NORMALISERS as Record<string, Described>),
    ...section({ zh: '异常值处理', en: 'Outlier treatment' }, 'treatment.method', {}, [
      ['none', { zh: '不处理（默认）', en: 'No treatment (default)' }],
      ['winsorise', { zh: '缩尾处理：|偏度|>2且峰度>3.5时逐点缩尾（最多5点），仍不满足则取对数（COINr/GII规则）', en: 'Winsorise while |skew| > 2 and kurtosis > 3.5 (up to 5 points), else log-transform (COINr/GII rule)' }],
    ]),
    ...section({ zh: '缺失值插补', en: 'Imputation' }, 'missing.steps', IMPUTERS as Record<string, Described>),
    ...section({ zh: '权重方法', en: 'Weighting' }, 'weights.scheme', WEIGHTERS as Record<string, Described>, [
      ['framework', { zh: '使用框架文件中的权重（默认）', en: 'Weights written in the framework file (default)' }],
      ['leaf-count', { zh: '按下属末级指标个数成比例（每个指标等权）', en: 'Proportional to the number of indicators below (every indicator equal)' }],
    ]),
    ...section({ zh: '合成方法', en: 'Aggregation' }, 'aggregation.method', AGGREGATORS as Record<string, Described>),
  ];
}

/** `ipindex methods`. */
export function registerMethodsCommand(program: Command): void {
  program
    .command('methods')
    .description('list every method a recipe may name, with one-line descriptions (docs/methods.md has the formulas)')
    .addOption(new Option('--lang <lang>', 'zh, en, or both').choices(['zh', 'en', 'both']).default('both'))
    .action((o) => {
      process.stdout.write(methodCatalogue(o.lang).join('\n'));
    });
}
