// The run-level step (after every file of a run is read): the rules that declare `checkRun` (the
// cross-year checks GIA402, GIA403) run over the reports of each organ; their findings are merged
// into the reports' sorted findings and the run's counts kept. The engine keeps of each report only
// the cells those rules declare they read (`reads`): its CrossYearSlice. Pure; the CLI only prints.
import { basename } from 'node:path';
import type { CellRef, CrossYearSlice, Diagnostic, FileResult, LintedReport, Locale, Severity, SourcePos, Template } from '../types.js';
import { isFatal } from '../types.js';
import type { Rule, RunContext, RunInput, RunReport } from '../rules/define.js';
import { RULES } from '../rules/index.js';
import { getTemplate } from '../templates/index.js';
import { cellName } from '../i18n/index.js';
import { countSeverities, insertDiagnostics, renderFinding, type RuleSettings } from './lint.js';

/** An organ name for comparison: NFKC, no white space, quotes or brackets. */
export function organKey(organ: string | null | undefined): string | null {
  if (!organ) return null;
  const k = organ
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[“”"'‘’《》()（）【】]/g, '');
  return k === '' ? null : k;
}

/** The registered rules that run over a whole run (they declare `checkRun`). */
export function runLevelRules(): Rule[] {
  return (RULES as Rule[]).filter((r) => r.checkRun);
}

/** Per template: table → row → the columns the run-level rules read (remade when the rules change). */
const declared = new WeakMap<Template, { rules: readonly Rule[]; cells: Map<string, Map<string, string[]>> }>();

function declaredCells(template: Template, rules: readonly Rule[]): Map<string, Map<string, string[]>> {
  const hit = declared.get(template);
  if (hit && hit.rules.length === rules.length && hit.rules.every((r, i) => r === rules[i])) return hit.cells;
  const cells = new Map<string, Map<string, string[]>>();
  for (const rule of rules) {
    for (const ref of rule.reads?.(template) ?? []) {
      let rows = cells.get(ref.table);
      if (!rows) cells.set(ref.table, (rows = new Map()));
      const cols = rows.get(ref.row) ?? [];
      if (!cols.includes(ref.column)) cols.push(ref.column);
      rows.set(ref.row, cols);
    }
  }
  declared.set(template, { rules: [...rules], cells });
  return cells;
}

/**
 * What the run-level rules read of a report (see {@link CrossYearSlice}), cut from their `reads`
 * declarations for the report's template; undefined for a report without organ or year (never
 * compared with another).
 */
export function cutSlice(r: LintedReport, rules: readonly Rule[] = runLevelRules()): CrossYearSlice | undefined {
  if (organKey(r.meta.organ) === null || r.meta.year === null) return undefined;
  const template = getTemplate(r.template.id);
  const tables: CrossYearSlice['tables'] = {};
  for (const [key, rows] of template ? declaredCells(template, rules) : []) {
    const t = r.tables[key];
    if (!t) continue;
    const kept: CrossYearSlice['tables'][string] = { cells: {}, rows: {} };
    for (const [row, cols] of rows) {
      const cs = t.cells[row];
      if (cs) {
        const keep: Record<string, CrossYearSlice['tables'][string]['cells'][string][string]> = {};
        for (const col of cols) {
          const c = cs[col];
          if (c) keep[col] = { value: c.value, kind: c.kind, ...(c.pos ? { pos: c.pos } : {}) };
        }
        kept.cells[row] = keep;
      }
      const fr = t.rows[row];
      if (fr) kept.rows[row] = fr.pos ? { pos: fr.pos } : {};
    }
    tables[key] = kept;
  }
  return { path: r.source.path, organ: r.meta.organ!, year: r.meta.year, template: { id: r.template.id }, tables };
}

function sliceValue(s: CrossYearSlice, ref: CellRef): number | null {
  const c = s.tables[ref.table]?.cells[ref.row]?.[ref.column];
  if (!c || c.kind === 'missing' || c.kind === 'invalid') return null;
  return c.value;
}

function slicePos(s: CrossYearSlice, ref: Partial<CellRef>): SourcePos | undefined {
  if (!ref.table || !ref.row) return undefined;
  const t = s.tables[ref.table];
  return (ref.column ? t?.cells[ref.row]?.[ref.column]?.pos : undefined) ?? t?.rows[ref.row]?.pos;
}

/** A report of a run as the run-level step reads it: organ and year, its slice only when a rule asks. */
export interface RunEntry {
  organ: string | null;
  year: number | null;
  /** Its {@link CrossYearSlice} (a whole report is cut); called at most once. */
  slice(): CrossYearSlice | LintedReport;
}

export interface RunOptions {
  locale?: Locale;
  /** The same severity overrides as lintReport (`off` disables a rule). */
  rules?: RuleSettings;
}

/**
 * The findings of the run-level rules over the entries of a run: one array per entry, in entry
 * order (empty when nothing applies). Entries are grouped by organ (normalised; entries without
 * organ or year are never compared); each rule runs once per organ with that organ's reports, a
 * slice is loaded only when a rule reads it, once, and dropped when the organ is done.
 */
export function runFindings(entries: RunEntry[], opts: RunOptions = {}): Diagnostic[][] {
  const locale = opts.locale ?? 'zh-CN';
  const out: Diagnostic[][] = entries.map(() => []);
  const rules = runLevelRules().flatMap((rule) => {
    const s = opts.rules?.[rule.id] ?? opts.rules?.[rule.name] ?? rule.severity;
    return s === 'off' ? [] : [{ rule, severity: s }];
  });
  if (!rules.length) return out;
  const byOrgan = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const organ = organKey(e.organ);
    if (organ === null || e.year === null) return;
    const list = byOrgan.get(organ);
    if (list) list.push(i);
    else byOrgan.set(organ, [i]);
  });
  for (const members of byOrgan.values()) {
    if (members.length < 2) continue; // one report of an organ has nothing to be compared with
    const indexOf = new Map<CrossYearSlice, number>();
    const reports: RunReport[] = members.map((i) => {
      let s: CrossYearSlice | undefined;
      const e = entries[i]!;
      return {
        organ: e.organ!,
        year: e.year!,
        slice() {
          if (!s) {
            const got = e.slice();
            s = 'diagnostics' in got ? cutSlice(got)! : got;
            indexOf.set(s, i);
          }
          return s;
        },
      };
    });
    for (const { rule, severity } of rules) {
      const ctx: RunContext = {
        reports,
        value: sliceValue,
        emit: (on, d) => {
          const i = indexOf.get(on);
          if (i !== undefined) out[i]!.push(renderRunFinding(rule, d, severity, on, locale));
        },
      };
      rule.checkRun!(ctx);
    }
  }
  return out;
}

