// HTML reader: charset (BOM, <meta>, sniffing) → htmlparser2 DOM → paragraphs and expanded tables.
// Survives Word-exported markup (MsoNormal, <o:p>, nested spans), fragments and full web pages.
import { Parser } from 'htmlparser2';
import { BYTE_MODE, sliceFromUtf8 } from './_byte-mode.js';
import { CellBudget, resolveLimits, tooLarge, type Limits } from '../limits.js';
import type { ReaderNote, SourceDoc, SourcePos } from '../types.js';
import { isUtf8 } from 'node:buffer';
import { bomOf, canonicalEncoding, decodeBytes } from './decode.js';
import { buildDoc, joinBreak, parseSpan, CJK, type Block, type RawCell, type RawRow, type RawTable } from './_grid.js';

/** Elements whose content is never report text. */
const SKIP = new Set(['nav', 'script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg', 'math', 'select', 'textarea', 'button', 'xml']);
/** Elements that start a new paragraph. */
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer',
  'nav', 'aside', 'main', 'blockquote', 'pre', 'center', 'form', 'fieldset', 'address', 'figure', 'figcaption', 'hr', 'body', 'html',
  'caption', 'details', 'summary', 'legend', 'menu', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);

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
 * strict UTF-8 with no note). Returns the bytes as a Buffer, not decoded: see {@link parseBounded}.
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

/** Offsets of line starts, for startIndex → 1-based line. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Collapses HTML white space; a source line break between CJK characters disappears (CSS segment-break rule). */
function collapse(s: string): string {
  if (!/[\t\n\r\f]| {2}/.test(s)) return s; // nothing but single spaces: already collapsed
  if (!/[\n\r]/.test(s)) return s.replace(/[ \t\f]+/g, ' ');
  return s.replace(/[ \t\n\r\f]+/g, (ws, at: number, all: string) => {
    if (/[\n\r]/.test(ws) && at > 0 && CJK.test(all[at - 1]!) && CJK.test(all[at + ws.length] ?? '')) return '';
    return ' ';
  });
}

/**
 * An element of the light tree the walk reads: what htmlparser2's DomHandler builds holds far more
 * (attributes of every tag, sibling links, node types) and was a fifth of a page's time in GC.
 * Elements in SKIP are left out with their content (the walk never enters them, and leaving them out
 * changes no path: a path counts same-name siblings only).
 */
interface El {
  name: string;
  /** null for the root. */
  parent: El | null;
  /** Elements and text runs (adjacent text merged, as DomHandler does); null while empty. */
  kids: (El | string)[] | null;
  /** Offset of the start tag in the text. */
  start: number;
  /** td/th only: the raw rowspan/colspan attributes. */
  rowspan: string | undefined;
  colspan: string | undefined;
  /** 1-based index among same-name element siblings, 0 until needed. */
  nth: number;
  /** Path, once computed. */
  path: string | undefined;
}

function newEl(name: string, parent: El | null, start: number): El {
  return { name, parent, kids: null, start, rowspan: undefined, colspan: undefined, nth: 0, path: undefined };
}

function hasTable(el: El): boolean {
  const kids = el.kids;
  if (kids === null) return false;
  for (let i = 0; i < kids.length; i++) {
    const e = kids[i]!;
    if (typeof e === 'string') continue;
    if (e.name === 'table' || hasTable(e)) return true;
  }
  return false;
}

/** Text pieces with pending breaks (block boundaries, <br>); reused after {@link TextBuf.reset}. */
class TextBuf {
  parts: string[] = [];
  brk = false;
  add(s: string): void {
    if (s === '') return;
    if (this.brk && /^[ \t\n\r\f]*$/.test(s)) return; // keep the break pending
    if (this.brk && this.parts.length) {
      const prev = this.parts.pop()!.replace(/ +$/, '');
      this.parts.push(joinBreak(prev, s.replace(/^ +/, '')));
    } else this.parts.push(s);
    this.brk = false;
  }
  text(): string {
    const p = this.parts;
    const s = p.length === 1 ? p[0]! : p.join('');
    return s.replace(/ {2,}/g, ' ').replace(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/g, '');
  }
  reset(): void {
    this.parts.length = 0;
    this.brk = false;
  }
}

class HtmlWalker {
  tableCount = 0;
  constructor(private readonly lineOf: (offset: number) => number) {}

  /** Numbers an element's same-name siblings (once per parent). */
  private indexOf(e: El): number {
    if (e.nth === 0) {
      const kids = e.parent!.kids!;
      const count = new Map<string, number>();
      for (let i = 0; i < kids.length; i++) {
        const s = kids[i]!;
        if (typeof s === 'string') continue;
        const k = (count.get(s.name) ?? 0) + 1;
        count.set(s.name, k);
        s.nth = k;
      }
    }
    return e.nth;
  }

