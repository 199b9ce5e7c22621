// PDF pages (glyphs + ruling edges) → the blocks every reader produces: paragraphs in reading order
// and tables with spans. Pure: no engine, no I/O.
//
// - Tables come from the ruling lines (tables.ts), one grid per table, not per page: a table that
//   goes on at the top of the next page with the same columns continues in the same grid, its
//   repeated header rows skipped. Columns are the union of the table's vertical lines over all its
//   pages, so a cell is never cut by a line of another page.
// - A glyph belongs to the cell whose box holds its centre; the cell's lines are joined like a
//   line break in a Word cell (nothing between CJK characters).
// - Glyphs outside tables become lines, then paragraphs: a paragraph ends at an indented line, a
//   short line, a wider vertical gap, a change of font size or a table; it goes on across a page
//   break. Page numbers ("- 3 -", "第 3 页") are dropped.
import type { SourcePos } from '../../types.js';
import type { Block, RawCell, RawRow, RawTable } from '../_grid.js';
import { joinBreak } from '../_grid.js';
import type { Box, Glyph, PdfPage } from './types.js';
import { clusterValues, findTables, mergeEdges, type FoundTable } from './tables.js';
import { foldGlyph } from './radicals.js';
import { isValueText } from '../../text/normalize.js';
import { continueInto, findLoose, lineWords, looseRows, type LooseFragment } from './loose.js';

const PAGE_NUMBER = /^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,4})\s*$/;
const CJK_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** A line of glyphs: text and box. */
interface Line {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
}

/** Groups glyphs into lines (by vertical overlap), each left to right. */
export function toLines(glyphs: Glyph[]): Line[] {
  return toLineGlyphs(glyphs).map(lineOf);
}

function lineOf(gs: Glyph[]): Line {
  gs.sort((a, b) => a.x0 - b.x0);
  let text = '';
  let prev: Glyph | null = null;
  let size = 0;
  for (const g of gs) {
    size = Math.max(size, g.bottom - g.top);
    const ch = foldGlyph(g.ch);
    if (prev) {
      const h = Math.max(prev.bottom - prev.top, g.bottom - g.top);
      const gap = g.ax0 - prev.ax1;
      const cjk = CJK_CHAR.test(prev.ch) || CJK_CHAR.test(ch);
      if (gap > (cjk ? 0.5 : 0.2) * h) text += ' ';
      else if (gap < -0.5 * (prev.x1 - prev.x0) && g.x0 - prev.x0 < 0.1 && ch === prev.ch) continue; // the same glyph drawn twice (fake bold)
    }
    text += ch;
    prev = g;
  }
  return { text, x0: gs[0]!.x0, x1: Math.max(...gs.map((g) => g.x1)), top: Math.min(...gs.map((g) => g.top)), bottom: Math.max(...gs.map((g) => g.bottom)), size };
}

/** A table cell of one page, with the glyphs whose centre it holds. */
interface PageCell {
  box: Box;
  glyphs: Glyph[];
}

interface Fragment {
  page: number;
  bbox: Box;
  cells: PageCell[];
  xs: number[];
  /** The table runs into the page edge (LibreOffice prints a table wider than the page cut there). */
  cut: boolean;
}

/** A table across pages: its fragments, in order (ruled, or without ruling lines: `loose`). */
interface PdfTable {
  fragments: Fragment[];
  loose?: LooseFragment[];
  index: number;
}

type Item = { kind: 'line'; line: Line; page: number } | { kind: 'table'; fragment: Fragment; page: number; top: number } | { kind: 'loose'; fragment: LooseFragment; page: number; top: number };

function fragmentXs(cells: Box[]): number[] {
  const xs = new Set<number>();
  for (const c of cells) {
    xs.add(c[0]);
    xs.add(c[2]);
  }
  return [...xs].sort((a, b) => a - b);
}

