// HTML reader: charset (BOM, <meta>, sniffing) → one streaming pass over htmlparser2's Parser events
// → paragraphs and raw tables → expanded grids. No tree is built: each element is a small frame while
// it is open, and what is kept (paragraph and cell text, rows, cells) is counted against the limits as
// it is read. Survives Word-exported markup (MsoNormal, <o:p>, nested spans), fragments and full web pages.
import { Parser } from 'htmlparser2';
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { BYTE_MODE, sliceFromUtf8 } from './_byte-mode.js';
import { CellBudget, resolveLimits, tooLarge, type Limits } from '../limits.js';
import type { ReaderNote, SourceDoc, SourcePos } from '../types.js';
import { isUtf8 } from 'node:buffer';
import { bomOf, canonicalEncoding, decodeBytes } from './decode.js';
import { buildDoc, parseSpan, CJK, type Block, type RawCell, type RawRow, type RawTable } from './_grid.js';

/** Elements whose content is never report text. */
const SKIP = new Set(['nav', 'script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg', 'math', 'select', 'textarea', 'button', 'xml']);
/** Elements that start a new paragraph. */
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer',
  'nav', 'aside', 'main', 'blockquote', 'pre', 'center', 'form', 'fieldset', 'address', 'figure', 'figcaption', 'hr', 'body', 'html',
  'caption', 'details', 'summary', 'legend', 'menu', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);

/** What the handler needs to know of a tag name, in one lookup: bits of {@link TAGS}. */
const enum Tag {
  Skip = 1,
  Block = 2,
  Cell = 4,
}
const TAGS = new Map<string, number>();
for (const n of SKIP) TAGS.set(n, Tag.Skip);
for (const n of BLOCK) TAGS.set(n, (TAGS.get(n) ?? 0) | Tag.Block);
for (const n of ['td', 'th']) TAGS.set(n, (TAGS.get(n) ?? 0) | Tag.Cell);

/** Finds a charset declared in the first bytes: <meta charset>, http-equiv Content-Type, <?xml encoding>. */
export function sniffDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!;
  const re = /<meta\b[^>]*>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(head))) {
    const cs = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(m[0]);
    if (cs) return cs[1]!;
  }
  return null;
}

/**
 * The common case, same result as decodeBytes: valid UTF-8 without BOM, declared UTF-8 or declaring
 * nothing (then decodeBytes finds no NUL byte to sniff UTF-16 or refuse binary from, and takes
 * strict UTF-8 with no note). Returns the bytes as a Buffer, not decoded: see {@link LeanParser}.
 */
function utf8Bytes(bytes: Uint8Array, declared: string | null): Buffer | null {
  if (!BYTE_MODE || bomOf(bytes)) return null;
  if (declared ? canonicalEncoding(declared) !== 'utf-8' : hasNul(bytes)) return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isUtf8(buf) ? buf : null;
}

/** A NUL byte in the first 64 KB (what decodeBytes looks at to sniff UTF-16 or refuse binary). */
function hasNul(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  return bytes.subarray(0, n).indexOf(0) >= 0;
}

/** HTML white space as the reader collapses and trims it: space, tab, line feed, carriage return, form feed. */
const isHtmlSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13 || c === 12;

/** What {@link collapse} changes: a tab, line break or form feed, or two spaces. */
const COLLAPSES = /[\t\n\r\f]| {2}/;
const LINE_BREAK = /[\n\r]/;

/**
 * Collapses HTML white space: each run of it becomes one space, except that a run holding a line
 * break between CJK characters disappears (CSS segment-break rule).
 */
function collapse(s: string): string {
  if (!COLLAPSES.test(s)) return s; // nothing but single spaces: already collapsed
  if (!LINE_BREAK.test(s)) return s.replace(/[ \t\f]+/g, ' ');
  // the runs holding a line break, each whole (the leading part is greedy from the run's start);
  // the text between them holds runs without one
  const re = /[ \t\n\r\f]*[\n\r][ \t\n\r\f]*/g;
  let out = '';
  let from = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const at = m.index;
    const end = at + m[0].length;
    out += spacesCollapsed(s.slice(from, at)) + (at > 0 && end < s.length && CJK.test(s[at - 1]!) && CJK.test(s[end]!) ? '' : ' ');
    from = end;
  }
  return out + spacesCollapsed(s.slice(from));
}

