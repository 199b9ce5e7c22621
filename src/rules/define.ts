// The rule contract: a small module with a stable id, messages in both locales, and a pure check.
import type { CellDetail, CellRef, CrossYearSlice, Diagnostic, ExtractedReport, ExtractedTable, FoundRow, Locale, RowDef, Severity, SourcePos, Suspect, TableDef, Template } from '../types.js';

/** Text in every locale. */
export type I18nText = Record<Locale, string>;

/** What a rule reports; the engine fills severity, labels and the rendered message. */
export interface ReportInput<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  /** Placeholder values that differ by locale (e.g. a list of column labels). */
  localized?: Record<string, I18nText>;
  table?: string;
  row?: string;
  column?: string;
  pos?: SourcePos;
  expected?: number;
  actual?: number;
  related?: { table?: string; row?: string; column?: string; pos?: SourcePos }[];
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  /** Cells whose change would fix the finding (see Diagnostic.suspects). */
  suspects?: Suspect[];
  /** Other files the finding involves (run-level rules). */
  files?: string[];
}

/** What a rule's check receives. Pure data: no I/O. */
export interface RuleContext<M extends string = string> {
  report: ExtractedReport;
  template: Template;
  /** Value of a cell (null when blank or missing). */
  value(ref: CellRef): number | null;
  cell(ref: CellRef): CellDetail | undefined;
  emit(d: ReportInput<M>): void;
}

/** A rule module. `messages` and `hints` are typed so a missing translation does not compile. */
export interface Rule<M extends string = string> {
  /** Stable code, `GIA` + three digits; never reused. */
  id: string;
  /** Stable kebab-case name. */
  name: string;
  severity: Severity;
  tags: string[];
  /** One sentence: what the rule checks. */
  description: I18nText;
  messages: Record<M, I18nText>;
  /** What to do, per message. */
  hints?: Partial<Record<M, I18nText>>;
  /** The per-report check (absent on a rule that only runs over a whole run). */
  check?(ctx: RuleContext<M>): void;
  /**
   * Run-level rules: the cells of a report in `template` that {@link checkRun} reads. The engine
   * keeps only these of each report of a run (its {@link CrossYearSlice}), so a run of 10 000
   * files holds a few cells per file, not the reports.
   */
  reads?(template: Template): CellRef[];
  /** Run-level rules: a check over the reports of a run, one organ at a time (see {@link RunContext}). */
  checkRun?(ctx: RunContext<M>): void;
}

/** A report of a run as a run-level rule sees it: organ and year; its slice (path, cells) loaded on demand. */
export interface RunReport {
  /** The organ as written. */
  organ: string;
  year: number;
  /** The cells the run-level rules read of it (loaded on the first call). */
  slice(): CrossYearSlice;
}

/** A cell a run-level finding relates to, of the same report or of another one (`report`). */
export interface RunRelated {
  table?: string;
  row?: string;
  column?: string;
  /** The other report the cell is in (its file name then prefixes the cell's label). */
  report?: CrossYearSlice;
}

/** What a run-level rule reports: like {@link ReportInput}; related cells may be another report's. */
export interface RunInput<M extends string> extends Omit<ReportInput<M>, 'related' | 'suspects'> {
  related?: RunRelated[];
}

/**
 * What a run-level check receives: the reports of one organ (the same organ name after
 * normalisation, each with a year), in input order. Pure data: no I/O.
 */
export interface RunContext<M extends string = string> {
  reports: readonly RunReport[];
  /** Value of a cell of a slice (null when blank, missing, unreadable or not kept). */
  value(report: CrossYearSlice, ref: CellRef): number | null;
  /** Reports a finding on `report` (where it points: a cell of that report; its position is filled in). */
  emit(report: CrossYearSlice, d: RunInput<M>): void;
}

/** Identity helper that checks the message ids a rule reports against its messages. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

export type { Diagnostic };

/** A template row found in the source, with its table: what most rules loop over. */
export interface FoundRowOf {
  def: TableDef;
  table: ExtractedTable;
  row: RowDef;
  found: FoundRow;
}

/** Every template row found in the source, in template order (tables not found are skipped). */
export function* foundRows(ctx: RuleContext<string>): Generator<FoundRowOf> {
  for (const def of ctx.template.tables) {
    const table = ctx.report.tables[def.key];
    if (!table?.found) continue;
    for (const row of def.rows) {
      const found = table.rows[row.key];
      if (found) yield { def, table, row, found };
    }
  }
}
