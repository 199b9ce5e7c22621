// Tables drawn without ruling lines (LibreOffice and Word print a table whose borders are off as
// bare text): read from the glyphs' own positions, in points, not from a text layout. Pure.
//
// - A line's glyphs split into words at gaps wider than half a glyph; a line whose last words are
//   values (after its label words) is a value line. A block is a run of value lines and the label
//   lines between them, none reaching into the values with words; the lines above it up to a
//   section heading are its header.
// - Columns come from the values themselves: their left edges, right edges or centres (whichever
//   groups them into the fewest columns with never two values of one row in one column) cluster
//   across the block's rows. The header only adds the columns that are blank in every row: a
//   header word over no value column and over no other header word's column. A row whose values
//   cannot be placed that way keeps them in order, unplaced: the mapper leaves such a row null.
// - Labels: each label word continues the label cell above it that it overlaps, unless it opens a
//   new cell (numbering such as 三、（一）1.; or the row's own label on a second value line). A row
//   starts where a label cell opens; its label is the text of the cells that open in it, left to
//   right (the group label 三、本年度办理结果 in its first row, as a merged cell reads in Word).
// - A block at the top of a page whose values sit in the columns of the table that ended the page
//   before continues that table (label lines before its first row continue the last row's labels).
import type { Box, Glyph } from './types.js';
import type { RawCell, RawRow, RawTable } from '../_grid.js';
import { foldGlyph } from './radicals.js';
import { isValueText } from '../../text/normalize.js';

export interface Word {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  value: boolean;
  /** Its glyphs, left to right (a word is split again at a column edge of its table). */
  gs: Glyph[];
}

export interface WLine {
  words: Word[];
  top: number;
  bottom: number;
  page: number;
  /** Index of the first value of the line's value tail; -1: none. */
  tail: number;
}

export type Anchor = 'left' | 'right' | 'center';

export interface LooseFragment {
  page: number;
  top: number;
  header: WLine[];
  body: WLine[];
  /** Where the value columns begin (least left edge of a row's first value). */
  left: number;
  anchor: Anchor;
  /** Column anchors, left to right, and the extent of each column's values (or header word). */
  cols: number[];
  ranges: { x0: number; x1: number }[];
  /** The column of each placed value; a value missing here is unplaced. */
  colOf: Map<Word, number>;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
/** Numbering that opens a label cell: 一、 （一） (1) 1. 1、 ① 第X. */
const NUMBERED = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.．、](?!\d)|[①-⑳])/;
/** A section heading ("四、政府信息公开行政复议…"): never part of a table above or below it. */
const SECTION = /^\s*[一二三四五六七八九十]+\s*[、.．]/;
const MAX_HEADER_LINES = 16;

const DIGIT = /[0-9０-９]/;

/**
 * The words of a line of glyphs (sorted left to right). A gap wider than half a glyph (a whole
 * glyph between CJK characters: 社 会, letter-spaced in a narrow cell), a number set a little apart
 * from the label before it (处理 1) and any gap at one of `edges` (the label column edges of the
 * line's table) end a word. So does a gap of a point or more standing alone between two runs of
 * two glyphs or more that touch (商业企业 科研机构: browser cells a pixel apart), while evenly
 * spaced glyphs (3. 危 及 “ 三 安 全) stay one word.
 */
