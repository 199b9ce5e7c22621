// Shared by the HTML and docx readers: raw tables (rows of cells with spans) → expanded grids that
// keep span provenance, and a document's blocks (paragraphs, tables) → the mapper's token stream.
import type { Grid, GridCell, Paragraph, SourcePos, Token } from '../types.js';
import { isBlankText, isValueText } from '../text/normalize.js';
import type { CellBudget } from '../limits.js';

/** A cell as written in the source, before expansion. */
export interface RawCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** docx vertical merge: `restart` opens a merge, `continue` extends the cell above. */
  vMerge?: 'restart' | 'continue';
  path: string;
  line?: number;
  /** PDF: 1-based page and box of the cell (see SourcePos). */
  page?: number;
  bbox?: [number, number, number, number];
  /** Set when the cell holds nested tables: its content as blocks (paragraphs and tables, in order). */
  flow?: Block[];
}

export interface RawRow {
  cells: RawCell[];
  /** docx w:gridBefore / w:gridAfter: grid columns skipped before / after the row's cells. */
  before?: number;
  after?: number;
}

export interface RawTable {
  /** 0-based index among the document's tables, in document order (outer before nested). */
  index: number;
  rows: RawRow[];
  path: string;
  line?: number;
}

export type Block = { kind: 'para'; text: string; pos: SourcePos } | { kind: 'table'; table: RawTable };

/** Largest span honoured; wider spans are clamped (real report tables have < 30 columns). */
export const MAX_COLSPAN = 256;

/**
 * Reads a span attribute like a browser does ("2;" → 2, " 3" → 3); non-numeric → 1.
 * rowspan="0" (span to the end of the table) is returned as 0 and clamped by {@link expandGrid}.
 */
export function parseSpan(raw: string | undefined, kind: 'row' | 'col'): number {
  if (raw === undefined) return 1;
  const m = /^[\s]*\+?(\d+)/.exec(raw);
  if (!m) return 1;
  const n = Number(m[1]);
  if (kind === 'col') return n < 1 ? 1 : Math.min(n, MAX_COLSPAN);
  return n; // 0 = to the end; huge values are clamped to the rows left
}

const FILLER: GridCell = Object.freeze({ text: '', origin: false, originRow: -1, originCol: -1, rowSpan: 0, colSpan: 0 }) as GridCell;

/** True for a grid position no cell stands on (short rows, w:gridBefore/w:gridAfter). */
export function isFiller(c: GridCell): boolean {
  return c.originRow < 0;
}

/**
 * Expands a raw table into a rectangular grid. Origin positions carry the text; positions covered
 * by a rowspan/colspan or a vMerge point back at their origin and hold no text. Spans that run past
 * the table are clamped; positions no cell reaches are fillers (`originRow` -1).
 */
export function expandGrid(t: RawTable, budget?: CellBudget): Grid {
  return expand(t, budget).grid;
}

/**
 * The grid, and the raw cell of each origin position in the order the origins were made: row by row,
 * left to right (a row's cells land at growing columns), which is the order a row-major walk of the
 * grid meets them.
 */
function expand(t: RawTable, budget?: CellBudget): { grid: Grid; raws: RawCell[] } {
  const raws: RawCell[] = [];
  const nRows = t.rows.length;
  const rows: (GridCell | undefined)[][] = new Array(nRows);
  for (let r = 0; r < nRows; r++) rows[r] = [];
  for (let r = 0; r < nRows; r++) {
    const row = t.rows[r]!;
    const line = rows[r]!;
    let c = row.before ?? 0;
    for (const cell of row.cells) {
      while (line[c]) c++;
      const colSpan = Math.max(1, Math.min(cell.colSpan, MAX_COLSPAN));
      if (cell.vMerge === 'continue' && r > 0) {
        const above = rows[r - 1]![c];
        if (above && !isFiller(above) && above.originCol === c) {
          const origin = rows[above.originRow]![above.originCol]!;
          if (above.originRow + origin.rowSpan === r) {
            budget?.spend(origin.colSpan);
            origin.rowSpan++;
            for (let k = 0; k < origin.colSpan; k++) {
              line[c + k] = { text: '', origin: false, originRow: origin.originRow, originCol: origin.originCol, rowSpan: origin.rowSpan, colSpan: origin.colSpan, ...(origin.path ? { path: origin.path } : {}) };
            }
            // covered positions of earlier rows keep the span they were made with: refreshed below,
            // once (refreshing here would be quadratic in the length of the merge)
            c += Math.max(origin.colSpan, colSpan);
            continue;
          }
        }
      }
      let rowSpan = cell.vMerge ? 1 : cell.rowSpan;
      if (rowSpan === 0 || r + rowSpan > nRows) rowSpan = nRows - r;
      rowSpan = Math.max(1, rowSpan);
      budget?.spend(rowSpan * colSpan); // before anything is allocated: rowspan × colspan can be huge
      const origin: GridCell = { text: cell.text, origin: true, originRow: r, originCol: c, rowSpan, colSpan, path: cell.path };
      for (let rr = r; rr < r + rowSpan; rr++) {
        for (let k = 0; k < colSpan; k++) {
          if (rr === r && k === 0) continue;
          // overlapping spans (bad markup): the earlier cell keeps the position
          if (rows[rr]![c + k]) continue;
          rows[rr]![c + k] = { text: '', origin: false, originRow: r, originCol: c, rowSpan, colSpan, path: cell.path };
        }
      }
      line[c] = origin;
      raws.push(cell);
      c += colSpan;
    }
    c += row.after ?? 0;
    if (line.length < c) line.length = c;
  }
  let width = 0;
  for (const l of rows) {
    if (l.length > width) width = l.length;
    for (let k = 0; k < l.length; k++) {
      const g = l[k];
      if (g && !g.origin && g.originRow >= 0) g.rowSpan = rows[g.originRow]![g.originCol]!.rowSpan;
    }
  }
  budget?.spend(width * nRows - filled(rows)); // filler positions of short rows
  // each row completed in place to the full width: positions no cell reaches are fillers
  for (const l of rows) for (let k = 0; k < width; k++) if (l[k] === undefined) l[k] = FILLER;
  return { grid: { index: t.index, rows: rows as GridCell[][], path: t.path }, raws };
}

