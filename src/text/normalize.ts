// Text normalisation: label keys for matching, and cell values (全角, 千分位, units, "—").
import type { CellKind, ValueKind } from '../types.js';

/** Characters that count as white space in cells: ASCII space, tab, NBSP, ideographic space, zero-width. */
const WS = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/**
 * Text that {@link keyOf} may change: anything outside printable ASCII, 、。 and the CJK ideographs
 * (all NFKC-stable), white space, quotes, colons, and a digit before 、 (ASCII "," is excluded too).
 */
const NEEDS_KEYING = /[^\x21-\x7e\u3001\u3002\u3400-\u4dbf\u4e00-\u9fff]|["',:]|\d、/;

/**
 * Label texts repeat across the rows of a template and across reports, paragraphs within a report
 * (segments, sections, rules): their keys are kept, up to a bound on entries and characters.
 */
const keyCache = new Map<string, string>();
const KEY_CACHE_SIZE = 8192;
const KEY_CACHE_MAX_LENGTH = 2000;
const KEY_CACHE_CHARS = 1 << 20;
let keyCacheChars = 0;

/**
 * Normalises a label for matching: NFKC (全角 → 半角), no white space, no quotes or colons,
 * "1、" / "1．" → "1.", unified brackets.
 */
export function labelKey(text: string): string {
  if (!NEEDS_KEYING.test(text)) return text; // already a key (most CJK/ASCII labels and paragraphs)
  const cached = keyCache.get(text);
  if (cached !== undefined) return cached;
  const key = keyOf(text);
  if (text.length <= KEY_CACHE_MAX_LENGTH) {
    if (keyCache.size >= KEY_CACHE_SIZE || keyCacheChars > KEY_CACHE_CHARS) {
      keyCache.clear();
      keyCacheChars = 0;
    }
    keyCache.set(text, key);
    keyCacheChars += text.length + key.length;
  }
  return key;
}

/** Dropped from keys: white space (every character `\s` matches, and U+200B), quotes and colons. */
const KEY_DROP_CHARS = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b“”"\'‘’「」『』:：';
/** What {@link keyOf} does with a code unit: 0 keep, 1 drop, 2 → "(", 3 → ")", 4 → "." after a digit. */
const ACTION = new Uint8Array(0x10000);
for (const c of KEY_DROP_CHARS) ACTION[c.charCodeAt(0)] = 1;
for (const c of '【〔［') ACTION[c.charCodeAt(0)] = 2;
for (const c of '】〕］') ACTION[c.charCodeAt(0)] = 3;
for (const c of '、,，') ACTION[c.charCodeAt(0)] = 4;

/** Output code units of {@link keyOf}, reused (grows to the longest text keyed; ≤ 1 M units kept). */
let keyBuf = new Uint16Array(4096);
const KEY_BUF_KEEP = 1 << 20;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * The key of a text, in one pass after NFKC (equal to `normalize('NFKC')`, then white space, quotes
 * and colons removed, then 【〔［/】〕］ → ( ), then 、,， after a digit → "."; a test checks it against
 * that chain on every BMP character): the chain of four regular-expression passes was ~3× slower
 * on long paragraphs, and keys are computed for every paragraph and label of every report.
 */
function keyOf(text: string): string {
  const s = text.normalize('NFKC');
  const n = s.length;
  const buf = n <= keyBuf.length ? keyBuf : new Uint16Array(Math.max(n, keyBuf.length * 2));
  if (buf !== keyBuf && buf.length <= KEY_BUF_KEEP) keyBuf = buf;
  let j = 0;
  let prev = 0;
  let replaced = false;
  let surrogates = false;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    const act = ACTION[c]!;
    if (act !== 0) {
      if (act === 1) {
        replaced = true;
        continue;
      }
      if (act === 2) c = 0x28;
      else if (act === 3) c = 0x29;
      else if (prev >= 0x30 && prev <= 0x39) c = 0x2e;
      replaced ||= c !== s.charCodeAt(i);
    } else if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
    buf[j++] = c;
    prev = c;
  }
  return replaced ? fromUnits(buf, j, surrogates) : s;
}

