// `convert --to xlsx`: workbooks in the official table layout. exceljs is loaded only here, with a
// dynamic import, so `lint` never pays for it. Values are numbers; blanks stay empty, never 0.
import { relative } from 'node:path';
import type { Diagnostic, LintedReport, Locale, Severity } from '../types.js';
import { getTemplate, newest, templateOf } from '../templates/index.js';
import { REPORT_ROW_META, REPORT_ROW_READING, keyLabel, readingCells, unionKeys, valueOfKey, valuePlacer } from '../layout/keys.js';
import { cellMarks, displayWidth, layoutReport, markNote, primaryKey, worstSeverity, type CellMark, type LayoutCell, type LayoutTable } from '../layout/official.js';
import { humanLocation, suspectPlace } from '../layout/location.js';
import type { Template } from '../types.js';

type ExcelJS = typeof import('exceljs');
type Workbook = import('exceljs').Workbook;
type Worksheet = import('exceljs').Worksheet;
type Cell = import('exceljs').Cell;

export interface XlsxOptions {
  locale?: Locale;
  /** Base for the relative file names shown in the sheets (default: the process's working directory). */
  cwd?: string;
}

/** Fill colours of the cell to correct: error red, warning amber (info is not filled). */
export const FILLS: Record<Exclude<Severity, 'info'>, string> = { error: 'FFFFC7CE', warning: 'FFFFE699' };
/** Lighter fills of the other cells of a failing identity (its total, its parts) and of candidates. */
export const LIGHT_FILLS: Record<Exclude<Severity, 'info'>, string> = { error: 'FFFDEEF0', warning: 'FFFFF7DD' };
/** Border colours of identity (dashed) and candidate (solid) cells. */
export const MARK_BORDERS: Record<Exclude<Severity, 'info'>, string> = { error: 'FFC00000', warning: 'FFBF8F00' };
/** The one light style of blank cells (counted as 0). */
export const BLANK_FILL = 'FFDDEBF7';
const HEADER_FILL = 'FFF2F2F2';
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'SimSun';

const WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    problems: '问题',
    source: '来源',
    summary: '汇总',
    rule: '规则',
    ruleName: '规则名称',
    severity: '级别',
    location: '位置',
    message: '说明',
    expected: '应为',
    actual: '实为',
    hint: '建议',
    file: '文件',
    format: '格式',
    encoding: '编码',
    sha256: 'SHA-256',
    template: '报告格式',
    organ: '机关',
    year: '年度',
    published: '发布日期',
    title: '标题',
    errors: '错误',
    warnings: '警告',
    error: '错误',
    warning: '警告',
    info: '提示',
    notFound: '报告中未找到此表。',
    go: '转到',
  },
  en: {
    problems: '问题',
    source: '来源',
    summary: '汇总',
    rule: 'rule',
    ruleName: 'rule name',
    severity: 'severity',
    location: 'location',
    message: 'message',
    expected: 'expected',
    actual: 'actual',
    hint: 'fix',
    file: 'file',
    format: 'format',
    encoding: 'encoding',
    sha256: 'sha256',
    template: 'template',
    organ: 'organ',
    year: 'year',
    published: 'published',
    title: 'title',
    errors: 'errors',
    warnings: 'warnings',
    error: 'error',
    warning: 'warning',
    info: 'info',
    notFound: 'This table was not found in the report.',
    go: 'go to',
  },
};

async function loadExcel(): Promise<ExcelJS> {
  const mod = (await import('exceljs')) as unknown as ExcelJS & { default?: ExcelJS };
  return mod.default ?? mod;
}

/** Column letters of a 1-based column number. */
export function colLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** An internal hyperlink target to a cell of a sheet. */
function link(sheet: string, address: string): string {
  return `#'${sheet.replace(/'/g, "''")}'!${address}`;
}

function fill(cell: Cell, argb: string): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * Styles a cell by its strongest mark: the cell to correct filled (red/amber), the other cells of a
 * failing identity a lighter fill with a dashed border, candidates a lighter fill with a solid
 * border, blank cells the light blank fill; every marked cell gets the note saying what it means.
 */
function applyMarks(cell: Cell, marks: CellMark[], template: Template, locale: Locale): void {
  if (!marks.length) return;
  const W = WORDS[locale];
  const role = marks[0]!.role;
  const sev = worstSeverity(marks.filter((m) => m.role === role).map((m) => m.d));
  if (role === 'blank') fill(cell, BLANK_FILL);
  else if (sev === 'error' || sev === 'warning') {
    if (role === 'fix' || role === 'finding') fill(cell, FILLS[sev]);
    else {
      fill(cell, LIGHT_FILLS[sev]);
      const side = { style: role === 'identity' ? ('mediumDashed' as const) : ('medium' as const), color: { argb: MARK_BORDERS[sev] } };
      cell.border = { top: side, left: side, bottom: side, right: side };
    }
  }
  cell.note = markNote(template, marks, locale, (s) => W[s]!);
}