  /** XPath-like path of an element (html/body left out), e.g. `div[2]/table[1]/tbody[1]/tr[5]/td[3]`. */
  pathOf(el: El): string {
    let p = el.path;
    if (p !== undefined) return p;
    const up = el.parent!;
    const parent = up.parent !== null ? this.pathOf(up) : '';
    if (el.name === 'html' || el.name === 'body') p = parent;
    else {
      const own = `${el.name}[${this.indexOf(el)}]`;
      p = parent ? `${parent}/${own}` : own;
    }
    el.path = p;
    return p;
  }

  pos(el: El): SourcePos {
    return { path: this.pathOf(el), line: this.lineOf(el.start) };
  }

  /**
   * Walks block content: paragraphs and tables in document order. A block whose text is all inside
   * links (menus, breadcrumbs, related-article lists of a web page) is navigation, not report text.
   */
  flow(nodes: (El | string)[] | null, out: Block[], parent: El | null): void {
    const buf = new TextBuf();
    let anchor: El | null = null;
    let plain = false;
    const flush = (): void => {
      if (buf.parts.length === 0) {
        buf.brk = false;
        anchor = null;
        plain = false;
        return;
      }
      if (plain) {
        const text = buf.text();
        if (text.replace(/[\s\u00a0\u3000\u200b]+/g, '') !== '') {
          const at = anchor ?? parent;
          out.push({ kind: 'para', text, pos: at ? this.pos(at) : {} });
        }
      }
      buf.reset();
      anchor = null;
      plain = false;
    };
    const walk = (list: (El | string)[] | null, block: El | null, inLink: boolean): void => {
      if (list === null) return;
      for (let i = 0; i < list.length; i++) {
        const n = list[i]!;
        if (typeof n === 'string') {
          const t = collapse(n);
          if (t.trim() !== '') {
            if (!anchor) anchor = block;
            if (!inLink) plain = true;
          }
          buf.add(t);
          continue;
        }
        const name = n.name;
        if (name === 'table') {
          flush();
          out.push({ kind: 'table', table: this.table(n) });
          continue;
        }
        if (name === 'br') {
          flush();
          continue;
        }
        if (BLOCK.has(name)) {
          flush();
          walk(n.kids, n, inLink);
          flush();
          continue;
        }
        walk(n.kids, block, inLink || name === 'a');
      }
    };
    walk(nodes, parent, false);
    flush();
  }

  /** Inline text of a cell: blocks and <br> become breaks (no space between CJK characters). */
  cellText(el: El): string {
    const buf = this.cellBuf;
    buf.reset();
    this.cellWalk(el.kids, buf);
    return buf.text();
  }

  private readonly cellBuf = new TextBuf();

  private cellWalk(list: (El | string)[] | null, buf: TextBuf): void {
    if (list === null) return;
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      if (typeof n === 'string') {
        buf.add(collapse(n));
        continue;
      }
      if (n.name === 'br') {
        buf.brk = true;
        continue;
      }
      const block = BLOCK.has(n.name);
      if (block) buf.brk = true;
      this.cellWalk(n.kids, buf);
      if (block) buf.brk = true;
    }
  }

  table(el: El): RawTable {
    const t: RawTable = { index: this.tableCount++, rows: [], path: this.pathOf(el), line: this.lineOf(el.start) };
    this.rowsOf(el, t);
    return t;
  }

  private rowsOf(parent: El, t: RawTable): void {
    const kids = parent.kids;
    if (kids === null) return;
    for (let i = 0; i < kids.length; i++) {
      const ch = kids[i]!;
      if (typeof ch === 'string') continue;
      const name = ch.name;
      if (name === 'tr') t.rows.push(this.row(ch));
      // <form> wrapped around rows in old CMS markup
      else if (name === 'thead' || name === 'tbody' || name === 'tfoot' || name === 'form') this.rowsOf(ch, t);
    }
  }

  row(tr: El): RawRow {
    const row: RawRow = { cells: [] };
    const kids = tr.kids;
    if (kids === null) return row;
    for (let i = 0; i < kids.length; i++) {
      const ch = kids[i]!;
      if (typeof ch === 'string' || (ch.name !== 'td' && ch.name !== 'th')) continue;
      const cell: RawCell = {
        text: '',
        rowSpan: parseSpan(ch.rowspan, 'row'),
        colSpan: parseSpan(ch.colspan, 'col'),
        path: this.pathOf(ch),
        line: this.lineOf(ch.start),
      };
      if (hasTable(ch)) {
        const flow: Block[] = [];
        this.flow(ch.kids, flow, ch);
        cell.flow = flow;
        cell.text = flow.reduce((acc, b) => (b.kind === 'para' ? joinBreak(acc, b.text) : acc), '');
      } else cell.text = this.cellText(ch);
      row.cells.push(cell);
    }
    return row;
  }
}

type QuoteType = Parameters<Parser['onattribend']>[0];

