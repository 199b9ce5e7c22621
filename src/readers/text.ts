// Plain-text reader: decoded text → paragraphs + a cell stream that keeps line and column.
//
// Layouts it tells apart (each a real export format, see fixtures/_make/make-text-layouts.mjs):
// - one row per line with tab or "|" separators (Markdown tables too: the header row above
//   "|---|" is text, never values; a row whose label cell is empty continues the label above it);
// - one cell per line: tab-indented (the seed) where an empty line ends a row, or LibreOffice/Word's
//   text export where an empty line IS an empty cell (and a vertically merged cell leaves one
//   before the next row's label);
// - text laid out in columns (pdftotext -layout): rows read by src/text/positional.ts;
// - anything else: space-separated words, one stream.
import type { Paragraph, ReaderNote, SourceDoc, Token } from '../types.js';
import { hasCjk, isBlankText, isBlankUnit, isValueText } from '../text/normalize.js';
import { readColumns, type ColumnBlock, type Placed, type PlacedLine } from '../text/positional.js';
import { resolveLimits, tooLarge, type Limits } from '../limits.js';

/** Page-number lines inside a table ("- 4 -", "第 4 页", "4 / 12"). */
const PAGE_NUMBER = /^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})\s*$/;
/** Table borders drawn with characters ("|---|---|", "+----+", "│", a lone "|"). */
const BORDER = /^[\s|+=:\-─━│┃┼┌┐└┘├┤┬┴╋]+$/;
const HAS_BORDER_CHAR = /[|+│┃┼┌┐└┘├┤┬┴╋]|^\s*[=─━]{3,}\s*$|^\s*-{3,}\s*$/;
/** A label with its value glued on: "行政许可3960181", "规章000". */
const GLUED_TAIL = /^(.*[\u3400-\u9fff）)\]”"])([+-]?\d[\d,]*(?:\.\d+)?(?:万元|元|件)?)$/;

/** Turns one word into tokens, splitting a glued numeric tail off a label. */
function wordTokens(word: string, line: number, column: number, out: Token[]): void {
  if (hasCjk(word) && !isValueText(word)) {
    // GLUED_TAIL ends in a digit, 元 or 件: any other last letter cannot match (most labels)
    const z = word.charCodeAt(word.length - 1);
    const m = (z >= 48 && z <= 57) || z === 0x5143 || z === 0x4ef6 ? GLUED_TAIL.exec(word) : null;
    if (m && isValueText(m[2]!)) {
      out.push({ text: m[1]!, kind: 'text', pos: { line, column } });
      out.push({ text: m[2]!, kind: 'value', pos: { line, column: column + m[1]!.length } });
      return;
    }
    out.push({ text: word, kind: 'text', pos: { line, column } });
    return;
  }
  out.push({ text: word, kind: isValueText(word) ? 'value' : 'text', pos: { line, column } });
}

/** Strips NBSPs at both ends (a loop: `/\u00a0+$/` is quadratic on a long NBSP run inside a word). */
function trimNbsp(w: string): string {
  let a = 0;
  let b = w.length;
  while (a < b && w.charCodeAt(a) === 0xa0) a++;
  while (b > a && w.charCodeAt(b - 1) === 0xa0) b--;
  return a === 0 && b === w.length ? w : w.slice(a, b);
}

/**
 * Splits a field on white space (space, tab, U+3000), keeping each word's column (where its run
 * starts, NBSPs at its ends then stripped). A loop over code units: the same words as the
 * `/[^ \t\u3000]+/g` walk it replaced, without a match array per word.
 */
function fieldTokens(field: string, line: number, startCol: number, out: Token[]): void {
  const n = field.length;
  let i = 0;
  while (i < n) {
    let c = field.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0x3000) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && (c = field.charCodeAt(i)) !== 32 && c !== 9 && c !== 0x3000) i++;
    let a = start;
    let b = i;
    while (a < b && field.charCodeAt(a) === 0xa0) a++;
    while (b > a && field.charCodeAt(b - 1) === 0xa0) b--;
    if (a === b) continue;
    wordTokens(a === 0 && b === n ? field : field.slice(a, b), line, startCol + start, out);
  }
}

