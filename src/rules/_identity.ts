// Shared evaluation of the template's equations (spec §7) for the arithmetic rules.
import type { Equation, ExtractedReport, Suspect } from '../types.js';
import type { RuleContext } from './define.js';
import { findSuspects } from './_suspects.js';
import { balanced, checkable, sides } from '../templates/equations.js';

export interface EquationResult {
  eq: Equation;
  left: number;
  right: number;
  /** Cells whose change alone would make every identity of the equation's table hold. */
  suspects: Suspect[];
}

/** Suspects per report and table: the four arithmetic rules share one search per table. */
const SUSPECTS = new WeakMap<ExtractedReport, Map<string, Suspect[]>>();

function suspectsOf(ctx: RuleContext, table: string): Suspect[] {
  let byTable = SUSPECTS.get(ctx.report);
  if (!byTable) SUSPECTS.set(ctx.report, (byTable = new Map()));
  let s = byTable.get(table);
  if (!s) byTable.set(table, (s = findSuspects(ctx.report, ctx.template, table)));
  return s;
}

/**
 * Evaluates the equations of one rule that are {@link checkable} (src/templates/equations.ts:
 * not when a cell is missing or unreadable, its `skipIfBlank` cell blank, or a whole side blank);
 * blank cells count as 0 (spec §7).
 */
export function failingEquations(ctx: RuleContext, rule: string): EquationResult[] {
  const out: EquationResult[] = [];
  for (const eq of ctx.template.equations) {
    if (eq.rule !== rule) continue;
    if (!checkable(eq, ctx)) continue;
    const { left, right } = sides(eq, (r) => ctx.value(r));
    if (!balanced(left, right)) out.push({ eq, left: round(left), right: round(right), suspects: suspectsOf(ctx, eq.table) });
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** Reports each failing "total = sum of parts" equation of a rule at its total cell. */
export function reportTotalMismatches(ctx: RuleContext<'mismatch'>, rule: string): void {
  for (const { eq, left, right, suspects } of failingEquations(ctx, rule)) {
    ctx.emit({
      messageId: 'mismatch',
      table: eq.anchor.table,
      row: eq.anchor.row,
      column: eq.anchor.column,
      actual: left,
      expected: right,
      data: { diff: Math.abs(left - right) },
      suspects,
      related: eq.right,
    });
  }
}
