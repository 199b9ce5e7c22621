// Column alignment for space-aligned text (pdftotext -layout): a blank cell leaves only spaces,
// so a short row's values are placed by their position under the table's column grid.
import type { CellDetail, ExtractedTable, RowDef, TableDef } from '../types.js';

/** Positions (right edges) closer than this are the same column. */
const TOLERANCE = 2;

/** Value cells of a row when they all sit on one line with known columns; null otherwise. */
function oneLineCells(table: ExtractedTable, row: RowDef): CellDetail[] | null {
  const cells = row.columns.map((c) => table.cells[row.key]?.[c]).filter((d): d is CellDetail => !!d && d.kind !== 'missing');
  if (cells.length === 0) return null;
  const line = cells[0]!.pos?.line;
  if (line === undefined || cells.some((d) => d.pos?.line !== line || d.pos.column === undefined)) return null;
  return cells;
}

const rightEdge = (d: CellDetail): number => d.pos!.column! + d.raw.length;

/**
 * The column grid of `n` columns from the right edges of values seen in a table: one cluster per
 * column, or, when some column is blank in every row, clusters on a uniform step spanning exactly
 * `n` columns. Null when the positions do not form such a grid (e.g. tab- or single-space-separated text).
 */
export function columnGrid(edges: number[], n: number): number[] | null {
  const sorted = [...edges].sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const e of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && e - last[last.length - 1]! <= TOLERANCE) last.push(e);
    else clusters.push([e]);
  }
  // a column's edges lie within the tolerance of one another: a cluster chained wider than that
  // (13 14 … 18 19 20 in text whose columns drift from line to line) is no column, and no grid
  if (clusters.some((c) => c[c.length - 1]! - c[0]! > 2 * TOLERANCE)) return null;
  const centers = clusters.map((c) => Math.round(c.reduce((a, b) => a + b, 0) / c.length));
  if (centers.length === n) return centers;
  if (centers.length > n || centers.length < 2) return null;
  const step = Math.min(...centers.slice(1).map((c, i) => c - centers[i]!));
  if (step <= TOLERANCE * 2) return null;
  const ks = centers.map((c) => Math.round((c - centers[0]!) / step));
  if (centers.some((c, i) => Math.abs(c - (centers[0]! + ks[i]! * step)) > TOLERANCE)) return null;
  if (ks[ks.length - 1] !== n - 1) return null;
  return Array.from({ length: n }, (_, k) => centers[0]! + k * step);
}

/**
 * Re-places the values of rows that have fewer values than columns by their position under the
 * column grid of the table's rows with the same columns; the empty positions become blank cells.
 */
export function alignShortRows(table: ExtractedTable, def: TableDef): void {
  const byColumns = new Map<string, RowDef[]>();
  for (const r of def.rows) {
    if (!table.rows[r.key] || r.columns.length < 2) continue;
    const k = r.columns.join(',');
    const group = byColumns.get(k);
    if (group) group.push(r);
    else byColumns.set(k, [r]);
  }
  for (const rows of byColumns.values()) {
    const n = rows[0]!.columns.length;
    if (!rows.some((r) => table.rows[r.key]!.cellsFound < n)) continue; // no short row (most tables): nothing to place
    const lines = new Map(rows.map((r) => [r.key, oneLineCells(table, r)] as const));
    const short = rows.filter((r) => table.rows[r.key]!.cellsFound < n && lines.get(r.key));
    if (short.length === 0) continue;
    const edges = [...lines.values()].flatMap((cs) => (cs ?? []).filter((d) => d.kind === 'number' || d.kind === 'dash').map(rightEdge));
    const grid = columnGrid(edges, n);
    if (!grid) continue;
    for (const r of short) {
      const cells = lines.get(r.key)!;
      if (!cells.every((d) => d.kind === 'number' || d.kind === 'dash')) continue;
      const slots = cells.map((d) => {
        const e = rightEdge(d);
        const k = grid.findIndex((g) => Math.abs(g - e) <= TOLERANCE);
        return k;
      });
      if (slots.some((s, i) => s < 0 || (i > 0 && s <= slots[i - 1]!))) continue;
      const line = cells[0]!.pos!.line!;
      r.columns.forEach((c, k) => {
        const i = slots.indexOf(k);
        const d: CellDetail = i >= 0 ? cells[i]! : { value: null, raw: '', kind: 'blank', pos: { line, column: grid[k]! - 1 } };
        table.cells[r.key]![c] = d;
        table.values[r.key]![c] = d.value;
      });
      const fr = table.rows[r.key]!;
      fr.cellsFound = n;
      fr.by = 'columns';
      delete fr.runTexts; // the row is complete now: nothing for the glued-digit pass to split
    }
  }
}
