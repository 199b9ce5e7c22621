// .docx reader: fflate unzip (sizes checked from the central directory before inflating) →
// htmlparser2's XML tokenizer over word/document.xml → paragraphs and expanded tables.
import { unzipSync, strFromU8, Inflate, Unzip, type AsyncFlateStreamHandler, type UnzipDecoder, type UnzipDecoderConstructor } from 'fflate';
import { inflateRawSync } from 'node:zlib';
import { Parser, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { isUtf8 } from 'node:buffer';
import { BYTE_MODE } from './_byte-mode.js';
import type { SourceDoc } from '../types.js';
import { GiaError } from '../errors.js';
import { isOle, oleError } from './_ole.js';
import { buildDoc, joinBreak, type Block, type RawCell, type RawRow, type RawTable } from './_grid.js';
import { CellBudget, resolveLimits, tooLarge, type Limits } from '../limits.js';

interface Entry {
  name: string;
  size: number;
  originalSize: number;
  compression: number;
}

const W_NS = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];

/** Lists the archive from its central directory (nothing inflated) and checks the limits. */
export function listZip(bytes: Uint8Array, file: string, limits: Limits = resolveLimits()): Entry[] {
  const entries: Entry[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize, compression: f.compression });
        if (entries.length > limits.maxZipEntries) throw new GiaError('E_ZIP_BOMB', { file, limit: 'maxZipEntries', why: 'tooManyEntries', max: limits.maxZipEntries, reason: `more than ${limits.maxZipEntries} entries` });
        return false;
      },
    });
  } catch (e) {
    if (e instanceof GiaError) throw e;
    throw new GiaError('E_CORRUPT_DOCX', { file, ...zipReason(bytes, e) }, { cause: e });
  }
  let total = 0;
  for (const e of entries) {
    total += e.originalSize;
    if (e.originalSize > limits.zipRatioGrace && e.size / e.originalSize < limits.minZipRatio) {
      throw new GiaError('E_ZIP_BOMB', { file, limit: 'minZipRatio', why: 'ratio', part: printable(e.name), size: e.size, original: e.originalSize, reason: `${printable(e.name)}: ${e.size} bytes inflate to ${e.originalSize}` });
    }
  }
  if (total > limits.maxUncompressedBytes) throw tooLarge(file, 'maxUncompressedBytes', 'uncompressed size', total, limits.maxUncompressedBytes);
  return entries;
}

/** An archive-supplied name fit for a one-line message: control characters shown as "?", length capped. */
function printable(name: string): string {
  const s = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** Why an archive could not be listed: `why` keys the catalogue's reasons (i18n), `reason` is the English for API users. */
function zipReason(bytes: Uint8Array, e: unknown): { why: string; reason: string; detail?: string } {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) return { why: 'notZip', reason: 'not a zip archive' };
  const msg = e instanceof Error ? e.message : String(e);
  if (/invalid zip data|unexpected EOF|end of central directory/i.test(msg) || bytes.length < 22) return { why: 'zipTruncated', reason: 'truncated or damaged zip archive' };
  return { why: 'zipDamaged', detail: msg, reason: `damaged zip archive (${msg})` };
}

/**
 * Inflates the named entries with fflate's streaming unzipper. Sizes were checked by
 * {@link listZip} from the central directory, but a hostile archive can understate them:
 * fflate's unzipSync then keeps inflating (into a bounded buffer) for as long as the data lasts —
 * minutes for 50 MB of deflated zeros. So the archive is pushed through `Unzip` in small steps
 * and an entry is abandoned as soon as its output grows past the size the central directory
 * declares. Entry names are only compared with part names, never used as paths.
 */
