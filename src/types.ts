// Core data model shared by readers, the table mapper, rules, formatters and writers.

/** Output locale of messages and labels. */
export type Locale = 'zh-CN' | 'en';

/** Diagnostic severity. `info` never changes the exit code. */
export type Severity = 'error' | 'warning' | 'info';

/** Input formats a reader can turn into a {@link SourceDoc}. */
export type InputFormat = 'text' | 'html' | 'docx' | 'pdf';

/** A place in the source document a person can find. */
export interface SourcePos {
  /** 1-based line number (text input, and HTML where known). */
  line?: number;
  /** 1-based character column in that line (text input). */
  column?: number;
  /** 0-based index of the table in the document (HTML/docx). */
  tableIndex?: number;
  /** 0-based row in the expanded table grid (HTML/docx). */
  gridRow?: number;
  /** 0-based column in the expanded table grid (HTML/docx). */
  gridCol?: number;
  /**
   * 1-based visible cell of the row (HTML/docx): the cells a person counts from the left, a merged
   * cell once (a cell merged down from the row above included), not grid columns.
   */
  cell?: number;
  /** A short quote of the source around the place, for a line too long to count in (text input). */
  quote?: string;
  /** Element path, e.g. `table[2]/tr[5]/td[3]` (HTML) or `w:tbl[1]/w:tr[5]/w:tc[3]` (docx). */
  path?: string;
  /** PDF: 1-based page number. */
  page?: number;
  /** PDF: the box on that page, [x0, top, x1, bottom] in points from the top-left corner. */
  bbox?: [number, number, number, number];
}

/**
 * One unit of the cell stream the table mapper reads. Text files yield one token per cell
 * (a line, a separated field, a space-separated word); grids yield one token per origin cell.
 */
export interface Token {
  /** Raw text of the cell, as in the source (after decoding). */
  text: string;
  /**
   * `text`: a label or other words; `value`: looks like a cell value (number, unit, dash token);
   * `blank`: an explicitly empty cell (`&nbsp;`, a tab-only line, an empty field between separators);
   * `gap`: structure with no cell behind it (an empty line, a merged-cell placeholder).
   */
  kind: 'text' | 'value' | 'blank' | 'gap';
  /** Where the token comes from. */
  pos: SourcePos;
  /** A paragraph outside any table: never joined with neighbouring labels. */
  standalone?: boolean;
  /** Grid cells: rowspan/colspan of the origin cell (absent = 1). */
  rowSpan?: number;
  colSpan?: number;
  /**
   * How the reader placed this cell, when it is not plain token order: `columns` for a value
   * assigned to its column by position (pdftotext -layout, PDF glyph boxes), `grid` for a cell of
   * a real table. Absent: `grid` when `pos.gridRow` is set, `tokens` otherwise. Feeds
   * {@link TableReading.by}.
   */
  by?: ReadingMethod;
}

/** A paragraph of narrative text, in document order (headings included). */
export interface Paragraph {
  text: string;
  pos: SourcePos;
}

/** A cell of an expanded table grid (HTML/docx). */
export interface GridCell {
  /** Text of the cell (only on the origin position; covered positions repeat nothing). */
  text: string;
  /** True on the top-left position of a merged cell (or an unmerged cell). */
  origin: boolean;
  /** Grid row/column of the origin cell this position belongs to. */
  originRow: number;
  originCol: number;
  rowSpan: number;
  colSpan: number;
  /** Element path of the origin cell. */
  path?: string;
}

/** A table expanded into a rectangular grid that keeps span provenance. */
export interface Grid {
  /** 0-based index among the document's tables (nested tables included, in document order). */
  index: number;
  rows: GridCell[][];
  /** Element path of the table. */
  path?: string;
}

/** What a reader produces: a format-independent view of one document. */
export interface SourceDoc {
  path: string;
  format: InputFormat;
  /** Encoding the bytes were decoded with (`utf-8`, `gb18030`, `utf-16le`, …); docx: `utf-8`. */
  encoding: string;
  /** Hex SHA-256 of the input bytes. */
  sha256: string;
  bytes: number;
  /** Narrative paragraphs / lines in document order. */
  paragraphs: Paragraph[];
  /** The cell stream in document order (tables and, for HTML/docx, paragraphs as standalone tokens). */
  tokens: Token[];
  /** Expanded tables (HTML/docx only). */
  grids?: Grid[];
  /** Reader notes, e.g. encoding guessed from bytes; become GIA0xx diagnostics. */
  notes?: ReaderNote[];
}

