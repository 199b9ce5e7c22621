// Byte → text decoding for text-like inputs: BOM, strict UTF-8, UTF-16 sniffing, GB18030 fallback.
import type { ReaderNote } from '../types.js';
import { GiaError } from '../errors.js';

export interface Decoded {
  text: string;
  encoding: string;
  notes: ReaderNote[];
}

/** Normalises an encoding label: GB2312/GBK/x-gbk and friends decode as GB18030 (a superset). */
export function canonicalEncoding(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'windows-936', 'euc-cn', 'csgb2312', 'gb_2312-80', 'iso-ir-58', 'chinese'].includes(l)) return 'gb18030';
  if (['utf-8', 'utf8', 'unicode-1-1-utf-8'].includes(l)) return 'utf-8';
  if (['utf-16', 'utf-16le', 'unicode', 'ucs-2'].includes(l)) return 'utf-16le';
  if (l === 'utf-16be') return 'utf-16be';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** Detects a byte order mark. */
export function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Guesses UTF-16 without BOM from where its NUL bytes fall. ASCII-heavy text has a NUL in most
 * code units; Chinese text only in its ASCII ones (digits, tabs, line breaks), so any clear share
 * of NULs that all sit on one parity counts, as long as the result decodes cleanly.
 */
function sniffUtf16(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 65536) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  let guess: string | null = null;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) guess = 'utf-16le';
  else if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) guess = 'utf-16be';
  else if (oddNul >= Math.max(2, pairs * 0.01) && evenNul * 2 < oddNul) guess = 'utf-16le';
  else if (evenNul >= Math.max(2, pairs * 0.01) && oddNul * 2 < evenNul) guess = 'utf-16be';
  if (!guess) return null;
  let text: string;
  try {
    text = new TextDecoder(guess, { fatal: true }).decode(bytes.subarray(0, n));
  } catch {
    return null;
  }
  // plausible text: CJK, printable ASCII, white space and full-width punctuation
  const plausible = text.match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2010-\u206f\x20-\x7e\t\r\n\u00a0\u00b7\u00d7]/g)?.length ?? 0;
  return plausible >= text.length * 0.95 ? guess : null;
}

/** True if the bytes hold NUL bytes (a binary file, once UTF-16 is ruled out). */
function hasNul(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Decodes bytes: a BOM wins, then `declared` (e.g. an HTML meta charset), then strict UTF-8,
 * then UTF-16 by NUL pattern, then GB18030. Throws E_BINARY for binary data.
 */
export function decodeBytes(bytes: Uint8Array, path: string, declared?: string | null): Decoded {
  const notes: ReaderNote[] = [];
  const bom = bomOf(bytes);
  if (bom) {
    notes.push({ code: 'bom', data: { encoding: bom.encoding } });
    return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), encoding: bom.encoding, notes };
  }
  if (declared) {
    const enc = metaEncoding(declared);
    if (enc) {
      try {
        return { text: new TextDecoder(enc, { fatal: enc !== 'gb18030' }).decode(bytes), encoding: enc, notes };
      } catch {
        notes.push({ code: 'encoding-guessed', data: { declared, encoding: 'auto' } });
      }
    }
  }
  const u16 = sniffUtf16(bytes);
  if (u16) {
    notes.push({ code: 'encoding-guessed', data: { encoding: u16 } });
    return { text: new TextDecoder(u16).decode(bytes), encoding: u16, notes };
  }
  if (hasNul(bytes)) throw new GiaError('E_BINARY', { file: path });
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', notes };
  } catch {
    // a few bad bytes in an otherwise UTF-8 file (a word pasted from a GBK page): UTF-8 with
    // replacement, the bad bytes reported by line; a file mostly not UTF-8 is GB18030 as before
    const u = overwhelminglyUtf8(bytes);
    if (u) {
      const text = new TextDecoder('utf-8').decode(bytes);
      notes.push({ code: 'invalid-bytes', data: { encoding: 'utf-8', count: u.bad, lines: replacementLines(text).join(',') } });
      return { text, encoding: 'utf-8', notes };
    }
    notes.push({ code: 'encoding-guessed', data: { encoding: 'gb18030' } });
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', notes };
  }
}

/**
 * The encoding an HTML `<meta charset>` declares, as browsers take it (WHATWG "prescan"): a page
 * found by a byte scan is 8-bit, so UTF-16 there means UTF-8, and x-user-defined windows-1252.
 */
function metaEncoding(declared: string): string | null {
  const enc = canonicalEncoding(declared);
  if (enc === 'utf-16le' || enc === 'utf-16be') return 'utf-8';
  if (declared.trim().toLowerCase() === 'x-user-defined') return 'windows-1252';
  return enc;
}

/**
 * Whether bytes that are not valid UTF-8 are still overwhelmingly UTF-8: at least 20 valid
 * multi-byte characters and at least 20 times as many as the invalid sequences (GBK or GB18030
 * text is almost never valid UTF-8: its multi-byte characters fail where a stray word does).
 * Returns the number of invalid sequences, or null.
 */
function overwhelminglyUtf8(bytes: Uint8Array): { bad: number } | null {
  let good = 0;
  let bad = 0;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok && len === 3) {
      const b1 = bytes[i + 1]!;
      ok = !(b === 0xe0 && b1 < 0xa0) && !(b === 0xed && b1 > 0x9f); // overlong, surrogates
    }
    if (ok && len === 4) {
      const b1 = bytes[i + 1]!;
      ok = !(b === 0xf0 && b1 < 0x90) && !(b === 0xf4 && b1 > 0x8f);
    }
    if (ok) {
      good++;
      i += len;
    } else {
      bad++;
      i++;
    }
  }
  return bad > 0 && good >= 20 && good >= bad * 20 ? { bad } : null;
}

/** Lines (1-based, split as {@link splitLines}) holding a U+FFFD replacement character, at most 50. */
function replacementLines(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  for (let i = text.indexOf('\ufffd'), from = 0; i >= 0 && out.length < 50; i = text.indexOf('\ufffd', i + 1)) {
    for (let k = from; k < i; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) line++;
    }
    from = i;
    if (out[out.length - 1] !== line) out.push(line);
  }
  return out;
}

/** Splits text into lines on CR, LF or CRLF. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
