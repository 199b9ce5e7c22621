// .docx reader: fflate unzip (sizes checked from the central directory before inflating) →
// htmlparser2's XML tokenizer over word/document.xml → paragraphs and expanded tables.
import { unzipSync, strFromU8, Inflate, Unzip, type AsyncFlateStreamHandler, type UnzipDecoder, type UnzipDecoderConstructor } from 'fflate';
import { inflateRawSync } from 'node:zlib';
import { Parser, type Handler } from 'htmlparser2';
import { isUtf8 } from 'node:buffer';
import { BYTE_MODE, sliceFromUtf8 } from './_byte-mode.js';
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

/** Elements whose content is skipped: deletions, field codes, properties, alternate renderings. */
const SKIP = new Set(['w:del', 'w:delText', 'w:instrText', 'w:moveFrom', 'w:pPr', 'w:rPr', 'w:sectPr', 'mc:Choice', 'w:tblPr', 'w:tblGrid', 'w:commentReference', 'w:footnoteReference', 'w:endnoteReference']);

/** Elements whose attributes are read (after the prefix is normalised to w:). */
const ATTR_TAGS = new Set(['w:br', 'w:gridBefore', 'w:gridAfter', 'w:gridSpan', 'w:vMerge']);

type QuoteType = Parameters<Parser['onattribend']>[0];

/** What the handler asks of the parser: attributes of this tag, text here. */
interface Want {
  attrs: boolean;
  text: () => boolean;
}

/**
 * htmlparser2's Parser in XML mode that builds attributes only for the
 * elements that read them (`want.attrs`, set at each tag name) and slices text only where it is
 * kept (`want.text()`): run properties, paragraph properties and the like are only tokenized.
 */
class XmlParser extends Parser {
  constructor(
    cbs: Partial<Handler>,
    private readonly want: Want,
    private readonly xml: string,
    utf8: Buffer | undefined,
  ) {
    super(cbs, { xmlMode: true, decodeEntities: true });
    if (utf8) sliceFromUtf8(this, xml, utf8);
  }
  override ontext(start: number, endIndex: number): void {
    if (this.want.text()) super.ontext(start, endIndex);
    else {
      this.endIndex = endIndex - 1;
      this.startIndex = endIndex;
    }
  }
  override ontextentity(cp: number, endIndex: number): void {
    if (this.want.text()) super.ontextentity(cp, endIndex);
    else {
      this.endIndex = endIndex - 1;
      this.startIndex = endIndex;
    }
  }
  override onattribname(start: number, endIndex: number): void {
    if (this.want.attrs) super.onattribname(start, endIndex);
  }
  override onattribdata(start: number, endIndex: number): void {
    if (this.want.attrs) super.onattribdata(start, endIndex);
  }
  override onattribentity(cp: number): void {
    if (this.want.attrs) super.onattribentity(cp);
  }
  override onattribend(quote: QuoteType, endIndex: number): void {
    if (this.want.attrs) super.onattribend(quote, endIndex);
    else this.endIndex = endIndex;
  }
}

/**
 * Parses document.xml into blocks (paragraphs and tables in document order). With `utf8`, `xml` is
 * those bytes read as latin1 (valid UTF-8, BOM removed), decoded slice by slice ({@link sliceFromUtf8}).
 */