/** Whether a code unit is white space for `String.prototype.trim` and `\s`. */
function isTrimSpace(c: number): boolean {
  return c === 0x200b ? false : isBlankUnit(c);
}

/** First letters a line can start with (after white space) to be a page number: - — – － 第 or a digit. */
function mayBePageNumber(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 0x2014 || c === 0x2013 || c === 0xff0d || c === 0x7b2c;
}

/** Characters of BORDER besides white space. */
const BORDER_CHARS = new Set([...'|+=:-─━│┃┼┌┐└┘├┤┬┴╋'].map((ch) => ch.charCodeAt(0)));

/** First letters (after the sign) VALUE_ATTEMPT allows: + - − － and the (full-width, super-, subscript) digits. */
function mayBeValueAttempt(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || c === 43 || c === 45 || c === 0x2212 || c === 0xff0d || c === 0xb9 || c === 0xb2 || c === 0xb3 || (c >= 0x2070 && c <= 0x2079) || (c >= 0x2080 && c <= 0x2089)
  );
}

/**
 * Tokenises the lines of a report. One cell per line (the seed, LibreOffice's export), one row per
 * line with tab or "|" separators, and PDF text with space-separated cells all become one stream.
 */
export function tokenizeLines(lines: string[], cap?: { maxCells: number; file: string }): Token[] {
  return tokenize(lines, analyseLayout(lines), cap);
}

function tokenize(lines: string[], layout: Layout, cap?: { maxCells: number; file: string }): Token[] {
  const out: Token[] = [];
  const blockAt = new Map<number, ColumnBlock>();
  for (const b of layout.blocks) blockAt.set(b.headerFirst, b);
  const markdown = layout.markdown.size > 0 ? layout.markdown : null;
  for (let i = 0; i < lines.length; i++) {
    const raw0 = lines[i]!;
    const line = i + 1;
    if (cap && out.length > cap.maxCells) throw tooLarge(cap.file, 'maxCells', 'cells', null, cap.maxCells);
    if (blockAt.size > 0) {
      const block = blockAt.get(i);
      if (block) {
        columnTokens(block, out);
        i = Math.max(i, block.last); // the block's lines are read (the loop's i++ moves past them)
        continue;
      }
    }
    const raw = raw0.charCodeAt(0) === 12 ? raw0.replace(/^\f+/, '') : raw0; // a page break (pdftotext)
    if (raw === '') {
      // LibreOffice/Word one-cell-per-line text: an empty line inside a table is an empty cell
      out.push(layout.emptyCells && i > layout.cellsFrom && i < layout.cellsTo ? { text: '', kind: 'blank', pos: { line, column: 1 } } : { text: '', kind: 'gap', pos: { line } });
      continue;
    }
    if (markdown?.has(i)) {
      markdownRow(raw, line, markdown.get(i)!, out);
      continue;
    }
    // the first letter that is not white space (trim's), if any: the cheap tests before the patterns
    let f0 = 0;
    while (f0 < raw.length && isTrimSpace(raw.charCodeAt(f0))) f0++;
    const first = f0 < raw.length ? raw.charCodeAt(f0) : -1;
    const heading = first === 35 ? mdHeading(raw) : null; // "#"
    if (heading !== null) {
      out.push({ text: heading, kind: 'text', pos: { line, column: f0 + 1 }, standalone: true });
      continue;
    }
    if (isBlankText(raw)) {
      // a tab-only or NBSP-only line: an explicitly blank cell (or a merged-cell placeholder)
      out.push({ text: raw, kind: /[\t\u00a0\u3000]/.test(raw) ? 'blank' : 'gap', pos: { line, column: 1 } });
      continue;
    }
    if (mayBePageNumber(first) && PAGE_NUMBER.test(raw)) continue;
    if (BORDER_CHARS.has(first) && BORDER.test(raw) && HAS_BORDER_CHAR.test(raw)) continue;
    let lead = 0;
    while (lead < raw.length && (raw.charCodeAt(lead) === 9 || raw.charCodeAt(lead) === 32)) lead++;
    // the line without its leading tabs and spaces: its trimmed text when that is all trim took (no copy)
    const t0 = layout.trimmed[i]!;
    const body = lead === 0 ? raw : raw0 === raw && t0.length === raw.length - lead ? t0 : raw.slice(lead);
    if (/[\t|│]/.test(body)) {
      // one row per line: tab or pipe separators; an empty field is a blank cell
      let fields = body.split(/[\t|│]/);
      let col = lead + 1;
      if (/^[|│]/.test(body)) {
        fields = fields.slice(1);
        col += 1;
      }
      if (/[|│]\s*$/.test(body) && fields.length > 0 && fields[fields.length - 1]!.trim() === '') fields = fields.slice(0, -1);
      for (const f of fields) {
        if (isBlankText(f)) out.push({ text: f, kind: 'blank', pos: { line, column: col } });
        else fieldTokens(f, line, col, out);
        col += f.length + 1;
      }
      continue;
    }
    if (mayBeValueAttempt(first)) {
      const t = body.trim();
      if (VALUE_ATTEMPT.test(t) && !/\s/.test(t) && !isValueText(t)) {
        // a cell of its own that does not read as a number ("12（含3）", "1e309", "0x10", "¹²³"): it keeps its
        // place in the row (the mapper reports it as an invalid value) instead of becoming a label
        out.push({ text: t, kind: 'value', pos: { line, column: lead + 1 } });
        continue;
      }
    }
    fieldTokens(body, line, lead + 1, out);
  }
  return out;
}