/** A page's items, top to bottom: lines outside tables and the table fragments. */
function pageItems(p: PdfPage): Item[] {
  // a "table" of one column is a box round text (a framed paragraph, or a table drawn with row lines
  // and no column lines): its text is read as text, and as a table without ruling lines if it is one
  const found: FoundTable[] = findTables(mergeEdges(p.edges)).filter((t) => fragmentXs(t.cells).length > 2);
  const frags: Fragment[] = found.map((t) => ({ page: p.index, bbox: t.bbox, cells: t.cells.map((box) => ({ box, glyphs: [] })), xs: fragmentXs(t.cells), cut: t.bbox[0] <= 1 || t.bbox[2] >= p.width - 1 }));
  // A table wider than the page (LibreOffice prints an HTML table at its own width, cut at the page
  // edge): its rulings stop at the page box but text beyond it is still in the file. A cell on a
  // side of the table that lies on the page edge reaches past it, so that text is read in its cell.
  const reach = frags.map((f) => ({ left: f.bbox[0] <= 1 ? f.bbox[0] : null, right: f.bbox[2] >= p.width - 1 ? f.bbox[2] : null }));
  const holds = (b: Box, r: { left: number | null; right: number | null }, x: number, y: number): boolean =>
    y >= b[1] && y <= b[3] && (x >= b[0] || (r.left !== null && b[0] <= r.left + 0.5)) && (x <= b[2] || (r.right !== null && b[2] >= r.right - 0.5));
  const free: Glyph[] = [];
  for (const g of p.glyphs) {
    const cx = (g.x0 + g.x1) / 2;
    const cy = (g.top + g.bottom) / 2;
    let home: PageCell | null = null;
    for (let fi = 0; fi < frags.length; fi++) {
      const f = frags[fi]!;
      const r = reach[fi]!;
      if (!holds(f.bbox, r, cx, cy)) continue;
      for (const c of f.cells) {
        if (holds(c.box, r, cx, cy) && (!home || area(c.box) < area(home.box))) home = c;
      }
      if (home) break;
    }
    if (home) home.glyphs.push(g);
    else free.push(g);
  }
  const items: Item[] = [];
  // text outside the ruled tables: tables without ruling lines (loose.ts), then lines of paragraphs
  const groups = toLineGlyphs(free)
    .map((gs) => ({ gs, line: lineOf(gs) }))
    .filter((g) => !PAGE_NUMBER.test(g.line.text));
  const wlines = groups.map((g) => lineWords(g.gs, p.index));
  const { fragments, used } = findLoose(wlines);
  groups.forEach((g, k) => {
    if (!used.has(wlines[k]!)) items.push({ kind: 'line', line: g.line, page: p.index });
  });
  for (const f of fragments) items.push({ kind: 'loose', fragment: f, page: p.index, top: f.top });
  for (const f of frags) items.push({ kind: 'table', fragment: f, page: p.index, top: f.bbox[1] });
  items.sort((a, b) => topOf(a) - topOf(b));
  return items;
}

const area = (b: Box): number => (b[2] - b[0]) * (b[3] - b[1]);
const topOf = (i: Item): number => (i.kind === 'line' ? i.line.top : i.top);

/** Whether a fragment at the top of a page goes on with the table that ended the previous page. */
function continues(prev: Fragment, next: Fragment): boolean {
  const tol = 4;
  if (Math.abs(prev.bbox[0] - next.bbox[0]) > tol || Math.abs(prev.bbox[2] - next.bbox[2]) > tol) return false;
  let hit = 0;
  for (const x of next.xs) if (prev.xs.some((y) => Math.abs(x - y) <= tol)) hit++;
  return hit / next.xs.length >= 0.6;
}

/** Text of a cell: its glyphs as lines, joined like line breaks in a Word cell. */
function cellText(glyphs: Glyph[]): string {
  let s = '';
  for (const l of toLines(glyphs)) s = joinBreak(s, l.text.trim());
  return s;
}