export function parseDocumentXml(
  xml: string,
  file: string,
  maxDepth = resolveLimits().maxDepth,
  utf8?: Buffer,
  caps: Pick<Limits, 'maxParagraphs' | 'maxTextChars'> = resolveLimits(),
): Block[] {
  const blocks: Block[] = [];
  // what is kept is bounded while reading, as in the HTML reader: a legal but huge document.xml
  // (200 MB of short paragraphs inflate within the ratio limit) is refused, not built
  let chars = 0;
  const tables: TableCtx[] = [];
  let tableCount = 0;
  let bodyParas = 0;
  let skip = 0;
  let inT = false;
  let para: string[] | null = null;
  let paraDepth = 0;
  let sawBody = false;
  let prefix = 'w:';
  let depth = 0;

  const cur = (): TableCtx | undefined => tables[tables.length - 1];
  const norm = (name: string): string => (prefix === 'w:' || !name.startsWith(prefix) ? name : `w:${name.slice(prefix.length)}`);

  const endPara = (): void => {
    const text = para!.join('');
    para = null;
    chars += text.length;
    if (chars > caps.maxTextChars) throw tooLarge(file, 'maxTextChars', 'characters of text', null, caps.maxTextChars);
    const t = cur();
    if (t?.cell) {
      const c = t.cell;
      // a cell's paragraphs count while it is read, as in the HTML reader (cells are bounded by maxCells)
      if (++c.paraCount > caps.maxParagraphs) throw tooLarge(file, 'maxParagraphs', 'paragraphs', null, caps.maxParagraphs);
      c.paras.push(text);
      c.flow.push({ kind: 'para', text, pos: { path: `${c.cell.path}/w:p[${c.paraCount}]` } });
    } else {
      if (++bodyParas > caps.maxParagraphs) throw tooLarge(file, 'maxParagraphs', 'paragraphs', null, caps.maxParagraphs);
      blocks.push({ kind: 'para', text, pos: { path: `w:body/w:p[${bodyParas}]` } });
    }
  };

  const want: Want = { attrs: false, text: (): boolean => skip === 0 && inT && para !== null };
  const parser = new XmlParser(
    {
      onopentagname(raw) {
        // the root's namespace declarations (read before the body, skipped or not), or an element below that reads one
        want.attrs = (!sawBody && raw.endsWith(':document')) || (skip === 0 && ATTR_TAGS.has(norm(raw)));
      },
      onopentag(raw, attrs) {
        want.attrs = false;
        if (++depth > maxDepth) throw tooLarge(file, 'maxDepth', 'XML element nesting', null, maxDepth);
        if (!sawBody && raw.endsWith(':document')) {
          for (const [k, v] of Object.entries(attrs)) if (k.startsWith('xmlns:') && W_NS.includes(v)) prefix = `${k.slice(6)}:`;
        }
        const name = norm(raw);
        if (skip > 0) {
          skip++;
          return;
        }
        if (SKIP.has(name)) {
          skip = 1; // everything inside is ignored
          return;
        }
        switch (name) {
          case 'w:body':
            sawBody = true;
            return;
          case 'w:p':
            // a paragraph inside a text box inside a paragraph: its text joins the outer one
            if (para) paraDepth++;
            else para = [];
            return;
          case 'w:t':
            inT = true;
            return;
          case 'w:tab':
            para?.push('\t');
            return;
          case 'w:br': {
            const type = attrs['w:type'];
            if (!type || type === 'textWrapping') para?.push('\n');
            return;
          }
          case 'w:cr':
            para?.push('\n');
            return;
          case 'w:noBreakHyphen':
            para?.push('-');
            return;
          case 'w:tbl': {
            const parent = cur();
            const path = `w:tbl[${tableCount + 1}]`;
            const table: RawTable = { index: tableCount++, rows: [], path };
            const block: Block = { kind: 'table', table };
            if (parent?.cell) {
              parent.cell.nested = true;
              parent.cell.flow.push(block);
            } else blocks.push(block);
            tables.push({ table, row: null, rowCount: 0, cellCount: 0, cell: null });
            return;
          }
          case 'w:tr': {
            const t = cur();
            if (!t) return;
            t.row = { cells: [] };
            t.table.rows.push(t.row);
            t.rowCount++;
            t.cellCount = 0;
            return;
          }
          case 'w:gridBefore':
          case 'w:gridAfter': {
            const t = cur();
            const n = Number(attrs['w:val'] ?? '0');
            if (t?.row && Number.isInteger(n) && n > 0 && n <= 64) {
              if (name === 'w:gridBefore') t.row.before = n;
              else t.row.after = n;
            }
            return;
          }
          case 'w:tc': {
            const t = cur();
            if (!t?.row) return;
            t.cellCount++;
            const cell: RawCell = { text: '', rowSpan: 1, colSpan: 1, path: `${t.table.path}/w:tr[${t.rowCount}]/w:tc[${t.cellCount}]` };
            t.row.cells.push(cell);
            t.cell = { cell, paras: [], flow: [], nested: false, paraCount: 0 };
            return;
          }
          case 'w:gridSpan': {
            const c = cur()?.cell;
            const n = Number(attrs['w:val'] ?? '1');
            if (c && Number.isInteger(n) && n > 1) c.cell.colSpan = Math.min(n, 64);
            return;
          }
          case 'w:vMerge': {
            const c = cur()?.cell;
            if (c) c.cell.vMerge = attrs['w:val'] === 'restart' ? 'restart' : 'continue';
            return;
          }
        }
      },
      ontext(data) {
        if (skip === 0 && inT && para) para.push(data);
      },
      onclosetag(raw) {
        depth--;
        const name = norm(raw);
        if (skip > 0) {
          skip--;
          return;
        }
        switch (name) {
          case 'w:t':
            inT = false;
            return;
          case 'w:p':
            if (paraDepth > 0) paraDepth--;
            else if (para) endPara();
            return;
          case 'w:tc': {
            const t = cur();
            const c = t?.cell;
            if (!t || !c) return;
            c.cell.text = c.paras.reduce((acc, p) => joinBreak(acc, p.trim()), '');
            if (c.nested) c.cell.flow = c.flow;
            t.cell = null;
            return;
          }
          case 'w:tr': {
            const t = cur();
            if (t) t.row = null;
            return;
          }
          case 'w:tbl':
            tables.pop();
            return;
        }
      },
    },
    want,
    xml,
    utf8,
  );
  parser.end(xml);
  if (!sawBody) throw new GiaError('E_CORRUPT_DOCX', { file, why: 'noBody', reason: 'word/document.xml has no w:body' });
  // a cell's context must survive nested tables: restore after parse is not needed (stack based)
  return blocks;
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

