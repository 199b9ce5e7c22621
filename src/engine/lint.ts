// ExtractedReport → diagnostics: runs the rules, renders messages, sorts. Pure.
import type { CellRef, Diagnostic, ExtractedReport, LintedReport, Locale, Severity, SeverityCounts, SourcePos, Template } from '../types.js';
import type { ReportInput, Rule, RuleContext } from '../rules/define.js';
import { RULES } from '../rules/index.js';
import { templateOf } from '../templates/index.js';
import { cellName, format, locationLabels, messages, suspectSentence } from '../i18n/index.js';

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
  const template = templateOf(report)!;
  const diagnostics: Diagnostic[] = [];
  // one context for every rule (the rule being run and its setting change): rules run one after another
  let rule: Rule;
  let setting: Severity | undefined;
  const ctx: RuleContext = {
    report,
    template,
    value: (r: CellRef) => report.tables[r.table]?.values[r.row]?.[r.column] ?? null,
    cell: (r: CellRef) => report.tables[r.table]?.cells[r.row]?.[r.column],
    emit: (d: ReportInput<string>) => diagnostics.push(renderFinding(rule, d, setting ?? d.severity ?? rule.severity, report, template, locale)),
  };
  for (const r of RULES as Rule[]) {
    if (!r.check) continue; // a run-level rule: src/engine/run.ts
    const s = opts.rules?.[r.id] ?? opts.rules?.[r.name];
    if (s === 'off') continue;
    rule = r;
    setting = s;
    r.check(ctx);
  }
  const sorted = sortDiagnostics(diagnostics, report);
  return { ...report, diagnostics: sorted, counts: countSeverities(sorted) };
}

/** Location labels and cell name of a location: the same few cells are named again and again. */
interface Location {
  labels: ReturnType<typeof locationLabels>;
  cell: string;
}

const locations = new WeakMap<Template, Map<string, Location>>();

function locationOf(template: Template, locale: Locale, table?: string, row?: string, column?: string): Location {
  let byKey = locations.get(template);
  if (!byKey) locations.set(template, (byKey = new Map()));
  const key = `${locale}\u0000${table ?? ''}\u0000${row ?? ''}\u0000${column ?? ''}`;
  let loc = byKey.get(key);
  if (!loc) {
    loc = { labels: locationLabels(template, locale, table, row, column), cell: cellName(template, locale, table, row, column) };
    byKey.set(key, loc);
  }
  return loc;
}

/** Where a finding's cells are: a report's tables, or a run's slice of them (positions only). */
export interface PlacedCells {
  tables: Record<string, { cells?: Record<string, Record<string, { pos?: SourcePos } | undefined> | undefined>; rows?: Record<string, { pos?: SourcePos } | undefined> } | undefined>;
}

/**
 * A rule's finding as a diagnostic: severity, the message and hint in the locale with the
 * location's labels, the position (given, else the cell's, else its row's in `report`).
 */
