// The rule contract: a small module with a stable id, messages in both locales, and a pure check.
import type { CellDetail, CellRef, Diagnostic, ExtractedReport, ExtractedTable, FoundRow, Locale, RowDef, Severity, SourcePos, Suspect, TableDef, Template } from '../types.js';

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
  check(ctx: RuleContext<M>): void;
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
