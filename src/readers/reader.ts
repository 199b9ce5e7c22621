// The reader contract: one object per input format (textlint's per-format plugin). The registry in
// index.ts lists them; detection, the supported extensions, --input-format, the batch cost
// estimate and the "which formats" part of error texts all read from that list.
import type { Locale, SourceDoc } from '../types.js';
import type { Limits } from '../limits.js';
import { bomOf } from './decode.js';

/** The first bytes of an input (up to {@link HEAD_BYTES}) and its name, as sniffers see them. */
export interface Head {
  bytes: Uint8Array;
  /** The head as text: BOM-decoded for UTF-16, else one character per byte (latin1; ASCII patterns match). */
  text: string;
  path: string;
}

export const HEAD_BYTES = 4096;

/**
 * How sure a sniffer is: `content` — the bytes say so (a magic number, HTML markup); `name` — the
 * file carries this reader's extension and the bytes do not contradict it. Content beats name.
 */
export type SniffResult = 'content' | 'name' | null;

/** What a reader gets besides the bytes: the source facts and the limits, resolved once per read. */
export interface ReadContext {
  path: string;
  sha256: string;
  bytes: number;
  limits: Limits;
}

export interface Reader {
  /** Registry key; for readers of report formats, the `SourceDoc.format` they produce. */
  format: string;
  /** Lower-case extensions (with the dot) picked up when walking a folder. */
  extensions: readonly string[];
  /** Accepted by `--input-format` (skip detection, read as this format). */
  selectable: boolean;
  /** How the format is named in "supported formats" lists (absent: not listed). */
  label?: Record<Locale, string>;
  /** Rough analysis cost in text-report units (batch scheduling). */
  cost: number;
  /** Formats we refuse: the skip reason when met in a folder walk (instead of reading). */
  skip?: (path: string) => string;
  sniff(head: Head): SniffResult;
  read(bytes: Uint8Array, ctx: ReadContext): Promise<SourceDoc>;
}

/** The head of some bytes as {@link Head.text}. */
export function headText(bytes: Uint8Array): string {
  const bom = bomOf(bytes);
  if (bom && bom.encoding !== 'utf-8') return new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length, bom.length + HEAD_BYTES));
  // one character per byte: Buffer's latin1 takes ~1 µs where TextDecoder('latin1') (windows-1252) took ~50 µs;
  // the patterns readers use match ASCII only, and no byte ≥ 0x80 is white space in either mapping but 0xA0 (the same)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', bom?.length ?? 0, Math.min(HEAD_BYTES, bytes.byteLength));
}

/** True when the path ends with one of the extensions (lower-case, with the dot). */
export function hasExtension(path: string, extensions: readonly string[]): boolean {
  const p = path.toLowerCase();
  return extensions.some((e) => p.endsWith(e));
}