/** A fact a reader noticed about its input (not an error). */
export interface ReaderNote {
  /** `invalid-bytes`: bytes not valid in `encoding` replaced by U+FFFD (`count`, `lines`: the 1-based lines, comma-separated). */
  code: 'encoding-guessed' | 'bom' | 'newline-mixed' | 'reader-info' | 'invalid-bytes';
  data: Record<string, string | number>;
}

// ----- templates -----

/** Kind of a cell value. */
export type CellKind = 'count' | 'amount' | 'signed';

/** A column of a template table. */
export interface ColumnDef {
  key: string;
  /** Official label. */
  label: string;
  /** English gloss, for `--locale en`. */
  en: string;
  /** Other spellings seen in real reports. */
  aliases?: string[];
  kind?: CellKind;
  /** Unit the value is reported in (`万元` for amounts). */
  unit?: string;
}

/** A data row of a template table. */
export interface RowDef {
  key: string;
  label: string;
  en: string;
  aliases?: string[];
  /** Column keys of this row, in order. */
  columns: string[];
  /** Key of the group this row belongs to (for the layout), e.g. `denied`. */
  group?: string;
  /** The row has no label of its own (table 四): its values follow the header. */
  labelless?: boolean;
  /** Caption the row sits under in table 二 (第二十条第（一）项 …). */
  caption?: string;
}

/** A group label (merged cell) spanning several rows, e.g. （三）不予公开. */
export interface GroupDef {
  key: string;
  label: string;
  en: string;
  aliases?: string[];
}

/** A reference to one cell by template keys. */
export interface CellRef {
  table: string;
  row: string;
  column: string;
}

/** One concrete equation: sum(left) = sum(right). */
export interface Equation {
  /** Name of the rule that checks it (e.g. `requests-balance`). */
  rule: string;
  table: string;
  left: CellRef[];
  right: CellRef[];
  /** The cell a diagnostic points at (the total, usually). */
  anchor: CellRef;
  /** For row totals: skip when this cell is blank (some agencies fill 总计 only for main rows). */
  skipIfBlank?: CellRef;
}

/** A statistical table of a template. */
export interface TableDef {
  key: 'proactive' | 'requests' | 'appeals';
  /** Chinese numeral the report uses for it (二/三/四). */
  numeral: string;
  label: string;
  en: string;
  columns: ColumnDef[];
  rows: RowDef[];
  groups?: GroupDef[];
  /** Texts that mark where the table starts (headings, header cells, captions). */
  anchors: string[];
  /** Header texts that belong to the table but are not rows (so they are never "unknown rows"). */
  headerTexts?: string[];
  /** How the table is drawn in the official layout (the xlsx sheets, the HTML report). */
  drawing: TableDrawing;
}

/**
 * The official drawing of a table, as data (src/layout/official.ts draws it):
 * - `captioned` (表二): a caption row (`RowDef.caption`) where the caption changes, a header row
 *   (`header` over the label column, then the column labels) where the row's columns change;
 * - `grouped-rows` (表三): `corner` over the label columns, `header` over every value column, the
 *   `columnGroups` under a merged header (the other columns span both header rows), the rows of
 *   `rowSpan` under one merged label at the far left, the rows of a `RowDef.group` under its label;
 * - `grouped-columns` (表四): columns `group.result` under a merged group label (the text before
 *   `·` of their labels); the groups of a `columnGroups` entry under one more merged header.
 */
export interface TableDrawing {
  kind: 'captioned' | 'grouped-rows' | 'grouped-columns';
  /** Sheet name in the xlsx workbook (at most 31 characters). */
  sheetName: string;
  corner?: string;
  header?: string;
  /** Merged headers over several columns (`grouped-rows`: column keys; `grouped-columns`: group keys). */
  columnGroups?: { label: string; members: string[] }[];
  /** `grouped-rows`: the rows `from` … `to` under the label of the group `group`. */
  rowSpan?: { group: string; from: string; to: string };
  /** The rows a finding about a whole column marks when it names no cells (default: every row with the column). */
  columnRows?: string[];
}

