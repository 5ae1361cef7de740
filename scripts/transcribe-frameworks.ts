/**
 * Transcribes the two CNIPA frameworks from the indicator lists in ../shared/spec/*.tsv into
 * frameworks/*.yaml. Run once by a developer (`node --import tsx scripts/transcribe-frameworks.ts`);
 * the YAML files are the source of truth afterwards and are meant to be copied and edited.
 *
 * English names come from scripts/indicator-names-en.tsv (code<TAB>name_en) where present.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { Document, isMap, isPair, isScalar, isSeq, visit } from 'yaml';

/** YAML text with names, targets and level lists in compact flow style. */
function toYaml(obj: unknown): string {
  const doc = new Document(obj);
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && ['name', 'zh', 'en', 'targets'].includes(String(pair.key.value))) {
        if (isMap(pair.value) || isSeq(pair.value)) pair.value.flow = true;
        if (isSeq(pair.value)) pair.value.items.forEach((i) => { if (isMap(i)) i.flow = true; });
      }
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n {2}- code: /g, '\n\n  - code: ');
}

const spec = new URL('../../shared/spec/', import.meta.url);
const readTsv = (name: string): Record<string, string>[] => {
  const [head, ...rows] = readFileSync(new URL(name, spec), 'utf8').trim().split('\n');
  const cols = head!.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i]!, v])));
};
const enFile = new URL('./indicator-names-en.tsv', import.meta.url);
const EN: Record<string, string> = existsSync(enFile)
  ? Object.fromEntries(readFileSync(enFile, 'utf8').trim().split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t') as [string, string]))
  : {};
const nm = (code: string, zh: string) => (EN[code] ? { zh, en: EN[code] } : { zh });

// ---------------------------------------------------------------------------------- regional
const regional = readTsv('regional-indicators.tsv');
const groupCodes: Record<string, string> = {
  司法保护: 'G11', 行政保护: 'G12', 协同保护: 'G13',
  高质量创造: 'G21', 运用机制: 'G22', 市场运营: 'G23',
  知识产权制度建设: 'G31', 公共服务: 'G32', 人才发展: 'G33',
};
const pillarCodes: Record<string, string> = { 知识产权保护: 'P1', 知识产权市场运行: 'P2', 知识产权发展环境: 'P3' };
const pillarEn: Record<string, string> = { P1: 'IP protection', P2: 'IP market operation', P3: 'IP development environment' };
const groupEn: Record<string, string> = {
  G11: 'Judicial protection', G12: 'Administrative protection', G13: 'Coordinated protection',
  G21: 'High-quality creation', G22: 'Utilisation mechanisms', G23: 'Market operation services',
  G31: 'IP institution building', G32: 'Public services', G33: 'Talent development',
};
const pillarWeight: Record<string, number> = { P1: 0.25, P2: 0.5, P3: 0.25 };

/** Derived regional indicators: formula over raw variables and the unit it yields. */
const FORMULAS: Record<string, [string, string]> = {
  R19: ['R18 / POP', '件/万人'],
  R21: ['R20 / EXPORT * 100', '件/百亿元'],
  R23: ['R22 / GDP * 100', '件/百亿元'],
  R25: ['R24 / ENTITIES * 10^4', '件/万户'],
  R27: ['R26 / GDP * 100', '件/百亿元'],
  R29: ['R28 / POP', '件/万人'],
  R31: ['R30 / GDP * 100', '件/百亿元'],
  R33: ['R32 / GDP * 100', '件/百亿元'],
  R35: ['R34 / GDP * 100', '件/百亿元'],
  R37: ['R36 / GDP * 100', '件/百亿元'],
  R39: ['R38 / GDP * 100', '件/百亿元'],
  R41: ['R40 / GDP * 100', '件/百亿元'],
  R43: ['R42 / GDP * 100', '%'],
  R46: ['R45 / GDP * 100', '%'],
  R48: ['R47 * 10^4 / GDP', '万元/亿元'],
  R50: ['R49 / TRADE * 100', '%'],
  R52: ['R51 / PATENT_VALID * 100', '%'],
  R54: ['R53 / TM_VALID * 100', '%'],
  R57: ['R56 / GDP * 100', '亿元/百亿元'],
  R60: ['R59 / GDP', '万元/亿元'],
  R62: ['R61 / ENTITIES * 100', '%'],
  R64: ['R63 / GDP', '万元/亿元'],
  R70: ['R69 / PREF_CITIES * 100', '%'],
  R72: ['R71 / POP', '家/万人'],
  R77: ['R76 / PATENT_APPS * 10^4', '家/万件'],
  R78: ['TM_AGENCIES / TM_APPS * 10^4', '家/万件'],
  R80: ['R79 / EMPLOYED', '人/万人'],
  R82: ['R81 / COLLEGE_POP', '人/万人'],
  R85: ['R84 / POP * 100', '家/百万人'],
  R86: ['IP_GRADS / BACHELOR_GRADS * 10^4', '人/万人'],
};
const VARIABLES = [
  ['POP', '常住人口', 'Resident population', '万人'],
  ['GDP', '地区生产总值', 'Gross regional product', '亿元'],
  ['EXPORT', '货物贸易出口额', 'Goods exports', '亿元'],
  ['TRADE', '进出口贸易总额', 'Total imports and exports', '亿元'],
  ['ENTITIES', '经营主体数量', 'Registered business entities', '户'],
  ['EMPLOYED', '就业人员', 'Employed persons', '万人'],
  ['COLLEGE_POP', '大专以上学历人口', 'Population with tertiary education', '万人'],
  ['PATENT_VALID', '有效专利量', 'Patents in force', '件'],
  ['TM_VALID', '有效商标注册量', 'Registered trademarks in force', '件'],
  ['PATENT_APPS', '专利申请量', 'Patent applications', '件'],
  ['TM_APPS', '商标注册申请量', 'Trademark applications', '件'],
  ['TM_AGENCIES', '商标代理机构数量', 'Trademark agencies', '家'],
  ['PREF_CITIES', '地级行政区数量', 'Prefecture-level divisions', '个'],
  ['BACHELOR_GRADS', '本科毕业生数', 'Bachelor graduates', '人'],
  ['IP_GRADS', '知识产权专业本科毕业生数', 'IP bachelor graduates', '人'],
] as const;

const header = (title: string) =>
  `# ${title}\n# Transcribed from the appendix of 知识产权强国建设发展报告（2025年） (tables 3 and 4) and the report's\n# narrative; rows marked source: reconstructed were lost from the printed table and are our best\n# reconstruction — rename or replace them freely. Codes are stable across installations.\n# Copy this file to make your own variant; \`ipindex framework check <file>\` validates it.\n`;

{
  const nodes: Record<string, unknown>[] = [
    { code: 'RIDX', name: { zh: '地区知识产权发展指数', en: 'Regional IP Development Index' } },
  ];
  const seenP = new Set<string>();
  const seenG = new Set<string>();
  for (const r of regional) {
    const p = pillarCodes[r.level1!]!;
    const g = groupCodes[r.level2!]!;
    if (!seenP.has(p)) {
      seenP.add(p);
      nodes.push({ code: p, parent: 'RIDX', name: { zh: r.level1, en: pillarEn[p] }, weight: pillarWeight[p] });
    }
    if (!seenG.has(g)) {
      seenG.add(g);
      nodes.push({ code: g, parent: p, name: { zh: r.level2, en: groupEn[g] }, weight: 1 });
    }
    const f = FORMULAS[r.code!];
    nodes.push({
      code: r.code,
      parent: g,
      number: Number(r.no),
      name: nm(r.code!, r.name_zh!),
      unit: f ? f[1] : r.unit,
      direction: r.direction,
      ...(f ? { kind: 'derived', formula: f[0] } : { kind: 'raw' }),
      weight: 1,
      source: r.source,
    });
  }
  const doc = {
    id: 'cnipa-regional',
    version: '2025.1',
    name: { zh: '地区知识产权发展指数', en: 'Regional IP Development Index' },
    description:
      '31个省（区、市）知识产权发展水平评价：3个一级指标、9个二级指标、86个三级指标。一级指标权重0.25/0.50/0.25由已发布结果反推（见docs/frameworks.md）。',
    level_names: { zh: ['总指数', '一级指标', '二级指标', '三级指标'], en: ['Index', 'Pillar', 'Sub-pillar', 'Indicator'] },
    variables: VARIABLES.map(([code, zh, en, unit]) => ({ code, name: { zh, en }, unit })),
    nodes,
  };
  writeFileSync(new URL('../frameworks/cnipa-regional-2025.yaml', import.meta.url), header('地区知识产权发展指数 — CNIPA regional framework, 2025 edition') + toYaml(doc));
}

// ---------------------------------------------------------------------------------- national
{
  const national = readTsv('national-indicators.tsv');
  const subCodes: Record<string, [string, string]> = {
    知识产权制度: ['S1', 'IP system'],
    知识产权保护: ['S2', 'IP protection'],
    知识产权市场运行: ['S3', 'IP market operation'],
    知识产权公共服务: ['S4', 'IP public services'],
    知识产权人文社会环境: ['S5', 'IP cultural and social environment'],
    参与全球知识产权治理: ['S6', 'Participation in global IP governance'],
  };
  const counts = new Map<string, number>();
  for (const r of national) counts.set(r.level1!, (counts.get(r.level1!) ?? 0) + 1);
  const TARGETS: Record<string, unknown[]> = {
    N26: [{ value: 82, year: 2025, note: '《知识产权强国建设纲要和“十四五”规划实施》预期目标' }],
    N27: [{ value: 12, year: 2025, note: '“十四五”规划预期目标' }],
    N37: [{ value: 13, year: 2025, note: '“十四五”规划预期目标' }],
  };
  const nodes: Record<string, unknown>[] = [
    { code: 'NIDX', name: { zh: '知识产权强国建设指数', en: 'IP Power Construction Index' } },
  ];
  const seen = new Set<string>();
  for (const r of national) {
    const [s, en] = subCodes[r.level1!]!;
    if (!seen.has(s)) {
      seen.add(s);
      nodes.push({ code: s, parent: 'NIDX', name: { zh: r.level1, en }, weight: counts.get(r.level1!) });
    }
    nodes.push({
      code: r.code,
      parent: s,
      number: Number(r.no),
      name: nm(r.code!, r.name_zh!),
      unit: r.unit,
      direction: r.direction,
      kind: 'raw',
      weight: 1,
      source: r.source,
      ...(TARGETS[r.code!] ? { targets: TARGETS[r.code!] } : {}),
    });
  }
  const doc = {
    id: 'cnipa-national',
    version: '2025.1',
    name: { zh: '知识产权强国建设指数', en: 'IP Power Construction Index' },
    description:
      '全国层面时间序列评价：6个分指数、85个二级指标，2021年=100。分指数权重等于其指标个数（每个指标等权），由已发布结果反推（见docs/frameworks.md）。',
    level_names: { zh: ['总指数', '分指数', '指标'], en: ['Index', 'Sub-index', 'Indicator'] },
    nodes,
  };
  writeFileSync(new URL('../frameworks/cnipa-national-2025.yaml', import.meta.url), header('知识产权强国建设指数 — CNIPA national framework, 2025 edition') + toYaml(doc));
}
console.log('wrote frameworks/cnipa-regional-2025.yaml and frameworks/cnipa-national-2025.yaml');