/** A run-level finding as a diagnostic; a related cell of another report is labelled with its file. */
function renderRunFinding(rule: Rule, d: RunInput<string>, severity: Severity, on: CrossYearSlice, locale: Locale): Diagnostic {
  const template = getTemplate(on.template.id)!;
  const { related, ...rest } = d;
  const diag = renderFinding(rule, rest, severity, on, template, locale);
  if (related?.length) {
    diag.related = related.map(({ report, ...ref }) => {
      const of = report ?? on;
      const name = cellName(getTemplate(of.template.id) ?? template, locale, ref.table, ref.row, ref.column);
      const pos = slicePos(of, ref);
      return { ...ref, label: report ? `${basename(report.path)}: ${name}` : name, ...(pos ? { pos } : {}) };
    });
  }
  return diag;
}

/**
 * Diagnostics that compare the reports of a run with each other (GIA402/GIA403: the same organ,
 * consecutive years), one array per report in input order; `settings` as for lintReport.
 */
export function crossYearDiagnostics(reports: LintedReport[], locale: Locale = 'zh-CN', settings: RuleSettings = {}): Diagnostic[][] {
  return runFindings(
    reports.map((r) => ({ organ: r.meta.organ, year: r.meta.year, slice: () => r })),
    { locale, rules: settings },
  );
}

/** A report as {@link crossYearDiagnosticsOf} reads it: organ and year, the rest only when it has a pair. */
export interface CrossYearEntry {
  organ: string | null;
  year: number | null;
  /** The report or its slice; called only for a report a rule compares with another. */
  report(): LintedReport | CrossYearSlice;
}

/** {@link crossYearDiagnostics} over entries whose reports are loaded on demand (a large run keeps them packed). */
export function crossYearDiagnosticsOf(entries: CrossYearEntry[], locale: Locale = 'zh-CN', settings: RuleSettings = {}): Diagnostic[][] {
  return runFindings(
    entries.map((e) => ({ organ: e.organ, year: e.year, slice: () => e.report() })),
    { locale, rules: settings },
  );
}

/** A run's results as the run-level step reads and updates them (only those that get findings). */
export interface RunResults {
  /** The result of input `i` (undefined: not in the run). */
  get(i: number): FileResult | undefined;
  /** Stores the result of input `i` back (with its new findings). */
  set(i: number, r: FileResult): void;
}

/** The counts of a run that the run-level findings change: reports with errors, with warnings. */
export interface RunCounts {
  withErrors: number;
  withWarnings: number;
}

/**
 * The run-level step of a run: runs the run-level rules over the slices (input index → entry),
 * merges each report's new findings into its sorted ones (in document order, without re-sorting a
 * slim report), stores the report back and updates `counts`. Returns the number of findings added.
 */
export function finishRun(slices: ReadonlyMap<number, RunEntry>, results: RunResults, counts: RunCounts, opts: RunOptions = {}): number {
  if (slices.size < 2) return 0;
  const order = [...slices.keys()];
  const found = runFindings(
    order.map((i) => slices.get(i)!),
    opts,
  );
  let added = 0;
  order.forEach((i, k) => {
    const extra = found[k]!;
    if (extra.length === 0) return;
    const res = results.get(i);
    if (!res || isFatal(res)) return;
    const before = res.counts ?? countSeverities(res.diagnostics);
    res.diagnostics = insertDiagnostics(res.diagnostics, extra, res); // res may be slim: keep the document order found
    // the counts of the findings (lintReport's) and the new ones: a counts-only result has no findings
    const more = countSeverities(extra);
    const after = { error: before.error + more.error, warning: before.warning + more.warning, info: before.info + more.info };
    res.counts = after;
    results.set(i, res);
    if (!before.error && after.error) counts.withErrors++;
    if (!before.warning && after.warning) counts.withWarnings++;
    added += extra.length;
  });
  return added;
}