export function lineWords(gs: Glyph[], page: number, edges: number[] = []): WLine {
  const glyphs: Glyph[] = [];
  const chs: string[] = [];
  /** Boundary before glyph k (k ≥ 1): 2 hard, 1 spaced, 0 tight; and the text joining it. */
  const kind: number[] = [0];
  const join: string[] = [''];
  for (const g of gs) {
    const prev = glyphs[glyphs.length - 1];
    const ch = foldGlyph(g.ch);
    if (prev) {
      const h = Math.max(4, prev.bottom - prev.top, g.bottom - g.top);
      const gap = g.ax0 - prev.ax1;
      if (gap < -0.5 * (prev.x1 - prev.x0) && g.x0 - prev.x0 < 0.1 && g.ch === prev.ch) continue; // fake bold
      const cjk = CJK.test(prev.ch) && CJK.test(ch);
      const hard = gap > (cjk ? 1.0 : 0.55) * h || (gap > 0.2 * h && !DIGIT.test(prev.ch) && DIGIT.test(ch) && !/[.．]/.test(prev.ch)) || (gap > 0.6 && edges.some((e) => Math.abs(g.x0 - e) <= 1.5));
      kind.push(hard ? 2 : gap > 0.8 && (CJK.test(prev.ch) || CJK.test(ch)) ? 1 : 0);
      join.push(gap > (CJK.test(prev.ch) || CJK.test(ch) ? 0.5 : 0.2) * h && !cjk ? ' ' : '');
    }
    glyphs.push(g);
    chs.push(ch);
  }
  const n = glyphs.length;
  // a spaced boundary splits when the runs on both sides (up to the next boundary that is not tight) hold two glyphs or more
  const split = kind.map((k) => k === 2);
  for (let b = 1; b < n; b++) {
    if (kind[b] !== 1 || !(CJK.test(chs[b - 1]!) && CJK.test(chs[b]!))) continue; // never after numbering (2.其他)
    let l = b - 1;
    while (l > 0 && kind[l] === 0) l--;
    let r = b + 1;
    while (r < n && kind[r] === 0) r++;
    if (b - l >= 2 && r - b >= 2) split[b] = true;
  }
  const words: Word[] = [];
  let from = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && !split[k]) continue;
    const part = glyphs.slice(from, k);
    let text = '';
    for (let j = from; j < k; j++) text += (j > from ? join[j]! : '') + chs[j]!;
    words.push({ text, x0: Math.min(...part.map((g) => g.x0)), x1: Math.max(...part.map((g) => g.x1)), top: Math.min(...part.map((g) => g.top)), bottom: Math.max(...part.map((g) => g.bottom)), value: isValueText(text), gs: part });
    from = k;
  }
  let tail = words.length;
  while (tail > 0 && words[tail - 1]!.value) tail--;
  return { words, top: Math.min(...words.map((w) => w.top)), bottom: Math.max(...words.map((w) => w.bottom)), page, tail: tail < words.length ? tail : -1 };
}

/**
 * The label column edges of a block: left edges where three words or more start (within 1.5 pt),
 * left of the values. LibreOffice pads a cell by a point or two: 三、本年度办 and （一）予以公开 of
 * two cells can be closer than letter spacing; their edge tells them apart.
 */
function labelEdges(lines: WLine[], left: number): number[] {
  const xs = lines
    .flatMap((l) => l.words)
    .filter((w) => w.x0 < left - 3)
    .map((w) => w.x0)
    .sort((a, b) => a - b);
  const edges: number[] = [];
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= 3) edges.push(run[0]!);
    run = [];
  };
  for (const x of xs) {
    if (run.length && x - run[run.length - 1]! > 1.5) flush();
    run.push(x);
  }
  flush();
  return edges;
}

/** A line's words split again at the block's label column edges (the line itself when nothing changes). */
function resplit(l: WLine, edges: number[]): WLine {
  if (!edges.length) return l;
  const hit = l.words.some((w) => w.gs.some((g, i) => i > 0 && edges.some((e) => Math.abs(g.x0 - e) <= 1.5)));
  return hit ? lineWords(l.words.flatMap((w) => w.gs), l.page, edges) : l;
}

const at = (w: Word, a: Anchor): number => (a === 'left' ? w.x0 : a === 'right' ? w.x1 : (w.x0 + w.x1) / 2);
const height = (l: WLine): number => Math.max(4, l.bottom - l.top);
const text = (l: WLine): string => l.words.map((w) => w.text).join('');
/** A word of a line that reaches from the labels into the values. */
const straddles = (l: WLine, left: number, tol: number): boolean => l.words.some((w) => w.x0 < left - tol && w.x1 > left + tol);

/**
 * The blocks of one page's lines (top to bottom, page numbers removed). Returns the blocks and the
 * lines they use.
 */
