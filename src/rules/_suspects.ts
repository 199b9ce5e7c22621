// Name the wrong cell: when identities of a table fail, the cells whose change alone would make every
// identity of that table hold. Pure: reads a report and the template's equations, never changes data.
import type { CellRef, Equation, ExtractedReport, Suspect, Template } from '../types.js';
import { balanced, checkable, coefficient, sides, EPSILON } from '../templates/equations.js';

/** An equation with its two sides, as the arithmetic rules evaluate it. */
export interface EvaluatedEquation {
  eq: Equation;
  left: number;
  right: number;
  holds: boolean;
}

const EPS = EPSILON;
const refKey = (r: CellRef) => `${r.table}\u0000${r.row}\u0000${r.column}`;

/**
 * Evaluates the equations of a table that are {@link checkable} (src/templates/equations.ts, as the
 * arithmetic rules do), blank counting as 0. `override` replaces cell values (for trying a fix).
 */
export function evaluateEquations(report: ExtractedReport, template: Template, table: string, override?: Map<string, number>): EvaluatedEquation[] {
  const t = report.tables[table];
  if (!t) return [];
  const value = (r: CellRef): number | null => {
    const o = override?.get(refKey(r));
    if (o !== undefined) return o;
    return report.tables[r.table]?.values[r.row]?.[r.column] ?? null;
  };
  // whether an equation is checked is decided on the data as read, so a trial value never switches it on or off
  const asRead = { cell: (r: CellRef) => report.tables[r.table]?.cells[r.row]?.[r.column], value: (r: CellRef) => report.tables[r.table]?.values[r.row]?.[r.column] ?? null };
  const out: EvaluatedEquation[] = [];
  for (const eq of template.equations) {
    if (eq.table !== table || !checkable(eq, asRead)) continue;
    const { left, right } = sides(eq, value);
    out.push({ eq, left, right, holds: balanced(left, right) });
  }
  return out;
}

/**
 * Cells of `table` that, changed alone, make every checked identity of the table hold (the failing
 * ones, without breaking any that holds). For each cell of a failing equation the value that fixes
 * that equation is computed (a non-negative integer), then tried against all equations of the table.
 * Empty when no identity fails, or when no single cell explains the failures (then more than one
 * cell is wrong).
 */
export function findSuspects(report: ExtractedReport, template: Template, table: string): Suspect[] {
  const all = evaluateEquations(report, template, table);
  const failing = all.filter((e) => !e.holds);
  if (failing.length === 0) return [];
  const tried = new Set<string>();
  const out: Suspect[] = [];
  // a suspect must sit in every failing equation: start from the first one's cells
  const first = failing[0]!;
  for (const ref of [...first.eq.left, ...first.eq.right]) {
    const k = refKey(ref);
    if (tried.has(k)) continue;
    tried.add(k);
    if (!failing.every((f) => coefficient(f.eq, ref) !== 0)) continue;
    const coef = coefficient(first.eq, ref);
    const current = report.tables[ref.table]?.values[ref.row]?.[ref.column] ?? null;
    const suggested = (current ?? 0) - (first.left - first.right) / coef;
    if (!Number.isInteger(Math.round(suggested * 1e6) / 1e6) || suggested < -EPS) continue;
    const v = Math.round(suggested);
    if (v === (current ?? 0)) continue;
    const trial = evaluateEquations(report, template, table, new Map([[k, v]]));
    if (trial.length === all.length && trial.every((e) => e.holds)) out.push({ table: ref.table, row: ref.row, column: ref.column, current, suggested: v });
  }
  return out;
}