/** Writes one layout table on a sheet; returns the address of every keyed cell. */
function drawSheet(ws: Worksheet, t: LayoutTable, locale: Locale, template: Template): Map<string, string> {
  const addresses = new Map<string, string>();
  const colWidths = Array.from({ length: t.cols }, () => 6);
  const merged: LayoutCell[] = [];
  for (const lc of t.cells) {
    const address = `${colLetter(lc.c + 1)}${lc.r + 1}`;
    const cell = ws.getCell(address);
    if (lc.rowSpan > 1 || lc.colSpan > 1) ws.mergeCells(lc.r + 1, lc.c + 1, lc.r + lc.rowSpan, lc.c + lc.colSpan);
    if (lc.kind === 'value') {
      if (lc.value !== null && lc.value !== undefined) cell.value = lc.value;
      cell.numFmt = lc.valueKind === 'amount' ? '0.00####' : '0';
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    } else {
      cell.value = lc.text ?? '';
      const isLabel = lc.kind === 'label';
      cell.alignment = { horizontal: isLabel ? 'left' : 'center', vertical: 'middle', wrapText: true };
      if (lc.kind === 'title') cell.font = { name: FONT, bold: true, size: 13 };
      else if (lc.kind !== 'label') {
        cell.font = { name: FONT, bold: lc.kind !== 'group' };
        fill(cell, HEADER_FILL);
      } else cell.font = { name: FONT };
    }
    if (lc.kind !== 'title') {
      // Borders on every position of a merge, so the drawn grid has no gaps.
      for (let r = lc.r; r < lc.r + lc.rowSpan; r++) for (let c = lc.c; c < lc.c + lc.colSpan; c++) ws.getCell(r + 1, c + 1).border = BORDER;
    }
    if (lc.key) addresses.set(lc.key, address);
    applyMarks(cell, lc.marks, template, locale);
    const text = lc.kind === 'value' ? String(lc.value ?? '') : (lc.text ?? '');
    if (lc.kind === 'title' || lc.kind === 'corner') continue;
    if (lc.colSpan === 1) colWidths[lc.c] = Math.max(colWidths[lc.c]!, Math.min(displayWidth(text) + 2, lc.kind === 'label' ? 44 : 16));
    else merged.push(lc);
  }
  // Merged labels: widen the last column they cover when the covered columns are too narrow.
  for (const lc of merged) {
    const need = Math.min(displayWidth(lc.text ?? String(lc.value ?? '')) + 2, 60);
    const have = colWidths.slice(lc.c, lc.c + lc.colSpan).reduce((a, b) => a + b, 0);
    if (have < need && lc.kind === 'label') colWidths[lc.c + lc.colSpan - 1]! += need - have;
  }
  colWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Row heights for wrapped labels (exceljs cannot autofit).
  for (const lc of t.cells) {
    if (lc.kind === 'value' || lc.kind === 'title' || lc.rowSpan > 1) continue;
    const width = colWidths.slice(lc.c, lc.c + lc.colSpan).reduce((a, b) => a + b, 0);
    const lines = Math.ceil(displayWidth(lc.text ?? '') / Math.max(1, width - 1));
    if (lines > 1) ws.getRow(lc.r + 1).height = Math.max(ws.getRow(lc.r + 1).height ?? 15, 15 * lines);
  }
  ws.getRow(1).height = 24;
  if (!t.found) {
    const r = t.rows + 2;
    ws.getCell(r, 1).value = WORDS[locale].notFound!;
    ws.getCell(r, 1).font = { name: FONT, italic: true, color: { argb: 'FF9C0006' } };
  }
  ws.views = [{ state: 'frozen', xSplit: t.labelCols, ySplit: t.frozenRows, showGridLines: false }];
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, horizontalCentered: true };
  ws.pageSetup.printTitlesRow = `1:${t.frozenRows}`;
  return addresses;
}

/**
 * What a 问题 row says about a finding: where (the cell to correct when one cell explains the
 * finding, in the words of {@link humanLocation}), the key it links to, and 应为/实为 — the suspect's
 * suggested and current value (the same as the message's "现为 …，应为 …"), nothing when several
 * cells could be the wrong one, else the finding's own expected/actual.
 */
