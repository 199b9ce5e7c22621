// The one place that turns a finding's position into words a person can find in the document:
// the table/row/column labels of the template (表三“（一）予以公开”行“自然人”列) and the physical place
// (第2个表格第6行第3个单元格 — counted as a person counts: visible cells, not grid columns; 第12行;
// for one enormous line, a short quote of the source instead of a column number). Every output
// (stylish, the xlsx 问题 sheet, the HTML report, SARIF) uses it. Pure.
// Extending it (e.g. PDF pages): add the field to SourcePos and one case to physicalLocation.
import type { Diagnostic, Locale, SourcePos, Suspect, Template } from '../types.js';
import { cellName, format, messages } from '../i18n/index.js';

/** Anything with a template place and a source position (a Diagnostic, a related cell, a suspect). */
export interface Placed {
  table?: string;
  row?: string;
  column?: string;
  pos?: SourcePos;
}

/**
 * Where in the document, physically: a grid cell counted as a person counts it (the n-th visible
 * cell of the row), a line (with a quote of the source when the line is too long to count in).
 * Empty when the position is unknown.
 */
export function physicalLocation(pos: SourcePos | undefined, locale: Locale): string {
  if (!pos) return '';
  const W = messages(locale).location;
  if (pos.page !== undefined) {
    // PDF: the page first, then the table cell on it
    const page = format(W.page, { page: pos.page });
    const { page: _, ...rest } = pos;
    const cell = physicalLocation(rest, locale);
    return cell ? `${page} ${cell}` : page;
  }
  if (pos.tableIndex !== undefined) {
    return format(W.grid, { table: pos.tableIndex + 1, row: (pos.gridRow ?? 0) + 1, cell: pos.cell ?? (pos.gridCol ?? 0) + 1 });
  }
  if (pos.line !== undefined) {
    if (pos.quote) return format(W.quote, { line: pos.line, quote: pos.quote });
    if (pos.column !== undefined) return format(W.lineCol, { line: pos.line, column: pos.column });
    return format(W.line, { line: pos.line });
  }
  return '';
}

/** The template labels of a place: 表三“（一）予以公开”行“自然人”列 (empty when it names no table). */
export function labelLocation(p: Placed, template: Template | undefined, locale: Locale): string {
  return template ? cellName(template, locale, p.table, p.row, p.column) : '';
}

/** Labels and physical place together: 表三“（一）予以公开”行“自然人”列 · 第2个表格第6行第3个单元格. */
export function humanLocation(p: Placed, template: Template | undefined, locale: Locale, opts: { labels?: boolean } = {}): string {
  const parts = [opts.labels === false ? '' : labelLocation(p, template, locale), physicalLocation(p.pos, locale)];
  return parts.filter(Boolean).join(messages(locale).location.sep);
}

/**
 * Where the single suspect of a finding is in the source (the cell to correct): the finding's own
 * cell or one of its related cells. Undefined without exactly one suspect or when not known.
 */
export function suspectPlace(d: Diagnostic): (Suspect & { pos?: SourcePos }) | undefined {
  if (d.suspects?.length !== 1) return undefined;
  const s = d.suspects[0]!;
  const pos =
    d.table === s.table && d.row === s.row && d.column === s.column
      ? d.pos
      : d.related?.find((x) => (x.table ?? d.table) === s.table && x.row === s.row && x.column === s.column)?.pos;
  return { ...s, ...(pos ? { pos } : {}) };
}