export function findLoose(lines: WLine[]): { fragments: LooseFragment[]; used: Set<WLine> } {
  const fragments: LooseFragment[] = [];
  const used = new Set<WLine>();
  let floor = 0;
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    if (first.tail < 0) {
      i++;
      continue;
    }
    const tol = 0.3 * height(first);
    let left = first.words[first.tail]!.x0;
    const body = [i];
    let lastValue = i;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      const prevL = lines[j - 1]!;
      if (l.top - prevL.bottom > 2.5 * height(prevL)) break;
      if (l.tail >= 0) {
        const v0 = l.words[l.tail]!.x0;
        const lab = l.words.slice(0, l.tail);
        if (lab.length && lab[lab.length - 1]!.x1 > Math.max(left, v0) + tol) break; // a sentence ending in a number
        left = Math.min(left, v0);
        body.push(j);
        lastValue = j;
        continue;
      }
      // a label line: every word left of the values; after the last value line, not a section heading
      if (l.words.some((w) => w.x1 > left + tol)) break;
      if (j > lastValue && SECTION.test(text(l)) && !NUMBERED.test(text(l).replace(SECTION, ''))) {
        // a numbered label (四、结转下年度继续办理) stays; a heading over nothing ends the table
        if (l.words[l.words.length - 1]!.x1 > left - 4 * tol) break;
      }
      body.push(j);
    }
    // label lines after the last value line continue its row only when they are not a new numbered row
    while (body.length > 1 && body[body.length - 1]! > lastValue && SECTION.test(text(lines[body[body.length - 1]!]!))) body.pop();
    const rowsWithValues = body.filter((k) => lines[k]!.tail >= 0);
    const widest = Math.max(...rowsWithValues.map((k) => lines[k]!.words.length - lines[k]!.tail));
    if (rowsWithValues.length < 2 && widest < 2) {
      i = body[body.length - 1]! + 1;
      continue;
    }
    // the header: lines above, up to a section heading, a line reaching across the value edge or a gap
    let top = i;
    for (let j = i - 1; j >= Math.max(floor, i - MAX_HEADER_LINES); j--) {
      const l = lines[j]!;
      const below = lines[j + 1]!;
      if (below.top - l.bottom > 4 * height(l)) break; // a tall header row (centred cells) leaves a gap
      if (l.tail >= 0 || SECTION.test(text(l)) || straddles(l, left, tol)) break;
      top = j;
    }
    const edges = labelEdges(body.map((k) => lines[k]!), left);
    const header = lines.slice(top, i).map((l) => resplit(l, edges));
    const bodyLines = body.map((k) => resplit(lines[k]!, edges));
    const frag = columns(bodyLines, header, left, tol);
    frag.page = first.page;
    frag.top = lines[top]!.top;
    fragments.push(frag);
    for (let k = top; k < i; k++) used.add(lines[k]!);
    for (const k of body) used.add(lines[k]!);
    floor = body[body.length - 1]! + 1;
    i = floor;
  }
  return { fragments, used };
}

interface Cluster {
  at: number;
  x0: number;
  x1: number;
  words: Word[];
}

/**
 * Single-link clusters of the values' anchors; null when two values of one line fall in one, or
 * two clusters stand closer than a glyph's height (drifting positions, not columns).
 */
function cluster(rows: Word[][], a: Anchor, tol: number): Cluster[] | null {
  const all = rows.flatMap((ws, r) => ws.map((w) => ({ w, r, x: at(w, a) }))).sort((p, q) => p.x - q.x);
  const out: { items: typeof all }[] = [];
  for (const it of all) {
    const last = out[out.length - 1];
    if (last && it.x - last.items[last.items.length - 1]!.x <= tol) last.items.push(it);
    else out.push({ items: [it] });
  }
  const result: Cluster[] = [];
  for (const c of out) {
    const rs = new Set(c.items.map((i) => i.r));
    if (rs.size !== c.items.length) return null;
    result.push({ at: c.items.reduce((s, i) => s + i.x, 0) / c.items.length, x0: Math.min(...c.items.map((i) => i.w.x0)), x1: Math.max(...c.items.map((i) => i.w.x1)), words: c.items.map((i) => i.w) });
  }
  const h = tol / 0.3;
  for (let k = 1; k < result.length; k++) if (result[k]!.at - result[k - 1]!.at < h) return null;
  return result;
}

