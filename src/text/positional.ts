// The positional column method: a table laid out by position (pdftotext -layout text, fixed-width
// exports, or the glyph boxes of a PDF page without ruling lines) read into rows of cells.
//
// Pure and template-free. The caller gives physical lines, top to bottom, each a list of positioned
// words (x ranges in any unit: text columns or PDF points) and says which words are values. This
// module finds the table blocks (runs of lines whose trailing words are values), joins wrapped row
// labels to the line that holds the numbers, joins header words stacked in one column
// ("商业" over "企业"), and places each row's values in columns:
//
// - a row with as many values as the fullest rows of its block: one value per column, in order;
// - a shorter row (blank cells leave only spaces): each value in the column whose position it sits
//   under, measured against the full rows nearest to it on the same page (text positions drift
//   down a page); only when every value is clearly nearer one column than any other. Otherwise the
//   row is left `placed: false` with its values in order: the caller must not guess their columns.
//
// Nothing here invents a cell: a value is one of the caller's words, placed or not.

/** One word of a line. */
export interface Placed {
  text: string;
  /** Left and right edge (x1 > x0 for a visible word: text columns end-exclusive, PDF points). */
  x0: number;
  x1: number;
  /** The word is a cell value (a number, a dash): decided by the caller. */
  value: boolean;
  /** The caller's own data (line/column, glyph box), handed back untouched. */
  ref?: unknown;
}

/** One physical line, items left to right. */
export interface PlacedLine {
  items: Placed[];
  /** Page number (positions are only compared within a page). */
  page?: number;
  ref?: unknown;
}

export interface ColumnRow {
  /** Label words of the row: wrapped lines before and after the numbers, in reading order. */
  label: Placed[];
  /** One entry per column of the block (null = blank position) when `placed`; the values in order otherwise. */
  cells: (Placed | null)[];
  /** Whether `cells` are placed by column; false: the values could not be placed (see the module comment). */
  placed: boolean;
  /** How: `count` (a full row), `position` (a short row placed by position), `none`. */
  how: 'count' | 'position' | 'none';
  /** Indexes (into the input) of the lines the row was read from. */
  lines: number[];
}

/** A header word group: words stacked in one column joined top to bottom, or a word on its own. */
export interface HeaderCell {
  text: string;
  items: Placed[];
  /** Index of its top line. */
  line: number;
  /** It stands over two words or more of the line below (法人或其他组织 over 商业 … 其他): a caption, not a column. */
  spanning: boolean;
  /** It lies over the value columns (not the label column's header). */
  overValues: boolean;
}

export interface ColumnBlock {
  /** Number of value columns (the value count of the block's fullest rows). */
  columns: number;
  /**
   * Header cells over the value columns that are not captions: equal to `columns` when the header
   * confirms the block's width (a column blank in every row makes the rows narrower than the table).
   */
  headerColumns: number;
  /** Header words above the first row, as joined cells in reading order (top line, then x). */
  header: HeaderCell[];
  /** Index of the first header line (= `first` row line when there is no header). */
  headerFirst: number;
  rows: ColumnRow[];
  /** First and last line index of the block's rows (header excluded). */
  first: number;
  last: number;
}

export interface ColumnOptions {
  /** Least distance between a label and the first value of its line (text: 2 columns). */
  gap?: number;
  /** Position slack when comparing edges (text: 1 column). */
  tol?: number;
  /** Empty lines that may separate the lines of one block. */
  maxEmpty?: number;
}

/** Row numbering that opens a new row or group label: 一、 （一） (1) 1. 1、 ① 第X. */
const NUMBERED = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.．、](?!\d)|[①-⑳])/;

/**
 * Trailing values of a line: the longest suffix of value words after the label. The first value
 * stands `gap` after the label, or one unit less when two values or more follow it (pdftotext may
 * set a row's first number one space after a long label; a sentence ends in one number at most).
 */
function tailStart(items: Placed[], gap: number): number {
  let k = items.length;
  while (k > 0 && items[k - 1]!.value) k--;
  if (k === items.length) return -1;
  if (k === 0) return 0;
  const need = items.length - k >= 2 ? gap / 2 : gap;
  while (k < items.length && items[k]!.x0 - items[k - 1]!.x1 < need) k++; // glued to the label: part of it
  return k < items.length ? k : -1;
}

/** The largest of the numbers (-Infinity for none), without spreading a long array into arguments. */
function maxOf(xs: number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  return m;
}