/** The rows of a table over all its fragments, with spans from the union of its column lines. */
function tableRows(t: PdfTable): RawTable {
  const allXs = t.fragments.flatMap((f) => f.cells.flatMap((c) => [c.box[0], c.box[2]]));
  const xMap = clusterValues(allXs, 2.5);
  const xs = [...new Set(xMap.values())].sort((a, b) => a - b);
  const colOf = (x: number): number => xs.indexOf(xMap.get(x)!);
  interface Placed {
    row: number;
    col: number;
    rowSpan: number;
    colSpan: number;
    text: string;
    page: number;
    box: Box;
  }
  const placed: Placed[] = [];
  const headerTexts: string[] = [];
  let rowBase = 0;
  const fragmentStarts = new Set<number>();
  t.fragments.forEach((f, fi) => {
    const yMap = clusterValues(
      f.cells.flatMap((c) => [c.box[1], c.box[3]]),
      2.5,
    );
    const ys = [...new Set(yMap.values())].sort((a, b) => a - b);
    const rowOf = (y: number): number => ys.indexOf(yMap.get(y)!);
    let cells = f.cells.map((c) => ({
      row: rowOf(c.box[1]),
      col: colOf(c.box[0]),
      rowSpan: Math.max(1, rowOf(c.box[3]) - rowOf(c.box[1])),
      colSpan: Math.max(1, colOf(c.box[2]) - colOf(c.box[0])),
      text: cellText(c.glyphs),
      page: f.page,
      box: c.box,
    }));
    const nRows = Math.max(0, ys.length - 1);
    const rowText = (r: number): string =>
      cells
        .filter((c) => c.row === r)
        .sort((a, b) => a.col - b.col)
        .map((c) => c.text)
        .join('|');
    if (fi === 0) {
      for (let r = 0; r < Math.min(nRows, 4); r++) headerTexts.push(rowText(r));
    } else {
      // a header repeated at the top of the continuation: skip its rows
      let skip = 0;
      while (skip < Math.min(nRows, headerTexts.length) && rowText(skip) === headerTexts[skip] && rowText(skip) !== '') skip++;
      if (skip) cells = cells.filter((c) => c.row >= skip).map((c) => ({ ...c, row: c.row - skip }));
      rowBase -= skip;
    }
    if (fi > 0) fragmentStarts.add(rowBase);
    for (const c of cells) placed.push({ ...c, row: c.row + rowBase });
    rowBase += nRows;
  });
  mergeLabelGaps(placed, fragmentStarts);
  const nRows = Math.max(0, rowBase);
  const width = Math.max(0, xs.length - 1);
  const occupied: boolean[][] = Array.from({ length: nRows }, () => new Array<boolean>(width).fill(false));
  for (const c of placed) for (let r = c.row; r < Math.min(nRows, c.row + c.rowSpan); r++) for (let k = c.col; k < Math.min(width, c.col + c.colSpan); k++) occupied[r]![k] = true;
  const rows: RawRow[] = [];
  for (let r = 0; r < nRows; r++) {
    const mine = placed.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
    const cells: RawCell[] = [];
    let c = 0;
    const origins = new Map(mine.map((m) => [m.col, m]));
    while (c < width) {
      const o = origins.get(c);
      if (o) {
        cells.push({ text: o.text, rowSpan: o.rowSpan, colSpan: o.colSpan, path: '', page: o.page + 1, bbox: o.box.map((v) => Math.round(v * 10) / 10) as Box });
        c += o.colSpan;
        continue;
      }
      if (occupied[r]![c]) {
        c++;
        continue; // covered by a cell from a row above
      }
      let k = c;
      while (k < width && !occupied[r]![k] && !origins.has(k)) k++;
      cells.push({ text: '', rowSpan: 1, colSpan: k - c, path: '' }); // no cell drawn here: keeps the next cell's place
      c = k;
    }
    rows.push({ cells });
  }
  return { index: t.index, rows, path: '' };
}

interface PlacedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

/**
 * Empty cells inside the label columns belong to the label next to them: a label row drawn with
 * an inner line its text does not need (（七）总计 over two label columns, the second one empty),
 * and a merged label cell cut by a page break (its part on the next page empty). Label columns are
 * those whose filled cells are all words, no value. Merges in place (removes the empty cells).
 */
function mergeLabelGaps(placed: PlacedCell[], fragmentStarts: Set<number>): void {
  const words = new Map<number, number>();
  const filled = new Map<number, number>();
  for (const c of placed) {
    if (!c.text) continue;
    filled.set(c.col, (filled.get(c.col) ?? 0) + 1);
    if (!isValueText(c.text)) words.set(c.col, (words.get(c.col) ?? 0) + 1);
  }
  const labelCol = (col: number): boolean => (filled.get(col) ?? 0) >= 2 && words.get(col) === filled.get(col);
  const drop = new Set<PlacedCell>();
  for (const c of placed) {
    if (c.text || !labelCol(c.col)) continue;
    if (fragmentStarts.has(c.row)) {
      const above = placed.find((a) => !drop.has(a) && a.col === c.col && a.colSpan === c.colSpan && a.row + a.rowSpan === c.row);
      if (above && (above.rowSpan > 1 || (above.text !== '' && !isValueText(above.text)))) {
        above.rowSpan += c.rowSpan;
        drop.add(c);
        continue;
      }
    }
    const left = placed.find((a) => !drop.has(a) && a.row === c.row && a.rowSpan === c.rowSpan && a.col + a.colSpan === c.col);
    if (left && left.text !== '' && !isValueText(left.text)) {
      left.colSpan += c.colSpan;
      drop.add(c);
    }
  }
  if (drop.size) {
    const kept = placed.filter((c) => !drop.has(c));
    placed.length = 0;
    placed.push(...kept);
  }
}