/**
 * A check between a report and the same organ's report of the year before, run over all the
 * reports of a run: `cell` (this year) = Σ sign × term. It applies when both reports' templates
 * declare it (same rule and cell).
 */
export interface CrossYearCheck {
  /** Name of the rule that reports it (`cross-year-carry`). */
  rule: string;
  /** This year's cell: where the finding points, its `actual`. */
  cell: CellRef;
  /** Last year's cell the finding names. */
  prevCell: CellRef;
  /** The terms of the expected value, from this year's (`cur`) or last year's (`prev`) report; `name`: the message placeholder of its value. */
  terms: { year: 'cur' | 'prev'; cell: CellRef; sign: 1 | -1; name?: string }[];
}

/** A cell as a run-level rule reads it (see {@link CrossYearSlice}). */
export interface SliceCell {
  value: number | null;
  kind: ValueKind;
  pos?: SourcePos;
}

/**
 * What a run keeps of a report for its run-level rules (the cross-year checks), cut by the engine
 * from the cells those rules declare they read (`Rule.reads`): the report's file, organ, year and
 * template id, and of each declared cell its value, kind and position, with its row's position.
 * Nothing else: a large run holds one per report until the end.
 */
export interface CrossYearSlice {
  path: string;
  /** The organ as written (compared after normalisation). */
  organ: string;
  year: number;
  template: { id: string };
  /** Table → the declared cells by row and column, and the positions of their rows. */
  tables: Record<string, { cells: Record<string, Record<string, SliceCell>>; rows: Record<string, { pos?: SourcePos }> }>;
}

/** A report section (一 … 六). */
export interface SectionDef {
  key: string;
  numeral: string;
  label: string;
  en: string;
  /** Distinctive phrases a heading contains. */
  phrases: string[];
}

/**
 * A layout variant real reports use in place of some rows of a template (spec §5 "Hybrid layout":
 * a 2021-format table 三 that keeps the 2019 single row （六）其他处理). The report keeps the
 * template id; `rows` replace the rows `replaces` of `table` (where the first of them stood), and the
 * template's equations use them in their place. Reported as a deviation (GIA101), never an error.
 */
export interface TemplateLayout {
  id: string;
  table: string;
  /** Row keys of the template this layout has instead. */
  replaces: string[];
  /** The rows it has (the older format's keys, e.g. `otherHandling`). */
  rows: RowDef[];
  /** Group keys the layout has no label for (their rows are replaced). */
  dropsGroups?: string[];
  /** What differs from the format, as the finding says it. */
  deviation: Record<Locale, string>;
}

/** A report template (format version), all data. */
export interface Template {
  id: string;
  document: string;
  /** Report years the format applies to (inclusive; `to` absent = until a template that supersedes it starts). */
  years: { from: number; to?: number };
  /** Id of the template this one replaces. */
  supersedes?: string;
  /** Label texts that only this version has (for detection). */
  markers: string[];
  tables: TableDef[];
  sections: SectionDef[];
  equations: Equation[];
  /** Whether section 六 must state the 信息处理费 charged. */
  requiresFeeStatement: boolean;
  /** Layout variants seen in real reports (tried when the rows they replace are all missing). */
  layouts?: TemplateLayout[];
  /** The layout this template was derived with ({@link TemplateLayout.id}); absent on a registered template. */
  layout?: string;
  /** Checks against the same organ's report of the year before. */
  crossYear: CrossYearCheck[];
  /** The cells the figures a narrative states are compared with, by figure (see NarrativeFigure in src/extract/narrative.ts; `direct`, `afterReview`: the two lawsuit totals). */
  figures: Record<string, CellRef>;
}

// ----- extraction result -----

/** How a cell's raw text was read. */
export type ValueKind =
  | 'number' // a number, possibly with thousands separators, full-width digits or a unit
  | 'blank' // nothing in the cell: value null
  | 'dash' // "—", "-", "/", "无": declared none, value 0
  | 'missing' // the source has no cell here (row too short, row missing): value null
  | 'invalid'; // text that is not a number: value null

