// The cell keys of the public data contract (`requests.granted.total`) and the columns of the
// one-row-per-report layouts (wide CSV, the xlsx 汇总 sheet): which keys a template has, a report's
// values in that order, the union over templates, and the human header of each column.
import type { Locale, LintedReport, Template } from '../types.js';
import { getTemplate, newestFirst, templateIds } from '../templates/index.js';

/** The cell key of the public data contract: `requests.granted.total`. */
export function cellKey(table: string, row: string, column: string): string {
  return `${table}.${row}.${column}`;
}

/** Every cell key of a template, in template order (tables, rows, columns). */
export function templateKeys(t: Template): string[] {
  return t.tables.flatMap((def) => def.rows.flatMap((row) => row.columns.map((c) => cellKey(def.key, row.key, c))));
}

/** A report's values in {@link templateKeys} order of its own template (null: blank or missing). */
export function templateValues(r: LintedReport): (number | null)[] {
  const t = getTemplate(r.template.id);
  if (!t) return [];
  return t.tables.flatMap((def) => def.rows.flatMap((row) => row.columns.map((c) => r.tables[def.key]?.values[row.key]?.[c] ?? null)));
}

/** Leading columns of the one-row-per-report layouts (wide CSV, the xlsx 汇总 sheet); the cell keys follow. */
export const REPORT_ROW_META = ['file', 'organ', 'year', 'template', 'errors', 'warnings'];

/** Tables whose reading is given in the one-row-per-report layouts, in template order. */
const READING_TABLES = ['proactive', 'requests', 'appeals'];

/**
 * Trailing columns of the one-row-per-report layouts, after the cell keys: per table, the reading's
 * confidence (`reading.requests`: exact / inferred / partial, empty when the table was not found)
 * and its method (`reading.requests.by`), so a researcher can filter on how sure the values are.
 */
export const REPORT_ROW_READING = READING_TABLES.flatMap((t) => [`reading.${t}`, `reading.${t}.by`]);

const HEADER_WORDS: Record<Locale, { meta: string[]; reading: string; readingBy: string; sep: string; table: (numeral: string) => string }> = {
  'zh-CN': { meta: ['文件', '机关', '年度', '报告格式', '错误', '警告'], reading: '读取可信度', readingBy: '读取方法', sep: '·', table: (n) => `表${n}` },
  en: { meta: ['File', 'Organ', 'Year', 'Template', 'Errors', 'Warnings'], reading: 'reading confidence', readingBy: 'reading method', sep: ' · ', table: (n) => `Table ${n}` },
};

const keyLabels = new Map<string, string>();

/**
 * The human header of a column of the one-row-per-report layouts, for people (the machine key stays
 * the data contract): `表三·（一）予以公开·自然人` for `requests.granted.natural`, `机关` for
 * `organ`, `表三读取可信度` for `reading.requests`. The key itself when nothing names it.
 */
export function keyLabel(key: string, locale: Locale): string {
  const memo = `${locale}\u0000${key}`;
  const hit = keyLabels.get(memo);
  if (hit !== undefined) return hit;
  const W = HEADER_WORDS[locale];
  let label = key;
  const meta = REPORT_ROW_META.indexOf(key);
  if (meta >= 0) label = W.meta[meta]!;
  else if (key.startsWith('reading.')) {
    const [, t, by] = key.split('.');
    const def = templateIds().flatMap((x) => getTemplate(x)!.tables).find((x) => x.key === t);
    if (def) label = `${W.table(def.numeral)}${locale === 'en' ? ' ' : ''}${by ? W.readingBy : W.reading}`;
  } else {
    outer: for (const id of newestFirst()) {
      const t = getTemplate(id);
      for (const def of t?.tables ?? []) {
        if (!key.startsWith(def.key + '.')) continue;
        for (const row of def.rows) {
          if (!key.startsWith(`${def.key}.${row.key}.`)) continue;
          const colKey = key.slice(def.key.length + row.key.length + 2);
          const col = def.columns.find((c) => c.key === colKey);
          if (!col || !row.columns.includes(colKey)) continue;
          const en = locale === 'en';
          const rowLabel = row.labelless ? '' : en ? row.en : row.label;
          label = [W.table(def.numeral), rowLabel, en ? col.en : col.label].filter(Boolean).join(W.sep);
          break outer;
        }
      }
    }
  }
  keyLabels.set(memo, label);
  return label;
}

/** A report's values for {@link REPORT_ROW_READING} ('' where a table was not found). */
export function readingCells(r: LintedReport): string[] {
  return READING_TABLES.flatMap((t) => {
    const reading = r.tables[t]?.reading ?? r.readings?.[t];
    return reading ? [reading.confidence, reading.by] : ['', ''];
  });
}

/**
 * Places a report's {@link templateValues} in the columns `keys` (a union of templates' keys,
 * {@link unionKeys}): the value of each key, null where the report's template has no such key.
 * Where each template's keys sit among `keys` is worked out once per template.
 */
export function valuePlacer(keys: string[]): (templateId: string, values: (number | null)[]) => (number | null)[] {
  const at = new Map(keys.map((k, i) => [k, i]));
  const positions = new Map<string, number[]>();
  return (templateId, values) => {
    let pos = positions.get(templateId);
    if (!pos) {
      const t = getTemplate(templateId);
      positions.set(templateId, (pos = t ? templateKeys(t).map((k) => at.get(k) ?? -1) : []));
    }
    const cells = new Array<number | null>(keys.length).fill(null);
    values.forEach((v, j) => {
      const i = pos[j] ?? -1;
      if (i >= 0) cells[i] = v;
    });
    return cells;
  };
}

/** Union of the cell keys of several templates in template order, the newest template first, then the others in registry order. */
export function unionKeys(ofTemplates: Iterable<string>): string[] {
  const ids = new Set(ofTemplates);
  const ordered = newestFirst().filter((id) => ids.has(id));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ordered) {
    const t = getTemplate(id);
    if (!t) continue;
    for (const k of templateKeys(t)) {
      if (!seen.has(k)) {
        seen.add(k);
        out.push(k);
      }
    }
  }
  return out;
}

/** The value of a cell key in a report (null when blank, missing or not in its template). */
export function valueOfKey(r: LintedReport, key: string): number | null {
  const t = getTemplate(r.template.id);
  if (!t) return null;
  for (const def of t.tables) {
    if (!key.startsWith(def.key + '.')) continue;
    for (const row of def.rows) {
      if (!key.startsWith(`${def.key}.${row.key}.`)) continue;
      const col = key.slice(def.key.length + row.key.length + 2);
      if (row.columns.includes(col)) return r.tables[def.key]?.values[row.key]?.[col] ?? null;
    }
  }
  return null;
}