function inflate(bytes: Uint8Array, entries: Entry[], names: string[], file: string, limits: Limits): Record<string, Uint8Array> {
  const declared = new Map(entries.filter((e) => names.includes(e.name)).map((e) => [e.name, e.originalSize]));
  const declaredSize = new Map(declared);
  const out: Record<string, Uint8Array> = {};
  const unzip = new Unzip((f) => {
    const limit = declared.get(f.name);
    if (limit === undefined || out[f.name]) return;
    declared.delete(f.name); // the first entry of a name wins, as in the central directory listing
    const chunks: Uint8Array[] = [];
    let total = 0;
    f.ondata = (err, chunk, final) => {
      if (err) throw err;
      total += chunk.length;
      if (total > limit) {
        f.terminate();
        throw new GiaError('E_ZIP_BOMB', { file, limit: 'maxUncompressedBytes', why: 'inflatesPast', part: printable(f.name), max: limit, reason: `${printable(f.name)} inflates to more than the ${limit} bytes its archive declares` });
      }
      chunks.push(chunk);
      if (final) out[f.name] = concat(chunks, total);
    };
    f.start();
  });
  unzip.register(boundedInflate(file, (name) => declaredSize.get(name) ?? 0, limits));
  const STEP = 16 * 1024; // deflate expands at most ~1032:1, so at most ~16 MB of output per push
  try {
    for (let i = 0; i < bytes.length; i += STEP) unzip.push(bytes.subarray(i, i + STEP), i + STEP >= bytes.length);
  } catch (e) {
    if (e instanceof GiaError) throw e;
    throw new GiaError('E_CORRUPT_DOCX', { file, ...zipReason(bytes, e) }, { cause: e });
  }
  for (const name of names) {
    if (!out[name] && entries.some((e) => e.name === name)) throw new GiaError('E_CORRUPT_DOCX', { file, why: 'entryDamaged', part: printable(name), reason: `${printable(name)}: truncated or damaged entry` });
  }
  return out;
}

/** The E_ZIP_BOMB of an entry that inflates past the ratio limit against the bytes really read. */
function ratioBomb(file: string, name: string, input: number, output: number, limits: Limits): GiaError {
  return new GiaError('E_ZIP_BOMB', {
    file,
    limit: 'minZipRatio',
    why: 'ratioInflating',
    part: printable(name),
    size: input,
    original: output,
    ratio: Math.round(1 / limits.minZipRatio),
    reason: `${printable(name)}: ${input} compressed bytes inflate to more than ${output} (more than 1 : ${Math.round(1 / limits.minZipRatio)})`,
  });
}

/** Entries declared up to this size are inflated by zlib in one call (their output is bounded by it). */
const NATIVE_MAX = 16 * 1024 * 1024;

/**
 * fflate's decoder for deflated entries. The central directory's sizes bound nothing by
 * themselves (an entry with the data-descriptor flag ends where its data ends, whatever the
 * directory says), so the ratio limit is checked against the bytes actually read and produced,
 * as Apache POI's ZipSecureFile does, and inflating stops as soon as the output passes
 * `zipRatioGrace` and compressed / inflated falls below `minZipRatio`; the output never passes
 * the size the directory declares (`limitOf`) either.
 *
 * - An entry declared up to {@link NATIVE_MAX} is inflated by Node's zlib (native: a 200 KB
 *   document.xml inflates in a fraction of fflate's JavaScript time) at its last chunk, with
 *   `maxOutputLength` at what its compressed bytes may give: at most 16 MB is ever produced.
 * - A larger one is inflated by fflate's streaming `Inflate`, 4 KB of input at a time (at most
 *   ~4 MB of output per step), the ratio checked after each step.
 */
