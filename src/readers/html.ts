// HTML reader: charset (BOM, <meta>, sniffing) → htmlparser2 DOM → paragraphs and expanded tables.
// Survives Word-exported markup (MsoNormal, <o:p>, nested spans), fragments and full web pages.
import { Parser } from 'htmlparser2';
import { DomHandler, type AnyNode, type Document, type Element } from 'domhandler';
import { CellBudget, resolveLimits, tooLarge, type Limits } from '../limits.js';
import type { ReaderNote, SourceDoc, SourcePos } from '../types.js';
import { isUtf8 } from 'node:buffer';
import { bomOf, canonicalEncoding, decodeBytes, type Decoded } from './decode.js';
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
 * Fast path for the common case, same result as decodeBytes: declared UTF-8, no BOM, valid UTF-8
 * (Buffer's decoder is several times faster than a fatal TextDecoder on large pages).
 */
function decodeFast(bytes: Uint8Array, declared: string | null): Decoded | null {
  if (!declared || bomOf(bytes) || canonicalEncoding(declared) !== 'utf-8') return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buf)) return null;
  return { text: buf.toString('utf8'), encoding: 'utf-8', notes: [] };
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
  if (!/[ \t\n\r\f]/.test(s)) return s;
  return s.replace(/[ \t\n\r\f]+/g, (ws, at: number, all: string) => {
    if (/[\n\r]/.test(ws) && at > 0 && CJK.test(all[at - 1]!) && CJK.test(all[at + ws.length] ?? '')) return '';
    return ' ';
  });
}

/** Text pieces with pending breaks (block boundaries, <br>). */
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
    return this.parts.join('').replace(/ {2,}/g, ' ').replace(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/g, '');
  }
}

function hasTable(el: Element): boolean {
  for (const ch of el.children) {
    if (ch.type !== 'tag' && ch.type !== 'script' && ch.type !== 'style') continue;
    const e = ch as Element;
    if (SKIP.has(e.name)) continue;
    if (e.name === 'table' || hasTable(e)) return true;
  }
  return false;
}

