// Byte mode for htmlparser2: parse valid UTF-8 read as latin1 (one character per byte, no decoding
// of the whole input) and decode only the slices the parser hands out.
import { Parser } from 'htmlparser2';

/**
 * Whether this htmlparser2 takes every slice through `getSlice` (a private method of its Parser in
 * 10.x). Without it, readers decode the whole input and parse that instead: slower, never wrong.
 */
export const BYTE_MODE = typeof (Parser.prototype as unknown as { getSlice?: unknown }).getSlice === 'function';

/**
 * Byte mode for a Parser fed `text` in one `end(text)` call, where `text` is `utf8` read as latin1:
 * every slice the parser takes (text, names, attribute values) is decoded from the bytes instead.
 * The tokenizer only ever compares characters with ASCII ones (delimiters, white space, letters of
 * names and entities), which the bytes of other characters in valid UTF-8 never equal, so it splits
 * the input at the same places and every slice starts and ends at an ASCII character, never inside
 * a character. Offsets (`startIndex`) are byte offsets then. Only call it when {@link BYTE_MODE}.
 */
export function sliceFromUtf8(parser: object, text: string, utf8: Buffer): void {
  // an own property in front of the prototype method: the whole input is one buffer
  (parser as { getSlice?: (start: number, end: number) => string }).getSlice = (start, end) => {
    for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return utf8.toString('utf8', start, end);
    return text.slice(start, end);
  };
}