/** One extracted cell with everything needed to trace it. */
export interface CellDetail {
  value: number | null;
  /** Raw text as in the source ('' when missing). */
  raw: string;
  kind: ValueKind;
  /** Unit written in the cell (元, 万元, 件 …). */
  unit?: string;
  /** The value as written before unit normalisation (e.g. 251000 for "251000元" → 25.1 万元). */
  original?: number;
  pos?: SourcePos;
}

/** A template row as found in the source. */
export interface FoundRow {
  /** Label text as found (normalised spacing). */
  label: string;
  pos?: SourcePos;
  /** Which label variant matched (official label or an alias). */
  matched: string;
  /** Number of value cells the source row had (before fitting to the template). */
  cellsFound: number;
  /** Raw texts of cells beyond the template's count. */
  extra?: string[];
  /** Raw texts of the row's cells when the source row had fewer cells than the template (glued digits). */
  runTexts?: string[];
  /** How glued digits of this row were split (src/extract/glued.ts). */
  glue?: GlueOutcome;
  /** How the row's cells were placed (see {@link TableReading.by}). */
  by?: ReadingMethod;
  /**
   * The reader could not place the row's numbers in its cells (a text row with fewer numbers than
   * columns and no way to tell which cells they belong to): the raw text it saw. Its cells are null;
   * GIA002 reports it. Never set for a structured row (a grid row short of cells is GIA105's).
   */
  unread?: string;
  /**
   * With `unread`, in a text reading whose order was lost (PDF text): `out-of-order`, the row's
   * label stands in the table's text but not in the table's row order, so its numbers cannot be
   * told; `not-found`, its label was not seen, but other rows' labels stand out of order, so its
   * absence says nothing about the report.
   */
  disordered?: 'out-of-order' | 'not-found';
}

/**
 * Outcome of splitting a row whose digits ran together ("640020470" for 64 0 0 2 0 4 70).
 * `split`: exactly one split satisfies the identities (taken); `ambiguous`: several do (cells left
 * null); `near`: none does, but a split breaks only one identity (not taken); `conflict`: no split
 * fits; `rowConflict`: the only split (as many digits as cells) breaks an identity within the row,
 * so blank cells may have vanished (not taken); `gaveUp`: the search was too large.
 */
export interface GlueOutcome {
  status: 'split' | 'ambiguous' | 'near' | 'conflict' | 'rowConflict' | 'gaveUp';
  /** The run as written, chunks separated by a space. */
  raw: string;
  /** The split taken (`split`). */
  values?: number[];
  /** Candidate splits (`ambiguous`, `near`), at most a few. */
  options?: number[][];
  /** How many candidate splits there were in all. */
  optionCount?: number;
  /** `near`: identities that, alone, no candidate split satisfies; `rowConflict`: the row's identity it breaks (anchor cells). */
  failing?: (CellRef & { rule: string })[];
}

/** A row in a table region that matches no template row. */
export interface UnknownRow {
  label: string;
  values: string[];
  pos?: SourcePos;
}

/**
 * How a table's cells were read: `grid` from a real table (HTML/docx cells), `columns` by position
 * under the header's columns (space-aligned text, PDF glyphs), `tokens` from the order of the words
 * of a text, `glued-identities` when digits that ran together were split by the template's
 * identities.
 */
export type ReadingMethod = 'grid' | 'columns' | 'tokens' | 'glued-identities';

/**
 * How sure the reading of a table is: `exact` every cell was read from its own cell in the source;
 * `inferred` some cells were decided by the identities or by position (a choice, reported as info);
 * `partial` some cells could not be read and are null (reported as GIA002/GIA206).
 */
export type ReadingConfidence = 'exact' | 'inferred' | 'partial';

/** The reading of one table (`tables.<t>.reading` in the JSON). */
export interface TableReading {
  by: ReadingMethod;
  confidence: ReadingConfidence;
}

/** An extracted table. */
export interface ExtractedTable {
  key: string;
  found: boolean;
  pos?: SourcePos;
  /** values[row][column] = number, or null for blank/missing. */
  values: Record<string, Record<string, number | null>>;
  cells: Record<string, Record<string, CellDetail>>;
  /** Template rows found in the source. */
  rows: Record<string, FoundRow>;
  /** Template rows not found. */
  missingRows: string[];
  unknownRows: UnknownRow[];
  /** Column labels of the template that the header did not show (table 三 only). */
  missingColumns: string[];
  /** How the table was read (set for a table that was found). */
  reading?: TableReading;
}