/** Runs of spaces, tabs and form feeds → one space. */
const spacesCollapsed = (t: string): string => (COLLAPSES.test(t) ? t.replace(/[ \t\f]+/g, ' ') : t);

/** A character `/[\s\u00a0\u3000\u200b]/` matches (\s: JavaScript white space and line terminators). */
function isBlankUnit(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** `s.replace(/[\s\u00a0\u3000\u200b]+/g, '') !== ''`, without the replacement. */
function hasInk(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isBlankUnit(s.charCodeAt(i))) return true;
  return false;
}

/** An inline style that hides the element (browsers do not render it, nor its content). */
const HIDDEN_STYLE = /display\s*:\s*none/i;

/**
 * `s.trim() === ''`, without trim's string for the common run that starts with a character no
 * white space definition includes (below U+1680 only U+00A0 and the controls/space are; U+3001–U+FEFE
 * holds none).
 */
function isBlankRun(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c > 32 && c < 0x1680 && c !== 0xa0) || (c > 0x3000 && c < 0xfeff)) return false;
  return s.trim() === '';
}

/**
 * Strings appended one by one, joined every {@link Rope.CHUNK} pieces: millions of tiny pieces cost
 * their characters, not a string and an array slot each. The chunk list is made on first need.
 */
class Rope {
  private static readonly CHUNK = 1024;
  private chunks: string[] | null = null;
  private readonly subs: string[] = [];
  get isEmpty(): boolean {
    return this.subs.length === 0 && this.chunks === null;
  }
  push(s: string): void {
    const subs = this.subs;
    subs.push(s);
    if (subs.length >= Rope.CHUNK) {
      (this.chunks ??= []).push(subs.join(''));
      subs.length = 0;
    }
  }
  join(): string {
    const subs = this.subs;
    const tail = subs.length === 1 ? subs[0]! : subs.join('');
    return this.chunks !== null ? this.chunks.join('') + tail : tail;
  }
  clear(): void {
    this.chunks = null;
    const subs = this.subs;
    if (subs.length === 1) subs.pop();
    else if (subs.length !== 0) subs.length = 0;
  }
  /** Removes trailing U+0020 spaces (what `/ +$/` removes), looking only at the end. */
  trimEndSpaces(): void {
    for (;;) {
      const arr = this.subs.length ? this.subs : this.chunks;
      if (arr === null) return;
      const s = arr[arr.length - 1]!;
      let k = s.length;
      while (k > 0 && s.charCodeAt(k - 1) === 32) k--;
      if (k === s.length) return;
      if (k > 0) {
        arr[arr.length - 1] = s.slice(0, k);
        return;
      }
      arr.pop();
      if (arr.length === 0 && arr === this.chunks) this.chunks = null;
    }
  }
  /** The last code unit (the rope is not empty). */
  lastUnit(): string {
    const arr = this.subs.length ? this.subs : this.chunks!;
    const s = arr[arr.length - 1]!;
    return s[s.length - 1]!;
  }
}

/**
 * Text pieces with pending breaks (block boundaries, <br>): a piece that follows a break is joined
 * onto the previous piece ({@link joinBreak}: no space between CJK characters). Kept as ropes, so a
 * cell of a million lines is read in linear time. `size` counts the characters added (for the limits).
 * The last piece is a plain string while it is one (the common case), a rope once a break joins onto it.
 */
class TextBuf {
  /** Earlier pieces. */
  private readonly done = new Rope();
  /** The last piece (what a break joins onto). */
  private readonly last = new Rope();
  brk = false;
  size = 0;
  get empty(): boolean {
    return this.last.isEmpty;
  }
  add(s: string): void {
    if (s === '') return;
    if (this.brk && /^[ \t\n\r\f]*$/.test(s)) return; // keep the break pending
    this.size += s.length;
    const last = this.last;
    if (this.brk && !last.isEmpty) {
      // joinBreak(previous piece less its trailing spaces, s less its leading spaces); s keeps a
      // character other than white space, so the right side is never empty
      last.trimEndSpaces();
      const right = s.charCodeAt(0) === 32 ? s.replace(/^ +/, '') : s;
      if (last.isEmpty) last.push(right);
      else {
        const a = last.lastUnit();
        const b = right[0]!;
        last.push(/\s/.test(a) || /\s/.test(b) || CJK.test(a) || CJK.test(b) ? right : ` ${right}`);
      }
    } else {
      if (!last.isEmpty) {
        this.done.push(last.join());
        last.clear();
      }
      last.push(s);
    }
    this.brk = false;
  }
  text(): string {
    let s = this.done.isEmpty ? this.last.join() : this.done.join() + this.last.join();
    if (s.indexOf('  ') >= 0) s = s.replace(/ {2,}/g, ' ');
    const n = s.length;
    if (n > 0 && (isHtmlSpace(s.charCodeAt(0)) || isHtmlSpace(s.charCodeAt(n - 1)))) s = s.replace(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/g, '');
    return s;
  }
  reset(): void {
    this.done.clear();
    this.last.clear();
    this.brk = false;
    this.size = 0;
  }
}