/** Paragraph lines → paragraphs: breaks at indents, short lines, gaps, size changes. */
interface OpenPara {
  text: string;
  page: number;
  box: Box;
  last: Line;
}

/**
 * The blocks of a PDF: paragraphs (text outside tables) and tables, in reading order. Tables get
 * indexes in order of their first fragment.
 */
export function layoutPages(pages: PdfPage[]): { blocks: Block[]; tables: number; loose: Set<number> } {
  const perPage = pages.map(pageItems);
  // margins of body text: the commonest left edge and the right edge most lines reach
  const lefts = new Map<number, number>();
  let right = 0;
  for (const items of perPage)
    for (const i of items)
      if (i.kind === 'line') {
        const k = Math.round(i.line.x0);
        lefts.set(k, (lefts.get(k) ?? 0) + 1);
        right = Math.max(right, i.line.x1);
      }
  const left = [...lefts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const rights = perPage.flatMap((items) => items.flatMap((i) => (i.kind === 'line' ? [i.line.x1] : []))).sort((a, b) => b - a);
  right = rights[Math.floor(rights.length * 0.2)] ?? right;

  // the usual gap between lines of a paragraph (LibreOffice's 1.5 and double spacing included)
  const gaps: number[] = [];
  for (const items of perPage)
    for (let k = 1; k < items.length; k++) {
      const a = items[k - 1]!;
      const b = items[k]!;
      if (a.kind === 'line' && b.kind === 'line' && b.line.top > a.line.bottom) gaps.push(b.line.top - a.line.bottom);
    }
  gaps.sort((a, b) => a - b);
  const usualGap = gaps[Math.floor(gaps.length / 2)] ?? 0;

  const blocks: Block[] = [];
  const tables: PdfTable[] = [];
  let open: OpenPara | null = null;
  let lastTable: PdfTable | null = null; // the table that ended the previous page, if it ended it
  const close = (): void => {
    if (open && open.text.trim()) {
      const pos: SourcePos = { page: open.page + 1, bbox: open.box.map((v) => Math.round(v * 10) / 10) as Box };
      blocks.push({ kind: 'para', text: open.text.trim(), pos });
    }
    open = null;
  };
  perPage.forEach((items, pi) => {
    items.forEach((it, ii) => {
      if (it.kind === 'loose') {
        close();
        const prev = lastTable?.loose;
        if (ii === 0 && prev && continueInto(prev[prev.length - 1]!, it.fragment)) prev.push(it.fragment);
        else {
          const t: PdfTable = { fragments: [], loose: [it.fragment], index: tables.length };
          tables.push(t);
          blocks.push({ kind: 'table', table: { index: t.index, rows: [], path: '' } });
          lastTable = t;
        }
        return;
      }
      if (it.kind === 'table') {
        close();
        if (ii === 0 && lastTable && !lastTable.loose && continues(lastTable.fragments[lastTable.fragments.length - 1]!, it.fragment)) {
          lastTable.fragments.push(it.fragment);
        } else {
          const t: PdfTable = { fragments: [it.fragment], index: tables.length };
          tables.push(t);
          blocks.push({ kind: 'table', table: { index: t.index, rows: [], path: '' } });
          lastTable = t;
        }
        return;
      }
      const l = it.line;
      const h = Math.max(1, l.bottom - l.top);
      const size = l.size || h;
      if (open) {
        const o: OpenPara = open;
        const samePage = o.page === pi;
        const gap = samePage ? l.top - o.last.bottom : 0;
        const indented = l.x0 > left + 1.2 * size;
        const prevShort = o.last.x1 < right - 1.5 * size;
        if (gap > Math.max(0.9 * h, 1.4 * usualGap) || indented || prevShort) close();
      }
      if (!open) {
        open = { text: l.text, page: pi, box: [l.x0, l.top, l.x1, l.bottom], last: l };
      } else {
        const o: OpenPara = open;
        o.text = joinBreak(o.text, l.text);
        if (o.page === pi) o.box = [Math.min(o.box[0], l.x0), Math.min(o.box[1], l.top), Math.max(o.box[2], l.x1), Math.max(o.box[3], l.bottom)];
        o.last = l;
      }
      lastTable = null;
    });
    // a table continues only onto the top of the next page
    const lastItem = items[items.length - 1];
    if (!lastItem || lastItem.kind === 'line') lastTable = null;
  });
  close();
  // fill the table blocks now that every fragment is known
  const loose = new Set<number>();
  for (const b of blocks) {
    if (b.kind !== 'table') continue;
    const t = tables[b.table.index]!;
    // placed by position (no ruling lines), or cut at the page edge: its rows are not whole cells
    if (t.loose || t.fragments.some((f) => f.cut)) loose.add(t.index);
    Object.assign(b.table, t.loose ? looseRows(t.loose, t.index) : tableRows(t));
  }
  return { blocks, tables: tables.length, loose };
}

/** One line of {@link layoutText}: where it stands in the PDF. */
export interface LayoutLine {
  page: number;
  /** 1-based line on its page (page numbers not counted). */
  line: number;
  bbox: Box;
}

/**
 * The PDF as `pdftotext -layout` would print it: each line's glyphs at the text column of their x
 * position (one column per typical glyph advance), so columns of a table without ruling lines
 * line up in the text and the text reader's positional method reads them as it reads pdftotext
 * output. `lines[i]` says where line i + 1 of the text is. Page numbers are left out; a blank
 * line separates pages.
 */
export function layoutText(pages: PdfPage[]): { text: string; lines: LayoutLine[] } {
  const out: string[] = [];
  const where: LayoutLine[] = [];
  const widths = pages.flatMap((p) => p.glyphs.map((g) => g.ax1 - g.ax0)).filter((w) => w > 0.5).sort((a, b) => a - b);
  const unit = Math.max(2, widths[Math.floor(widths.length / 2)] ?? 10); // like pdftotext: one column per typical (CJK) glyph
  const left = Math.min(...pages.flatMap((p) => p.glyphs.map((g) => g.ax0)));
  for (const p of pages) {
    if (out.length) {
      out.push('');
      where.push({ page: p.index + 1, line: 0, bbox: [0, 0, 0, 0] });
    }
    let onPage = 0;
    for (const gs of toLineGlyphs(p.glyphs)) {
      let s = '';
      let prev: Glyph | null = null;
      for (const g of gs) {
        const ch = foldGlyph(g.ch);
        const col = Math.round((g.ax0 - left) / unit);
        if (col > s.length + 1) s += ' '.repeat(col - s.length);
        else if (prev && g.ax0 - prev.ax1 > 0.3 * (g.bottom - g.top) && !s.endsWith(' ')) s += ' ';
        s += ch;
        prev = g;
      }
      if (PAGE_NUMBER.test(s)) continue;
      out.push(s.replace(/\s+$/, ''));
      where.push({ page: p.index + 1, line: ++onPage, bbox: [gs[0]!.x0, Math.min(...gs.map((g) => g.top)), Math.max(...gs.map((g) => g.x1)), Math.max(...gs.map((g) => g.bottom))].map((v) => Math.round(v * 10) / 10) as Box });
    }
  }
  return { text: out.join('\n') + '\n', lines: where };
}

/** The glyph groups of {@link toLines}, each left to right. */
function toLineGlyphs(glyphs: Glyph[]): Glyph[][] {
  const sorted = [...glyphs].sort((a, b) => a.base - b.base);
  const groups: Glyph[][] = [];
  let cur: Glyph[] = [];
  let base = 0;
  for (const g of sorted) {
    if (cur.length && g.base - base <= Math.max(1.5, 0.3 * (g.bottom - g.top))) cur.push(g);
    else {
      if (cur.length) groups.push(cur);
      cur = [g];
      base = g.base;
    }
  }
  if (cur.length) groups.push(cur);
  for (const g of groups) g.sort((a, b) => a.x0 - b.x0);
  return groups;
}