function isElement(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

class HtmlWalker {
  tableCount = 0;
  /** 1-based index of an element among its same-name siblings (computed per parent, once). */
  private readonly nth = new WeakMap<Element, number>();
  constructor(private readonly lineOf: (offset: number) => number) {}

  private indexOf(e: Element): number {
    let n = this.nth.get(e);
    if (n !== undefined) return n;
    const siblings = e.parent ? e.parent.children : [e];
    const count = new Map<string, number>();
    for (const s of siblings) {
      if (!isElement(s)) continue;
      const k = (count.get(s.name) ?? 0) + 1;
      count.set(s.name, k);
      this.nth.set(s, k);
    }
    n = this.nth.get(e) ?? 1;
    this.nth.set(e, n);
    return n;
  }

  /** XPath-like path of an element (html/body left out), e.g. `div[2]/table[1]/tbody[1]/tr[5]/td[3]`. */
  pathOf(el: Element): string {
    let p = this.paths.get(el);
    if (p !== undefined) return p;
    const parent = el.parent && isElement(el.parent) ? this.pathOf(el.parent) : '';
    if (el.name === 'html' || el.name === 'body') p = parent;
    else {
      const own = `${el.name}[${this.indexOf(el)}]`;
      p = parent ? `${parent}/${own}` : own;
    }
    this.paths.set(el, p);
    return p;
  }

  /** Paths already computed (cells of a row share their ancestors' path). */
  private readonly paths = new Map<Element, string>();

  pos(el: Element): SourcePos {
    const p: SourcePos = { path: this.pathOf(el) };
    if (el.startIndex !== null) p.line = this.lineOf(el.startIndex);
    return p;
  }

  /**
   * Walks block content: paragraphs and tables in document order. A block whose text is all inside
   * links (menus, breadcrumbs, related-article lists of a web page) is navigation, not report text.
   */
  flow(nodes: AnyNode[], out: Block[], parent: Element | null): void {
    let buf = new TextBuf();
    let anchor: Element | null = null;
    let plain = false;
    const flush = (): void => {
      const text = buf.text();
      if (plain && text.replace(/[\s\u00a0\u3000\u200b]+/g, '') !== '') {
        const at = anchor ?? parent;
        out.push({ kind: 'para', text, pos: at ? this.pos(at) : {} });
      }
      buf = new TextBuf();
      anchor = null;
      plain = false;
    };
    const walk = (list: AnyNode[], block: Element | null, inLink: boolean): void => {
      for (const n of list) {
        if (n.type === 'text') {
          const t = collapse((n as unknown as { data: string }).data);
          if (t.trim() !== '') {
            if (!anchor) anchor = block;
            if (!inLink) plain = true;
          }
          buf.add(t);
          continue;
        }
        if (!isElement(n)) continue;
        const name = n.name;
        if (SKIP.has(name)) continue;
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
          walk(n.children, n, inLink);
          flush();
          continue;
        }
        walk(n.children, block, inLink || name === 'a');
      }
    };
    walk(nodes, parent, false);
    flush();
  }

  /** Inline text of a cell: blocks and <br> become breaks (no space between CJK characters). */
  cellText(el: Element): string {
    const buf = new TextBuf();
    const walk = (list: AnyNode[]): void => {
      for (const n of list) {
        if (n.type === 'text') {
          buf.add(collapse((n as unknown as { data: string }).data));
          continue;
        }
        if (!isElement(n) || SKIP.has(n.name)) continue;
        if (n.name === 'br') {
          buf.brk = true;
          continue;
        }
        const block = BLOCK.has(n.name);
        if (block) buf.brk = true;
        walk(n.children);
        if (block) buf.brk = true;
      }
    };
    walk(el.children);
    return buf.text();
  }

  table(el: Element): RawTable {
    const t: RawTable = { index: this.tableCount++, rows: [], path: this.pathOf(el) };
    if (el.startIndex !== null) t.line = this.lineOf(el.startIndex);
    const rowsOf = (parent: Element): void => {
      for (const ch of parent.children) {
        if (!isElement(ch)) continue;
        if (ch.name === 'tr') t.rows.push(this.row(ch, t));
        else if (ch.name === 'thead' || ch.name === 'tbody' || ch.name === 'tfoot') rowsOf(ch);
        else if (ch.name === 'form') rowsOf(ch); // <form> wrapped around rows in old CMS markup
      }
    };
    rowsOf(el);
    return t;
  }

  row(tr: Element, t: RawTable): RawRow {
    const row: RawRow = { cells: [] };
    for (const ch of tr.children) {
      if (!isElement(ch) || (ch.name !== 'td' && ch.name !== 'th')) continue;
      const cell: RawCell = {
        text: '',
        rowSpan: parseSpan(ch.attribs['rowspan'], 'row'),
        colSpan: parseSpan(ch.attribs['colspan'], 'col'),
        path: this.pathOf(ch),
      };
      if (ch.startIndex !== null) cell.line = this.lineOf(ch.startIndex);
      if (hasTable(ch)) {
        const flow: Block[] = [];
        this.flow(ch.children, flow, ch);
        cell.flow = flow;
        cell.text = flow.reduce((acc, b) => (b.kind === 'para' ? joinBreak(acc, b.text) : acc), '');
      } else cell.text = this.cellText(ch);
      row.cells.push(cell);
    }
    void t;
    return row;
  }
}

/**
 * htmlparser2's DOM, refusing nesting deeper than `maxDepth` while parsing (the walks below recurse
 * once per level, and a deep open-element stack makes every stray end tag a long search).
 */
function parseBounded(text: string, file: string, maxDepth: number): Document {
  const opts = { withStartIndices: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
  const handler = new DomHandler(undefined, opts);
  const open = handler.onopentag.bind(handler);
  let depth = 0;
  handler.onopentag = (name, attribs) => {
    // tagStack holds the root and the open elements
    depth = Math.max(depth, handler['tagStack'].length);
    if (depth > maxDepth) throw tooLarge(file, 'maxDepth', 'element nesting depth', null, maxDepth);
    open(name, attribs);
  };
  new Parser(handler, opts).end(text);
  return handler.root;
}

/** Reads an HTML document (fragment or full page). */
export async function readHtml(bytes: Uint8Array, base: { path: string; sha256: string; bytes: number }, limits: Partial<Limits> = {}): Promise<SourceDoc> {
  const lim = resolveLimits(limits);
  const declared = sniffDeclaredCharset(bytes);
  const d = decodeFast(bytes, declared) ?? decodeBytes(bytes, base.path, declared);
  const notes: ReaderNote[] = [...d.notes];
  const text = d.text.replace(/^\ufeff/, '');
  const dom = parseBounded(text, base.path, lim.maxDepth);
  const walker = new HtmlWalker(lineIndex(text));
  const blocks: Block[] = [];
  walker.flow(dom.children, blocks, null);
  const built = buildDoc(blocks, new CellBudget(base.path, lim.maxCells));
  return {
    path: base.path,
    format: 'html',
    encoding: d.encoding,
    sha256: base.sha256,
    bytes: base.bytes,
    paragraphs: built.paragraphs,
    tokens: built.tokens,
    grids: built.grids,
    notes,
  };
}