/** The text of a Markdown heading ("## 一、总体情况" → "一、总体情况"), or null. No regular expression: linear on any line. */
export function mdHeading(raw: string): string | null {
  let i = 0;
  while (i < 3 && raw.charCodeAt(i) === 32) i++;
  let h = 0;
  while (raw.charCodeAt(i + h) === 35) h++; // "#"
  if (h < 1 || h > 6) return null;
  const c = raw.charCodeAt(i + h);
  if (c !== 32 && c !== 9 && c !== 0x3000) return null;
  let t = raw.slice(i + h).trim();
  let e = t.length;
  while (e > 0 && t.charCodeAt(e - 1) === 35) e--; // closing "#"s
  if (e < t.length && (e === 0 || /\s/.test(t[e - 1]!))) t = t.slice(0, e).trim();
  return t === '' ? null : t;
}

/** A Markdown table's header separator ("|---|:---:|"): every cell dashes with optional colons. Linear. */
function isMdSeparator(l: string): boolean {
  if (l.length > 4000 || !l.includes('|') || !l.includes('---')) return false;
  const cells = l.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  return cells.length > 0 && cells.every((c) => /^:?-{3,}:?$/.test(c.trim()));
}

/** A Markdown row whose label cell is empty ("| | 705 | …"). */
function emptyLabelRow(l: string): boolean {
  const t = l.trimStart();
  return t.startsWith('|') && t.slice(1).trimStart().startsWith('|');
}
/**
 * A line that is one cell trying to be a number: digits first, then only letters, digits, signs,
 * points or a short bracketed note ("12（含3）", "1e309", "0x10", superscript digits). Not a label
 * ("1.属于国家秘密", "2024年").
 */
const VALUE_ATTEMPT = /^[+\-−－]?[0-9０-９¹²³⁰-⁹₀-₉][0-9０-９¹²³⁰-⁹₀-₉a-zA-Z.,，．+\-]*(?:[（(][^（()）]{0,16}[）)])?$/;

interface Layout {
  /** Lines read as column blocks (pdftotext -layout). */
  blocks: ColumnBlock[];
  /** One cell per line, an empty line an empty cell: inside (cellsFrom, cellsTo) only. */
  emptyCells: boolean;
  cellsFrom: number;
  cellsTo: number;
  /** Markdown table lines: `header` (the row above "|---|"), `label` (a label whose numbers are on the next row) or `row`. */
  markdown: Map<number, MdRole>;
  /** Each line trimmed. */
  trimmed: string[];
}