/**
 * Builds the light tree from htmlparser2's events, refusing nesting deeper than `maxDepth` while
 * parsing (the walks recurse once per level, and a deep open-element stack makes every stray end
 * tag a long search). The depth counts every open element, skipped ones included.
 */
class TreeBuilder {
  readonly root = newEl('', null, 0);
  private cur: El = this.root;
  /** Open elements (the root not counted), skipped ones included. */
  private open = 0;
  /** >0 inside a SKIP element: nothing is kept. */
  skip = 0;
  /** The open tag being read is a td/th whose attributes are kept. */
  wantAttribs = false;
  /** The last child of `cur` is a text run that further text joins. */
  private inText = false;
  parser: Parser | null = null;
  constructor(
    private readonly file: string,
    private readonly maxDepth: number,
  ) {}

  onopentagname(name: string): void {
    this.wantAttribs = this.skip === 0 && (name === 'td' || name === 'th');
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    this.inText = false;
    this.wantAttribs = false;
    // as DomHandler's stack: the root and the open elements
    if (this.open + 1 > this.maxDepth) throw tooLarge(this.file, 'maxDepth', 'element nesting depth', null, this.maxDepth);
    this.open++;
    if (this.skip > 0 || SKIP.has(name)) {
      this.skip++;
      return;
    }
    const el = newEl(name, this.cur, this.parser!.startIndex);
    if (name === 'td' || name === 'th') {
      el.rowspan = attribs['rowspan'];
      el.colspan = attribs['colspan'];
    }
    const parent = this.cur;
    if (parent.kids === null) parent.kids = [el];
    else parent.kids.push(el);
    this.cur = el;
  }

  onclosetag(): void {
    this.inText = false;
    // more closes than opens only at the end, after an open tag the input cut short
    if (this.open === 0) return;
    this.open--;
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    this.cur = this.cur.parent ?? this.root;
  }

  ontext(data: string): void {
    const kids = this.cur.kids;
    if (this.inText) kids![kids!.length - 1] += data;
    else {
      if (kids === null) this.cur.kids = [data];
      else kids.push(data);
      this.inText = true;
    }
  }

  oncommentend(): void {
    this.inText = false;
  }

  onprocessinginstruction(): void {
    this.inText = false;
  }
}

/** Attributes the walk reads (of td/th only). */
const isSpanAttr = (name: string): boolean => name === 'rowspan' || name === 'colspan';

/**
 * htmlparser2's Parser without the work the tree does not need: attributes other than td/th
 * rowspan/colspan, text inside skipped elements.
 *
 * Byte mode (`utf8` given, see {@link sliceFromUtf8}): `text` is the UTF-8 bytes as latin1 and only
 * the slices kept are decoded. Offsets are then byte offsets: they only serve line numbers, which
 * are the same (a line break is one byte).
 */
class LeanParser extends Parser {
  /** Inside a rowspan/colspan attribute of a td/th. */
  private spanAttr = false;
  constructor(
    private readonly tb: TreeBuilder,
    private readonly text: string,
    utf8: Buffer | null,
  ) {
    super(tb, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
    tb.parser = this;
    if (utf8) sliceFromUtf8(this, text, utf8);
  }
  override ontext(start: number, endIndex: number): void {
    if (this.tb.skip > 0) {
      this.endIndex = endIndex - 1;
      this.startIndex = endIndex;
    } else super.ontext(start, endIndex);
  }
  override ontextentity(cp: number, endIndex: number): void {
    if (this.tb.skip > 0) {
      this.endIndex = endIndex - 1;
      this.startIndex = endIndex;
    } else super.ontextentity(cp, endIndex);
  }
  override onattribname(start: number, endIndex: number): void {
    this.spanAttr = this.tb.wantAttribs && endIndex - start === 7 && isSpanAttr(this.text.slice(start, endIndex).toLowerCase());
    if (this.spanAttr) super.onattribname(start, endIndex);
  }
  override onattribdata(start: number, endIndex: number): void {
    if (this.spanAttr) super.onattribdata(start, endIndex);
  }
  override onattribentity(cp: number): void {
    if (this.spanAttr) super.onattribentity(cp);
  }
  override onattribend(quote: QuoteType, endIndex: number): void {
    if (this.spanAttr) {
      super.onattribend(quote, endIndex);
      this.spanAttr = false;
    } else this.endIndex = endIndex;
  }
}

function parseBounded(text: string, utf8: Buffer | null, file: string, maxDepth: number): El {
  const tb = new TreeBuilder(file, maxDepth);
  new LeanParser(tb, text, utf8).end(text);
  return tb.root;
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
  const root = parseBounded(text, utf8, base.path, lim.maxDepth);
  const walker = new HtmlWalker(lineIndex(text));
  const blocks: Block[] = [];
  walker.flow(root.kids, blocks, null);
  const built = buildDoc(blocks, new CellBudget(base.path, lim.maxCells));
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
