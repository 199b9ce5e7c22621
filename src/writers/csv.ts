// CSV output: one line per cell (long layout, the default) or one line per report (wide). Fields
// quoted by _csv-field.ts: csv-stringify's text, checked against it and read back with csv-parse.
import { csvField, csvText } from './_csv-field.js';
import type { LintedReport, Locale } from '../types.js';
import { newest, templateOf } from '../templates/index.js';
import { REPORT_ROW_META, REPORT_ROW_READING, keyLabel, readingCells, templateValues, unionKeys, valuePlacer } from '../layout/keys.js';

/**
 * The header line: `keys` (default) the machine names, the data contract programs read;
 * `labels` the names people read (表三·（一）予以公开·自然人, 机关…), in the output locale.
 */
export type CsvHeader = 'keys' | 'labels';

/** A text field a spreadsheet would run as a formula: = + - @ tab CR first (or their full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
/** Text that is a plain number (`-3` in the raw column): no formula, left as it is. */
const PLAIN_NUMBER = /^[-+]?\d+(?:\.\d+)?$/;

/**
 * A field as written to CSV, never a formula (OWASP "CSV injection": an organ name
 * `=HYPERLINK(…)` taken from a report's title, a file named `=…`): text starting with a formula
 * character gets a leading `'`, as csv-stringify's `escape_formulas` does (that option costs ~25 %
 * of the wide CSV's time on every field; this tests only text fields). Numbers are never changed
 * (a negative 本年增/减 stays a number), nor text that is a plain number. Quoting is
 * csv-stringify's (src/writers/_csv-field.ts writes the same text).
 */
export function csvSafe<T>(v: T): T | string {
  return typeof v === 'string' && FORMULA_START.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v;
}

export const CSV_LONG_HEADER = ['file', 'organ', 'year', 'template', 'table', 'row', 'column', 'row_label', 'column_label', 'value', 'raw'];

/** {@link CSV_LONG_HEADER} for people. */
export const CSV_LONG_LABELS: Record<Locale, string[]> = {
  'zh-CN': ['文件', '机关', '年度', '报告格式', '表', '行', '列', '行标题', '列标题', '数值', '原文'],
  en: ['File', 'Organ', 'Year', 'Template', 'Table', 'Row', 'Column', 'Row label', 'Column label', 'Value', 'As written'],
};

/** Rows of the long layout for one report, in template order. */
export function csvLongRows(r: LintedReport, locale: Locale = 'zh-CN'): (string | number | null)[][] {
  const template = templateOf(r)!; // a layout variant (hybrid): the rows it has, otherHandling included
  const rows: (string | number | null)[][] = [];
  for (const def of template.tables) {
    const t = r.tables[def.key];
    if (!t?.found) continue;
    for (const row of def.rows) {
      for (const c of row.columns) {
        const col = def.columns.find((x) => x.key === c)!;
        const cell = t.cells[row.key]?.[c];
        rows.push([
          r.source.path,
          r.meta.organ,
          r.meta.year,
          r.template.id,
          def.key,
          row.key,
          c,
          locale === 'en' ? row.en : row.label,
          locale === 'en' ? col.en : col.label,
          cell?.value ?? null,
          cell?.raw ?? '',
        ]);
      }
    }
  }
  return rows;
}

/** Per template (a layout variant is its own object) and locale: the UTF-8 of each long line's fixed middle, `,table,row,column,row label,column label,`. */
const longMiddles = new WeakMap<object, Map<Locale, { table: string; row: string; column: string; bytes: Buffer }[]>>();

function middlesOf(template: NonNullable<ReturnType<typeof templateOf>>, locale: Locale): { table: string; row: string; column: string; bytes: Buffer }[] {
  let byLocale = longMiddles.get(template);
  if (!byLocale) longMiddles.set(template, (byLocale = new Map()));
  let list = byLocale.get(locale);
  if (list) return list;
  list = [];
  for (const def of template.tables) {
    for (const row of def.rows) {
      for (const c of row.columns) {
        const col = def.columns.find((x) => x.key === c)!;
        const fields = [def.key, row.key, c, locale === 'en' ? row.en : row.label, locale === 'en' ? col.en : col.label];
        const mid = fields.map((v) => csvField(csvSafe(v))).join(',');
        list.push({ table: def.key, row: row.key, column: c, bytes: Buffer.from(`,${mid},`, 'utf8') });
      }
    }
  }
  byLocale.set(locale, list);
  return list;
}

/**
 * The long layout's lines of one report (no header, no BOM) as UTF-8 bytes in an ArrayBuffer of
 * their own (a worker transfers them): the bytes of {@link toCsvLong}`([r], { header: false })`'s
 * text, built without it — each line's fixed middle is encoded once per template and locale, the
 * report's leading fields once per report, the value and raw text of a cell copied as they are
 * when they are ASCII (a text report's 200 lines: 0.5–0.75 → 0.2–0.4 ms CPU).
 */