/**
 * The string of the first `length` code units of `buf`. The UTF-16 decoder is the fast way, but it
 * turns a lone surrogate (a sliced pair) into U+FFFD, so text with surrogates is copied as is.
 */
function fromUnits(buf: Uint16Array, length: number, surrogates: boolean): string {
  if (LITTLE_ENDIAN && !surrogates) return UTF16LE.decode(buf.subarray(0, length));
  let out = '';
  for (let k = 0; k < length; k += 4096) out += String.fromCharCode(...buf.subarray(k, Math.min(length, k + 4096)));
  return out;
}

/** Strips a leading numbering such as "一、", "(三)", "1.", "3、" from a label key. */
export function stripNumbering(key: string): string {
  return key.replace(/^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+\.)/, '');
}

/** True if the text has any CJK ideograph (so it is a label, not a value). */
export function hasCjk(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}

/** Tokens that declare "none": read as 0, raw kept. */
const DASHES = new Set(['—', '——', '-', '--', '－', '–', '―', '/', '／', '\\', '无', '×', '/ ']);

/** A run of dashes ("——", "---"): also "none". */
const DASH_RUN = /^[-—–－―]+$/;

/** Units that may follow a number inside a cell. */
const UNIT_RE = /(万元|亿元|元|件|项|个|条|次|宗|份|人次)$/;

const NUMBER_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** Result of reading one cell's text. */
export interface ParsedValue {
  kind: ValueKind;
  value: number | null;
  unit?: string;
  /** The value before unit normalisation. */
  original?: number;
  /** The number as written had a sign. */
  signed?: boolean;
  /** The number as written had decimals. */
  decimals?: boolean;
}

/** Cleans a cell's text: NFKC (全角 digits, ．，－), trims all kinds of white space. */
export function cleanCell(raw: string): string {
  if (!NEEDS_CLEANING.test(raw)) return raw; // printable ASCII or CJK ideographs, no spaces: nothing to do
  return raw.normalize('NFKC').replace(WS, ' ').trim();
}

/** Text {@link cleanCell} may change: anything but printable ASCII without space and the CJK ideographs (NFKC-stable). */
const NEEDS_CLEANING = /[^\x21-\x7e\u3400-\u4dbf\u4e00-\u9fff]/;
/** A plain count: ASCII digits only (most cells). */
const PLAIN_DIGITS = /^\d+$/;
const HAS_DIGIT = /\d/;

/**
 * Reads a cell value. Blank → null; "—", "-", "/", "无" → 0 (kind `dash`); numbers with
 * thousands separators, full-width digits and units. Amounts (`kind: 'amount'`) written in 元
 * are normalised to 万元 without floating-point drift.
 */
