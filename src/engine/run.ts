// Across years: reports of the same organ for consecutive years, compared after all files are read.
// The checks are template data (Template.crossYear): GIA402 cross-year-carry (上年结转 = last year's
// 结转下年度继续办理), GIA403 cross-year-in-force (现行有效件数 = last year's + 制发 − 废止).
import { basename } from 'node:path';
import type { CellRef, CrossYearCheck, Diagnostic, LintedReport, Locale, Severity, SourcePos } from '../types.js';
import type { Rule } from '../rules/define.js';
import type { RuleSettings } from './lint.js';
import carryRule from '../rules/cross-year-carry.js';
import inForceRule from '../rules/cross-year-in-force.js';
import { getTemplate } from '../templates/index.js';
import { cellName, format, locationLabels } from '../i18n/index.js';

/** An organ name for comparison: NFKC, no white space, quotes or brackets. */
export function organKey(organ: string | null | undefined): string | null {
  if (!organ) return null;
  const k = organ
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[“”"'‘’《》()（）【】]/g, '');
  return k === '' ? null : k;
}

interface Finding {
  rule: Rule<string>;
  cur: LintedReport;
  prev: LintedReport;
  cell: CellRef;
  prevCell: CellRef;
  actual: number;
  expected: number;
  data: Record<string, string | number>;
}

function cellValue(r: LintedReport, ref: CellRef): number | null {
  const c = r.tables[ref.table]?.cells[ref.row]?.[ref.column];
  if (!c || c.kind === 'missing' || c.kind === 'invalid') return null;
  return c.value;
}

function cellPos(r: LintedReport, ref: CellRef): SourcePos | undefined {
  return r.tables[ref.table]?.cells[ref.row]?.[ref.column]?.pos ?? r.tables[ref.table]?.rows[ref.row]?.pos;
}

/** The rules a template's cross-year checks name, by rule name. */
const RULES_BY_NAME: Record<string, Rule<string>> = { [carryRule.name]: carryRule as Rule<string>, [inForceRule.name]: inForceRule as Rule<string> };

const checkKey = (c: CrossYearCheck): string => `${c.rule}\u0000${c.cell.table}.${c.cell.row}.${c.cell.column}`;

/**
 * The year-N report compared with the year N−1 report of the same organ: the cross-year checks of
 * the year-N report's template that the year N−1 report's template declares too. A check is
 * skipped when one of its cells is blank, missing or unreadable.
 */
function comparePair(cur: LintedReport, prev: LintedReport): Finding[] {
  const out: Finding[] = [];
  const checks = getTemplate(cur.template.id)?.crossYear ?? [];
  const prevChecks = new Set((getTemplate(prev.template.id)?.crossYear ?? []).map(checkKey));
  for (const check of checks) {
    const rule = RULES_BY_NAME[check.rule];
    if (!rule || !prevChecks.has(checkKey(check))) continue;
    const actual = cellValue(cur, check.cell);
    if (actual === null) continue;
    let expected = 0;
    const data: Record<string, number> = {};
    let complete = true;
    for (const term of check.terms) {
      const v = cellValue(term.year === 'cur' ? cur : prev, term.cell);
      if (v === null) {
        complete = false;
        break;
      }
      expected += term.sign * v;
      if (term.name) data[term.name] = v;
    }
    if (!complete || actual === expected) continue;
    out.push({ cur, prev, rule, cell: check.cell, prevCell: check.prevCell, actual, expected, data });
  }
  return out;
}

function render(f: Finding, locale: Locale, severity: Severity): Diagnostic {
  const template = getTemplate(f.cur.template.id)!;
  const prevTemplate = getTemplate(f.prev.template.id) ?? template;
  const labels = locationLabels(template, locale, f.cell.table, f.cell.row, f.cell.column);
  const prevFile = basename(f.prev.source.path);
  const data: Record<string, string | number> = { ...f.data, prevFile, prevYear: f.prev.meta.year ?? '', file: basename(f.cur.source.path), year: f.cur.meta.year ?? '' };
  const full = { ...data, cell: cellName(template, locale, f.cell.table, f.cell.row, f.cell.column), table: labels.table ?? '', row: labels.row ?? '', column: labels.column ?? '', expected: f.expected, actual: f.actual };
  const messageId = 'mismatch';
  const d: Diagnostic = {
    ruleId: f.rule.id,
    ruleName: f.rule.name,
    severity,
    messageId,
    data,
    message: format(f.rule.messages[messageId]![locale], full),
    table: f.cell.table,
    row: f.cell.row,
    column: f.cell.column,
    labels,
    expected: f.expected,
    actual: f.actual,
    files: [f.prev.source.path],
  };
  const hint = f.rule.hints?.[messageId]?.[locale];
  if (hint) d.hint = format(hint, full);
  const pos = cellPos(f.cur, f.cell);
  if (pos) d.pos = pos;
  const prevPos = cellPos(f.prev, f.prevCell);
  d.related = [
    {
      ...f.prevCell,
      label: `${prevFile}: ${cellName(prevTemplate, locale, f.prevCell.table, f.prevCell.row, f.prevCell.column)}`,
      ...(prevPos ? { pos: prevPos } : {}),
    },
  ];
  return d;
}

/**
 * Diagnostics that compare reports with each other: for every two reports of the same organ
 * (normalised `meta.organ`) whose years are consecutive, the year-N report gets GIA402/GIA403
 * findings naming the year N−1 file and cells. Different organs, unknown organs or years, and
 * non-consecutive years are not compared. Returns one array per input report, in input order
 * (empty when nothing applies); `settings` takes the same severity overrides as lintReport
 * (`off` disables a rule).
 */
export function crossYearDiagnostics(reports: LintedReport[], locale: Locale = 'zh-CN', settings: RuleSettings = {}): Diagnostic[][] {
  return crossYearDiagnosticsOf(
    reports.map((r) => ({ organ: r.meta.organ, year: r.meta.year, report: () => r })),
    locale,
    settings,
  );
}

/** A report as {@link crossYearDiagnosticsOf} reads it: organ and year, the rest only when it has a pair. */
export interface CrossYearEntry {
  organ: string | null;
  year: number | null;
  /** The report (or its cross-year slice); called only for reports compared with another. */
  report(): LintedReport;
}

/**
 * {@link crossYearDiagnostics} over entries whose reports are loaded on demand (a large run keeps
 * them packed): a report is loaded only when an organ has reports of consecutive years.
 */
export function crossYearDiagnosticsOf(entries: CrossYearEntry[], locale: Locale = 'zh-CN', settings: RuleSettings = {}): Diagnostic[][] {
  const out: Diagnostic[][] = entries.map(() => []);
  const sev = (rule: Rule<string>): Severity | 'off' => settings[rule.id] ?? settings[rule.name] ?? rule.severity;
  // index the reports by organ and year once: each report meets only its own year N−1 reports
  const byOrganYear = new Map<string, number[]>();
  const keys = entries.map((e, i) => {
    const organ = organKey(e.organ);
    if (organ === null || e.year === null) return null;
    const key = `${e.year}\u0000${organ}`;
    const list = byOrganYear.get(key);
    if (list) list.push(i);
    else byOrganYear.set(key, [i]);
    return { organ, year: e.year };
  });
  // the last visit that needs each report: its own, or that of the last year N+1 report of its organ
  const lastNeeded = keys.map((k, i) => {
    const next = k ? byOrganYear.get(`${k.year + 1}\u0000${k.organ}`) : undefined;
    return next ? Math.max(i, next[next.length - 1]!) : i;
  });
  const loaded = new Map<number, LintedReport>();
  const load = (i: number): LintedReport => {
    let r = loaded.get(i);
    if (!r) loaded.set(i, (r = entries[i]!.report()));
    return r;
  };
  keys.forEach((k, i) => {
    if (!k) return;
    const prev = byOrganYear.get(`${k.year - 1}\u0000${k.organ}`) ?? [];
    for (const j of prev) {
      for (const f of comparePair(load(i), load(j))) {
        const s = sev(f.rule);
        if (s !== 'off') out[i]!.push(render(f, locale, s));
      }
    }
    // loaded reports are dropped after the last visit that needs them
    for (const x of [i, ...prev]) if (lastNeeded[x]! <= i) loaded.delete(x);
  });
  return out;
}
