// Reader registry: detects the format from the bytes (then the extension) and returns a SourceDoc.
// Heavy readers (docx, HTML) are loaded only when a file needs them.
import { createHash } from 'node:crypto';
import type { InputFormat, SourceDoc } from '../types.js';
import { GiaError } from '../errors.js';
import { bomOf, decodeBytes } from './decode.js';
import { readText } from './text.js';
import { oleError } from './_ole.js';
import { DEFAULT_LIMITS, resolveLimits, tooLarge, type Limits } from '../limits.js';

/** Extensions the batch mode picks up in directories. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.htm', '.html', '.xhtml', '.shtml', '.docx'];

export interface ReadOptions {
  /** Skip detection: read as this format. */
  inputFormat?: InputFormat;
  /** Resource limits; unset entries keep {@link DEFAULT_LIMITS} (src/limits.ts). */
  limits?: Partial<Limits>;
}

/** Detects the input format from the content; the extension only breaks ties. */
export function detectFormat(bytes: Uint8Array, path: string): InputFormat | 'doc' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07)) return 'docx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'doc';
  const bom = bomOf(bytes);
  let head: string;
  if (bom && bom.encoding !== 'utf-8') head = new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length, bom.length + 4096));
  // one character per byte: Buffer's latin1 takes ~1 µs where TextDecoder('latin1') (windows-1252) took ~50 µs;
  // the patterns below match ASCII only, and no byte ≥ 0x80 is white space in either mapping but 0xA0 (the same)
  else head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', bom?.length ?? 0, Math.min(4096, bytes.byteLength));
  if (/^\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)/i.test(head)) return 'html';
  const tags = head.match(/<\/?(?:p|div|table|tr|td|th|span|br|body|head|meta|h[1-6]|strong|b|font)\b[^>]*>/gi)?.length ?? 0;
  if (tags >= 3) return 'html';
  if (/\.x?html?$|\.shtml$/i.test(path) && tags >= 1) return 'html';
  if (/\.docx$/i.test(path)) return 'docx'; // not a zip, yet named .docx: the docx reader says why it is not one
  return 'text';
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a document from its bytes. Throws {@link GiaError} for input a user can fix. */
export async function readBytes(bytes: Uint8Array, path: string, opts: ReadOptions = {}): Promise<SourceDoc> {
  if (bytes.length === 0) throw new GiaError('E_EMPTY', { file: path });
  const limits = resolveLimits(opts.limits);
  if (bytes.length > limits.maxInputBytes) throw tooLarge(path, 'maxInputBytes', 'input size', bytes.length, limits.maxInputBytes);
  try {
    return await readFormat(bytes, path, opts, limits);
  } catch (e) {
    // the walks recurse once per nesting level, bounded by limits.maxDepth; should a raised limit
    // still exhaust the stack, the file is refused like any other too-deep file
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new GiaError('E_TOO_LARGE', { file: path, limit: 'maxDepth', reason: `element nesting too deep for the stack (maxDepth ${limits.maxDepth}; keep it at most the default ${DEFAULT_LIMITS.maxDepth})` });
    throw e;
  }
}

async function readFormat(bytes: Uint8Array, path: string, opts: ReadOptions, limits: Limits): Promise<SourceDoc> {
  const format = opts.inputFormat ?? detectFormat(bytes, path);
  const base = { path, sha256: sha256(bytes), bytes: bytes.length };
  switch (format) {
    case 'doc':
      throw oleError(bytes, path); // legacy .doc, or an encrypted .docx (E_ENCRYPTED)
    case 'docx': {
      const { readDocx } = await import('./docx.js');
      return readDocx(bytes, base, opts.limits);
    }
    case 'html': {
      const { readHtml } = await import('./html.js');
      return readHtml(bytes, base, limits);
    }
    case 'text': {
      const d = decodeBytes(bytes, path);
      return readText(d.text, { ...base, encoding: d.encoding, notes: d.notes }, limits);
    }
  }
}
