// CSV output: one line per cell (long layout, the default) or one line per report (wide). Quoting by csv-stringify, never by hand.
import { stringify } from 'csv-stringify/sync';
import type { LintedReport, Locale } from '../types.js';
import { getTemplate } from '../templates/index.js';
import { countSeverities } from '../engine/lint.js';
import { unionKeys, valueOfKey } from './_layout.js';

export const CSV_LONG_HEADER = ['file', 'organ', 'year', 'template', 'table', 'row', 'column', 'row_label', 'column_label', 'value', 'raw'];

/** Rows of the long layout for one report, in template order. */
export function csvLongRows(r: LintedReport, locale: Locale = 'zh-CN'): (string | number | null)[][] {
  const template = getTemplate(r.template.id)!;
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

/** CSV text (long layout) for reports; `bom` prefixes a UTF-8 BOM for Excel. */
export function toCsvLong(reports: LintedReport[], opts: { bom?: boolean; header?: boolean; locale?: Locale } = {}): string {
  const records = reports.flatMap((r) => csvLongRows(r, opts.locale));
  const body = stringify(records.map((rec) => rec.map((v) => (v === null ? '' : v))), {
    header: opts.header ?? true,
    columns: CSV_LONG_HEADER,
    record_delimiter: '\n',
  });
  return (opts.bom ? '\ufeff' : '') + body;
}

/** Leading columns of the wide layout; the cell keys `table.row.column` follow in template order. */
export const CSV_WIDE_META = ['file', 'organ', 'year', 'template', 'errors', 'warnings'];

/** Header of the wide layout for some reports (mixed templates: union of keys, gia-2021 first). */
export function csvWideHeader(reports: LintedReport[]): string[] {
  const ids = reports.length ? reports.map((r) => r.template.id) : ['gia-2021'];
  return [...CSV_WIDE_META, ...unionKeys(ids)];
}

/** CSV text (wide layout): one line per report, one column per cell key; blanks stay empty. */
export function toCsvWide(reports: LintedReport[], opts: { bom?: boolean; header?: boolean } = {}): string {
  const header = csvWideHeader(reports);
  const keys = header.slice(CSV_WIDE_META.length);
  const records = reports.map((r) => {
    const c = countSeverities(r.diagnostics);
    return [r.source.path, r.meta.organ ?? '', r.meta.year ?? '', r.template.id, c.error, c.warning, ...keys.map((k) => valueOfKey(r, k) ?? '')];
  });
  const body = stringify(records, { header: opts.header ?? true, columns: header, record_delimiter: '\n' });
  return (opts.bom ? '\ufeff' : '') + body;
}