export function renderFinding(rule: Rule, d: ReportInput<string>, severity: Severity, report: PlacedCells, template: Template, locale: Locale): Diagnostic {
  const { labels, cell } = locationOf(template, locale, d.table, d.row, d.column);
  const message = rule.messages[d.messageId]![locale];
  const hint = rule.hints?.[d.messageId]?.[locale];
  // placeholders: the location first, then the rule's localized strings, then its data, then the
  // finding's figures (looked up per placeholder: merging them into one object per finding was a
  // third of the rendering, its keys differing from rule to rule)
  const line = d.pos?.line;
  let suspect: string | undefined;
  const value = (k: string): string | number | undefined => {
    switch (k) {
      case 'cell':
        return cell;
      case 'table':
        return labels.table ?? '';
      case 'row':
        return labels.row ?? '';
      case 'column':
        return labels.column ?? '';
      case 'line':
        return line ?? '';
      case 'At': {
        // where a sentence stands: its line (text, HTML) or its page (PDF)
        const P = messages(locale).textPlace;
        const page = d.pos?.page;
        return page !== undefined && line !== undefined ? format(P.pageLine, { page, line }) : line !== undefined ? format(P.line, { line }) : page !== undefined ? format(P.page, { page }) : P.none;
      }
    }
    const given = d.localized && Object.hasOwn(d.localized, k) ? d.localized[k]![locale] : d.data?.[k];
    if (given !== undefined && given !== null) return given;
    if (k === 'expected') return d.expected;
    if (k === 'actual') return d.actual;
    if (k === 'suspect' && d.suspects) return (suspect ??= suspectSentence(template, locale, d.suspects)); // second sentence of arithmetic findings
    return given;
  };
  const diag: Diagnostic = {
    ruleId: rule.id,
    ruleName: rule.name,
    severity,
    messageId: d.messageId,
    data: d.data ?? {},
    message: fill(message, value),
  };
  if (hint) diag.hint = fill(hint, value);
  if (d.table) diag.table = d.table;
  if (d.row) diag.row = d.row;
  if (d.column) diag.column = d.column;
  if (labels.table) diag.labels = { ...labels };
  const pos = d.pos ?? (d.table && d.row && d.column ? report.tables[d.table]?.cells?.[d.row]?.[d.column]?.pos : undefined) ?? (d.table && d.row ? report.tables[d.table]?.rows?.[d.row]?.pos : undefined);
  if (pos) diag.pos = pos;
  if (d.expected !== undefined) diag.expected = d.expected;
  if (d.actual !== undefined) diag.actual = d.actual;
  if (d.suspects) diag.suspects = d.suspects;
  if (d.files?.length) diag.files = d.files;
  if (d.related?.length) lazyRelated(diag, d.related, template, locale, report);
  return diag;
}

/** {@link format} with the values looked up: `{name}` filled, an unknown one left visible. */
function fill(template: string, value: (k: string) => string | number | undefined): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = value(k);
    return v === undefined ? m : String(v);
  });
}

type Related = NonNullable<Diagnostic['related']>[number];

/**
 * Sets `diag.related`: the rule's cells with their label and source position, rendered when first
 * read (a table's blank cells are a list of hundreds that only the JSON output shows: rendering
 * them for every report was ~5 % of a report's CPU). The positions are looked up now, so the
 * report's tables are not kept alive by the finding (slim reports drop them); reading or JSON
 * gives the same array and the same key order as an eager one; assigning replaces it.
 */