type Anchor = 'right' | 'center' | 'left';
const at = (p: Placed, a: Anchor): number => (a === 'right' ? p.x1 : a === 'left' ? p.x0 : (p.x0 + p.x1) / 2);

interface LineInfo {
  index: number;
  items: Placed[];
  page: number;
  /** Start of the value tail (-1: none). */
  tail: number;
}

/**
 * Reads the blocks of values laid out in columns. Lines that belong to no block are left to the
 * caller. A block needs two rows, or one row of two values or more.
 */
export function readColumns(lines: PlacedLine[], opts: ColumnOptions = {}): ColumnBlock[] {
  const gap = opts.gap ?? 2;
  const tol = opts.tol ?? 1;
  const maxEmpty = opts.maxEmpty ?? 6;
  const info: LineInfo[] = lines.map((l, index) => ({ index, items: l.items, page: l.page ?? 0, tail: tailStart(l.items, gap) }));
  const blocks: ColumnBlock[] = [];
  let i = 0;
  let floor = 0; // lines before this belong to an earlier block
  while (i < info.length) {
    if (info[i]!.tail < 0) {
      i++;
      continue;
    }
    const b = growBlock(info, i, tol, maxEmpty);
    const rowLines = b.lines.filter((l) => info[l]!.tail >= 0);
    const fullest = maxOf(rowLines.map((l) => info[l]!.items.length - info[l]!.tail));
    if (rowLines.length >= 2 || fullest >= 2) {
      const block = buildBlock(info, b.lines, b.left, floor, tol);
      blocks.push(block);
      floor = block.last + 1;
    }
    i = b.end + 1;
  }
  return blocks;
}

/** The lines of the block that starts at numeric line `start`: rows, label lines left of the values, empty lines. */
function growBlock(info: LineInfo[], start: number, tol: number, maxEmpty: number): { lines: number[]; end: number; left: number } {
  const first = info[start]!;
  let left = first.items[first.tail]!.x0;
  const out = [start];
  let end = start;
  let empty = 0;
  for (let j = start + 1; j < info.length; j++) {
    const l = info[j]!;
    if (l.items.length === 0) {
      if (++empty > maxEmpty) break;
      continue;
    }
    if (l.tail >= 0) {
      // the label part of a row must stay left of the values
      const lab = l.items.slice(0, l.tail);
      const v0 = l.items[l.tail]!.x0;
      if (lab.length && lab[lab.length - 1]!.x1 > Math.max(left, v0) + tol && l.page === info[end]!.page) break;
      left = Math.min(left, v0);
    } else if (l.items[l.items.length - 1]!.x1 > left - tol) break; // a header, heading or paragraph reaching the values
    out.push(j);
    end = j;
    empty = 0;
  }
  // trailing label lines belong to the block only as continuations of its last row: kept, buildBlock decides
  return { lines: out, end, left };
}

function buildBlock(info: LineInfo[], lineIdx: number[], left: number, floor: number, tol: number): ColumnBlock {
  const rows: ColumnRow[] = [];
  let pending: { line: number; items: Placed[] }[] = [];
  /** The last row, while a continuation line may still join it. */
  let open: ColumnRow | null = null;
  // for each line of the block: whether the next row below it brings a label of its own (one pass, from the end)
  const nextHasLabel = new Map<number, boolean>();
  let below = true;
  for (let k = lineIdx.length - 1; k >= 0; k--) {
    const li = info[lineIdx[k]!]!;
    nextHasLabel.set(lineIdx[k]!, below);
    if (li.tail >= 0) below = li.tail > 0;
    else if (NUMBERED.test(joinText(li.items))) below = true;
  }
  const nextRowHasLabel = (from: number): boolean => nextHasLabel.get(from) ?? true;
  for (const l of lineIdx) {
    const li = info[l]!;
    if (li.tail >= 0) {
      const own = li.items.slice(0, li.tail);
      const row: ColumnRow = { label: [...pending.flatMap((p) => p.items), ...own], cells: li.items.slice(li.tail), placed: false, how: 'none', lines: [...pending.map((p) => p.line), l] };
      rows.push(row);
      pending = [];
      open = row;
      continue;
    }
    const text = joinText(li.items);
    if (NUMBERED.test(text) || pending.length > 0 || !open || !nextRowHasLabel(l)) {
      // a new row's label (its numbers come on a later line), or more of one
      pending.push({ line: l, items: li.items });
      open = null;
    } else {
      // the rest of the row above: a label wrapped under its numbers
      open.label.push(...li.items);
      open.lines.push(l);
    }
  }
  // label lines after the last row that joined none (the next heading): not the block's
  for (const r of rows) if (r.lines.length > 1) r.label = groupFirst(r, info);
  const rowLines = rows.map((r) => r.cells.length ? lineOfValues(r, info) : r.lines[r.lines.length - 1]!);
  const first = -maxOf(rows.flatMap((r) => r.lines).map((x) => -x));
  const last = maxOf(rows.flatMap((r) => r.lines));
  const K = maxOf(rows.map((r) => r.cells.length));
  placeRows(rows, rowLines, info, K, tol);
  const { header, headerFirst } = readHeader(info, first, floor, left, tol);
  const headerColumns = header.filter((h) => h.overValues && !h.spanning).length;
  return { columns: K, headerColumns, header, headerFirst, rows, first, last };
}

