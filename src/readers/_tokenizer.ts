// htmlparser2's Tokenizer with fast paths for runs of characters that change nothing: its `parse`
// loop dispatches on the state for every character, so text, tag and attribute names and quoted
// attribute values cost a switch and a call per character. Here the states that only wait for a
// delimiter skip to it in a tight loop (or `indexOf`), then hand the delimiter to the original
// state function. The tokenizer's output (events, offsets) is the same: the skipped characters are
// exactly those the original state functions ignore (with `decodeEntities`, which both readers set).
// These are private members of htmlparser2 10.x; if they are missing, the Tokenizer is used as is.
import { Tokenizer } from 'htmlparser2';

/** The private fields the fast paths read and move. */
interface Internals {
  buffer: string;
  offset: number;
  index: number;
  decodeEntities: boolean;
}
type StateFn = (this: Internals, c: number) => void;

const LT = 0x3c; // <
const GT = 0x3e; // >
const AMP = 0x26; // &
const SLASH = 0x2f; // /
const EQ = 0x3d; // =
const DQ = 0x22; // "
const SQ = 0x27; // '

/** Tokenizer white space: space, \n, \t, \f, \r. */
const isWs = (ch: number): boolean => ch === 0x20 || ch === 0x0a || ch === 0x09 || ch === 0x0c || ch === 0x0d;

// Each returns the position of the next character its state acts on after `i` (or `n`); one
// loop per state so that each stays monomorphic.
function nextText(buf: string, i: number, n: number): number {
  while (++i < n) {
    const ch = buf.charCodeAt(i);
    if (ch === LT || ch === AMP) break;
  }
  return i;
}
function nextTagNameEnd(buf: string, i: number, n: number): number {
  while (++i < n) {
    const ch = buf.charCodeAt(i);
    if (ch === GT || ch === SLASH || isWs(ch)) break;
  }
  return i;
}
function nextAttrNameEnd(buf: string, i: number, n: number): number {
  while (++i < n) {
    const ch = buf.charCodeAt(i);
    if (ch === EQ || ch === GT || ch === SLASH || isWs(ch)) break;
  }
  return i;
}
function nextClosingNameEnd(buf: string, i: number, n: number): number {
  while (++i < n) {
    const ch = buf.charCodeAt(i);
    if (ch === GT || isWs(ch)) break;
  }
  return i;
}
function nextDq(buf: string, i: number, n: number): number {
  while (++i < n) {
    const ch = buf.charCodeAt(i);
    if (ch === DQ || ch === AMP) break;
  }
  return i;
}
function nextSq(buf: string, i: number, n: number): number {
  while (++i < n) {
    const ch = buf.charCodeAt(i);
    if (ch === SQ || ch === AMP) break;
  }
  return i;
}

const base = Tokenizer.prototype as unknown as Record<string, StateFn | undefined>;
const NAMES = ['stateText', 'stateInTagName', 'stateInAttributeName', 'stateInClosingTagName', 'stateInAttributeValueDoubleQuotes', 'stateInAttributeValueSingleQuotes', 'fastForwardTo'];

/** htmlparser2's Tokenizer with the fast paths (pass as the Parser's `Tokenizer` option). */
export class FastTokenizer extends Tokenizer {}

if (NAMES.every((n) => typeof base[n] === 'function')) {
  const orig = (n: string): StateFn => base[n]!;
  /**
   * A state that acts only on the characters `isDelimiter` accepts: other characters move `index`
   * to just before the next delimiter (or to the last character) — `parse` increments it and hands
   * that character to the state.
   */
  const fast = (n: string, isDelimiter: (ch: number) => boolean, next: (buf: string, i: number, n: number) => number): StateFn => {
    const o = orig(n);
    return function (this: Internals, c: number): void {
      if (isDelimiter(c) || !this.decodeEntities) o.call(this, c);
      else this.index = next(this.buffer, this.index - this.offset, this.buffer.length) - 1 + this.offset;
    };
  };
  const proto = FastTokenizer.prototype as unknown as Record<string, unknown>;
  proto['stateText'] = fast('stateText', (ch) => ch === LT || ch === AMP, nextText);
  proto['stateInTagName'] = fast('stateInTagName', (ch) => ch === GT || ch === SLASH || isWs(ch), nextTagNameEnd);
  proto['stateInAttributeName'] = fast('stateInAttributeName', (ch) => ch === EQ || ch === GT || ch === SLASH || isWs(ch), nextAttrNameEnd);
  proto['stateInClosingTagName'] = fast('stateInClosingTagName', (ch) => ch === GT || isWs(ch), nextClosingNameEnd);
  proto['stateInAttributeValueDoubleQuotes'] = fast('stateInAttributeValueDoubleQuotes', (ch) => ch === DQ || ch === AMP, nextDq);
  proto['stateInAttributeValueSingleQuotes'] = fast('stateInAttributeValueSingleQuotes', (ch) => ch === SQ || ch === AMP, nextSq);
  // the same search, native
  proto['fastForwardTo'] = function (this: Internals, c: number): boolean {
    const i = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
    if (i < 0) {
      this.index = this.buffer.length + this.offset - 1;
      return false;
    }
    this.index = i + this.offset;
    return true;
  };
}

/**
 * Byte mode for a Parser fed `text` in one `end(text)` call, where `text` is `utf8` read as latin1
 * (one character per byte: no decoding of the whole input): every slice the parser takes (text,
 * names, attribute values) is decoded from the bytes instead. The tokenizer only ever compares
 * characters with ASCII ones (delimiters, white space, letters of names and entities), which the
 * bytes of other characters in valid UTF-8 never equal, so it splits the input at the same places
 * and every slice starts and ends at an ASCII character, never inside a character. Offsets
 * (`startIndex`) are byte offsets then.
 */
export function sliceFromUtf8(parser: object, text: string, utf8: Buffer): void {
  // an own property in front of the (private) prototype method: the whole input is one buffer
  (parser as { getSlice?: (start: number, end: number) => string }).getSlice = (start, end) => {
    for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return utf8.toString('utf8', start, end);
    return text.slice(start, end);
  };
}