function lazyRelated(diag: Diagnostic, given: NonNullable<ReportInput<string>['related']>, template: Template, locale: Locale, report: PlacedCells): void {
  const found = given.map((r) => r.pos ?? (r.table && r.row && r.column ? report.tables[r.table]?.cells?.[r.row]?.[r.column]?.pos : undefined));
  const set = (value: Related[] | undefined): void => {
    Object.defineProperty(diag, 'related', { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(diag, 'related', {
    enumerable: true,
    configurable: true,
    get(): Related[] {
      const value = given.map((r, i) => {
        const l = locationOf(template, locale, r.table, r.row, r.column).cell;
        const p = found[i];
        const out: Related = { ...r };
        if (l) out.label = l;
        if (p) out.pos = p;
        return out;
      });
      set(value);
      return value;
    },
    set,
  });
}

/**
 * Findings in the order of the document (issue 14): a finding about a table sits where that table
 * begins (its first line, or its place among the document's tables), and inside a table in row
 * then column order; a finding outside the tables sits at its line (text and HTML); findings
 * about the whole document (no place) come first. Ties: severity, then rule id, then the order
 * the rules reported them.
 */
export function sortDiagnostics(diags: Diagnostic[], report: ExtractedReport): Diagnostic[] {
  const order = templateOrder(templateOf(report)!);
  const starts = tableStarts(report, new Set(diags.map((d) => d.table)));
  // rule ids are ASCII (GIA + three digits): code-unit order; an Intl.Collator costs ~12 ms to build
  const ids = [...new Set(diags.map((d) => d.ruleId))].sort();
  const idRank = new Map<string, number>();
  ids.forEach((id, k) => idRank.set(id, k));
  const keyed = diags.map((d, i) => {
    const t = d.table ? order.get(d.table) : undefined;
    const start = d.table ? starts.get(d.table) : undefined;
    // no line (a .docx, or a table whose cells the report does not keep): after the lines, by table
    const line = d.table ? (start?.line ?? Infinity) : (d.pos?.line ?? (d.pos ? Infinity : -1));
    return {
      d,
      i,
      line,
      col: d.table ? 0 : (d.pos?.column ?? 0),
      g: d.table ? (start?.grid ?? Infinity) : (d.pos?.tableIndex ?? Infinity),
      t: t?.index ?? -1,
      r: t && d.row ? (t.rows.get(d.row) ?? -1) : -1,
      c: t && d.column ? (t.columns.get(d.column) ?? -1) : -1,
      s: SEV_ORDER[d.severity],
      id: idRank.get(d.ruleId)!,
    };
  });
  return keyed
    .sort((a, b) => a.line - b.line || a.col - b.col || a.g - b.g || a.t - b.t || a.r - b.r || a.c - b.c || a.s - b.s || a.id - b.id || a.i - b.i)
    .map((x) => x.d);
}

/** Where each found table of `wanted` (the tables findings are about) begins in the document: its first line and its first grid (table index). */
function tableStarts(report: ExtractedReport, wanted: Set<string | undefined>): Map<string, { line?: number; grid?: number }> {
  const out = new Map<string, { line?: number; grid?: number }>();
  for (const [key, table] of Object.entries(report.tables ?? {})) {
    if (!table?.found || !wanted.has(key)) continue;
    // the smallest line and table index of the table's rows and cells (plain loops, no closure per table)
    let line = Infinity;
    let grid = Infinity;
    const rows = table.rows ?? {};
    for (const k in rows) {
      const p = rows[k]?.pos;
      if (!p) continue;
      if (p.line !== undefined && p.line < line) line = p.line;
      if (p.tableIndex !== undefined && p.tableIndex < grid) grid = p.tableIndex;
    }
    const cells = table.cells ?? {};
    for (const r in cells) {
      const row = cells[r] ?? {};
      for (const c in row) {
        const p = row[c]?.pos;
        if (!p) continue;
        if (p.line !== undefined && p.line < line) line = p.line;
        if (p.tableIndex !== undefined && p.tableIndex < grid) grid = p.tableIndex;
      }
    }
    const start: { line?: number; grid?: number } = {};
    if (line < Infinity) start.line = line;
    if (grid < Infinity) start.grid = grid;
    out.set(key, start);
  }
  return out;
}

/**
 * Adds findings to a report's sorted ones without re-sorting them (the report may be a slim copy
 * that no longer knows where its tables are): each goes after the last finding of its table that
 * comes before it in template order, or after the last finding of an earlier table.
 */
export function insertDiagnostics(sorted: Diagnostic[], extra: Diagnostic[], report: ExtractedReport): Diagnostic[] {
  const order = templateOrder(templateOf(report)!);
  const rank = (d: Diagnostic): [number, number, number] => {
    const t = d.table ? order.get(d.table) : undefined;
    return [t?.index ?? -1, t && d.row ? (t.rows.get(d.row) ?? -1) : -1, t && d.column ? (t.columns.get(d.column) ?? -1) : -1];
  };
  const before = (a: [number, number, number], b: [number, number, number]): boolean => a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])));
  const out = [...sorted];
  for (const d of extra) {
    const k = rank(d);
    let at = -1;
    out.forEach((x, i) => {
      if (x.table && before(rank(x), k)) at = i;
    });
    out.splice(at + 1, 0, d);
  }
  return out;
}

/** Template order of tables, and of rows and columns within each table (first occurrence of a key). */
interface TableOrder {
  index: number;
  rows: Map<string, number>;
  columns: Map<string, number>;
}

const orders = new WeakMap<Template, Map<string, TableOrder>>();

function templateOrder(template: Template): Map<string, TableOrder> {
  let order = orders.get(template);
  if (!order) {
    order = new Map();
    const firstIndex = (keys: string[]) => {
      const m = new Map<string, number>();
      keys.forEach((k, i) => m.has(k) || m.set(k, i));
      return m;
    };
    template.tables.forEach((t, index) => {
      if (!order!.has(t.key)) order!.set(t.key, { index, rows: firstIndex(t.rows.map((r) => r.key)), columns: firstIndex(t.columns.map((c) => c.key)) });
    });
    orders.set(template, order);
  }
  return order;
}

/** Counts by severity (a linted report has them as `counts`). */
export function countSeverities(diags: Diagnostic[]): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const d of diags) c[d.severity]++;
  return c;
}
