// Places on a line too long to count in (a web page flattened into one line of 4 000 characters):
// a short quote of the source around the cell, so "第10行“…予以公开【5】0 0…”" replaces "第10:4298行".
// Pure: reads the document's paragraphs, sets `quote` on the positions of cells and rows.
import type { ExtractedTable, Paragraph, SourcePos } from '../types.js';

/** Lines longer than this (characters) get a quote instead of a column. */
export const QUOTE_LINE_LENGTH = 120;
/** Characters kept on each side of the quoted text. */
const CONTEXT = 10;
/** The quoted text itself is cut after this many characters (a glued run can be a whole table). */
const MAX_MIDDLE = 16;

/** The quote of `text` at about `offset` in `line` (0-based): context, the text in 【】, context. */
export function quoteAt(line: string, offset: number, text: string): string {
  const len = Math.max(0, text.length);
  let at = offset;
  if (len && !(at >= 0 ? line.startsWith(text, at) : line.slice(at, at + len) === text)) {
    // the paragraph is trimmed: the cell is at or before its column
    const before = line.lastIndexOf(text, at);
    at = before >= 0 ? before : line.indexOf(text);
    if (at < 0) at = Math.min(Math.max(0, offset), line.length);
  }
  const from = Math.max(0, at - CONTEXT);
  if (at >= 0 && len <= MAX_MIDDLE) {
    // no white space in the quoted stretch (most quotes): the pieces as they stand (clean, trimStart
    // and trimEnd would change nothing: every letter trim removes is one clean replaces)
    const to = Math.min(line.length, at + len + CONTEXT);
    if (!hasSpace(line, from, to)) return (from > 0 ? '…' : '') + line.slice(from, at) + '【' + (line.slice(at, at + len) || ' ') + '】' + line.slice(at + len, to) + (to < line.length ? '…' : '');
  }
  const head = (from > 0 ? '…' : '') + clean(line.slice(from, at)).trimStart();
  if (len > MAX_MIDDLE) return `${head}【${clean(line.slice(at, at + MAX_MIDDLE))}…】`; // a glued run can be a whole table
  const to = Math.min(line.length, at + len + CONTEXT);
  const mid = clean(line.slice(at, at + len)) || ' ';
  const tail = clean(line.slice(at + len, to)).trimEnd() + (to < line.length ? '…' : '');
  return `${head}【${mid}】${tail}`;
}

/** A code unit {@link clean} replaces (and every one trim removes). */
function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether `x` has such a code unit in [from, to). */
function hasSpace(x: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isSpace(x.charCodeAt(i))) return true;
  return false;
}

/** White space runs as one space; the string itself when it has none (most quotes: a regex replace per piece was most of their cost). */
function clean(x: string): string {
  // every character \s matches, and some it does not (other C0 controls): only a trigger for the replace
  return hasSpace(x, 0, x.length) ? x.replace(/\s+/g, ' ') : x;
}

/** Sets `quote` on the cell and row positions of `tables` that sit on a long line of `paragraphs`. */
export function attachQuotes(tables: Record<string, ExtractedTable>, paragraphs: Paragraph[]): void {
  const long = new Map<number, string>();
  for (const p of paragraphs) if (p.pos.line !== undefined && p.pos.tableIndex === undefined && p.text.length > QUOTE_LINE_LENGTH) long.set(p.pos.line, p.text);
  if (long.size === 0) return;
  const done = new Set<SourcePos>();
  const mark = (pos: SourcePos | undefined, text: string): void => {
    if (!pos || pos.line === undefined || pos.tableIndex !== undefined) return;
    const line = long.get(pos.line);
    if (line === undefined || done.has(pos)) return;
    done.add(pos);
    pos.quote = quoteAt(line, (pos.column ?? 1) - 1, text);
  };
  // for-in, not Object.entries/values: most reports have long narrative lines but no cell on them,
  // and the arrays of every table's rows and cells were most of this pass's time
  for (const tk in tables) {
    const t = tables[tk]!;
    for (const rk in t.rows) mark(t.rows[rk]!.pos, t.rows[rk]!.label);
    for (const rk in t.cells) {
      const cells = t.cells[rk]!;
      for (const ck in cells) mark(cells[ck]!.pos, cells[ck]!.raw);
    }
  }
}
