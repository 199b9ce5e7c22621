// ExtractedReport → diagnostics: runs the rules, renders messages, sorts. Pure.
import type { CellRef, Diagnostic, ExtractedReport, LintedReport, Locale, Severity } from '../types.js';
import type { ReportInput, Rule, RuleContext } from '../rules/define.js';
import { RULES } from '../rules/index.js';
import { getTemplate } from '../templates/index.js';
import { cellName, format, locationLabels } from '../i18n/index.js';
import { suspectSentence } from '../analysis/suspects.js';

/** Severity per rule id or name; `off` disables a rule. */
export type RuleSettings = Record<string, Severity | 'off'>;

export interface LintOptions {
  locale?: Locale;
  rules?: RuleSettings;
}

const SEV_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Runs every enabled rule on a report. */
export function lintReport(report: ExtractedReport, opts: LintOptions = {}): LintedReport {
  const locale = opts.locale ?? 'zh-CN';
  const template = getTemplate(report.template.id)!;
  const diagnostics: Diagnostic[] = [];
  for (const rule of RULES as Rule[]) {
    const setting = opts.rules?.[rule.id] ?? opts.rules?.[rule.name];
    if (setting === 'off') continue;
    const ctx: RuleContext = {
      report,
      template,
      value: (r: CellRef) => report.tables[r.table]?.values[r.row]?.[r.column] ?? null,
      cell: (r: CellRef) => report.tables[r.table]?.cells[r.row]?.[r.column],
      emit: (d: ReportInput<string>) => diagnostics.push(render(rule, d, setting ?? d.severity ?? rule.severity, report, locale)),
    };
    rule.check(ctx);
  }
  return { ...report, diagnostics: sortDiagnostics(diagnostics, report) };
}

function render(rule: Rule, d: ReportInput<string>, severity: Severity, report: ExtractedReport, locale: Locale): Diagnostic {
  const template = getTemplate(report.template.id)!;
  const labels = locationLabels(template, locale, d.table, d.row, d.column);
  const data: Record<string, string | number> = {
    ...(d.data ?? {}),
    ...Object.fromEntries(Object.entries(d.localized ?? {}).map(([k, v]) => [k, v[locale]])),
    cell: cellName(template, locale, d.table, d.row, d.column),
    table: labels.table ?? '',
    row: labels.row ?? '',
    column: labels.column ?? '',
    line: d.pos?.line ?? '',
  };
  if (d.expected !== undefined) data.expected ??= d.expected;
  if (d.actual !== undefined) data.actual ??= d.actual;
  if (d.suspects) data.suspect ??= suspectSentence(template, locale, d.suspects); // second sentence of arithmetic findings
  const diag: Diagnostic = {
    ruleId: rule.id,
    ruleName: rule.name,
    severity,
    messageId: d.messageId,
    data: d.data ?? {},
    message: format(rule.messages[d.messageId]![locale], data),
  };
  const hint = rule.hints?.[d.messageId]?.[locale];
  if (hint) diag.hint = format(hint, data);
  if (d.table) diag.table = d.table;
  if (d.row) diag.row = d.row;
  if (d.column) diag.column = d.column;
  if (labels.table) diag.labels = labels;
  const pos = d.pos ?? (d.table && d.row && d.column ? report.tables[d.table]?.cells[d.row]?.[d.column]?.pos : undefined) ?? (d.table && d.row ? report.tables[d.table]?.rows[d.row]?.pos : undefined);
  if (pos) diag.pos = pos;
  if (d.expected !== undefined) diag.expected = d.expected;
  if (d.actual !== undefined) diag.actual = d.actual;
  if (d.suspects) diag.suspects = d.suspects;
  if (d.related?.length) {
    diag.related = d.related.map((r) => {
      const l = cellName(template, locale, r.table, r.row, r.column);
      const p = r.pos ?? (r.table && r.row && r.column ? report.tables[r.table]?.cells[r.row]?.[r.column]?.pos : undefined);
      return { ...r, ...(l ? { label: l } : {}), ...(p ? { pos: p } : {}) };
    });
  }
  return diag;
}

/** Stable order: table, row and column in template order, then severity and rule id. */
export function sortDiagnostics(diags: Diagnostic[], report: ExtractedReport): Diagnostic[] {
  const template = getTemplate(report.template.id)!;
  const tIdx = (t?: string) => (t ? template.tables.findIndex((x) => x.key === t) : -1);
  const rIdx = (t?: string, r?: string) => (t && r ? (template.tables.find((x) => x.key === t)?.rows.findIndex((x) => x.key === r) ?? -1) : -1);
  const cIdx = (t?: string, c?: string) => (t && c ? (template.tables.find((x) => x.key === t)?.columns.findIndex((x) => x.key === c) ?? -1) : -1);
  return diags
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        tIdx(a.d.table) - tIdx(b.d.table) ||
        rIdx(a.d.table, a.d.row) - rIdx(b.d.table, b.d.row) ||
        cIdx(a.d.table, a.d.column) - cIdx(b.d.table, b.d.column) ||
        SEV_ORDER[a.d.severity] - SEV_ORDER[b.d.severity] ||
        a.d.ruleId.localeCompare(b.d.ruleId) ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

/** Counts by severity. */
export function countSeverities(diags: Diagnostic[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diags) c[d.severity]++;
  return c;
}