export function parseValue(raw: string, cellKind: CellKind = 'count'): ParsedValue {
  // superscript/subscript digits are footnote marks, not a number ("¹²³" is not 123; NFKC would make it one)
  if (allAsciiDigits(raw)) return { kind: 'number', value: Number(raw) }; // most cells: what the path below gives them
  if (SUPER_SUB.test(raw)) return { kind: 'invalid', value: null };
  const t = cleanCell(raw);
  if (t === '') return { kind: 'blank', value: null };
  if (PLAIN_DIGITS.test(t)) return { kind: 'number', value: Number(t) }; // what the general path below gives
  if (DASHES.has(t) || DASH_RUN.test(t)) return { kind: 'dash', value: 0 };
  let body = t.replace(/\s+/g, '');
  let unit: string | undefined;
  const u = UNIT_RE.exec(body);
  if (u) {
    unit = u[1];
    body = body.slice(0, u.index);
  }
  // "+3", "增加3", "减少2" for the 2019 本年增/减 column
  let sign = '';
  const word = /^(增加|增|减少|减)/.exec(body);
  if (word) {
    sign = word[1]!.startsWith('减') ? '-' : '+';
    body = body.slice(word[0].length);
  }
  const m = NUMBER_RE.exec(body);
  if (!m) return { kind: 'invalid', value: null, ...(unit ? { unit } : {}) };
  const neg = (m[1] === '-') !== (sign === '-');
  const intPart = m[2]!.replace(/,/g, '');
  const frac = m[3] ?? '';
  let digits = intPart;
  let fracDigits = frac;
  let original: number | undefined;
  if (cellKind === 'amount' && (unit === '元' || unit === '亿元')) {
    original = Number(`${neg ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`);
    const shift = unit === '元' ? -4 : 4; // 元 → 万元: ÷10⁴; 亿元 → 万元: ×10⁴
    [digits, fracDigits] = shiftDecimal(intPart, frac, shift);
  }
  const value = Number(`${neg ? '-' : ''}${digits}${fracDigits ? `.${fracDigits}` : ''}`);
  return {
    kind: 'number',
    value: Object.is(value, -0) ? 0 : value,
    ...(unit ? { unit } : {}),
    ...(original !== undefined ? { original } : {}),
    ...(m[1] || sign ? { signed: true } : {}),
    ...(frac ? { decimals: true } : {}),
  };
}

/** Superscript and subscript digits and signs (², ³, ¹, U+2070–U+209F). */
const SUPER_SUB = /[\u00b2\u00b3\u00b9\u2070-\u209f]/;

/** Moves the decimal point of intPart.frac by `shift` places (negative = left), on strings. */
function shiftDecimal(intPart: string, frac: string, shift: number): [string, string] {
  const all = intPart + frac;
  let point = intPart.length + shift;
  let s = all;
  if (point <= 0) {
    s = '0'.repeat(1 - point) + s;
    point = 1;
  }
  if (point > s.length) s = s + '0'.repeat(point - s.length);
  const i = s.slice(0, point).replace(/^0+(?=\d)/, '');
  const f = s.slice(point).replace(/0+$/, '');
  return [i, f];
}

/** True if the text reads as a cell value (number, number with unit, dash token). */
export function isValueText(raw: string): boolean {
  // most cells are ASCII digits, most words a label with an ideograph no value can hold: the
  // answers of the path below, without normalising
  let digits = raw.length > 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    digits = false;
    if (((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) && !VALUE_IDEOGRAPHS.has(c)) return false;
  }
  if (digits) return true;
  const t = cleanCell(raw);
  if (t === '') return false;
  if (PLAIN_DIGITS.test(t)) return true;
  if (!HAS_DIGIT.test(t)) return DASHES.has(t) || DASH_RUN.test(t); // no digit (most labels): only a dash token is a value
  const p = parseValue(t, 'amount');
  return p.kind === 'number' || p.kind === 'dash';
}

/**
 * The only CJK ideographs a value's text can hold: its unit (UNIT_RE), a sign word (增加, 减少) and 无
 * (DASHES). NFKC leaves the ideographs of U+3400–U+4DBF and U+4E00–U+9FFF as they are, so text
 * with any other of them is no value.
 */
const VALUE_IDEOGRAPHS = new Set([...'万亿元件项个条次宗份人增加减少无'].map((ch) => ch.charCodeAt(0)));

/** Non-empty and ASCII digits only (= PLAIN_DIGITS, and cleanCell leaves such text as it is). */
function allAsciiDigits(raw: string): boolean {
  const n = raw.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True if the text is only white space (an explicitly blank cell). A loop over {@link isBlankUnit} (= `/^[\s\u00a0\u3000\u200b\ufeff]*$/`, without a regular expression call per line and cell). */
export function isBlankText(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) if (!isBlankUnit(raw.charCodeAt(i))) return false;
  return true;
}

/** A code unit that such white space (`[\s\u00a0\u3000\u200b\ufeff]`) is: every `\s` character, and U+200B. */
export function isBlankUnit(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
