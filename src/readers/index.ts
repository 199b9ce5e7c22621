// Reader registry: one {@link Reader} per format (src/readers/formats/*). Detection, the extensions
// walked in folders, --input-format, the batch cost estimate and the "supported formats" part of
// error texts all read from READERS. Readers load their heavy modules only when a file needs them.
import { createHash } from 'node:crypto';
import type { InputFormat, Locale, SourceDoc } from '../types.js';
import { GiaError } from '../errors.js';
import { messages } from '../i18n/index.js';
import { DEFAULT_LIMITS, resolveLimits, tooLarge, type Limits } from '../limits.js';
import { HEAD_BYTES, hasExtension, headText, type Head, type Reader } from './reader.js';
import { docxReader } from './formats/docx.js';
import { oleReader } from './formats/ole.js';
import { htmlReader } from './formats/html.js';
import { textReader } from './formats/text.js';
import { pdfReader } from './formats/pdf.js';
import { namedOtherReader, zipOtherReader } from './formats/other.js';

export type { Reader, ReadContext, Head, SniffResult } from './reader.js';

/** The registry, in sniffing order; the last one (text) is the fallback when nothing claims an input. */
export const READERS: readonly Reader[] = [zipOtherReader, docxReader, oleReader, pdfReader, htmlReader, namedOtherReader, textReader];

const FALLBACK = textReader;

/** Extensions the batch mode picks up in directories (formats we refuse are skipped with a hint instead). */
export const SUPPORTED_EXTENSIONS: string[] = READERS.filter((r) => !r.skip).flatMap((r) => r.extensions);

/** The refusing reader a file name belongs to (a folder walk skips such files with its hint). */
export function refusedByName(path: string): Reader | undefined {
  return READERS.find((r) => r.skip && hasExtension(path, r.extensions));
}

/** Formats `--input-format` accepts. */
export const INPUT_FORMATS: string[] = READERS.filter((r) => r.selectable).map((r) => r.format);

export interface ReadOptions {
  /** Skip detection: read as this format. */
  inputFormat?: InputFormat;
  /** Resource limits; unset entries keep {@link DEFAULT_LIMITS} (src/limits.ts). */
  limits?: Partial<Limits>;
}

/** The reader registered under a format name. */
export function readerFor(format: string): Reader | undefined {
  return READERS.find((r) => r.format === format);
}

/** The reader a head of bytes goes to: the first that recognises the content, else the first the name fits, else text. */
export function sniffReader(bytes: Uint8Array, path: string): Reader {
  const head: Head = { bytes: bytes.length > HEAD_BYTES ? bytes.subarray(0, HEAD_BYTES) : bytes, text: '', path };
  head.text = headText(head.bytes);
  let byName: Reader | undefined;
  for (const r of READERS) {
    const s = r.sniff(head);
    if (s === 'content') return r;
    if (s === 'name' && !byName) byName = r;
  }
  return byName ?? FALLBACK;
}

/** Detects the input format from the content; the extension only breaks ties. */
export function detectFormat(bytes: Uint8Array, path: string): InputFormat | 'doc' {
  return sniffReader(bytes, path).format as InputFormat | 'doc';
}

/** Rough analysis cost of an input in text-report units, from its name (batch scheduling). */
export function readCost(path: string): number {
  return READERS.find((r) => hasExtension(path, r.extensions))?.cost ?? FALLBACK.cost;
}

/** The format an input's name says (batch scheduling: before anything is read), if a reader claims its extension. */
export function formatByName(path: string): string | undefined {
  return READERS.find((r) => hasExtension(path, r.extensions))?.format;
}

/** The supported formats as a list in the locale: ".txt、.html 或 .docx" / ".txt, .html or .docx". */
export function formatList(locale: Locale): string {
  const names = [...READERS].reverse().flatMap((r) => (r.label ? [r.label[locale]] : []));
  if (names.length < 2) return names.join('');
  const last = names.pop()!;
  const L = messages(locale).list;
  return `${names.join(L.sep)}${L.or}${last}`;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a document from its bytes. Throws {@link GiaError} for input a user can fix. */
export async function readBytes(bytes: Uint8Array, path: string, opts: ReadOptions = {}): Promise<SourceDoc> {
  if (bytes.length === 0) throw new GiaError('E_EMPTY', { file: path });
  const limits = resolveLimits(opts.limits);
  if (bytes.length > limits.maxInputBytes) throw tooLarge(path, 'maxInputBytes', 'input size', bytes.length, limits.maxInputBytes);
  const reader = opts.inputFormat ? readerFor(opts.inputFormat) : sniffReader(bytes, path);
  if (!reader) throw new GiaError('E_UNKNOWN_FORMAT', { file: path, formats: formatList('en') });
  try {
    return await reader.read(bytes, { path, sha256: sha256(bytes), bytes: bytes.length, limits });
  } catch (e) {
    // the list of formats for "not a text file": in the locale where the CLI renders it, neutral here
    if (e instanceof GiaError && (e.code === 'E_BINARY' || e.code === 'E_UNKNOWN_FORMAT')) (e.data as Record<string, string | number>).formats ??= formatList('en');
    // the walks recurse once per nesting level, bounded by limits.maxDepth; should a raised limit
    // still exhaust the stack, the file is refused like any other too-deep file
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new GiaError('E_TOO_LARGE', { file: path, limit: 'maxDepth', why: 'nestingTooDeep', max: limits.maxDepth, default: DEFAULT_LIMITS.maxDepth, reason: `element nesting too deep for the stack (maxDepth ${limits.maxDepth}; keep it at most the default ${DEFAULT_LIMITS.maxDepth})` });
    throw e;
  }
}