function boundedInflate(file: string, limitOf: (name: string) => number, limits: Limits): UnzipDecoderConstructor {
  /** Most output `input` compressed bytes may give (the grace, or the ratio limit). */
  const allowed = (input: number): number => Math.max(limits.zipRatioGrace, limits.minZipRatio > 0 ? input / limits.minZipRatio : Infinity);
  return class BoundedInflate implements UnzipDecoder {
    static compression = 8;
    ondata: AsyncFlateStreamHandler = () => {};
    private chunks: Buffer[] = [];
    private readonly limit: number;
    private stream: Inflate | null = null;
    private input = 0;
    private output = 0;
    constructor(private readonly name: string) {
      this.limit = limitOf(name);
      if (this.limit > NATIVE_MAX) {
        this.stream = new Inflate((chunk, final) => {
          this.output += chunk.length;
          if (this.output > this.limit) throw declaredBomb(file, name, this.limit);
          if (this.output > allowed(this.input)) throw ratioBomb(file, name, this.input, this.output, limits);
          this.ondata(null, chunk, final);
        });
      }
    }
    push(chunk: Uint8Array, final: boolean): void {
      if (this.stream) {
        const STEP = 4096;
        if (chunk.length === 0) this.stream.push(chunk, final);
        for (let i = 0; i < chunk.length; i += STEP) {
          const piece = chunk.subarray(i, i + STEP);
          this.input += piece.length;
          this.stream.push(piece, final && i + STEP >= chunk.length);
        }
        return;
      }
      this.chunks.push(Buffer.from(chunk)); // a copy: fflate may reuse the chunk's memory
      this.input += chunk.length;
      if (!final) return;
      const cap = Math.min(this.limit, allowed(this.input));
      let out: Buffer;
      let consumed: number;
      try {
        const r = inflateRawSync(Buffer.concat(this.chunks), { maxOutputLength: Math.floor(cap) + 1, info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
        out = r.buffer;
        consumed = r.engine.bytesWritten;
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw cap < this.limit ? ratioBomb(file, this.name, this.input, Math.floor(cap), limits) : declaredBomb(file, this.name, this.limit);
        throw e;
      } finally {
        this.chunks = [];
      }
      // bytes after the end of the deflate stream (padding to look less compressed) do not count
      if (out.length > allowed(consumed)) throw ratioBomb(file, this.name, consumed, out.length, limits);
      this.ondata(null, new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength), true);
    }
  } as unknown as UnzipDecoderConstructor;
}

function declaredBomb(file: string, name: string, limit: number): GiaError {
  return new GiaError('E_ZIP_BOMB', { file, limit: 'maxUncompressedBytes', why: 'inflatesPast', part: printable(name), max: limit, reason: `${printable(name)} inflates to more than the ${limit} bytes its archive declares` });
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const buf = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    buf.set(c, o);
    o += c.length;
  }
  return buf;
}