export function csvLongBytes(r: LintedReport, locale: Locale = 'zh-CN'): Uint8Array {
  const template = templateOf(r)!;
  const lead = Buffer.from([r.source.path, r.meta.organ, r.meta.year, r.template.id].map((v) => csvField(v === null ? '' : csvSafe(v))).join(','), 'utf8');
  const mids = middlesOf(template, locale);
  const tails: string[] = [];
  const used: Uint8Array[] = [];
  let size = 0;
  let ascii = true;
  for (const m of mids) {
    const t = r.tables[m.table];
    if (!t?.found) continue;
    const cell = t.cells[m.row]?.[m.column];
    const value = cell?.value ?? null;
    const raw = cell?.raw ?? '';
    const tail = `${value === null ? '' : String(value)},${csvField(csvSafe(raw))}\n`;
    tails.push(tail);
    used.push(m.bytes);
    size += lead.length + m.bytes.length + tail.length;
    if (ascii) for (let i = 0; i < tail.length; i++) if (tail.charCodeAt(i) > 0x7f) ascii = false;
  }
  if (!ascii) {
    size = 0;
    for (let k = 0; k < tails.length; k++) size += lead.length + used[k]!.length + Buffer.byteLength(tails[k]!, 'utf8');
  }
  const out = new Uint8Array(new ArrayBuffer(size));
  const buf = ascii ? null : Buffer.from(out.buffer, 0, size);
  let at = 0;
  for (let k = 0; k < tails.length; k++) {
    out.set(lead, at);
    at += lead.length;
    const mid = used[k]!;
    out.set(mid, at);
    at += mid.length;
    const tail = tails[k]!;
    if (buf) at += buf.write(tail, at, 'utf8');
    else for (let i = 0; i < tail.length; i++) out[at++] = tail.charCodeAt(i);
  }
  return out;
}

/** CSV text (long layout) for reports; `bom` prefixes a UTF-8 BOM for Excel. */
export function toCsvLong(reports: LintedReport[], opts: { bom?: boolean; header?: boolean; locale?: Locale; headerKind?: CsvHeader } = {}): string {
  const records = reports.flatMap((r) => csvLongRows(r, opts.locale));
  const body = csvText(
    records.map((rec) => rec.map((v) => (v === null ? '' : csvSafe(v)))),
    opts.header ?? true ? (opts.headerKind === 'labels' ? CSV_LONG_LABELS[opts.locale ?? 'zh-CN'] : CSV_LONG_HEADER) : null,
  );
  return (opts.bom ? '\ufeff' : '') + body;
}

/** Leading columns of the wide layout; the cell keys `table.row.column` follow in template order. */
export const CSV_WIDE_META = REPORT_ROW_META;

/** Header of the wide layout for some reports (mixed templates: union of keys, the newest template's first). */
export function csvWideHeader(reports: LintedReport[]): string[] {
  return wideHeader(reports.map((r) => r.template.id));
}

/** Trailing columns of the wide layout, after the cell keys: each table's reading (confidence, method). */
export const CSV_WIDE_READING = REPORT_ROW_READING;

/** Header of the wide layout for reports of these templates (none: the newest template's keys). */
function wideHeader(ids: string[]): string[] {
  return [...CSV_WIDE_META, ...unionKeys(ids.length ? ids : [newest().id]), ...CSV_WIDE_READING];
}

/** CSV text (wide layout): one line per report, one column per cell key; blanks stay empty. */
export function toCsvWide(reports: LintedReport[], opts: { bom?: boolean; header?: boolean; headerKind?: CsvHeader; locale?: Locale } = {}): string {
  const header = csvWideHeader(reports);
  const place = valuePlacer(header.slice(CSV_WIDE_META.length, header.length - CSV_WIDE_READING.length));
  const records = reports.map((r) => wideRecord(r, place(r.template.id, templateValues(r))));
  return (opts.bom ? '\ufeff' : '') + wideText(records, opts.header ?? true ? headerLine(header, opts) : null);
}

/** The header line as asked: keys, or their labels in the locale. */
function headerLine(keys: string[], opts: { headerKind?: CsvHeader; locale?: Locale }): string[] {
  return opts.headerKind === 'labels' ? keys.map((k) => keyLabel(k, opts.locale ?? 'zh-CN')) : keys;
}

/** A report's line of the wide layout: metadata, counts, then its values in the header's key columns (blank: empty). */
function wideRecord(r: LintedReport, cells: (number | null)[]): (string | number)[] {
  const c = r.counts;
  return [csvSafe(r.source.path), csvSafe(r.meta.organ ?? ''), r.meta.year ?? '', r.template.id, c.error, c.warning, ...cells.map((v) => v ?? ''), ...readingCells(r)];
}

function wideText(records: (string | number)[][], header: string[] | null): string {
  if (header === null && records.length === 0) return '';
  return csvText(records, header);
}

/** Lines of the wide layout written at a time by {@link csvWidePieces}. */
const WIDE_BATCH = 1000;

/**
 * The wide CSV of many reports read back one by one (a combined output: the reports' values wait in
 * a temporary file until every report's template, hence the columns, is known). `ids`: the templates
 * of all the reports; `rows`: each report (slim is enough: path, meta, template, diagnostics) with
 * its {@link templateValues}, in order. The same text as {@link toCsvWide} of those reports, in pieces.
 */
export async function* csvWidePieces(
  ids: string[],
  rows: AsyncIterable<{ r: LintedReport; values: (number | null)[] }>,
  opts: { bom?: boolean; headerKind?: CsvHeader; locale?: Locale } = {},
): AsyncGenerator<string> {
  const header = wideHeader(ids);
  const line = headerLine(header, opts);
  const place = valuePlacer(header.slice(CSV_WIDE_META.length, header.length - CSV_WIDE_READING.length));
  let batch: (string | number)[][] = [];
  let first = true;
  const flush = (): string => {
    const text = (first && opts.bom ? '\ufeff' : '') + wideText(batch, first ? line : null);
    first = false;
    batch = [];
    return text;
  };
  for await (const { r, values } of rows) {
    batch.push(wideRecord(r, place(r.template.id, values)));
    if (batch.length >= WIDE_BATCH) yield flush();
  }
  if (batch.length || first) yield flush();
}