/** Decides the layout of a text file from its lines (see the module comment). */
function analyseLayout(lines: string[]): Layout {
  const markdown = new Map<number, MdRole>();
  let tabbed = 0;
  let separated = 0;
  let single = 0;
  let firstSingle = -1;
  let lastSingle = -1;
  let emptyBetween = 0;
  let lastWasSingle = false;
  let sawEmptyAfterSingle = false;
  let formFeeds = 0;
  /** Values with an empty line before and after them, and values on the line right after another value. */
  let isolated = 0;
  let adjacent = 0;
  let prevSingle = false;
  let nonEmpty = 0;
  /** Each line trimmed (the paragraphs are these). */
  const trimmed = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.charCodeAt(0) === 12) formFeeds++;
    // a Markdown table: "|---|" once, under its first row (a table drawn with a border line between
    // every row is not one: its first row is data)
    if (i > 0 && isMdSeparator(l) && lines[i - 1]!.includes('|') && !/^\s*[|+]/.test(lines[i - 2] ?? '') && !mdTableHasMoreSeparators(lines, i)) {
      markdown.set(i - 1, 'header');
      for (let j = i + 1; j < lines.length && lines[j]!.trimStart().startsWith('|') && !isMdSeparator(lines[j]!); j++) {
        // a label row with no numbers whose numbers follow on a row with no label: the label alone
        markdown.set(j, mdFields(lines[j]!).slice(1).every(isBlankText) && emptyLabelRow(lines[j + 1] ?? '') && mdFields(lines[j + 1]!).slice(1).some((f) => !isBlankText(f)) ? 'label' : 'row');
      }
    }
    if (l.charCodeAt(0) === 9) tabbed++;
    if (/\S[\t|│]/.test(l)) separated++;
    const t = l.trim();
    trimmed[i] = t;
    if (t === '') {
      if (lastWasSingle) sawEmptyAfterSingle = true;
      prevSingle = false;
      continue;
    }
    nonEmpty++;
    const isSingle = t.length <= 24 && maybeValue(t) && !/\s/.test(t) && isValueText(t);
    if (isSingle) {
      if (sawEmptyAfterSingle) emptyBetween++;
      if (prevSingle) adjacent++;
      else if (i > 0 && trimmed[i - 1] === '' && (lines[i + 1] ?? '').trim() === '') isolated++;
      single++;
      if (firstSingle < 0) firstSingle = i;
      lastSingle = i;
      sawEmptyAfterSingle = false;
    }
    // (a line of CJK text leaves sawEmptyAfterSingle as it is: only a value resets it)
    lastWasSingle = isSingle;
    prevSingle = isSingle;
  }
  // LibreOffice/Word text: cells one per line, not tab-indented (the seed's empty lines end rows).
  // Not text extracted from a PDF (plain pdftotext): there an empty line ends a text block, each
  // cell its own block, and a page ends in a form feed (LibreOffice and Word never write one), or
  // numbers standing alone between empty lines are at least half as many as numbers right under
  // another (in an export the filled cells of a row are adjacent lines: Shanghai's, 2 to 30)
  const pdfBlocks = formFeeds > 0 || (isolated >= 8 && 2 * isolated > adjacent);
  const emptyCells = tabbed < nonEmpty * 0.05 && separated < 5 && single >= 4 && emptyBetween >= 1 && !pdfBlocks;
  const blocks = emptyCells || markdown.size > 0 || separated >= 5 || tabbed >= nonEmpty * 0.05 ? [] : columnBlocks(lines);
  return { blocks, emptyCells, cellsFrom: firstSingle, cellsTo: lastSingle, markdown, trimmed };
}

/**
 * Column blocks of pdftotext -layout text: at least one block of three rows or more whose values
 * stand two spaces or more apart; otherwise the file is not laid out in columns.
 */
function columnBlocks(lines: string[]): ColumnBlock[] {
  // a value run two spaces or more from its neighbours somewhere: the file has columns at all
  if (!lines.some((l) => l.length < 2000 && /\S {2,}[+-]?\d[\d,.]*(?: {2,}[+-]?\d[\d,.]*)+\s*$/.test(l))) return [];
  let page = 0;
  const placed: PlacedLine[] = lines.map((raw0, i) => {
    let raw = raw0;
    if (raw.charCodeAt(0) === 12) {
      page += /^\f+/.exec(raw)![0].length;
      raw = raw.replace(/^\f+/, '');
    }
    if (PAGE_NUMBER.test(raw) || (BORDER.test(raw) && HAS_BORDER_CHAR.test(raw))) return { items: [], page };
    return { items: lineWords(raw, i + 1), page };
  });
  return readColumns(placed, { gap: 2, tol: 1 }).filter((b) => b.rows.some((r) => r.cells.length >= 2));
}