/** Finds the main document part from _rels/.rels (word/document.xml almost always); `rels`: that part inflated, if the archive has it. */
function mainPart(rels: Uint8Array | undefined, names: Set<string>, file: string): string {
  let target = 'word/document.xml';
  if (rels) {
    // the first <Relationship> whose Type ends in /officeDocument (read by htmlparser2, not by hand)
    let found: string | undefined;
    const parser = new Parser(
      {
        onopentag(name, attribs) {
          if (found === undefined && name.replace(/^.*:/, '') === 'Relationship' && /\/officeDocument$/.test(attribs.Type ?? '') && attribs.Target) found = attribs.Target;
        },
      },
      { xmlMode: true, decodeEntities: true },
    );
    parser.end(strFromU8(rels));
    if (found) target = found.replace(/^\//, '');
  }
  if (!names.has(target)) {
    if (names.has('word/document.xml')) return 'word/document.xml';
    throw new GiaError('E_CORRUPT_DOCX', { file, why: 'noPart', part: printable(target), reason: `no ${printable(target)} in the archive (not a Word document)` });
  }
  return target;
}

interface CellCtx {
  cell: RawCell;
  paras: string[];
  /** Blocks when the cell holds nested tables. */
  flow: Block[];
  nested: boolean;
  paraCount: number;
}

interface TableCtx {
  table: RawTable;
  row: RawRow | null;
  rowCount: number;
  cellCount: number;
  cell: CellCtx | null;
}

/** What an element is to the walk (element names after the prefix is normalised to w:). */
const enum Tag {
  /** Content skipped: deletions, field codes, properties, alternate renderings. */
  Skip = 1,
  Body,
  P,
  T,
  Tab,
  Br,
  Cr,
  NoBreakHyphen,
  Tbl,
  Tr,
  GridBefore,
  GridAfter,
  Tc,
  GridSpan,
  VMerge,
}

const TAGS = new Map<string, Tag>([
  ...['w:del', 'w:delText', 'w:instrText', 'w:moveFrom', 'w:pPr', 'w:rPr', 'w:sectPr', 'mc:Choice', 'w:tblPr', 'w:tblGrid', 'w:commentReference', 'w:footnoteReference', 'w:endnoteReference'].map((n) => [n, Tag.Skip] as const),
  ['w:body', Tag.Body],
  ['w:p', Tag.P],
  ['w:t', Tag.T],
  ['w:tab', Tag.Tab],
  ['w:br', Tag.Br],
  ['w:cr', Tag.Cr],
  ['w:noBreakHyphen', Tag.NoBreakHyphen],
  ['w:tbl', Tag.Tbl],
  ['w:tr', Tag.Tr],
  ['w:gridBefore', Tag.GridBefore],
  ['w:gridAfter', Tag.GridAfter],
  ['w:tc', Tag.Tc],
  ['w:gridSpan', Tag.GridSpan],
  ['w:vMerge', Tag.VMerge],
]);

/** Whether an element's attributes are read. */
const readsAttrs = (t: Tag | undefined): boolean => t === Tag.Br || t === Tag.GridBefore || t === Tag.GridAfter || t === Tag.GridSpan || t === Tag.VMerge;

/** The attributes of an element that reads none (never written). */
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The walk over document.xml, driven by htmlparser2's Tokenizer (a public export of htmlparser2)
 * without its Parser. What the Parser does in XML mode is done here as it does it: a stack of open
 * element names, a close tag closes the innermost open element of its name and every element
 * open inside it (a close tag of a name not open is ignored), a self-closing tag opens and closes,
 * CDATA is text, entities are decoded by the Tokenizer, the first of two attributes of a name
 * wins, and what is still open at the end is closed, innermost first. Unlike the Parser, it
 * builds attributes only for the elements that read them and slices text only where it is kept.
 * With `utf8`, `xml` is those bytes read as latin1 and a slice with a byte ≥ 0x80 is decoded from
 * them (the Tokenizer compares only ASCII characters, which the bytes of other UTF-8 characters
 * never equal, so it splits the bytes where it would split the decoded text).
 */
class DocxWalk implements TokenizerCallbacks {
  readonly blocks: Block[] = [];
  sawBody = false;
  // what is kept is bounded while reading, as in the HTML reader: a legal but huge document.xml
  // (200 MB of short paragraphs inflate within the ratio limit) is refused, not built
  private chars = 0;
  private readonly tables: TableCtx[] = [];
  private tableCount = 0;
  private bodyParas = 0;
  private skip = 0;
  private inT = false;
  private para: string[] | null = null;
  private paraDepth = 0;
  private prefix = 'w:';
  private depth = 0;
  /** Open elements, innermost last. */
  private readonly stack: string[] = [];
  /** The open tag being read (the Parser's `tagname`), and whether its end is still to come. */
  private tagname = '';
  private pending = false;
  /** Its {@link Tag} (read when it is not skipped). */
  private tag: Tag | undefined = undefined;
  /** Its attributes, when it reads them. */
  private attrs: Record<string, string> | null = null;
  private attribname = '';
  private attribvalue = '';

  constructor(
    private readonly xml: string,
    private readonly file: string,
    private readonly maxDepth: number,
    private readonly utf8: Buffer | undefined,
    private readonly caps: Pick<Limits, 'maxParagraphs' | 'maxTextChars'>,
  ) {}

  private slice(start: number, end: number): string {
    const xml = this.xml;
    if (this.utf8) for (let i = start; i < end; i++) if (xml.charCodeAt(i) > 0x7f) return this.utf8.toString('utf8', start, end);
    return xml.slice(start, end);
  }

  private norm(name: string): string {
    const prefix = this.prefix;
    return prefix === 'w:' || !name.startsWith(prefix) ? name : `w:${name.slice(prefix.length)}`;
  }

  private keepsText(): boolean {
    return this.skip === 0 && this.inT && this.para !== null;
  }

  // Tokenizer events

  ontext(start: number, endIndex: number): void {
    if (this.keepsText()) this.para!.push(this.slice(start, endIndex));
  }
  ontextentity(cp: number): void {
    if (this.keepsText()) this.para!.push(String.fromCodePoint(cp));
  }
  oncdata(start: number, endIndex: number, offset: number): void {
    if (this.keepsText()) this.para!.push(this.slice(start, endIndex - offset));
  }
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  onopentagname(start: number, endIndex: number): void {
    const raw = this.slice(start, endIndex);
    this.tagname = raw;
    this.pending = true;
    this.stack.push(raw);
    // what it is to the walk, unless skipped (the prefix changes only at the root, which is none of these)
    const tag = this.skip === 0 ? TAGS.get(this.norm(raw)) : undefined;
    this.tag = tag;
    // the root's namespace declarations (read before the body, skipped or not), or an element below that reads one
    this.attrs = (!this.sawBody && raw.endsWith(':document')) || readsAttrs(tag) ? {} : null;
  }
  onattribname(start: number, endIndex: number): void {
    if (this.attrs) this.attribname = this.slice(start, endIndex);
  }
  onattribdata(start: number, endIndex: number): void {
    if (this.attrs) this.attribvalue += this.slice(start, endIndex);
  }
  onattribentity(cp: number): void {
    if (this.attrs) this.attribvalue += String.fromCodePoint(cp);
  }
  onattribend(): void {
    const attrs = this.attrs;
    if (!attrs) return;
    if (!Object.prototype.hasOwnProperty.call(attrs, this.attribname)) attrs[this.attribname] = this.attribvalue;
    this.attribvalue = '';
  }
  onopentagend(): void {
    this.endOpenTag();
  }
  onselfclosingtag(): void {
    const name = this.tagname;
    this.endOpenTag();
    const stack = this.stack;
    if (stack[stack.length - 1] === name) {
      this.close(name);
      stack.pop();
    }
  }
  onclosetag(start: number, endIndex: number): void {
    const name = this.slice(start, endIndex);
    const stack = this.stack;
    const pos = stack.lastIndexOf(name);
    if (pos !== -1) while (stack.length > pos) this.close(stack.pop()!);
  }
  onend(): void {
    const stack = this.stack;
    for (let i = stack.length - 1; i >= 0; i--) this.close(stack[i]!);
  }

  private endOpenTag(): void {
    if (this.pending) {
      this.pending = false;
      const attrs = this.attrs;
      this.attrs = null;
      this.open(this.tagname, this.tag, attrs ?? NO_ATTRS);
    }
    this.tagname = '';
  }

  // the walk

  private cur(): TableCtx | undefined {
    return this.tables[this.tables.length - 1];
  }

  private endPara(): void {
    const { file, caps } = this;
    const text = this.para!.join('');
    this.para = null;
    this.chars += text.length;
    if (this.chars > caps.maxTextChars) throw tooLarge(file, 'maxTextChars', 'characters of text', null, caps.maxTextChars);
    const t = this.cur();
    if (t?.cell) {
      const c = t.cell;
      // a cell's paragraphs count while it is read, as in the HTML reader (cells are bounded by maxCells)
      if (++c.paraCount > caps.maxParagraphs) throw tooLarge(file, 'maxParagraphs', 'paragraphs', null, caps.maxParagraphs);
      c.paras.push(text);
      c.flow.push({ kind: 'para', text, pos: { path: `${c.cell.path}/w:p[${c.paraCount}]` } });
    } else {
      if (++this.bodyParas > caps.maxParagraphs) throw tooLarge(file, 'maxParagraphs', 'paragraphs', null, caps.maxParagraphs);
      this.blocks.push({ kind: 'para', text, pos: { path: `w:body/w:p[${this.bodyParas}]` } });
    }
  }

  private open(raw: string, tag: Tag | undefined, attrs: Readonly<Record<string, string>>): void {
    if (++this.depth > this.maxDepth) throw tooLarge(this.file, 'maxDepth', 'XML element nesting', null, this.maxDepth);
    if (!this.sawBody && raw.endsWith(':document')) {
      for (const [k, v] of Object.entries(attrs)) if (k.startsWith('xmlns:') && W_NS.includes(v)) this.prefix = `${k.slice(6)}:`;
    }
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    if (tag === undefined) return;
    const para = this.para;
    switch (tag) {
      case Tag.Skip:
        this.skip = 1; // everything inside is ignored
        return;
      case Tag.Body:
        this.sawBody = true;
        return;
      case Tag.P:
        // a paragraph inside a text box inside a paragraph: its text joins the outer one
        if (para) this.paraDepth++;
        else this.para = [];
        return;
      case Tag.T:
        this.inT = true;
        return;
      case Tag.Tab:
        para?.push('\t');
        return;
      case Tag.Br: {
        const type = attrs['w:type'];
        if (!type || type === 'textWrapping') para?.push('\n');
        return;
      }
      case Tag.Cr:
        para?.push('\n');
        return;
      case Tag.NoBreakHyphen:
        para?.push('-');
        return;
      case Tag.Tbl: {
        const parent = this.cur();
        const path = `w:tbl[${this.tableCount + 1}]`;
        const table: RawTable = { index: this.tableCount++, rows: [], path };
        const block: Block = { kind: 'table', table };
        if (parent?.cell) {
          parent.cell.nested = true;
          parent.cell.flow.push(block);
        } else this.blocks.push(block);
        this.tables.push({ table, row: null, rowCount: 0, cellCount: 0, cell: null });
        return;
      }
      case Tag.Tr: {
        const t = this.cur();
        if (!t) return;
        t.row = { cells: [] };
        t.table.rows.push(t.row);
        t.rowCount++;
        t.cellCount = 0;
        return;
      }
      case Tag.GridBefore:
      case Tag.GridAfter: {
        const t = this.cur();
        const n = Number(attrs['w:val'] ?? '0');
        if (t?.row && Number.isInteger(n) && n > 0 && n <= 64) {
          if (tag === Tag.GridBefore) t.row.before = n;
          else t.row.after = n;
        }
        return;
      }
      case Tag.Tc: {
        const t = this.cur();
        if (!t?.row) return;
        t.cellCount++;
        const cell: RawCell = { text: '', rowSpan: 1, colSpan: 1, path: `${t.table.path}/w:tr[${t.rowCount}]/w:tc[${t.cellCount}]` };
        t.row.cells.push(cell);
        t.cell = { cell, paras: [], flow: [], nested: false, paraCount: 0 };
        return;
      }
      case Tag.GridSpan: {
        const c = this.cur()?.cell;
        const n = Number(attrs['w:val'] ?? '1');
        if (c && Number.isInteger(n) && n > 1) c.cell.colSpan = Math.min(n, 64);
        return;
      }
      case Tag.VMerge: {
        const c = this.cur()?.cell;
        if (c) c.cell.vMerge = attrs['w:val'] === 'restart' ? 'restart' : 'continue';
        return;
      }
    }
  }

  private close(raw: string): void {
    this.depth--;
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    switch (TAGS.get(this.norm(raw))) {
      case Tag.T:
        this.inT = false;
        return;
      case Tag.P:
        if (this.paraDepth > 0) this.paraDepth--;
        else if (this.para) this.endPara();
        return;
      case Tag.Tc: {
        const t = this.cur();
        const c = t?.cell;
        if (!t || !c) return;
        c.cell.text = c.paras.reduce((acc, p) => joinBreak(acc, p.trim()), '');
        if (c.nested) c.cell.flow = c.flow;
        t.cell = null;
        return;
      }
      case Tag.Tr: {
        const t = this.cur();
        if (t) t.row = null;
        return;
      }
      case Tag.Tbl:
        this.tables.pop();
        return;
    }
  }
}

/**
 * Parses document.xml into blocks (paragraphs and tables in document order). With `utf8`, `xml` is
 * those bytes read as latin1 (valid UTF-8, BOM removed), decoded slice by slice ({@link DocxWalk}).
 */
export function parseDocumentXml(
  xml: string,
  file: string,
  maxDepth = resolveLimits().maxDepth,
  utf8?: Buffer,
  caps: Pick<Limits, 'maxParagraphs' | 'maxTextChars'> = resolveLimits(),
): Block[] {
  const walk = new DocxWalk(xml, file, maxDepth, utf8, caps);
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, walk);
  if (xml) tokenizer.write(xml);
  tokenizer.end();
  if (!walk.sawBody) throw new GiaError('E_CORRUPT_DOCX', { file, why: 'noBody', reason: 'word/document.xml has no w:body' });
  return walk.blocks;
}

