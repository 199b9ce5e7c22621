// src/templates/equations.ts: when an identity can be checked and how far apart its sides are —
// the one evaluator of the arithmetic rules, the suspects search and the glued-digit solver.
import { describe, expect, it } from 'vitest';
import { balanced, checkable, coefficient, residual, sides, type CellLookup } from '../src/templates/equations.js';
import type { CellDetail, CellRef, Equation } from '../src/types.js';

const ref = (row: string, column = 'total'): CellRef => ({ table: 'requests', row, column });
// a + b = c, skipped when c is blank
const EQ: Equation = { rule: 'r', table: 'requests', left: [ref('a'), ref('b')], right: [ref('c')], anchor: ref('c'), skipIfBlank: ref('c') };

function data(cells: Record<string, CellDetail>): CellLookup {
  return { cell: (r) => cells[r.row], value: (r) => cells[r.row]?.value ?? null };
}
const n = (value: number): CellDetail => ({ value, raw: String(value), kind: 'number' });
const blank: CellDetail = { value: null, raw: '', kind: 'blank' };
const invalid: CellDetail = { value: null, raw: 'x', kind: 'invalid' };

describe('checkable', () => {
  it('is checked when every cell is read and neither side is all blank', () => {
    expect(checkable(EQ, data({ a: n(1), b: blank, c: n(1) }))).toBe(true);
  });
  it('is not checked with a missing or unreadable cell, a blank skipIfBlank cell, or a blank side', () => {
    expect(checkable(EQ, data({ a: n(1), c: n(1) }))).toBe(false); // b missing
    expect(checkable(EQ, data({ a: n(1), b: invalid, c: n(1) }))).toBe(false);
    expect(checkable(EQ, data({ a: n(1), b: n(1), c: blank }))).toBe(false);
    expect(checkable({ ...EQ, skipIfBlank: undefined }, data({ a: blank, b: blank, c: n(1) }))).toBe(false);
  });
  it('open cells (not read yet) count as present and not blank', () => {
    const open = (r: CellRef) => r.row === 'b';
    expect(checkable(EQ, data({ a: blank, c: n(3) }), open)).toBe(true);
    expect(checkable(EQ, data({ a: n(1), b: n(0), c: blank }), (r) => r.row === 'c')).toBe(true);
    expect(checkable(EQ, data({ a: n(1), c: n(1) }), (r) => r.row === 'c')).toBe(false); // b missing and not open
  });
});

describe('sides, residual, coefficient', () => {
  const d = data({ a: n(2), b: blank, c: n(5) });
  it('sums each side with blank as 0', () => {
    expect(sides(EQ, d.value)).toEqual({ left: 2, right: 5 });
    expect(residual(EQ, d.value)).toBe(-3);
    expect(balanced(0.1 + 0.2, 0.3)).toBe(true);
    expect(balanced(1, 1.001)).toBe(false);
  });
  it('counts a cell +1 on the left, −1 on the right, 0 elsewhere', () => {
    expect([coefficient(EQ, ref('a')), coefficient(EQ, ref('c')), coefficient(EQ, ref('z'))]).toEqual([1, -1, 0]);
  });
});
