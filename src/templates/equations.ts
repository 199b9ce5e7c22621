// One evaluator for the template's equations (spec §7), used by the arithmetic rules
// (src/rules/_identity.ts), the suspects search (src/rules/_suspects.ts) and the glued-digit
// solver (src/extract/glued.ts): when an equation can be checked, and how far apart its sides are.
import type { CellDetail, CellRef, Equation } from '../types.js';

/** Sides closer than this hold (sums of 万元 amounts carry binary fractions). */
export const EPSILON = 1e-6;

/** How an equation reads the data: a cell as read, and its value (null: blank or missing). */
export interface CellLookup {
  cell(ref: CellRef): CellDetail | undefined;
  value(ref: CellRef): number | null;
}

/**
 * Whether an equation can be checked on the data as read (spec §7): not when one of its cells is
 * missing or unreadable (reported as a missing row/table or an invalid value), when its
 * `skipIfBlank` cell is blank, or when every cell of one side is blank (nothing to check against).
 * `open` cells are not read yet (the glued-digit solver's unknowns): they count as present and not
 * blank.
 */
export function checkable(eq: Equation, data: CellLookup, open: (ref: CellRef) => boolean = () => false): boolean {
  for (const r of eq.left) if (!open(r) && unreadable(data.cell(r))) return false;
  for (const r of eq.right) if (!open(r) && unreadable(data.cell(r))) return false;
  if (eq.skipIfBlank && !open(eq.skipIfBlank) && data.value(eq.skipIfBlank) === null) return false;
  const blankSide = (side: CellRef[]) => side.every((r) => !open(r) && data.value(r) === null);
  return !blankSide(eq.left) && !blankSide(eq.right);
}

function unreadable(c: CellDetail | undefined): boolean {
  return !c || c.kind === 'missing' || c.kind === 'invalid';
}

/** The sums of an equation's two sides, a blank cell counting as 0. */
export function sides(eq: Equation, value: (ref: CellRef) => number | null): { left: number; right: number } {
  const sum = (refs: CellRef[]) => refs.reduce((a, r) => a + (value(r) ?? 0), 0);
  return { left: sum(eq.left), right: sum(eq.right) };
}

/** left − right of an equation (0 when it holds), a blank cell counting as 0. */
export function residual(eq: Equation, value: (ref: CellRef) => number | null): number {
  const { left, right } = sides(eq, value);
  return left - right;
}

/** Whether two sides are equal within {@link EPSILON}. */
export function balanced(left: number, right: number): boolean {
  return Math.abs(left - right) <= EPSILON;
}

/** How many times a cell counts in left − right of an equation. */
export function coefficient(eq: Equation, ref: CellRef): number {
  const same = (r: CellRef) => r.table === ref.table && r.row === ref.row && r.column === ref.column;
  return eq.left.filter(same).length - eq.right.filter(same).length;
}
