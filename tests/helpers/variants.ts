// Derives other plain-text layouts from the real fixtures: rows of cells → one row per line
// (tabs, "|"), group labels merged away, PDF-like text (space-aligned, wrapped labels, page lines).
import { isValueText, labelKey } from '../../src/text/normalize.js';
import { TEMPLATES } from '../../src/templates/index.js';

/** A logical row: its cells in order; '' = a blank or covered (merged) cell. */
export type Row = string[];

const tables = Object.values(TEMPLATES).flatMap((t) => t.tables);
const ROW_KEYS = new Set(tables.flatMap((t) => t.rows.map((r) => labelKey(r.label))));
const ROW_LABELS = new Set(tables.flatMap((t) => t.rows.flatMap((r) => [r.label, ...(r.aliases ?? [])].map(labelKey))));
/** Group labels that are no row label in any template (（六）其他处理 is a row in gia-2019). */
const GROUP_KEYS = new Set(tables.flatMap((t) => (t.groups ?? []).map((g) => labelKey(g.label))).filter((k) => !ROW_KEYS.has(k)));
const HEADER_KEYS = new Set(['信息内容', ...tables.flatMap((t) => t.headerTexts ?? [])].map(labelKey));

export function isGroupLabel(cell: string): boolean {
  return GROUP_KEYS.has(labelKey(cell));
}

/** A cell line that holds a value or an explicitly blank cell (NBSP, tab). */
function isValueOrBlank(line: string): boolean {
  return isValueText(line) || (line !== '' && line.replace(/[\s\u00a0\u3000]/g, '') === '');
}

/**
 * The seed's layout: rows are blocks separated by empty lines, one cell per line,
 * tab-indented; tab-only lines are merged-cell placeholders.
 */
export function rowsOfSeed(text: string): Row[] {
  return text
    .replace(/^\ufeff/, '')
    .split('\n')
    .reduce<Row[]>((rows, line, i, all) => {
      if (line === '') {
        if (i > 0 && all[i - 1] !== '') rows.push([]);
        return rows;
      }
      if (rows.length === 0) rows.push([]);
      rows[rows.length - 1]!.push(line.replace(/^\t/, '').replace(/^\s+$/, ''));
      return rows;
    }, [])
    .filter((r) => r.length > 0);
}

/**
 * LibreOffice's text export: one cell per line, no row separators; NBSP lines are blank cells,
 * empty lines covered (merged) cells. A text line opens a row unless it follows a group label or
 * continues a header row (信息内容 …, 行政复议 …);
 * covered cells before a row label belong to that row.
 */
export function rowsOfLo(text: string): Row[] {
  const rows: Row[] = [];
  let cur: Row | null = null;
  let curHasValue = false;
  let pending = 0;
  for (const line of text.replace(/^\ufeff/, '').split('\n')) {
    if (line === '') {
      pending++;
      continue;
    }
    const value = isValueOrBlank(line);
    const last = cur?.[cur.length - 1];
    const inHeader = cur && !curHasValue && cur[0] !== undefined && HEADER_KEYS.has(labelKey(cur[0])) && !/^第二十条/.test(line) && !ROW_LABELS.has(labelKey(line));
    const joins = cur && (value || inHeader || (!curHasValue && last !== undefined && isGroupLabel(last)));
    if (!joins) {
      cur = [];
      rows.push(cur);
      curHasValue = false;
    }
    for (; pending > 0; pending--) cur!.push('');
    cur!.push(line);
    if (value) curHasValue = true;
  }
  return rows;
}

/** Drops the group labels (（三）不予公开, 三、本年度办理结果 …), keeping a covered cell in their place. */
export function withoutGroupLabels(rows: Row[]): Row[] {
  return rows.map((r) => r.map((c) => (isGroupLabel(c) ? '' : c)));
}

/** One row per line, cells separated by tabs. */
export function toTabs(rows: Row[]): string {
  return rows.map((r) => r.join('\t')).join('\n') + '\n';
}

/** One row per line in markdown-ish pipes, with a `|---|` border line under each header row. */
export function toPipes(rows: Row[]): string {
  const out: string[] = [];
  rows.forEach((r, i) => {
    if (r.length === 1) {
      out.push(r[0]!); // narrative paragraph or heading: no table around it
      return;
    }
    out.push(`| ${r.map((c) => c.replace(/\u00a0/g, ' ')).join(' | ')} |`);
    const next = rows[i + 1];
    const header = !r.some(isValueText) && next && next.length > 1;
    if (header) out.push(`|${r.map(() => '---').join('|')}|`);
  });
  return out.join('\n') + '\n';
}

/** One cell per line with no indentation and blank lines between rows (for group-label removal). */
export function toCellLines(rows: Row[]): string {
  return rows.map((r) => r.map((c) => c).join('\n')).join('\n\n') + '\n';
}

export interface PdfOptions {
  /** Wrap labels longer than this many characters onto the next line. */
  wrapAt?: number;
  /** Insert this page-number line before the row whose label contains `pageBefore`. */
  pageLine?: string;
  pageBefore?: string;
  /** Write this group label one character per line (a vertical label). */
  vertical?: string;
}

/**
 * PDF-like text as `pdftotext -layout` gives it: the label, then values right-aligned in fixed
 * columns (a blank cell is only spaces), long labels wrapped with the rest on the next line.
 */
export function toPdfText(rows: Row[], opts: PdfOptions = {}): string {
  const wrapAt = opts.wrapAt ?? 18;
  const width = 8;
  const out: string[] = [];
  for (const r of rows) {
    const firstValue = r.findIndex((c) => isValueOrBlank(c) && c !== '');
    const labels = (firstValue < 0 ? r : r.slice(0, firstValue)).filter((c) => c.trim() !== '');
    const values = firstValue < 0 ? [] : r.slice(firstValue);
    if (opts.pageBefore && labels.some((l) => l.includes(opts.pageBefore!))) out.push(opts.pageLine ?? '- 7 -');
    const shown: string[] = [];
    for (const l of labels) {
      if (opts.vertical && l === opts.vertical) out.push(...vertical(l));
      else shown.push(l);
    }
    if (values.length === 0) {
      if (shown.length) out.push(shown.join(' '));
      continue;
    }
    let label = shown.join(' ');
    while (label.length > wrapAt) {
      out.push(label.slice(0, wrapAt));
      label = label.slice(wrapAt);
    }
    const cells = values.map((v) => (isValueText(v) ? v : '').padStart(width)).join('');
    out.push(label.padEnd(wrapAt + 2, ' ') + cells);
  }
  return out.join('\n') + '\n';
}

function vertical(label: string): string[] {
  const m = /^([一二三四五六七八九十]+、)(.*)$/.exec(label);
  return m ? [m[1]!, ...[...m[2]!]] : [...label];
}
