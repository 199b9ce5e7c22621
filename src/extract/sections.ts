// Finds the report's sections 一 … 六 by their headings (numbered or not).
import type { FoundSection, Paragraph, SectionDef } from '../types.js';
import { labelKey } from '../text/normalize.js';

const NUMERALS = '一二三四五六七八九十';

/**
 * Heading markup around a heading's text, from converters and editors: Markdown `## `, `**…**`,
 * `__…__`, a quote or list marker, an HTML `<b>`/`<strong>` left as text. Removed from the key only.
 */
const MARKUP_START = /^(?:#{1,6}|[>*_\-]+|<(?:b|strong|h[1-6])>)+/i;
const MARKUP_END = /(?:#+|[*_]+|<\/(?:b|strong|h[1-6])>)+$/i;

function stripMarkup(key: string): string {
  const k = key.replace(MARKUP_START, '');
  // MARKUP_END ends in "#", "*", "_" or ">": a key ending otherwise (nearly all) is not tried at every position of a long paragraph
  const z = k.charCodeAt(k.length - 1);
  return z === 35 || z === 42 || z === 95 || z === 62 ? k.replace(MARKUP_END, '') : k;
}

/**
 * A heading is a short paragraph holding a section phrase, optionally after its numeral
 * ("二、", "二.", "2、", "（二）"). Where paragraphs are run together (scraped web text), a
 * numbered heading inside a long paragraph still counts.
 */
/** Each section's phrase keys and heading patterns, compiled once per template's section list. */
interface Compiled {
  phrases: string[];
  numberedPrefix: RegExp;
  /** Run-together text "…一、总体情况2019年，…", per phrase. */
  glued: Map<string, RegExp>;
}
const compiledOf = new WeakMap<SectionDef[], Compiled[]>();

function compile(defs: SectionDef[]): Compiled[] {
  let out = compiledOf.get(defs);
  if (!out) {
    out = defs.map((def, di) => {
      const phrases = def.phrases.map(labelKey);
      const arabic = String(di + 1);
      const numberedPrefix = new RegExp(`^(?:${def.numeral}[、.]|\\(${def.numeral}\\)|${arabic}[.、]|第${def.numeral}部分[、.]?)`);
      const glued = new Map(phrases.map((phrase) => [phrase, new RegExp(`(?:^|[^${NUMERALS}])${def.numeral}[、.](?:政府信息公开工作|政府信息公开|因政府信息公开申请|因政府信息公开工作被申请)?${phrase}`)]));
      return { phrases, numberedPrefix, glued };
    });
    compiledOf.set(defs, out);
  }
  return out;
}

export function findSections(paragraphs: Paragraph[], defs: SectionDef[]): FoundSection[] {
  const keys = paragraphs.map((p) => stripMarkup(labelKey(p.text)));
  const compiled = compile(defs);
  let fromPara = 0;
  return defs.map((def, di) => {
    const { phrases, numberedPrefix, glued: gluedOf } = compiled[di]!;
    for (let i = fromPara; i < keys.length; i++) {
      const k = keys[i]!;
      const phrase = phrases.find((p) => k.includes(p));
      if (!phrase) continue;
      const at = k.indexOf(phrase);
      const before = k.slice(0, at);
      const short = k.length <= phrase.length + 24;
      if (short && (before === '' || numberedPrefix.test(before) || /^[一二三四五六七八九十\d]+[、.]?$|^\([一二三四五六七八九十\d]+\)$/.test(before))) {
        fromPara = i + 1;
        return { key: def.key, found: true, heading: paragraphs[i]!.text, numbered: before !== '', pos: paragraphs[i]!.pos, paragraphIndex: i };
      }
      // run-together text: "…一、总体情况2019年，…"
      if (!short && gluedOf.get(phrase)!.test(k)) {
        fromPara = i;
        return { key: def.key, found: true, heading: `${def.numeral}、${def.label}`, numbered: true, pos: paragraphs[i]!.pos, paragraphIndex: i };
      }
    }
    return { key: def.key, found: false };
  });
}