/** The line of a row's values. */
function lineOfValues(r: ColumnRow, info: LineInfo[]): number {
  return r.lines.find((l) => info[l]!.tail >= 0) ?? r.lines[r.lines.length - 1]!;
}

/** A sub-row's numbering ("2.", "2、"): where the row's own label column starts. */
const SUB_ROW = /^\d{1,2}\s*[.．、]/;

/**
 * A row label read line by line interleaves a group label set in a column to its left
 * (（四） / 2.没有现成信息需要 / 无法提 / 另行制作 / 供): the words left of the row's own numbered label
 * come first, so the label reads （四）无法提供2.没有现成信息需要另行制作. Not when the numbered label's
 * own line starts with the group label (（四）无法提供 1.本机关不掌握相关 / 政府信息): there the words
 * at the left margin below it are the wrapped rest of the label.
 */
function groupFirst(row: ColumnRow, info: LineInfo[]): Placed[] {
  const label = row.label;
  const own = label.find((w) => SUB_ROW.test(w.text));
  if (!own) return label;
  const ownLine = row.lines.find((l) => info[l]!.items.includes(own));
  if (ownLine !== undefined && info[ownLine]!.items.some((w) => w !== own && w.x1 <= own.x0)) return label;
  const left = label.filter((w) => w.x1 <= own.x0);
  if (left.length === 0 || left.length === label.length) return label;
  return [...left, ...label.filter((w) => w.x1 > own.x0)];
}

/** Places short rows by position under the full rows of the same page nearest to them. */
function placeRows(rows: ColumnRow[], rowLines: number[], info: LineInfo[], K: number, tol: number): void {
  const isFull = rows.map((r) => r.cells.length === K);
  rows.forEach((r, k) => {
    if (isFull[k]) ((r.placed = true), (r.how = 'count'));
  });
  if (K < 2) return;
  const page = rowLines.map((l) => info[l]!.page);
  // nearest full row above and below on the same page (two sweeps: linear)
  const above: number[] = new Array(rows.length).fill(-1);
  const belowRow: number[] = new Array(rows.length).fill(-1);
  for (let k = 0, last = -1; k < rows.length; k++) {
    if (last >= 0 && page[last] !== page[k]) last = -1;
    above[k] = last;
    if (isFull[k]) last = k;
  }
  for (let k = rows.length - 1, next = -1; k >= 0; k--) {
    if (next >= 0 && page[next] !== page[k]) next = -1;
    belowRow[k] = next;
    if (isFull[k]) next = k;
  }
  const anchors = new Map<number, Anchor>();
  const anchorOf = (p: number): Anchor => {
    let a = anchors.get(p);
    if (!a) {
      a = bestAnchor(rows.filter((r, k) => isFull[k] && page[k] === p).map((r) => r.cells as Placed[]));
      anchors.set(p, a);
    }
    return a;
  };
  rows.forEach((r, k) => {
    if (isFull[k]) return;
    const refs = [above[k]!, belowRow[k]!].filter((x) => x >= 0).map((x) => rows[x]!);
    if (refs.length === 0) return;
    const anchor = anchorOf(page[k]!);
    const cols = Array.from({ length: K }, (_, c) => refs.reduce((s, f) => s + at(f.cells[c]!, anchor), 0) / refs.length);
    const spacing = -maxOf(cols.slice(1).map((c, j) => cols[j]! - c));
    if (!(spacing > 2 * tol)) return;
    const slots: number[] = [];
    for (const v of r.cells as Placed[]) {
      const p = at(v, anchor);
      let best = -1;
      let bestD = Infinity;
      let second = Infinity;
      cols.forEach((c, j) => {
        const d = Math.abs(p - c);
        if (d < bestD) ((second = bestD), (bestD = d), (best = j));
        else if (d < second) second = d;
      });
      // clearly under one column: within a third of the spacing, and at most a third as far as the next
      if (bestD > Math.max(tol, spacing / 3) || bestD * 3 > second) return;
      slots.push(best);
    }
    if (slots.some((s, j) => j > 0 && s <= slots[j - 1]!)) return;
    const cells: (Placed | null)[] = Array.from({ length: K }, () => null);
    slots.forEach((s, j) => (cells[s] = (r.cells as Placed[])[j]!));
    r.cells = cells;
    r.placed = true;
    r.how = 'position';
  });
}