/** The value columns of a block (see the module comment) and the column of each value. */
function columns(body: WLine[], header: WLine[], left: number, tol: number): LooseFragment {
  const rows = body.filter((l) => l.tail >= 0).map((l) => l.words.slice(l.tail));
  // the anchor that groups the values into the fewest columns; between equals, the one the header
  // words line up with most (a left-aligned LibreOffice table: header and values share left edges)
  const headWords = header.flatMap((l) => l.words).filter((w) => (w.x0 + w.x1) / 2 > left - tol);
  let best: { a: Anchor; cs: Cluster[]; agree: number } | null = null;
  for (const a of ['right', 'left', 'center'] as const) {
    const cs = cluster(rows, a, tol);
    if (!cs) continue;
    const agree = headWords.filter((w) => cs.some((c) => Math.abs(c.at - at(w, a)) <= tol)).length;
    if (!best || cs.length < best.cs.length || (cs.length === best.cs.length && agree > best.agree)) best = { a, cs, agree };
  }
  const colOf = new Map<Word, number>();
  if (!best) {
    // no anchor keeps the rows apart: only the fullest rows are placed, by count
    const K = Math.max(...rows.map((r) => r.length));
    for (const r of rows) if (r.length === K) r.forEach((w, k) => colOf.set(w, k));
    return { page: 0, top: 0, header, body, left, anchor: 'right', cols: Array.from({ length: K }, (_, k) => k), ranges: [], colOf };
  }
  const ranges = best.cs.map((c) => ({ at: c.at, x0: c.x0, x1: c.x1, words: c.words }));
  // columns blank in every row: header words well clear of every value column and of each other (a
  // glyph's height: a header word beside a column of narrow centred values is that column's)
  const h = tol / 0.3;
  const near = (w: { x0: number; x1: number }, r: { x0: number; x1: number }): boolean => w.x0 < r.x1 + h && w.x1 > r.x0 - h;
  const overlaps = (w: { x0: number; x1: number }, r: { x0: number; x1: number }): boolean => w.x0 < r.x1 - tol && w.x1 > r.x0 + tol;
  const heads = headWords.filter((w) => !ranges.some((r) => near(w, r))).sort((p, q) => p.x1 - p.x0 - (q.x1 - q.x0));
  const extra: { x0: number; x1: number }[] = [];
  for (const w of heads) {
    if (extra.some((r) => overlaps(w, r))) continue; // the same blank column's header, another line of it
    extra.push(w);
    ranges.push({ at: at(w, best.a), x0: w.x0, x1: w.x1, words: [] });
  }
  ranges.sort((p, q) => p.at - q.at);
  ranges.forEach((r, k) => {
    for (const w of r.words) colOf.set(w, k);
  });
  return { page: 0, top: 0, header, body, left, anchor: best.a, cols: ranges.map((r) => r.at), ranges: ranges.map((r) => ({ x0: r.x0, x1: r.x1 })), colOf };
}

/**
 * Places the values of a fragment in the columns of the table it would continue (nearest column
 * anchor within tolerance, never two values of a line in one column); false when they do not fit.
 */
export function continueInto(prev: LooseFragment, next: LooseFragment): boolean {
  const tol = 3;
  if (next.header.some((l) => l.words.some((w) => (w.x0 + w.x1) / 2 > prev.left - tol))) return false; // a header of its own
  const colOf = new Map<Word, number>();
  for (const l of next.body) {
    if (l.tail < 0) continue;
    const seen = new Set<number>();
    for (const w of l.words.slice(l.tail)) {
      const x = at(w, prev.anchor);
      let k = -1;
      let d = Infinity;
      prev.cols.forEach((c, j) => {
        if (Math.abs(c - x) < d) ((d = Math.abs(c - x)), (k = j));
      });
      if (d > tol) {
        // not at a column's anchor: inside the extent of exactly one column (a column the header gave)
        const over = prev.ranges.flatMap((r, j) => (w.x0 < r.x1 && w.x1 > r.x0 ? [j] : []));
        if (over.length !== 1) return false;
        k = over[0]!;
      }
      if (seen.has(k)) return false;
      seen.add(k);
      colOf.set(w, k);
    }
  }
  // lines above its first value line are the rest of the labels of the page before, not a header
  next.body = [...next.header, ...next.body];
  next.header = [];
  next.anchor = prev.anchor;
  next.cols = prev.cols;
  next.ranges = prev.ranges;
  next.colOf = colOf;
  next.left = Math.min(prev.left, next.left);
  return true;
}

interface LabelCell {
  words: Word[];
  page: number;
  x0: number;
  x1: number;
  hasValues: boolean;
  row: number;
}

interface Row {
  cells: LabelCell[];
  values: Word[];
  page: number;
}

const round = (b: Box): Box => b.map((v) => Math.round(v * 10) / 10) as Box;