const enum Role {
  /** Block or inline content of a flow (the root, and everything in a cell's content). */
  Content,
  /** A table, or a row group in it (thead, tbody, tfoot, form): rows are its tr children. */
  Table,
  Row,
  Cell,
}

/**
 * An open element, and what reading its content needs. Only its lifetime keeps it (and, through
 * `parent`, its ancestors): nothing of the document is kept as a tree. Skipped elements (SKIP,
 * hidden, and what a table ignores) get none: leaving them out changes no path, which counts
 * same-name siblings only (a skipped element's name never equals a kept sibling's: see
 * {@link HtmlHandler.onopentag}).
 */
class Node {
  /** Path, once computed. */
  path: string | undefined = undefined;
  /** Children opened so far: the last one's name and how many of that name; the other names' counts once a second name turned up. */
  kidName: string | null = null;
  kidN = 0;
  seen: Map<string, number> | null = null;
  /** Content and Cell: the flow its text and blocks go to; its nearest block element (itself for a block); the innermost cell this is the content of. */
  flow: Flow | null = null;
  block: Node | null = null;
  cell: CellCtx | null = null;
  /** Table and Row: the table; Row: the row. */
  table: RawTable | null = null;
  row: RawRow | null = null;
  constructor(
    readonly name: string,
    /** null for the root. */
    readonly parent: Node | null,
    /** 1-based line of the start tag. */
    readonly line: number,
    /** 1-based index among same-name element siblings. */
    readonly nth: number,
    readonly role: Role,
    /** Content: inside an <a>. */
    readonly inLink: boolean,
  ) {}
}

/** XPath-like path of an element (html/body left out), e.g. `div[2]/table[1]/tbody[1]/tr[5]/td[3]`. */
function pathOf(el: Node): string {
  let p = el.path;
  if (p !== undefined) return p;
  const up = el.parent!;
  const parent = up.parent !== null ? pathOf(up) : '';
  if (el.name === 'html' || el.name === 'body') p = parent;
  else {
    const own = `${el.name}[${el.nth}]`;
    p = parent ? `${parent}/${own}` : own;
  }
  el.path = p;
  return p;
}

const posOf = (el: Node): SourcePos => ({ path: pathOf(el), line: el.line });

/**
 * A flow of block content: paragraphs and tables in document order (the document, or a cell that
 * holds a table). A paragraph whose text is all inside links (menus, breadcrumbs, related-article
 * lists of a web page) is navigation, not report text.
 */
class Flow {
  out: Block[] = [];
  readonly buf = new TextBuf();
  /** Block element of the paragraph's first non-blank text. */
  anchor: Node | null = null;
  /** Some of the paragraph's text is outside links. */
  plain = false;
  /** Paragraphs pushed, and their characters (given back when a cell's flow is dropped). */
  paras = 0;
  chars = 0;
  /**
   * A cell's flow: its paragraphs' anchors, in order, their positions made only if the flow is kept
   * (the cell holds a table); null for the document's flow, whose positions are made at once.
   */
  anchors: Node[] | null = null;
  constructor(public parent: Node | null) {}
}

/** Empties a list kept for reuse: a short one by pops (setting `length` is a runtime call). */
function empty(list: unknown[]): void {
  if (list.length > 8) list.length = 0;
  else while (list.length !== 0) list.pop();
}

/** Position of a cell flow's paragraph, filled in when the flow is kept. */
const NO_POS: SourcePos = Object.freeze({}) as SourcePos;

