// Derived layouts and encodings of the real text fixtures must read to exactly the expected values.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { analyzeText, expectedOf, fixtureText, mismatches } from './helpers/report.js';
import { rowsOfLo, rowsOfSeed, toCellLines, toPdfText, toPipes, toTabs, withoutGroupLabels, type Row } from './helpers/variants.js';

interface Source {
  name: string;
  folder: string;
  text: string;
  rows: Row[];
}

const SOURCES: Source[] = [
  (() => {
    const text = fixtureText('akqi-2021', 'akqi-2021.txt');
    return { name: 'akqi-2021 seed', folder: 'akqi-2021', text, rows: rowsOfSeed(text) };
  })(),
  (() => {
    const text = fixtureText('shanghai-office-2019', 'shanghai-office-2019.lo.txt');
    return { name: 'shanghai-office-2019 lo.txt', folder: 'shanghai-office-2019', text, rows: rowsOfLo(text) };
  })(),
];

const LAYOUTS: [string, (rows: Row[]) => string][] = [
  ['one row per line, tabs', toTabs],
  ['one row per line, | with border lines', toPipes],
  ['tabs without group labels', (r) => toTabs(withoutGroupLabels(r))],
  ['pipes without group labels', (r) => toPipes(withoutGroupLabels(r))],
  ['one cell per line without group labels', (r) => toCellLines(withoutGroupLabels(r))],
  ['PDF-like: aligned columns, wrapped labels, page line', (r) => toPdfText(r, { pageBefore: '5.属于三类内部事务信息', pageLine: '- 7 -' })],
  [
    'PDF-like with a vertical group label',
    (r) => toPdfText(r, { pageBefore: '1.本机关不掌握', pageLine: '- 7 -', vertical: '三、本年度办理结果', wrapAt: 14 }),
  ],
];

function stripBom(s: string): string {
  return s.replace(/^\ufeff/, '');
}

const ENCODINGS: [string, string, (s: string) => Uint8Array][] = [
  ['UTF-8 without BOM', 'utf-8', (s) => Buffer.from(stripBom(s), 'utf8')],
  ['UTF-8 with BOM', 'utf-8', (s) => Buffer.from('\ufeff' + stripBom(s), 'utf8')],
  ['UTF-16LE with BOM', 'utf-16le', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(stripBom(s), 'utf16le')])],
  ['UTF-16BE with BOM', 'utf-16be', (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(stripBom(s), 'utf16le').swap16()])],
  ['UTF-16LE without BOM', 'utf-16le', (s) => Buffer.from(stripBom(s), 'utf16le')],
  ['GB18030', 'gb18030', (s) => iconv.encode(stripBom(s), 'gb18030')],
  // GBK has no NBSP: a GBK export writes the ideographic space U+3000 for a blank cell
  ['GBK', 'gb18030', (s) => iconv.encode(stripBom(s).replace(/\u00a0/g, '\u3000'), 'gbk')],
  ['UTF-8, CRLF', 'utf-8', (s) => Buffer.from(stripBom(s).replace(/\n/g, '\r\n'), 'utf8')],
  ['UTF-8, CR', 'utf-8', (s) => Buffer.from(stripBom(s).replace(/\n/g, '\r'), 'utf8')],
  ['GB18030, CRLF', 'gb18030', (s) => iconv.encode(stripBom(s).replace(/\n/g, '\r\n'), 'gb18030')],
];

describe.each(SOURCES)('$name', (src) => {
  const expected = expectedOf(src.folder);

  it('the original reads to the expected values', async () => {
    const r = await analyzeText(src.text);
    expect(mismatches(r, expected)).toEqual([]);
  });

  it.each(LAYOUTS)('%s', async (name, make) => {
    const text = make(src.rows);
    const r = await analyzeText(text);
    const pdf = name.startsWith('PDF');
    // Known gap: in PDF text a blank cell leaves only spaces. Short rows are re-aligned under the
    // table's column grid, but table 四 has a single row, so no grid can be inferred from its data:
    // its blanks are not recoverable: the row is left null and reported as unreadable (GIA002), never
    // as the author's short row (GIA105).
    const gap = pdf && src.folder === 'shanghai-office-2019';
    const bad = mismatches(r, expected).filter((m) => !(gap && m.startsWith('appeals/')));
    expect(bad, text).toEqual([]);
    // In PDF text a row that is blank throughout leaves only its label: cells unread (GIA002, a reading
    // finding); GIA105 (the author's short row) never fires on text.
    const allBlank = (row?: string) => !!row && Object.values((expected.requests as Record<string, Record<string, number | null>>)[row] ?? {}).every((v) => v === null);
    const structural = r.diagnostics.filter(
      (d) => ['GIA002', 'GIA103', 'GIA104', 'GIA105'].includes(d.ruleId) && !(pdf && d.ruleId === 'GIA002' && (allBlank(d.row) || (gap && d.table === 'appeals'))),
    );
    expect(structural.map((d) => d.message)).toEqual([]);
    if (gap) expect(r.diagnostics.some((d) => d.ruleId === 'GIA002' && d.table === 'appeals')).toBe(true);
  });

  it.each(ENCODINGS)('%s', async (_name, encoding, encode) => {
    const r = await analyzeText(encode(src.text));
    expect(r.source.encoding).toBe(encoding);
    expect(mismatches(r, expected)).toEqual([]);
  });

  it.each(ENCODINGS.slice(2, 7))('tabs layout in %s', async (_name, encoding, encode) => {
    const r = await analyzeText(encode(toTabs(src.rows)));
    expect(r.source.encoding).toBe(encoding);
    expect(mismatches(r, expected)).toEqual([]);
  });
});