/** A report section as found. */
export interface FoundSection {
  key: string;
  found: boolean;
  /** Heading text as found. */
  heading?: string;
  /** The heading carries its numeral (一、…). */
  numbered?: boolean;
  pos?: SourcePos;
  /** Index of the heading paragraph (for slicing the section body). */
  paragraphIndex?: number;
}

/** Report metadata read from the text. */
export interface ReportMeta {
  organ: string | null;
  year: number | null;
  /** ISO date `YYYY-MM-DD`. */
  published: string | null;
  title: string | null;
  /** Where each was read from (for diagnostics). */
  yearSource?: 'title' | 'period' | 'text';
}

/** How the template was chosen. */
export interface TemplateChoice {
  id: string;
  by: 'labels' | 'forced' | 'year' | 'default';
  /** Marker counts per template id. */
  scores: Record<string, number>;
  /** Markers of the chosen template found in the labels. */
  evidence?: string[];
  /** A layout variant of the template the report uses ({@link TemplateLayout}, e.g. `hybrid`). */
  layout?: string;
}

/** A report after reading and extraction, before rules. */
export interface ExtractedReport {
  source: { path: string; format: InputFormat; encoding: string; sha256: string; bytes: number };
  template: TemplateChoice;
  meta: ReportMeta;
  tables: Record<string, ExtractedTable>;
  sections: FoundSection[];
  paragraphs: Paragraph[];
  notes: ReaderNote[];
  /**
   * The tables' readings, kept on a slim report (src/cli/job.ts slimReport) whose tables are
   * dropped, for the wide CSV / xlsx 汇总 reading columns. Whole reports carry them on `tables`.
   */
  readings?: Record<string, TableReading>;
}

// ----- diagnostics -----

/** A location in template terms, with the labels a person reads. */
export interface Location {
  table?: string;
  row?: string;
  column?: string;
}

/** A finding of a rule. */
export interface Diagnostic {
  /** Stable code, e.g. `GIA301`. */
  ruleId: string;
  /** Stable name, e.g. `requests-balance`. */
  ruleName: string;
  severity: Severity;
  messageId: string;
  data: Record<string, string | number>;
  /** Rendered message in the chosen locale. */
  message: string;
  /** What to do, rendered. */
  hint?: string;
  table?: string;
  row?: string;
  column?: string;
  /** Human labels of table/row/column in the chosen locale. */
  labels?: { table?: string; row?: string; column?: string };
  pos?: SourcePos;
  expected?: number;
  actual?: number;
  related?: { table?: string; row?: string; column?: string; pos?: SourcePos; label?: string }[];
  /**
   * Cells whose change alone would make every failing identity hold (a suggestion, never applied).
   * One entry: that cell is the likely culprit; several: candidates; empty array: no single cell explains it.
   */
  suspects?: Suspect[];
  /** Other files involved (cross-year checks). */
  files?: string[];
}

/** A cell that, changed to `suggested`, would make the failing identities hold. */
export interface Suspect {
  table: string;
  row: string;
  column: string;
  current: number | null;
  suggested: number;
}

/** Findings by severity. */
export type SeverityCounts = Record<Severity, number>;

/**
 * What the lint report formats (stylish, JSON, SARIF) read of a report: where it came from, its
 * template and metadata, its findings and their counts. A large run keeps no more of a report.
 */
export interface LintResult {
  source: ExtractedReport['source'];
  template: TemplateChoice;
  meta: ReportMeta;
  /** In document order. */
  diagnostics: Diagnostic[];
  /** {@link diagnostics} by severity, counted where they are set (lintReport, the run-level step). */
  counts: SeverityCounts;
}

/** A report with its diagnostics: what the writers and the HTML report (which draws the tables) receive. */
export interface LintedReport extends ExtractedReport, LintResult {}

/** A file that could not be read at all. */
export interface FatalResult {
  path: string;
  fatal: { code: string; message: string };
}

export type FileResult = LintedReport | FatalResult;

export function isFatal(r: FileResult): r is FatalResult {
  return (r as FatalResult).fatal !== undefined;
}

/** The input path of a result, readable or not. */
export function resultPath(r: FileResult): string {
  return isFatal(r) ? r.path : r.source.path;
}