/**
 * A td/th being read. Its content is read both ways at once, since whether it holds a table is
 * known only at its end: as one inline text (`buf`: blocks and <br> become breaks) and as a flow
 * (paragraphs and the nested tables); the flow is kept only when a table turned up.
 */
interface CellCtx {
  raw: RawCell;
  buf: TextBuf;
  flow: Flow;
  hasTable: boolean;
}

/**
 * The reader: htmlparser2's Parser events → blocks, in one pass. Limits are checked as the document
 * is read (elements, nesting, paragraphs, cells, rows, characters kept), so memory follows what is
 * kept and a hostile page stops early with E_TOO_LARGE.
 */
class HtmlHandler {
  readonly root: Node = new Node('', null, 1, 0, Role.Content, false);
  readonly top: Flow = new Flow(null);
  private cur: Node = this.root;
  /** Open elements (the root not counted), skipped ones included. */
  private open = 0;
  /** >0 inside a skipped element: nothing is kept. */
  skip = 0;
  /** The start tag being read: its name and {@link Tag} bits; td/th (spans wanted); attributes wanted at all; one of them built. */
  private tagName = '';
  private tagBits = 0;
  isCell = false;
  wantAttribs = false;
  attribs = false;
  /** The text run being read (adjacent text events, not yet split by a tag, comment or instruction). */
  private run = '';
  private runParts: string[] | null = null;
  private tableCount = 0;
  private elements = 0;
  private paras = 0;
  private chars = 0;
  private cells = 0;
  private rows = 0;
  /** Cell buffers and flows of ended cells, for the next cells. */
  private readonly freeBufs: TextBuf[] = [];
  private readonly freeFlows: Flow[] = [];
  parser: Parser | null = null;
  /** Line counting, forwards as start tags come: the offset of the next line break and the line there. */
  private nextBreak: number;
  private line = 1;
  private lastOffset = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lim: Limits,
  ) {
    this.nextBreak = text.indexOf('\n');
    this.root.flow = this.top;
  }

  /** Text events are sliced only where the text is kept. */
  get keepsText(): boolean {
    return this.skip === 0 && this.cur.role !== Role.Table && this.cur.role !== Role.Row;
  }

  private lineAt(offset: number): number {
    let nb = this.nextBreak;
    if (nb >= 0 && nb < offset) {
      let line = this.line;
      const text = this.text;
      do {
        line++;
        nb = text.indexOf('\n', nb + 1);
      } while (nb >= 0 && nb < offset);
      this.line = line;
      this.nextBreak = nb;
      return line;
    }
    const last = this.lastOffset;
    if (offset >= last) return this.line;
    // an offset before an earlier one (not seen from htmlparser2 10, which gives start tags in
    // order): the line at the latest offset less the breaks in between
    let line = this.line;
    const text = this.text;
    for (let i = text.lastIndexOf('\n', last - 1); i >= offset && i >= 0; i = i > 0 ? text.lastIndexOf('\n', i - 1) : -1) line--;
    return line;
  }

  /** A kept element opened in `parent`: its same-name index counted, its line found. */
  private child(parent: Node, name: string, role: Role, inLink: boolean): Node {
    let nth: number;
    const last = parent.kidName;
    if (last === name) nth = ++parent.kidN;
    else {
      if (last === null) nth = 1;
      else {
        let seen = parent.seen;
        if (seen === null) seen = parent.seen = new Map();
        seen.set(last, parent.kidN);
        nth = (seen.get(name) ?? 0) + 1;
      }
      parent.kidName = name;
      parent.kidN = nth;
    }
    const offset = this.parser!.startIndex;
    const line = this.lineAt(offset);
    if (offset > this.lastOffset) this.lastOffset = offset;
    return new Node(name, parent, line, nth, role, inLink);
  }

  private tooLarge(limit: 'maxElements' | 'maxParagraphs' | 'maxTextChars' | 'maxCells' | 'maxTables', what: string): never {
    throw tooLarge(this.file, limit, what, null, this.lim[limit]);
  }

  private checkBuf(buf: TextBuf): void {
    if (buf.size + this.chars > this.lim.maxTextChars) this.tooLarge('maxTextChars', 'characters of text');
  }

  /** Ends a paragraph of a flow. */
  private flush(flow: Flow): void {
    const buf = flow.buf;
    if (buf.empty) {
      buf.brk = false;
      flow.anchor = null;
      flow.plain = false;
      return;
    }
    if (flow.plain) {
      const text = buf.text();
      if (hasInk(text)) {
        const at = flow.anchor ?? flow.parent;
        const anchors = flow.anchors;
        if (anchors !== null) {
          anchors.push(at!);
          flow.out.push({ kind: 'para', text, pos: NO_POS });
        } else flow.out.push({ kind: 'para', text, pos: at ? posOf(at) : {} });
        flow.paras++;
        flow.chars += text.length;
        this.chars += text.length;
        if (++this.paras > this.lim.maxParagraphs) this.tooLarge('maxParagraphs', 'paragraphs');
        if (this.chars > this.lim.maxTextChars) this.tooLarge('maxTextChars', 'characters of text');
      }
    }
    buf.reset();
    flow.anchor = null;
    flow.plain = false;
  }

  /** Ends the text run (not empty): entities decoded, white space collapsed, then into the flow and the cell text. */
  private endRun(): void {
    let s = this.run;
    const parts = this.runParts;
    if (parts !== null) {
      parts.push(s);
      s = parts.join('');
      this.runParts = null;
    }
    this.run = '';
    if (s.indexOf('&') >= 0) s = decodeHTML(s);
    const t = collapse(s);
    const f = this.cur;
    const flow = f.flow!;
    if (t !== '' && !isBlankRun(t)) {
      if (!flow.anchor) flow.anchor = f.block;
      if (!f.inLink) flow.plain = true;
    }
    flow.buf.add(t);
    this.checkBuf(flow.buf);
    const cell = f.cell;
    if (cell !== null && !cell.hasTable) {
      cell.buf.add(t);
      this.checkBuf(cell.buf);
    }
  }

  ontext(data: string): void {
    if (this.run === '') this.run = data;
    else if (this.runParts !== null) {
      this.runParts.push(this.run);
      this.run = data;
    } else {
      this.runParts = [this.run];
      this.run = data;
    }
  }

  onopentagname(name: string): void {
    const bits = TAGS.get(name) ?? 0;
    this.tagName = name;
    this.tagBits = bits;
    this.isCell = (bits & Tag.Cell) !== 0;
    this.wantAttribs = this.skip === 0 && (bits & Tag.Skip) === 0;
    this.attribs = false;
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    if (this.run !== '') this.endRun();
    this.wantAttribs = false;
    if (++this.elements > this.lim.maxElements) this.tooLarge('maxElements', 'HTML elements');
    // as DomHandler's stack: the root and the open elements
    if (this.open + 1 > this.lim.maxDepth) throw tooLarge(this.file, 'maxDepth', 'element nesting depth', null, this.lim.maxDepth);
    this.open++;
    // the Parser gives each start tag's name first (onopentagname), then its attributes, then this
    const bits = name === this.tagName ? this.tagBits : (TAGS.get(name) ?? 0);
    const hasAttribs = this.attribs;
    this.attribs = false;
    if (this.skip > 0 || (bits & Tag.Skip) !== 0 || (hasAttribs && isHidden(attribs))) {
      this.skip++;
      return;
    }
    const p = this.cur;
    switch (p.role) {
      case Role.Table:
        // rows, and row groups (<form> wrapped around rows in old CMS markup); nothing else of a table is read
        if (name === 'tr') {
          const row: RawRow = { cells: [] };
          p.table!.rows.push(row);
          if (++this.rows > this.lim.maxCells) throw tooLarge(this.file, 'maxCells', 'table rows', null, this.lim.maxCells);
          const el = this.child(p, name, Role.Row, false);
          el.table = p.table;
          el.row = row;
          this.cur = el;
        } else if (name === 'thead' || name === 'tbody' || name === 'tfoot' || name === 'form') {
          const el = this.child(p, name, Role.Table, false);
          el.table = p.table;
          this.cur = el;
        } else this.skip++;
        return;
      case Role.Row: {
        if (name !== 'td' && name !== 'th') {
          this.skip++;
          return;
        }
        const el = this.child(p, name, Role.Cell, false);
        const raw: RawCell = {
          text: '',
          rowSpan: hasAttribs ? parseSpan(attr(attribs, 'rowspan'), 'row') : 1,
          colSpan: hasAttribs ? parseSpan(attr(attribs, 'colspan'), 'col') : 1,
          path: pathOf(el),
          line: el.line,
        };
        p.row!.cells.push(raw);
        this.count();
        let flow = this.freeFlows.pop();
        if (flow === undefined) {
          flow = new Flow(el);
          flow.anchors = [];
        } else flow.parent = el;
        const cell: CellCtx = { raw, buf: this.freeBufs.pop() ?? new TextBuf(), flow, hasTable: false };
        el.flow = flow;
        el.block = el;
        el.cell = cell;
        this.cur = el;
        return;
      }
      default: {
        const flow = p.flow!;
        const cell = p.cell;
        if (name === 'table') {
          const el = this.child(p, name, Role.Table, false);
          this.flush(flow);
          if (cell !== null && !cell.hasTable) {
            cell.hasTable = true;
            cell.buf.reset();
          }
          if (this.tableCount >= this.lim.maxTables) this.tooLarge('maxTables', 'tables');
          const table: RawTable = { index: this.tableCount++, rows: [], path: pathOf(el), line: el.line };
          flow.out.push({ kind: 'table', table });
          el.table = table;
          this.cur = el;
          return;
        }
        const el = this.child(p, name, Role.Content, p.inLink || name === 'a');
        const block = (bits & Tag.Block) !== 0;
        if (block || name === 'br') {
          this.flush(flow);
          if (cell !== null) cell.buf.brk = true;
        }
        el.flow = flow;
        el.block = block ? el : p.block;
        el.cell = cell;
        this.cur = el;
      }
    }
  }

  /** One more cell kept (each stands on one grid position at least: the grid's budget is not outrun). */
  private count(): void {
    if (++this.cells > this.lim.maxCells) this.tooLarge('maxCells', 'table cells');
  }

  onclosetag(): void {
    if (this.run !== '') this.endRun();
    // more closes than opens only at the end, after an open tag the input cut short
    if (this.open === 0) return;
    this.open--;
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    const f = this.cur;
    this.cur = f.parent!;
    if (f.role === Role.Content) {
      if (f.block === f) {
        this.flush(f.flow!);
        if (f.cell !== null) f.cell.buf.brk = true;
      }
    } else if (f.role === Role.Cell) this.endCell(f.cell!);
  }

  private endCell(cell: CellCtx): void {
    const flow = cell.flow;
    this.flush(flow);
    const raw = cell.raw;
    const out = flow.out;
    if (cell.hasTable) {
      // the flow is kept: its paragraphs get their positions
      // its paragraphs get their positions; its text is theirs joined by joinBreak (pieces gathered,
      // joined once: joinBreak on the growing text would read its last character, flattening it each time)
      const anchors = flow.anchors!;
      const pieces: string[] = [];
      let lastUnit = '';
      let k = 0;
      for (let i = 0; i < out.length; i++) {
        const b = out[i]!;
        if (b.kind !== 'para') continue;
        b.pos = posOf(anchors[k++]!);
        const t = b.text;
        if (t === '') continue;
        if (pieces.length !== 0) {
          const first = t[0]!;
          if (!(/\s/.test(lastUnit) || /\s/.test(first) || CJK.test(lastUnit) || CJK.test(first))) pieces.push(' ');
        }
        pieces.push(t);
        lastUnit = t[t.length - 1]!;
      }
      raw.flow = out;
      raw.text = pieces.length === 1 ? pieces[0]! : pieces.join('');
      flow.out = [];
    } else {
      // the flow was read in case a table turned up: its paragraphs are dropped
      this.paras -= flow.paras;
      this.chars -= flow.chars;
      raw.text = cell.buf.text();
      empty(out);
    }
    this.chars += raw.text.length;
    if (this.chars > this.lim.maxTextChars) this.tooLarge('maxTextChars', 'characters of text');
    const anchors = flow.anchors!;
    empty(anchors);
    flow.paras = 0;
    flow.chars = 0;
    flow.parent = null;
    this.freeFlows.push(flow);
    cell.buf.reset();
    this.freeBufs.push(cell.buf);
  }

  oncommentend(): void {
    if (this.run !== '') this.endRun();
  }

  onprocessinginstruction(): void {
    if (this.run !== '') this.endRun();
  }

  onend(): void {
    if (this.run !== '') this.endRun();
    this.flush(this.top);
  }
}