/**
 * Whether a word can be a cell value at all (its first character a digit, a sign, a dash or 无/×):
 * the cheap test before {@link isValueText}, which normalises the text.
 */
function maybeValue(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || c === 43 || c === 45 || c === 0x2212 || c === 0xff0d || (c >= 0x2013 && c <= 0x2015) || c === 47 || c === 0xff0f || c === 92 || c === 0x65e0 || c === 0xd7;
}

/** The words of a line with their columns; CJK letters spaced apart ("总 计") and a unit after its number ("251000 元") are one word. */
function lineWords(raw: string, line: number): Placed[] {
  const words: Placed[] = [];
  const re = /[^ \t\u3000]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const text = trimNbsp(m[0]);
    if (text === '') continue;
    const x0 = m.index;
    const prev = words[words.length - 1];
    if (prev && x0 - prev.x1 === 1) {
      // letter-spaced text ("总 计", "3. 危 及 “ 三 安 全"): a lone letter joins its neighbour
      const lone = (w: string): boolean => w.length === 1 && /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]/.test(w);
      const cjkJoin = !prev.value && (lone(text) || lone(prev.text)) && !(maybeValue(text) && isValueText(text)) && (hasCjk(text) || hasCjk(prev.text) || lone(text));
      const unit = prev.value && /^(万元|亿元|元|件|项|个|条|次)$/.test(text);
      if (cjkJoin || unit) {
        prev.text += text;
        prev.x1 = x0 + m[0].length;
        prev.value = maybeValue(prev.text) && isValueText(prev.text);
        continue;
      }
    }
    words.push({ text, x0, x1: x0 + m[0].length, value: maybeValue(text) && isValueText(text) && !(hasCjk(text) && !/^[\d,.]+(万元|亿元|元|件|项|个|条|次)$/.test(text)), ref: line });
  }
  return words;
}

/**
 * The tokens of a column block: header cells, then each row's label and its cells. A row short of
 * values gets a blank token for each empty column only where the header confirms the block's width
 * (a column blank in every row would make the rows one column narrower than the table); otherwise
 * its values alone, with their positions, for the mapper to place against the template's columns.
 */
function columnTokens(block: ColumnBlock, out: Token[]): void {
  const confirmed = block.headerColumns === block.columns;
  const posOf = (p: Placed) => ({ line: p.ref as number, column: p.x0 + 1 });
  for (const h of block.header) out.push({ text: h.text, kind: 'text', pos: posOf(h.items[0]!), by: 'columns' });
  for (const r of block.rows) {
    for (const w of r.label) out.push({ text: w.text, kind: 'text', pos: posOf(w), by: 'columns' });
    const line = r.lines[r.lines.length - 1]! + 1;
    const vline = (r.cells.find((c) => c) as Placed | undefined)?.ref as number | undefined;
    for (const c of r.cells) {
      if (c) out.push({ text: c.text, kind: 'value', pos: posOf(c), by: 'columns' });
      else if (confirmed) out.push({ text: '', kind: 'blank', pos: { line: vline ?? line }, by: 'columns' });
    }
  }
}

type MdRole = 'header' | 'label' | 'row';

/** Whether the pipe table whose separator is line `sep` has another separator line further down. */
function mdTableHasMoreSeparators(lines: string[], sep: number): boolean {
  for (let j = sep + 1; j < lines.length && /^\s*[|+]/.test(lines[j]!); j++) if (isMdSeparator(lines[j]!) || (BORDER.test(lines[j]!) && HAS_BORDER_CHAR.test(lines[j]!))) return true;
  return false;
}

/** The fields of a Markdown table row, without the outer pipes. */
function mdFields(raw: string): string[] {
  return raw.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
}

/**
 * A Markdown table row: header cells are text, never values; a row with an empty label cell
 * continues the label above it (its empty label cell is no cell); a `label` row gives its label only.
 */