/** The rows of a table over all its fragments: a header row, then one row per label row. */
export function looseRows(fragments: LooseFragment[], index: number): RawTable {
  const first = fragments[0]!;
  const ncols = first.cols.length;
  const colOf = new Map<Word, number>();
  for (const f of fragments) for (const [w, k] of f.colOf) colOf.set(w, k);
  const rows: RawRow[] = [];
  // header: the label columns' header text, then each column's header words (top to bottom)
  if (first.header.length) {
    const labelWords = first.header.flatMap((l) => l.words.filter((w) => (w.x0 + w.x1) / 2 <= first.left - 3));
    const colWords: Word[][] = Array.from({ length: ncols }, () => []);
    for (const l of first.header)
      for (const w of l.words) {
        if ((w.x0 + w.x1) / 2 <= first.left - 3) continue;
        const x = at(w, first.anchor);
        let k = 0;
        first.cols.forEach((c, j) => {
          if (Math.abs(c - x) < Math.abs(first.cols[k]! - x)) k = j;
        });
        colWords[k]!.push(w);
      }
    rows.push(withLabel(cellOf(labelWords, first.page), colWords.map((ws) => cellOf(ws, first.page))));
  }
  // label cells and rows
  const cells: LabelCell[] = [];
  const out: Row[] = [];
  let row: Row | null = null;
  const lines = fragments.flatMap((f) => f.body);
  lines.forEach((l, li) => {
    const labels = l.tail >= 0 ? l.words.slice(0, l.tail) : l.words;
    const values = l.tail >= 0 ? l.words.slice(l.tail) : [];
    const next = lines[li + 1];
    let opened = false;
    labels.forEach((w, k) => {
      const below = next?.words.find((u) => u.x0 < w.x1 && u.x1 > w.x0);
      const numbered = NUMBERED.test(w.text) || (below !== undefined && NUMBERED.test(w.text + below.text) && !NUMBERED.test(below.text));
      let home: LabelCell | undefined;
      for (let c = cells.length - 1; c >= 0; c--) {
        const cell = cells[c]!;
        const lw = cell.words[cell.words.length - 1]!;
        if (lw.x0 < w.x1 && lw.x1 > w.x0) {
          home = cell;
          break;
        }
      }
      // the row's own label on a second value line (规章 13 / 规范性文件 60) opens a row; not while the
      // open row still waits for its values (cells centred vertically: 2.申请人逾期… over several lines,
      // its numbers level with the group label's last line 他处理)
      const ownOfValues = values.length > 0 && k === labels.length - 1 && home?.hasValues && !(row && row.values.length === 0 && row.cells.length > 0 && !row.cells.includes(home));
      if (home && !numbered && !ownOfValues) {
        home.words.push(w);
        home.x1 = Math.max(home.x1, w.x1);
        return;
      }
      if (!opened) {
        row = { cells: [], values: [], page: l.page };
        out.push(row);
      }
      opened = true;
      const cell: LabelCell = { words: [w], page: l.page, x0: w.x0, x1: w.x1, hasValues: false, row: out.length - 1 };
      cells.push(cell);
      row!.cells.push(cell);
    });
    if (values.length) {
      if (!row || (row.values.length && !opened)) {
        row = { cells: [], values: [], page: l.page };
        out.push(row);
      }
      row.values.push(...values);
      for (const c of row.cells) c.hasValues = true;
      // the row's label cell nearest the values owns them (a group label over several rows does not)
      const lastLabel = labels[labels.length - 1];
      if (lastLabel) for (const c of cells) if (c.words.includes(lastLabel)) c.hasValues = true;
    }
  });
  for (const r of out) {
    const labelWords = r.cells.sort((a, b) => a.x0 - b.x0).flatMap((c) => c.words);
    const label = cellOf(labelWords, r.page, r.cells);
    const vals: RawCell[] = Array.from({ length: ncols }, () => ({ text: '', rowSpan: 1, colSpan: 1, path: '', page: r.page + 1 }));
    let placed = true;
    for (const w of r.values) {
      const k = colOf.get(w);
      if (k === undefined || vals[k]!.text !== '') placed = false;
      else vals[k] = cellOf([w], r.page);
    }
    // values that cannot be placed: in order, no blanks (the mapper does not guess their columns)
    const valueCells = placed ? vals : r.values.map((w) => cellOf([w], r.page));
    rows.push(withLabel(label, valueCells));
  }
  return { index, rows, path: '' };
}

/** A row: its label cell, then its value cells; no label: the label column skipped (no blank cell before the values). */
function withLabel(label: RawCell, values: RawCell[]): RawRow {
  return label.text === '' ? { cells: values, before: 1 } : { cells: [label, ...values] };
}

/** A raw cell of words: their text (lines joined without a space between CJK characters) and box. */
function cellOf(words: Word[], page: number, cells?: LabelCell[]): RawCell {
  let s = '';
  if (cells) {
    for (const c of cells) s += joinWords(c.words);
  } else s = joinWords(words);
  const cell: RawCell = { text: s, rowSpan: 1, colSpan: 1, path: '', page: page + 1 };
  if (words.length) cell.bbox = round([Math.min(...words.map((w) => w.x0)), Math.min(...words.map((w) => w.top)), Math.max(...words.map((w) => w.x1)), Math.max(...words.map((w) => w.bottom))]);
  return cell;
}

function joinWords(ws: Word[]): string {
  let s = '';
  for (const w of ws) {
    if (s && !CJK.test(s[s.length - 1]!) && !CJK.test(w.text[0]!)) s += ' ';
    s += w.text;
  }
  return s;
}