/** An attribute value as the Parser would have decoded it. */
function attr(attribs: Record<string, string>, name: string): string | undefined {
  const v = attribs[name];
  return v !== undefined && v.indexOf('&') >= 0 ? decodeHTMLAttribute(v) : v;
}

function isHidden(attribs: Record<string, string>): boolean {
  if (attribs['hidden'] !== undefined) return true;
  const style = attr(attribs, 'style');
  return style !== undefined && HIDDEN_STYLE.test(style);
}

type QuoteType = Parameters<Parser['onattribend']>[0];

/**
 * htmlparser2's Parser, entities not decoded by the tokenizer (the handler decodes the text it keeps
 * with htmlparser2's own decoder, `entities`), without the work the handler does not need: only the
 * attributes it reads (rowspan/colspan of td/th, hidden, style) are built, text it does not keep is
 * never sliced.
 *
 * Byte mode (`utf8` given, see {@link sliceFromUtf8}): `text` is the UTF-8 bytes as latin1 and only
 * the slices kept are decoded. Offsets are then byte offsets: they only serve line numbers, which
 * are the same (a line break is one byte).
 */
class LeanParser extends Parser {
  /** Inside an attribute the handler reads. */
  private wanted = false;
  constructor(
    private readonly h: HtmlHandler,
    private readonly text: string,
    utf8: Buffer | null,
  ) {
    super(h, { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true });
    h.parser = this;
    if (utf8) sliceFromUtf8(this, text, utf8);
  }
  override ontext(start: number, endIndex: number): void {
    if (!this.h.keepsText) {
      this.endIndex = endIndex - 1;
      this.startIndex = endIndex;
    } else super.ontext(start, endIndex);
  }
  override onattribname(start: number, endIndex: number): void {
    const h = this.h;
    const n = endIndex - start;
    this.wanted = h.wantAttribs && (n === 5 || n === 6 || (n === 7 && h.isCell)) && isWanted(this.text, start, n);
    if (this.wanted) super.onattribname(start, endIndex);
  }
  override onattribdata(start: number, endIndex: number): void {
    if (this.wanted) super.onattribdata(start, endIndex);
  }
  override onattribend(quote: QuoteType, endIndex: number): void {
    if (this.wanted) {
      super.onattribend(quote, endIndex);
      this.wanted = false;
      this.h.attribs = true;
    } else this.endIndex = endIndex;
  }
}

