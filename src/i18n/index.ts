// Locale data: placeholders, location labels from the template, quote marks, fatal messages.
// The strings themselves are in the per-locale catalogues: zh-CN.ts (the shape) and en.ts.
import type { Locale, Suspect, Template } from '../types.js';
import type { ErrorCode } from '../errors.js';
import { zhCN } from './zh-CN.js';
import { en } from './en.js';
import { messages, type Catalogue } from './catalogue.js';

export { messages, CATALOGUES, type Catalogue } from './catalogue.js';

export const LOCALES: Locale[] = ['zh-CN', 'en'];

export function isLocale(s: string): s is Locale {
  return (LOCALES as string[]).includes(s);
}

/** Fills `{name}` placeholders; an unknown placeholder is left visible so tests can catch it. */
export function format(template: string, data: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (data[k] === undefined ? m : String(data[k])));
}

/** Placeholder names used in a message template. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

const Q: Record<Locale, [string, string]> = { 'zh-CN': ['“', '”'], en: ['"', '"'] };

export function quote(s: string, locale: Locale): string {
  return `${Q[locale][0]}${s}${Q[locale][1]}`;
}

/** Labels of a location in a locale: table 三, its row and column labels. */
export function locationLabels(
  template: Template,
  locale: Locale,
  table?: string,
  row?: string,
  column?: string,
): { table?: string; row?: string; column?: string } {
  const t = template.tables.find((x) => x.key === table);
  if (!t) return {};
  const r = t.rows.find((x) => x.key === row);
  const c = t.columns.find((x) => x.key === column);
  const zh = locale === 'zh-CN';
  return {
    table: zh ? `表${t.numeral}（${t.label}）` : `table ${t.numeral} (${t.en})`,
    ...(r ? { row: zh ? r.label : r.en } : {}),
    ...(c ? { column: zh ? c.label : c.en } : {}),
  };
}

/** A full, findable cell name: 表三“（一）予以公开”行“自然人”列. */
export function cellName(template: Template, locale: Locale, table?: string, row?: string, column?: string): string {
  const l = locationLabels(template, locale, table, row, column);
  if (!l.table) return '';
  const t = template.tables.find((x) => x.key === table)!;
  const short = locale === 'zh-CN' ? `表${t.numeral}` : `table ${t.numeral}`;
  if (locale === 'zh-CN') {
    if (l.row && l.column) return t.rows.find((x) => x.key === row)?.labelless ? `${short}“${l.column}”栏` : `${short}“${l.row}”行“${l.column}”列`;
    if (l.row) return `${short}“${l.row}”行`;
    if (l.column) return `${short}“${l.column}”列`;
    return l.table;
  }
  if (l.row && l.column) return t.rows.find((x) => x.key === row)?.labelless ? `${short}, "${l.column}"` : `${short}, row "${l.row}", column "${l.column}"`;
  if (l.row) return `${short}, row "${l.row}"`;
  if (l.column) return `${short}, column "${l.column}"`;
  return l.table;
}

/** Fatal error messages, one per code and locale (from the catalogues); `{file}` and other placeholders from the error data. */
export const FATAL = Object.fromEntries(
  (Object.keys(zhCN.fatal) as ErrorCode[]).map((code) => [code, { 'zh-CN': zhCN.fatal[code], en: en.fatal[code] }]),
) as Record<ErrorCode, Record<Locale, string>>;

function humanSize(n: number, bytes: boolean, c: Catalogue): string {
  if (!bytes) return String(n);
  const MB = 1024 * 1024;
  return n >= MB ? format(c.size.mb, { n: (n / MB).toFixed(n % MB === 0 ? 0 : 1) }) : format(c.size.bytes, { n });
}

/**
 * The `{reason}` of a fatal error in a locale: from `why` (a key of the catalogue's `reasons`),
 * from `limit` (E_TOO_LARGE: `actual`, `max`), an OS error code at the start of an OS message,
 * or else the error's own `reason` as is.
 */
export function reasonText(code: ErrorCode, data: Record<string, string | number>, locale: Locale): string {
  const c = messages(locale);
  const why = data.why;
  if (typeof why === 'string' && why in c.reasons) return format(c.reasons[why as keyof Catalogue['reasons']], data);
  if (code === 'E_BAD_OPTION' && typeof why === 'string' && why in c.bad) return format(c.bad[why as keyof Catalogue['bad']], data);
  const limit = data.limit;
  if (code === 'E_TOO_LARGE' && typeof limit === 'string' && limit in c.limits && data.max !== undefined) {
    const bytes = limit === 'maxInputBytes' || limit === 'maxUncompressedBytes' || limit === 'maxPdfMemoryBytes';
    const max = humanSize(Number(data.max), bytes, c);
    const got = data.actual === undefined || data.actual === '' ? format(c.size.moreThan, { n: max }) : humanSize(Number(data.actual), bytes, c);
    return format(c.limits[limit as keyof Catalogue['limits']], { ...data, got, max });
  }
  const reason = data.reason === undefined ? '' : String(data.reason);
  const os = /^([A-Z][A-Z0-9]+)[:,]/.exec(reason);
  if (os && c.os[os[1]!]) return c.os[os[1]!]!;
  return reason;
}

/** One fatal error as a line in the locale. */
export function fatalText(code: ErrorCode, data: Record<string, string | number>, locale: Locale): string {
  return format(messages(locale).fatal[code], { file: '', ...data, reason: reasonText(code, data, locale) });
}

function fill(s: string, data: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (data[k] === undefined ? m : String(data[k])));
}

/**
 * The second sentence of an arithmetic diagnostic (the `{suspect}` placeholder, filled by the lint
 * engine in the output locale): the suspect, the candidates, or "more than one cell is wrong".
 */
export function suspectSentence(template: Template, locale: Locale, suspects: Suspect[]): string {
  const S = messages(locale).suspects;
  const item = (s: Suspect, tpl: string) =>
    fill(tpl, { cell: cellName(template, locale, s.table, s.row, s.column), current: s.current ?? S.blank, suggested: s.suggested });
  if (suspects.length === 0) return S.none;
  if (suspects.length === 1) return item(suspects[0]!, S.one);
  return fill(S.several, { list: suspects.map((s) => item(s, S.item)).join(S.sep) });
}