function problemOf(r: LintedReport, d: Diagnostic, marks: Map<string, CellMark[]>, locale: Locale): { location: string; key?: string; expected: number | null; actual: number | null } {
  const t = templateOf(r);
  const key = primaryKey(marks, d);
  const ss = d.suspects ?? [];
  if (ss.length === 1) {
    const s = suspectPlace(d)!;
    return { location: humanLocation(s, t, locale), ...(key ? { key } : {}), expected: s.suggested, actual: s.current };
  }
  const location = humanLocation(d, t, locale);
  if (ss.length > 1) return { location, ...(key ? { key } : {}), expected: null, actual: null };
  return { location, ...(key ? { key } : {}), expected: d.expected ?? null, actual: d.actual ?? null };
}

/** Header row style, column widths, frozen header (`freeze`: not for exceljs's streaming sheets, whose views are set when added). */
function styleHeader(ws: Worksheet, widths: number[], freeze = true): void {
  const head = ws.getRow(1);
  head.font = { name: FONT, bold: true };
  head.eachCell((c) => fill(c, HEADER_FILL));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  if (freeze) ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  ws.pageSetup = { ...PAGE };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: widths.length } };
}

/** Points per wrapped line of the default 11-point font (Excel's default row height is 15). */
const LINE_HEIGHT = 15;