/**
 * Attributes the handler reads, by their name at `text[start, start + n)` (ASCII case ignored,
 * without slicing it): style, hidden, and rowspan/colspan of td/th (see the length test above).
 * Only ASCII letters lower-case to the ASCII letters of these names (U+212A KELVIN SIGN lower-cases
 * to k, which none has), so this is `isWantedName(name.toLowerCase())`.
 */
function isWanted(text: string, start: number, n: number): boolean {
  if (n === 5) return matches(text, start, 'style');
  if (n === 6) return matches(text, start, 'hidden');
  return matches(text, start, 'rowspan') || matches(text, start, 'colspan');
}

/** text[start, start + name.length) equals the lower-case ASCII `name`, ASCII case ignored. */
function matches(text: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = text.charCodeAt(start + i);
    if (c >= 0x80 || (c | 0x20) !== name.charCodeAt(i)) return false;
  }
  return true;
}

/** Reads an HTML document (fragment or full page). */
export async function readHtml(bytes: Uint8Array, base: { path: string; sha256: string; bytes: number }, limits: Partial<Limits> = {}): Promise<SourceDoc> {
  const lim = resolveLimits(limits);
  const declared = sniffDeclaredCharset(bytes);
  const utf8 = utf8Bytes(bytes, declared);
  let text: string;
  let encoding = 'utf-8';
  const notes: ReaderNote[] = [];
  if (utf8) text = utf8.toString('latin1');
  else {
    const d = decodeBytes(bytes, base.path, declared);
    notes.push(...d.notes);
    encoding = d.encoding;
    text = d.text.replace(/^\ufeff/, '');
  }
  const h = new HtmlHandler(text, base.path, lim);
  new LeanParser(h, text, utf8).end(text);
  const built = buildDoc(h.top.out, new CellBudget(base.path, lim.maxCells));
  return {
    path: base.path,
    format: 'html',
    encoding,
    sha256: base.sha256,
    bytes: base.bytes,
    paragraphs: built.paragraphs,
    tokens: built.tokens,
    grids: built.grids,
    notes,
  };
}
