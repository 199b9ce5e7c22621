// Byte mode for htmlparser2: parse valid UTF-8 read as latin1 (one character per byte, no decoding
// of the whole input) and decode only the slices the parser hands out.
//
// It overrides `getSlice`, a private method of htmlparser2's Parser: package.json pins htmlparser2 to
// one exact version (10.1.0), and a self-test at load time parses a sample both ways and turns byte
// mode off if anything differs (readers then decode the whole input: slower, never wrong).
import { Parser } from 'htmlparser2';

type Sliceable = { getSlice?: (start: number, end: number) => string };

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
  (parser as Sliceable).getSlice = (start, end) => {
    for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return utf8.toString('utf8', start, end);
    return text.slice(start, end);
  };
}

/** Everything a Parser reports of `input`, in order (what the readers build from). */
function events(input: string, utf8: Buffer | null, xmlMode: boolean, decodeEntities: boolean): string {
  const out: unknown[] = [];
  const p = new Parser(
    {
      onopentag: (name, attribs) => out.push(['<', name, attribs, p.startIndex]),
      onclosetag: (name) => out.push(['>', name]),
      ontext: (t) => out.push(['t', t]),
      oncomment: (t) => out.push(['c', t]),
      onprocessinginstruction: (n, t) => out.push(['?', n, t]),
    },
    { xmlMode, decodeEntities, lowerCaseTags: !xmlMode, lowerCaseAttributeNames: !xmlMode },
  );
  if (utf8) sliceFromUtf8(p, input, utf8);
  p.end(input);
  return JSON.stringify(out);
}

/** Parses a sample with byte mode and decoded, in both modes the readers use: the same events? */
export function byteModeSelfTest(): boolean {
  if (typeof (Parser.prototype as unknown as Sliceable).getSlice !== 'function') return false;
  const sample =
    '<!DOCTYPE html><html><head><title>年度报告</title></head><body><p class="é">一、总体情况&amp;概述 <b>(一)</b></p>' +
    '<table><tr><td rowspan="2" title="第一行">收到申请数</td><td>12</td></tr></table><!-- 注释 --><?xml version="1.0"?>' +
    '<w:t xml:space="preserve">中文 ü ✓ 😀</w:t><br/>尾</body></html>';
  try {
    const utf8 = Buffer.from(sample, 'utf8');
    const latin1 = utf8.toString('latin1');
    for (const [xml, dec] of [
      [false, false],
      [false, true],
      [true, false],
    ] as const) {
      // offsets differ (bytes vs UTF-16 units): compared on an ASCII sample of the same shape
      const a = JSON.parse(events(latin1, utf8, xml, dec)) as unknown[][];
      const b = JSON.parse(events(sample, null, xml, dec)) as unknown[][];
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) {
        const x = a[i]!;
        const y = b[i]!;
        if (x[0] === '<') {
          x.pop();
          y.pop();
        }
        if (JSON.stringify(x) !== JSON.stringify(y)) return false;
      }
    }
    const ascii = sample.replace(/[^\x00-\x7f]/g, 'x');
    const ab = Buffer.from(ascii, 'latin1');
    if (events(ascii, ab, false, false) !== events(ascii, null, false, false)) return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the readers parse UTF-8 input in byte mode: this htmlparser2 takes every slice through
 * `getSlice` and passed {@link byteModeSelfTest}. Live binding: {@link setByteMode} changes it.
 */
// eslint-disable-next-line import/no-mutable-exports
export let BYTE_MODE = byteModeSelfTest();

/** Turns byte mode off (or back on, when the self-test passes): tests compare both paths. */
export function setByteMode(on: boolean): void {
  BYTE_MODE = on && byteModeSelfTest();
}