/** Whether the columns of the full rows line up by right edge, centre or left edge (least spread). */
function bestAnchor(full: Placed[][]): Anchor {
  let best: Anchor = 'right';
  let bestSpread = Infinity;
  for (const a of ['right', 'center', 'left'] as const) {
    let spread = 0;
    for (let c = 0; c < full[0]!.length; c++) {
      const xs = full.map((r) => at(r[c]!, a));
      spread += maxOf(xs) + maxOf(xs.map((x) => -x));
    }
    if (spread < bestSpread) ((bestSpread = spread), (best = a));
  }
  return best;
}

const SECTION = /^\s*[一二三四五六七八九十]+\s*[、.．]/;
const MAX_HEADER_LINES = 16;

/**
 * The header above a block: the lines up to the first row that reach over the value columns (and
 * the label lines between them), stopping at an earlier block, a section heading or three empty lines.
 * Words stacked in one column are joined top to bottom; a word over two or more words of the line
 * below it (法人或其他组织 over 商业 … 其他) stays a cell of its own.
 */
function readHeader(info: LineInfo[], first: number, floor: number, left: number, tol: number): { header: HeaderCell[]; headerFirst: number } {
  let top = first;
  let empty = 0;
  // a header is a few lines (the official tables have at most four header rows, each wrapped a few times)
  for (let j = first - 1; j >= Math.max(floor, first - MAX_HEADER_LINES); j--) {
    const l = info[j]!;
    if (l.items.length === 0) {
      if (++empty >= 3) break;
      continue;
    }
    empty = 0;
    if (l.tail >= 0 || l.page !== info[first]!.page) break;
    if (SECTION.test(joinText(l.items))) break;
    if (l.items[l.items.length - 1]!.x1 > left - tol) top = j;
  }
  const lines: number[] = [];
  for (let j = top; j < first; j++) if (info[j]!.items.length) lines.push(j);
  // link each word to the one word under it: the first line below (no empty line between) with a word overlapping it
  const next = new Map<Placed, Placed>();
  const hasAbove = new Set<Placed>();
  const spans = new Set<Placed>();
  lines.forEach((j, k) => {
    for (const w of info[j]!.items) {
      for (let m = k + 1; m < lines.length && lines[m]! === lines[m - 1]! + 1; m++) {
        const under = info[lines[m]!]!.items.filter((u) => u.x0 < w.x1 && u.x1 > w.x0);
        if (under.length === 0) continue;
        if (under.length === 1 && !hasAbove.has(under[0]!)) {
          next.set(w, under[0]!);
          hasAbove.add(under[0]!);
        } else if (under.length > 1) spans.add(w);
        break;
      }
    }
  });
  const header: HeaderCell[] = [];
  lines.forEach((j) => {
    for (const w of info[j]!.items) {
      if (hasAbove.has(w)) continue;
      const items = [w];
      for (let u = next.get(w); u; u = next.get(u)) items.push(u);
      const x0 = -maxOf(items.map((x) => -x.x0));
      const x1 = maxOf(items.map((x) => x.x1));
      header.push({ text: items.map((x) => x.text).join(''), items, line: j, spanning: spans.has(w), overValues: (x0 + x1) / 2 >= left - tol });
    }
  });
  return { header, headerFirst: top };
}

/** Text of a line's words (pdftotext letter spacing removed between CJK characters). */
export function joinText(items: Placed[]): string {
  return items.map((x) => x.text).join('');
}