/** The height a row needs for its wrapped texts in columns of `widths` (characters; CJK counts two). */
function rowHeight(row: import('exceljs').Row, widths: number[]): number {
  let lines = 1;
  widths.forEach((w, i) => {
    const v = row.getCell(i + 1).value;
    const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text) : v === null || v === undefined ? '' : String(v);
    // each paragraph wraps on its own; a little slack for word breaks
    const n = text.split('\n').reduce((a, p) => a + Math.max(1, Math.ceil((displayWidth(p) * 1.05) / Math.max(1, w - 1))), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, LINE_HEIGHT * lines + 2);
}

interface ProblemRow {
  file?: string;
  d: Diagnostic;
  location: string;
  expected: number | null;
  actual: number | null;
  target?: { sheet: string; address: string };
}

function problemsSheet(wb: Workbook, rows: ProblemRow[], locale: Locale, withFile: boolean): void {
  problemsRows(wb.addWorksheet(WORDS[locale].problems!), rows, locale, withFile);
}

/** Head and rows of a 问题 sheet (`each` sees every row once written: the streaming writer commits it). */
function problemsRows(ws: Worksheet, rows: Iterable<ProblemRow>, locale: Locale, withFile: boolean, each?: (row: import('exceljs').Row) => void): void {
  const W = WORDS[locale];
  const head = [...(withFile ? [W.file!] : []), W.rule!, W.ruleName!, W.severity!, W.location!, W.message!, W.expected!, W.actual!, W.hint!];
  ws.addRow(head);
  const widths = [...(withFile ? [30] : []), 9, 24, 8, 40, 70, 9, 9, 50];
  styleHeader(ws, widths, !each);
  each?.(ws.getRow(1));
  for (const p of rows) {
    const row = ws.addRow([
      ...(withFile ? [p.file ?? ''] : []),
      p.d.ruleId,
      p.d.ruleName,
      W[p.d.severity]!,
      p.location,
      p.d.message,
      p.expected,
      p.actual,
      p.d.hint ?? '',
    ]);
    const locCell = row.getCell(withFile ? 5 : 4);
    if (p.target) {
      locCell.value = { text: p.location || `${W.go} ${p.target.address}`, hyperlink: link(p.target.sheet, p.target.address), tooltip: `${p.target.sheet}!${p.target.address}` };
      locCell.font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    const sevCell = row.getCell(withFile ? 4 : 3);
    if (p.d.severity !== 'info') fill(sevCell, FILLS[p.d.severity]);
    row.alignment = { vertical: 'top', wrapText: true };
    // exceljs cannot autofit: the row is as tall as its longest wrapped text, so it never runs under the next
    row.height = rowHeight(row, widths);
    each?.(row);
  }
}

/** A workbook for one report: a sheet per table, 问题 and 来源. */
async function reportBook(ExcelJS: ExcelJS, r: LintedReport, locale: Locale, cwd: string): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gia-report';
  const W = WORDS[locale];
  const file = relative(cwd, r.source.path) || r.source.path;
  const layouts = layoutReport(r);
  const where = new Map<string, { sheet: string; address: string }>();
  const template = templateOf(r);
  for (const t of layouts) {
    const ws = wb.addWorksheet(t.sheetName);
    for (const [k, address] of drawSheet(ws, t, locale, template!)) where.set(k, { sheet: t.sheetName, address });
  }
  const marks = template ? cellMarks(template, r.diagnostics, r) : new Map<string, CellMark[]>();
  problemsSheet(
    wb,
    r.diagnostics.map((d) => {
      const p = problemOf(r, d, marks, locale);
      const target = p.key ? where.get(p.key) : undefined;
      return { d, location: p.location, expected: p.expected, actual: p.actual, ...(target ? { target } : {}) };
    }),
    locale,
    false,
  );
  const src = wb.addWorksheet(W.source!);
  const rows: [string, string | number | null][] = [
    [W.file!, file],
    [W.format!, r.source.format],
    [W.encoding!, r.source.encoding],
    [W.sha256!, r.source.sha256],
    [W.template!, r.template.id],
    [W.organ!, r.meta.organ],
    [W.year!, r.meta.year],
    [W.published!, r.meta.published],
    [W.title!, r.meta.title],
  ];
  for (const row of rows) src.addRow(row);
  src.getColumn(1).width = 14;
  src.getColumn(2).width = 70;
  src.getColumn(1).font = { name: FONT, bold: true };
  return wb;
}

/** Fills and notes the cells of a 汇总 row named by the report's diagnostics. */
function markSummaryRow(row: import('exceljs').Row, r: LintedReport, keys: string[], metaCols: number, locale: Locale): void {
  const template = getTemplate(r.template.id);
  if (!template) return;
  // no blank marks on 汇总: its streamed rows come from slim reports (no tables), and an empty cell shows itself
  for (const [k, list] of cellMarks(template, r.diagnostics)) {
    const j = keys.indexOf(k);
    if (j < 0) continue;
    applyMarks(row.getCell(metaCols + j + 1), list, template, locale);
  }
}

/** Header rows of 汇总: labels for people, then the machine keys (what a program reads: `header: 1` in pandas). */
export const SUMMARY_HEAD_ROWS = 2;

/** Print setup of the list sheets: landscape A4, one page wide, as many pages down as needed. */
const PAGE = { orientation: 'landscape' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
const SUMMARY_PAGE = { ...PAGE, printTitlesRow: `1:${SUMMARY_HEAD_ROWS}` };

/** The 问题 rows of the report on 汇总 row `i + 1 + SUMMARY_HEAD_ROWS`, each linked to its cell there (or to the row). */
function summaryProblems(r: LintedReport, i: number, keys: string[], metaCols: number, locale: Locale, cwd: string): ProblemRow[] {
  const W = WORDS[locale];
  const file = relative(cwd, r.source.path) || r.source.path;
  const template = getTemplate(r.template.id);
  const marks = template ? cellMarks(template, r.diagnostics) : new Map<string, CellMark[]>();
  return r.diagnostics.map((d) => {
    const p = problemOf(r, d, marks, locale);
    const j = p.key ? keys.indexOf(p.key) : -1;
    const rowNo = i + 1 + SUMMARY_HEAD_ROWS;
    const address = j >= 0 ? `${colLetter(metaCols + j + 1)}${rowNo}` : `A${rowNo}`;
    return { file, d, location: p.location, expected: p.expected, actual: p.actual, target: { sheet: W.summary!, address } };
  });
}

/**
 * The head of 汇总: a row of labels people read (表三·（一）予以公开·自然人, wrapped), then the row of
 * machine keys (the data contract, grey); frozen below them and right of the file; printed
 * landscape, one page wide, the head repeated on every page. `streamed`: an exceljs streaming
 * sheet, whose frozen view is set when it is added.
 */
function summaryHead(ws: Worksheet, keys: string[], locale: Locale, streamed: boolean): void {
  const all = [...REPORT_ROW_META, ...keys, ...REPORT_ROW_READING];
  const widths = [30, 24, 7, 10, 7, 7, ...keys.map(() => 11), ...REPORT_ROW_READING.map(() => 11)];
  const labels = ws.addRow(all.map((k) => keyLabel(k, locale)));
  const keyRow = ws.addRow(all);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  let lines = 1;
  labels.eachCell((c, n) => {
    c.font = { name: FONT, bold: true };
    c.alignment = { vertical: 'top', wrapText: true };
    fill(c, HEADER_FILL);
    lines = Math.max(lines, Math.ceil(displayWidth(String(c.value ?? '')) / Math.max(1, widths[n - 1]! - 1)));
  });
  labels.height = Math.min(15 * lines, 120);
  keyRow.eachCell((c) => {
    c.font = { size: 8, color: { argb: 'FF808080' } };
    fill(c, HEADER_FILL);
  });
  if (!streamed) ws.views = [{ state: 'frozen', xSplit: 1, ySplit: SUMMARY_HEAD_ROWS }];
  ws.pageSetup = { ...SUMMARY_PAGE };
  ws.autoFilter = { from: { row: SUMMARY_HEAD_ROWS, column: 1 }, to: { row: SUMMARY_HEAD_ROWS, column: all.length } };
}

/** A report's row on 汇总: file, organ, year, template, counts, then `cells` (its values in the key columns), marked. */
function summaryRow(ws: Worksheet, r: LintedReport, cells: (number | null)[], keys: string[], locale: Locale, cwd: string): import('exceljs').Row {
  const file = relative(cwd, r.source.path) || r.source.path;
  const c = r.counts;
  const row = ws.addRow([file, r.meta.organ, r.meta.year, r.template.id, c.error, c.warning, ...cells, ...readingCells(r)]);
  markSummaryRow(row, r, keys, REPORT_ROW_META.length, locale);
  return row;
}

/** A workbook across reports: 汇总 (one row per report, one column per cell key) and 问题. */
async function summaryBook(ExcelJS: ExcelJS, reports: LintedReport[], locale: Locale, cwd: string): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gia-report';
  const W = WORDS[locale];
  const keys = unionKeys(reports.map((r) => r.template.id));
  const ws = wb.addWorksheet(W.summary!);
  summaryHead(ws, keys, locale, false);
  const problems: ProblemRow[] = [];
  reports.forEach((r, i) => {
    summaryRow(ws, r, keys.map((k) => valueOfKey(r, k)), keys, locale, cwd);
    problems.push(...summaryProblems(r, i, keys, REPORT_ROW_META.length, locale, cwd));
  });
  problemsSheet(wb, problems, locale, true);
  return wb;
}

/**
 * The summary workbook of many reports, streamed through exceljs's WorkbookWriter into `out`: 汇总
 * row by row as the reports come (each committed at once), then 问题 from their diagnostics. `ids`:
 * the templates of all the reports (the columns); `rows`: each report (slim is enough: path, meta,
 * template, diagnostics) with its {@link templateValues}, in order; `again`, when given, gives the
 * same reports once more for 问题 (otherwise they are kept from the first pass). The same cells,
 * fills, notes and links as {@link toXlsx} of several reports; memory holds the notes and links.
 */
export async function writeSummaryXlsx(
  ids: string[],
  rows: AsyncIterable<{ r: LintedReport; values: (number | null)[] }>,
  out: import('node:stream').Writable,
  opts: XlsxOptions = {},
  again?: () => Iterable<LintedReport>,
): Promise<void> {
  const ExcelJS = await loadExcel();
  const locale = opts.locale ?? 'zh-CN';
  const cwd = opts.cwd ?? process.cwd();
  const W = WORDS[locale];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'gia-report';
  const keys = unionKeys(ids.length ? ids : [newest().id]);
  // a streaming sheet writes its sheetPr (fitToPage) when it is added: the print setup goes here, not later
  const ws = wb.addWorksheet(W.summary!, { views: [{ state: 'frozen', xSplit: 1, ySplit: SUMMARY_HEAD_ROWS }], pageSetup: SUMMARY_PAGE });
  summaryHead(ws, keys, locale, true);
  for (let i = 1; i <= SUMMARY_HEAD_ROWS; i++) ws.getRow(i).commit();
  const place = valuePlacer(keys);
  const seen: LintedReport[] = [];
  for await (const { r, values } of rows) {
    summaryRow(ws, r, place(r.template.id, values), keys, locale, cwd).commit();
    if (!again) seen.push(r);
  }
  ws.commit();
  // 问题 after 汇总 is complete: exceljs writes one sheet at a time, a second open sheet would be buffered
  const pws = wb.addWorksheet(W.problems!, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }], pageSetup: PAGE });
  function* problems(): Generator<ProblemRow> {
    let i = 0;
    for (const r of again ? again() : seen) yield* summaryProblems(r, i++, keys, REPORT_ROW_META.length, locale, cwd);
  }
  problemsRows(pws, problems(), locale, true, (row) => row.commit());
  pws.commit();
  await wb.commit();
}

/** The XLSX bytes: one report → its tables in the official layout; several → a summary workbook. */
export async function toXlsx(reports: LintedReport[], opts: XlsxOptions = {}): Promise<Uint8Array> {
  const ExcelJS = await loadExcel();
  const locale = opts.locale ?? 'zh-CN';
  const cwd = opts.cwd ?? process.cwd();
  const wb = reports.length === 1 ? await reportBook(ExcelJS, reports[0]!, locale, cwd) : await summaryBook(ExcelJS, reports, locale, cwd);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
