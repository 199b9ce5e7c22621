// Locale data: placeholders, location labels from the template, quote marks, fatal messages.
import type { Locale, Template } from '../types.js';
import type { ErrorCode } from '../errors.js';

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
    if (l.row && l.column) return row === 'cases' ? `${short}“${l.column}”栏` : `${short}“${l.row}”行“${l.column}”列`;
    if (l.row) return `${short}“${l.row}”行`;
    if (l.column) return `${short}“${l.column}”列`;
    return l.table;
  }
  if (l.row && l.column) return row === 'cases' ? `${short}, "${l.column}"` : `${short}, row "${l.row}", column "${l.column}"`;
  if (l.row) return `${short}, row "${l.row}"`;
  if (l.column) return `${short}, column "${l.column}"`;
  return l.table;
}

/** Fatal error messages, one per code; `{file}` and other placeholders from the error data. */
export const FATAL: Record<ErrorCode, Record<Locale, string>> = {
  E_NOT_FOUND: { 'zh-CN': '找不到文件 {file}：请检查路径。', en: 'File not found: {file}. Check the path.' },
  E_UNREADABLE: { 'zh-CN': '无法读取 {file}：{reason}', en: 'Cannot read {file}: {reason}' },
  E_IS_DIRECTORY: { 'zh-CN': '{file} 是目录：请给出报告文件。', en: '{file} is a directory: give a report file.' },
  E_BINARY: {
    'zh-CN': '{file} 不是文本文件（含二进制数据）：请提供 {formats} 报告。',
    en: '{file} is not a text file (binary data): give a {formats} report.',
  },
  E_EMPTY: { 'zh-CN': '{file} 是空文件。', en: '{file} is empty.' },
  E_NO_TABLES: {
    'zh-CN': '{file} 中没有找到年度报告的统计表（表二、表三、表四）：请确认这是政府信息公开工作年度报告。',
    en: 'No annual report table (二, 三 or 四) found in {file}: check that it is a government information disclosure annual report.',
  },
  E_UNKNOWN_FORMAT: {
    'zh-CN': '无法识别 {file} 的格式：支持 {formats}（可用 --input-format 指定）。',
    en: 'Unknown format of {file}: give a {formats} file (or use --input-format to say which).',
  },
  E_BAD_OPTION: { 'zh-CN': '参数错误：{reason}', en: 'Bad option: {reason}' },
  E_CORRUPT_DOCX: { 'zh-CN': '{file} 不是有效的 .docx 文件：{reason}', en: '{file} is not a valid .docx file: {reason}' },
  E_LEGACY_DOC: {
    'zh-CN': '{file} 是 Word 97–2003 .doc 文件，不受支持：请另存为 .docx。',
    en: '{file} is a Word 97–2003 .doc file, which is not supported: save it as .docx.',
  },
  E_ENCRYPTED: { 'zh-CN': '{file} 已加密：请去除密码后再试。', en: '{file} is encrypted: remove the password and try again.' },
  E_TOO_LARGE: { 'zh-CN': '{file} 超出限制（{reason}）。', en: '{file} exceeds a limit ({reason}).' },
  E_ZIP_BOMB: {
    'zh-CN': '{file} 的压缩内容异常（{reason}），为安全起见拒绝读取。',
    en: '{file} has suspicious compressed content ({reason}) and was refused for safety.',
  },
  E_WRITE: { 'zh-CN': '无法写入 {file}：{reason}', en: 'Cannot write {file}: {reason}' },
  E_OUTPUT_IS_INPUT: { 'zh-CN': '输出 {file} 与输入文件相同：拒绝覆盖。', en: 'Output {file} is an input file: refusing to overwrite it.' },
};