function filled(rows: (GridCell | undefined)[][]): number {
  let n = 0;
  for (const l of rows) for (let k = 0; k < l.length; k++) if (l[k]) n++;
  return n;
}

/** Kind of a cell token from its text. */
export function cellKind(text: string): Token['kind'] {
  if (isBlankText(text)) return 'blank';
  return isValueText(text) ? 'value' : 'text';
}

export interface BuiltDoc {
  tokens: Token[];
  paragraphs: Paragraph[];
  grids: Grid[];
}

/**
 * Turns a document's blocks into the mapper's stream: paragraphs become standalone text tokens
 * (and paragraphs), each table one token per origin cell, row by row, in column order. A cell that
 * holds nested tables contributes its content in order instead (its paragraphs, then the nested
 * tables' own tokens), so nothing is emitted twice.
 */
export function buildDoc(blocks: Block[], budget?: CellBudget): BuiltDoc {
  const tokens: Token[] = [];
  const paragraphs: Paragraph[] = [];
  const grids: Grid[] = [];
  const emit = (list: Block[]): void => {
    for (const b of list) {
      if (b.kind === 'para') {
        if (isBlankText(b.text)) continue;
        paragraphs.push({ text: b.text, pos: b.pos });
        tokens.push({ text: b.text, kind: 'text', pos: b.pos, standalone: true });
        continue;
      }
      const { grid, raws } = expand(b.table, budget);
      let next = 0;
      grids.push(grid);
      const gridRows = grid.rows;
      for (let r = 0; r < gridRows.length; r++) {
        const row = gridRows[r]!;
        // the visible cell of each position, counted as we go (what visibleCell(row, c) counts)
        let seen = 0;
        let lastRow = -1;
        let lastCol = -1;
        for (let c = 0; c < row.length; c++) {
          const g = row[c]!;
          if (g.originRow >= 0 && (g.originRow !== lastRow || g.originCol !== lastCol)) {
            seen++;
            lastRow = g.originRow;
            lastCol = g.originCol;
          }
          if (!g.origin) continue;
          const rc = raws[next++];
          if (rc?.flow) {
            emit(rc.flow);
            continue;
          }
          const pos: SourcePos = { tableIndex: grid.index, gridRow: r, gridCol: c, cell: seen };
          if (g.path) pos.path = g.path;
          if (rc?.line !== undefined) pos.line = rc.line;
          if (rc?.page !== undefined) pos.page = rc.page;
          if (rc?.bbox) pos.bbox = rc.bbox;
          const tok: Token = { text: g.text, kind: cellKind(g.text), pos };
          if (g.rowSpan > 1) tok.rowSpan = g.rowSpan;
          if (g.colSpan > 1) tok.colSpan = g.colSpan;
          tokens.push(tok);
        }
      }
    }
  };
  emit(blocks);
  grids.sort((a, b) => a.index - b.index);
  return { tokens, paragraphs, grids };
}

/**
 * The 1-based visible cell of grid position `c` in its row: distinct cells from the left (a cell
 * spanning columns counts once, a cell merged down from an earlier row counts in this row too,
 * positions no cell reaches do not count), as a person counts cells in Word or a browser.
 */
export function visibleCell(row: GridCell[], c: number): number {
  let n = 0;
  let last: GridCell | undefined;
  let lastKey = '';
  for (let i = 0; i <= c && i < row.length; i++) {
    const g = row[i]!;
    if (g.originRow < 0) continue;
    const key = `${g.originRow}:${g.originCol}`;
    if (last && key === lastKey) continue;
    last = g;
    lastKey = key;
    n++;
  }
  return Math.max(1, n);
}

/** Joins text pieces at a line/paragraph break: nothing between CJK characters, a space otherwise. */
export function joinBreak(left: string, right: string): string {
  if (left === '') return right;
  if (right === '') return left;
  const a = left[left.length - 1]!;
  const b = right[0]!;
  if (/\s/.test(a) || /\s/.test(b)) return left + right;
  return CJK.test(a) || CJK.test(b) ? left + right : `${left} ${right}`;
}

/** CJK ideographs and full-width punctuation/forms: no space is needed next to them. */
export const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
