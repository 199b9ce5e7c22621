// Plain-text reader: decoded text → paragraphs + a cell stream that keeps line and column.
import type { Paragraph, ReaderNote, SourceDoc, Token } from '../types.js';
import { hasCjk, isBlankText, isValueText } from '../extract/normalize.js';
import { splitLines } from './decode.js';
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
    const m = GLUED_TAIL.exec(word);
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

/** Splits a field on white space, keeping each word's column. */
function fieldTokens(field: string, line: number, startCol: number, out: Token[]): void {
  const re = /[^ \t\u3000]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field))) {
    const word = trimNbsp(m[0]);
    if (word === '') continue;
    wordTokens(word, line, startCol + m.index, out);
  }
}

/**
 * Tokenises the lines of a report. One cell per line (the seed, LibreOffice's export), one row per
 * line with tab or "|" separators, and PDF text with space-separated cells all become one stream.
 */
export function tokenizeLines(lines: string[], cap?: { maxCells: number; file: string }): Token[] {
  const out: Token[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (cap && out.length > cap.maxCells) throw tooLarge(cap.file, 'maxCells', 'cells', null, cap.maxCells);
    if (raw === '') {
      out.push({ text: '', kind: 'gap', pos: { line } });
      return;
    }
    if (isBlankText(raw)) {
      // a tab-only or NBSP-only line: an explicitly blank cell (or a merged-cell placeholder)
      out.push({ text: raw, kind: /[\t\u00a0\u3000]/.test(raw) ? 'blank' : 'gap', pos: { line, column: 1 } });
      return;
    }
    if (PAGE_NUMBER.test(raw)) return;
    if (BORDER.test(raw) && HAS_BORDER_CHAR.test(raw)) return;
    const lead = /^[\t ]*/.exec(raw)![0].length;
    const body = raw.slice(lead);
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
      return;
    }
    fieldTokens(body, line, lead + 1, out);
  });
  return out;
}

/** Paragraphs of a text file: its non-blank lines, trimmed. */
export function textParagraphs(lines: string[]): Paragraph[] {
  const paras: Paragraph[] = [];
  lines.forEach((raw, i) => {
    const t = raw.trim(); // = /^\s+|\s+$/ (\s has NBSP, U+3000, U+FEFF), without its quadratic backtracking on long blank runs
    if (t !== '') paras.push({ text: t, pos: { line: i + 1 } });
  });
  return paras;
}

/** Checks line count and length before the text is split (CR, LF or CRLF end a line). */
function checkLines(text: string, file: string, lim: Limits): void {
  let lines = 1;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (i - start > lim.maxLineLength) throw tooLarge(file, 'maxLineLength', `line ${lines} length`, i - start, lim.maxLineLength);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
    if (++lines > lim.maxLines) throw tooLarge(file, 'maxLines', 'lines', null, lim.maxLines);
  }
  if (text.length - start > lim.maxLineLength) throw tooLarge(file, 'maxLineLength', `line ${lines} length`, text.length - start, lim.maxLineLength);
}

/** Builds the {@link SourceDoc} of a decoded text file. */
export function readText(text: string, meta: { path: string; encoding: string; sha256: string; bytes: number; notes: ReaderNote[] }, limits: Partial<Limits> = {}): SourceDoc {
  const lim = resolveLimits(limits);
  checkLines(text, meta.path, lim);
  const lines = splitLines(text.replace(/^\ufeff/, ''));
  const tokens = tokenizeLines(lines, { maxCells: lim.maxCells, file: meta.path });
  if (tokens.length > lim.maxCells) throw tooLarge(meta.path, 'maxCells', 'cells', null, lim.maxCells);
  return {
    path: meta.path,
    format: 'text',
    encoding: meta.encoding,
    sha256: meta.sha256,
    bytes: meta.bytes,
    paragraphs: textParagraphs(lines),
    tokens,
    notes: meta.notes,
  };
}
