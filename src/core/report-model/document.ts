/**
 * The report document model: what `ipindex report` writes, as data. The core builds one
 * {@link ReportDocument} from a run (tables, chart options, narrative); each renderer (XLSX,
 * DOCX, HTML, PDF) turns the same document into its format and adds nothing of its own but
 * layout. Text is plain text everywhere: renderers escape it (HTML), neutralise it (XLSX/CSV
 * formula injection) or write it as runs (DOCX); no field holds markup.
 */

/** A numbered heading, as the report numbers its sections (一、 / （一） / 1.). */
export interface HeadingBlock {
  kind: 'heading';
  /** 1 = chapter, 2 = section, 3 = subsection. */
  level: 1 | 2 | 3;
  /**
   * Its number as printed (e.g. `第三章`, `一、`, `（二）`, `Chapter 3`, `3.2`); empty for none.
   * Renderers print it before the text, with a space between unless it ends in 、 or ）.
   */
  number: string;
  text: string;
}

/** A paragraph of generated narrative. */
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** The facts the sentences state (for tests that parse numbers back and for traceability). */
  facts?: NarrativeFact[];
  /** `note` = a small-print note (sources, sample-data notice). */
  style?: 'body' | 'note';
}

/** One number a sentence states, and where in the results it comes from. */
export interface NarrativeFact {
  /** The number as printed in the text (e.g. `81.73`, `+0.73`, `19`). */
  text: string;
  value: number;
  /** What it is: e.g. `mean:RIDX:2025`, `score:440000:RIDX:2025`, `count80:RIDX:2025`. */
  ref: string;
  /** The text prints the magnitude of `value` (a fall written 下降0.35 / down 0.35). */
  magnitude?: boolean;
}

/** A cell of a table: text or a number with its display format. */
export type TableCell =
  | { text: string }
  | {
      value: number | null;
      /** Decimals to display (the stored value keeps full precision). */
      decimals?: number;
      /** `signed` shows + for positive changes; `percent` multiplies by nothing, adds %. */
      format?: 'plain' | 'signed' | 'percent' | 'integer';
    };

/** A table of the report. */
export interface TableBlock {
  kind: 'table';
  /** Stable id (XLSX sheet naming falls back to it): e.g. `national-subindices`. */
  id: string;
  /** Numbered caption as printed: 表 3 …; the renderer does not renumber. */
  caption: string;
  /** Short name for an XLSX sheet (≤ 31 characters, no []:*?/\). */
  sheetName: string;
  columns: { header: string; align?: 'left' | 'right' }[];
  rows: TableCell[][];
  /** Rows of column headers to freeze (default 1). */
  headerRows?: number;
  note?: string;
}

/** A chart: an ECharts option object (data, not a picture) with its numbered caption. */
export interface FigureBlock {
  kind: 'figure';
  id: string;
  /** As printed: `图 19 2021—2025年知识产权强国建设指数（分）`. */
  caption: string;
  option: Record<string, unknown>;
  /** Pixel size the chart is laid out for. */
  width: number;
  height: number;
  /** A base map the option needs registered (e.g. `china`), resolved by the renderer. */
  map?: string;
}

export type ReportBlock = HeadingBlock | ParagraphBlock | TableBlock | FigureBlock;

/** What the cover states. */
export interface ReportMeta {
  lang: 'zh' | 'en';
  title: string;
  subtitle?: string;
  /** The edition described. */
  edition: number;
  /** Index ids and names of the run(s) the report covers. */
  indices: { id: string; name: string }[];
  /** Data vintage id, or the SHA-256 of each input file. */
  inputs: { label: string; sha256?: string; vintage?: string }[];
  /** Set when any input is bundled sample data: the notice to print on the cover and charts. */
  sampleNotice?: string;
  /** Set when inputs are real published figures: their source. */
  realDataSource?: string;
  software: string;
  /** ISO date the report was generated. */
  generated: string;
}

/** A whole report. */
export interface ReportDocument {
  meta: ReportMeta;
  blocks: ReportBlock[];
  /** The run manifest(s), written as a sheet/appendix. */
  manifests: Record<string, unknown>[];
}