const isBom = (b: Uint8Array, i: number): boolean => b[i] === 0xef && b[i + 1] === 0xbb && b[i + 2] === 0xbf;

/** Reads a .docx document. */
export async function readDocx(bytes: Uint8Array, base: { path: string; sha256: string; bytes: number }, given?: Partial<Limits>): Promise<SourceDoc> {
  const file = base.path;
  const limits = resolveLimits(given);
  if (isOle(bytes)) throw oleError(bytes, file);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new GiaError('E_CORRUPT_DOCX', { file, why: 'notZip', reason: 'not a zip archive' });
  const entries = listZip(bytes, file, limits);
  const names = new Set(entries.map((e) => e.name));
  // one pass over the archive for the relationships and the usual main part; another only when the main part is elsewhere
  const parts = inflate(bytes, entries, ['_rels/.rels', 'word/document.xml'].filter((n) => names.has(n)), file, limits);
  const part = mainPart(parts['_rels/.rels'], names, file);
  const data = parts[part] ?? inflate(bytes, entries, [part], file, limits)[part];
  if (!data) throw new GiaError('E_CORRUPT_DOCX', { file, why: 'cannotReadPart', part: printable(part), reason: `cannot read ${printable(part)}` });
  // the XML is parsed as latin1 bytes, only kept slices decoded; a BOM goes, and one more (as the
  // decoder used to drop one and the text its second)
  let at = 0;
  if (isBom(data, 0)) at = isBom(data, 3) ? 6 : 3;
  const utf8 = Buffer.from(data.buffer, data.byteOffset + at, data.byteLength - at);
  if (!isUtf8(utf8)) {
    let cause: unknown;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch (e) {
      cause = e;
    }
    throw new GiaError('E_CORRUPT_DOCX', { file, why: 'notUtf8Xml', part: printable(part), reason: `${printable(part)} is not UTF-8 XML` }, { cause });
  }
  const xml = BYTE_MODE ? utf8.toString('latin1') : utf8.toString('utf8');
  const built = buildDoc(parseDocumentXml(xml, file, limits.maxDepth, BYTE_MODE ? utf8 : undefined, limits), new CellBudget(file, limits.maxCells));
  return {
    path: base.path,
    format: 'docx',
    encoding: 'utf-8',
    sha256: base.sha256,
    bytes: base.bytes,
    paragraphs: built.paragraphs,
    tokens: built.tokens,
    grids: built.grids,
    notes: [],
  };
}

