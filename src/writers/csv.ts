// CSV output: one line per cell (long layout). Quoting by csv-stringify, never by hand.
import { stringify } from 'csv-stringify/sync';
import type { LintedReport, Locale } from '../types.js';
import { getTemplate } from '../templates/index.js';

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