function markdownRow(raw: string, line: number, role: MdRole, out: Token[]): void {
  const lead = /^[\t ]*/.exec(raw)![0].length;
  let body = raw.slice(lead);
  let col = lead + 1;
  if (body.startsWith('|')) {
    body = body.slice(1);
    col++;
  }
  const fields = body.replace(/\|\s*$/, '').split('|');
  const cells: { f: string; col: number }[] = [];
  for (const f of fields) {
    cells.push({ f, col });
    col += f.length + 1;
  }
  if (role === 'header') {
    // the header row: a cell is one word, never split into a label and digits ("数据1" is not 1); a
    // number standing alone stays a value (the first row of a table continued from the page before)
    cells.forEach((c, k) => {
      const t = c.f.trim();
      if (t === '') {
        if (k > 0) out.push({ text: c.f, kind: 'blank', pos: { line, column: c.col } });
      } else out.push({ text: t, kind: isValueText(t) ? 'value' : 'text', pos: { line, column: c.col + (c.f.length - c.f.trimStart().length) } });
    });
    return;
  }
  const values = cells.slice(1);
  const label = cells[0];
  if (label && !isBlankText(label.f)) fieldTokens(label.f, line, label.col, out);
  if (role === 'label') return;
  for (const c of values) {
    if (isBlankText(c.f)) out.push({ text: c.f, kind: 'blank', pos: { line, column: c.col } });
    else if (isValueText(c.f.trim()) || VALUE_ATTEMPT.test(c.f.trim())) out.push({ text: c.f.trim(), kind: 'value', pos: { line, column: c.col } });
    else fieldTokens(c.f, line, c.col, out);
  }
}

/** Paragraphs of a text file: its non-blank lines, trimmed; a Markdown heading without its "#" markup. */
export function textParagraphs(lines: string[], trimmed?: string[]): Paragraph[] {
  const paras: Paragraph[] = [];
  for (let i = 0; i < lines.length; i++) {
    let t = trimmed ? trimmed[i]! : lines[i]!.trim(); // = /^\s+|\s+$/ (\s has NBSP, U+3000, U+FEFF), without its quadratic backtracking on long blank runs
    if (t.charCodeAt(0) === 35) t = mdHeading(t) ?? t; // "#"
    if (t !== '') paras.push({ text: t, pos: { line: i + 1 } });
  }
  return paras;
}

/**
 * The lines of a text (CR, LF or CRLF end a line; a BOM at its start dropped), its line count and
 * line lengths checked as they are cut: the first line too long or the line past the limit throws,
 * before any further line is cut (one pass: the check and `split(/\r\n|\r|\n/)` were two).
 */
function checkedLines(text: string, file: string, lim: Limits): string[] {
  const out: string[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0; // (counted in line 1's length, as it was)
  let lines = 1;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (i - start > lim.maxLineLength) throw tooLarge(file, 'maxLineLength', `line ${lines} length`, i - start, lim.maxLineLength);
    out.push(text.slice(start === 0 ? bom : start, i));
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
    if (++lines > lim.maxLines) throw tooLarge(file, 'maxLines', 'lines', null, lim.maxLines);
  }
  if (text.length - start > lim.maxLineLength) throw tooLarge(file, 'maxLineLength', `line ${lines} length`, text.length - start, lim.maxLineLength);
  out.push(text.slice(start === 0 ? bom : start));
  return out;
}

/** Builds the {@link SourceDoc} of a decoded text file. */
export function readText(text: string, meta: { path: string; encoding: string; sha256: string; bytes: number; notes: ReaderNote[] }, limits: Partial<Limits> = {}): SourceDoc {
  const lim = resolveLimits(limits);
  const lines = checkedLines(text, meta.path, lim);
  const layout = analyseLayout(lines);
  const tokens = tokenize(lines, layout, { maxCells: lim.maxCells, file: meta.path });
  if (tokens.length > lim.maxCells) throw tooLarge(meta.path, 'maxCells', 'cells', null, lim.maxCells);
  return {
    path: meta.path,
    format: 'text',
    encoding: meta.encoding,
    sha256: meta.sha256,
    bytes: meta.bytes,
    paragraphs: textParagraphs(lines, layout.trimmed),
    tokens,
    notes: meta.notes,
  };
}
