// The CSV field quoter (src/writers/_csv-field.ts) writes exactly what csv-stringify writes with
// the CSV writer's options (and a field with a lone CR quoted), and csv-parse reads it back: random records of text with quotes,
// commas, CR, LF, formula characters, CJK and empty fields, and numbers.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { csvField, csvLine, csvText } from '../src/writers/_csv-field.js';

/** Deterministic pseudo-random numbers (a failure is reproducible). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const PIECES = ['"', ',', '\n', '\r', '\r\n', '""', '=', '+', '-', '@', '\t', ' ', 'a', 'Z', '0', '9', '表三', '（一）', '“', '”', '，', '\uff1d', "'", ';', '\\'];

function randomField(rnd: () => number): string | number {
  const k = rnd();
  if (k < 0.15) return Math.floor(rnd() * 2000) - 1000;
  if (k < 0.2) return Math.round(rnd() * 1e6) / 100;
  if (k < 0.25) return '';
  let s = '';
  const n = Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

describe('CSV field quoter', () => {
  it('quotes what needs it, doubles quotes, prints numbers as JavaScript does', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\n');
  });

  it('gives csv-stringify\'s text, and csv-parse reads the fields back (2 000 random records)', () => {
    const rnd = lcg(20261202);
    for (let round = 0; round < 40; round++) {
      const width = 2 + Math.floor(rnd() * 10);
      const header = Array.from({ length: width }, (_, i) => (i % 3 === 0 ? `col "${i}", x` : `c${i}`));
      const records = Array.from({ length: 50 }, () => Array.from({ length: width }, () => randomField(rnd)));
      for (const h of [header, null]) {
        const ours = csvText(records, h);
        // csv-stringify leaves a lone CR bare (csv-parse then ends the record there): the quoter quotes it, as quoted_match '\r' makes csv-stringify do
        const theirs = stringify(records, { header: h !== null, ...(h ? { columns: h } : {}), record_delimiter: '\n', quoted_match: '\r' });
        expect(ours).toBe(theirs);
        const back = parse(ours) as string[][];
        expect(back).toEqual([...(h ? [h] : []), ...records.map((r) => r.map(String))]);
      }
    }
    expect(csvText([], ['a', 'b'])).toBe(stringify([], { header: true, columns: ['a', 'b'], record_delimiter: '\n' }));
    expect(csvText([], null)).toBe('');
  });
});
