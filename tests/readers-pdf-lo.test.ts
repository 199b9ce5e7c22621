// The LibreOffice PDF of every docx/HTML fixture (fixtures/_make/make-pdfs.sh), cell by cell against
// the fixture's own expected values. Where LibreOffice cut a table at the page edge, the cells it
// cut are not in the PDF at all: those rows must come out null with GIA002 (a reading failure, not
// the author's), never guessed; every other cell exact.
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import { extractPages } from '../src/readers/pdf/engine.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { expectedCells, expectedOf, fixtureBytes } from './helpers/report.js';

const REQUESTS_PART1 = ['received', 'carriedOver', 'granted', 'partlyGranted', 'denied.stateSecret', 'denied.lawForbids', 'denied.security', 'denied.thirdParty', 'denied.internal', 'denied.process', 'denied.enforcementFile', 'denied.queryMatter'];
const REQUESTS_ALL = [...REQUESTS_PART1, 'unavailable.notHeld', 'unavailable.needsCreation', 'unavailable.unclear', 'notProcessed.complaint', 'notProcessed.repeated', 'notProcessed.publication', 'notProcessed.excessive', 'notProcessed.confirmation', 'otherHandling', 'resultsTotal', 'carriedForward'];

interface Case {
  pdf: string;
  /** The fixture folder whose expected values the PDF must give. */
  expected: string;
  source: string;
  /** Rows cut off by LibreOffice ("table/row"): null in the PDF's reading, each with GIA002. */
  cut?: string[];
  why?: string;
}

const CASES: Case[] = [
  { pdf: 'shanghai-office-2019.lo.docx.lo.pdf', expected: 'shanghai-office-2019', source: 'shanghai-office-2019/shanghai-office-2019.lo.docx' },
  { pdf: 'pingtan-gaj-2022.html.lo.pdf', expected: 'pingtan-gaj-2022', source: 'pingtan-gaj-2022/pingtan-gaj-2022.html' },
  {
    pdf: 'shanghai-office-2019.merged.docx.lo.pdf',
    expected: 'shanghai-office-2019',
    source: 'docx-merged/shanghai-office-2019.merged.docx',
    cut: ['appeals/cases'],
    why: 'no ruling lines: tables read from glyph positions; table 四 is wider than the page and LibreOffice drops its 15th column (复议后起诉·总计)',
  },
  ...['shanghai-office-2019.html', 'shanghai-office-2019.gb2312.html', 'shanghai-office-2019.gb18030-http-equiv.html'].map((h) => ({
    pdf: `${h}.lo.pdf`,
    expected: 'shanghai-office-2019',
    source: h === 'shanghai-office-2019.html' ? 'shanghai-office-2019/shanghai-office-2019.html' : `html-gb2312/${h}`,
    cut: REQUESTS_ALL.map((r) => `requests/${r}`),
    why: 'table 三 printed at its HTML width: its 其他 and 总计 columns lie beyond the page and are not in the PDF',
  })),
  // tables without ruling lines (the fixture with its table borders off: make-pdfs.sh, make-chrome-pdfs.sh)
  { pdf: 'pingtan-gaj-2022.unruled.html.lo.pdf', expected: 'pingtan-gaj-2022', source: 'pingtan-gaj-2022.html, borders off', why: 'no ruling lines: every table read from glyph positions' },
  { pdf: 'pingtan-gaj-2022.unruled3.html.lo.pdf', expected: 'pingtan-gaj-2022', source: 'pingtan-gaj-2022.html, table 三 borders off', why: 'ruled tables 二 and 四, unruled table 三' },
  { pdf: 'pingtan-gaj-2022.unruled.docx.lo.pdf', expected: 'pingtan-gaj-2022', source: 'pingtan-gaj-2022.html, borders off, → docx → PDF', why: 'cells centred vertically: a row’s numbers level with a group label’s last line' },
  { pdf: '../pdf-chrome/pingtan-gaj-2022.rowlines.html.chrome.pdf', expected: 'pingtan-gaj-2022', source: 'pingtan-gaj-2022.html, row lines only, printed by Chromium', why: 'no column lines: each row a one-column box, read by positions' },
  {
    pdf: '../pdf-chrome/shanghai-office-2019.unruled.html.chrome.pdf',
    expected: 'shanghai-office-2019',
    source: 'shanghai-office-2019.html, borders off, printed by Chromium',
    cut: ['appeals/cases'],
    why: 'cells a pixel apart; table 四’s blank 行政复议·结果纠正 column has its header too close to its neighbour’s to be told apart: 14 of 15 columns, the row null',
  },
  { pdf: 'shanghai-office-2019.landscape.html.lo.pdf', expected: 'shanghai-office-2019', source: 'shanghai-office-2019.html on a landscape page', why: 'the route that gives LibreOffice a complete PDF of this HTML: table 三 fits the page' },
  {
    pdf: 'shanghai-office-2019.split.html.lo.pdf',
    expected: 'shanghai-office-2019',
    source: 'html-split/shanghai-office-2019.split.html',
    cut: REQUESTS_PART1.map((r) => `requests/${r}`),
    why: 'the first part of table 三 is cut at the page edge like the unsplit HTML; the second part fits the page',
  },
];

describe('LibreOffice (and browser) PDFs of the docx/HTML fixtures give the fixture’s expected values, cell by cell', () => {
  for (const c of CASES) {
    it(`pdf-lo/${c.pdf} ← ${c.source}${c.why ? ` (${c.why})` : ''}`, { timeout: 60_000 }, async () => {
      const r = await analyzeBytes(fixtureBytes('pdf-lo', ...c.pdf.split('/')), `pdf-lo/${c.pdf}`);
      const e = expectedOf(c.expected);
      expect(r.template.id).toBe(e.template);
      const cut = new Set(c.cut ?? []);
      const wrong: string[] = [];
      let exact = 0;
      for (const [t, row, col, v] of expectedCells(e)) {
        const got = r.tables[t]?.values[row]?.[col];
        const want = cut.has(`${t}/${row}`) ? null : v;
        if (got !== want) wrong.push(`${t}/${row}/${col}: expected ${want}, got ${got}`);
        else if (v !== null) exact++;
      }
      expect(wrong).toEqual([]);
      expect(expectedCells(e).length).toBeGreaterThan(150);
      expect(exact).toBeGreaterThanOrEqual(6); // the numbers read (blank cells aside), at least table 四's
      // a row cut away is a reading failure, said once per row, never blamed on the author
      const unread = new Set(r.diagnostics.filter((d) => d.ruleId === 'GIA002').map((d) => `${d.table}/${d.row}`));
      for (const k of cut) if (!k.startsWith('requests/') || expectedCells(e).some(([t, row, , v]) => `${t}/${row}` === k && v !== null)) expect(unread, k).toContain(k);
      expect(r.diagnostics.filter((d) => d.ruleId === 'GIA105' || d.ruleId === 'GIA206').map((d) => d.message)).toEqual([]);
    });
  }

  it('the cut columns are really absent: no digit beyond the page edge, and the 总计 figures 859 and 805 nowhere on the page of table 三', { timeout: 60_000 }, async () => {
    const { pages } = await extractPages(new Uint8Array(fixtureBytes('pdf-lo', 'shanghai-office-2019.html.lo.pdf')), 'x.pdf', { ...DEFAULT_LIMITS });
    const beyond = pages.flatMap((p) => p.glyphs.filter((g) => g.x1 > p.width));
    expect(beyond.length).toBeGreaterThan(0); // LibreOffice kept part of a header word (法律服务机构) there
    expect(beyond.filter((g) => /\d/.test(g.ch))).toEqual([]);
    // the pages of table 三 (the narrative states 859 and 805 too, on earlier pages)
    const table = pages.map((p) => p.glyphs.map((g) => g.ch).join('')).filter((t) => t.includes('申请人情况') || t.includes('（七）总计'));
    expect(table).toHaveLength(2);
    const text = table.join('\n');
    expect(text).toContain('821'); // 自然人 of the same row is there
    expect(text).toContain('767'); // and of （七）总计
    expect(text).not.toContain('859'); // 一、本年新收 总计
    expect(text).not.toContain('805'); // （七）总计 总计
    // the labels printed left of the page (negative x) are in the file and read: the rows are found
    expect(pages.some((p) => p.glyphs.some((g) => g.x1 < 0))).toBe(true);
  });

  it('pdf-lo/shanghai-office-2019.page.html.lo.pdf (a whole web page): LibreOffice drops the nested report tables; nothing is invented', { timeout: 60_000 }, async () => {
    const r = await analyzeBytes(fixtureBytes('pdf-lo', 'shanghai-office-2019.page.html.lo.pdf'), 'page.pdf');
    const { pages } = await extractPages(new Uint8Array(fixtureBytes('pdf-lo', 'shanghai-office-2019.page.html.lo.pdf')), 'x.pdf', { ...DEFAULT_LIMITS });
    const text = pages.map((p) => p.glyphs.map((g) => g.ch).join('')).join('\n');
    expect(text).not.toContain('申请人情况'); // table 三's header: the table is not in the PDF
    expect(text).toContain('888'); // the page's <noscript> row, printed by LibreOffice
    const values = Object.values(r.tables).flatMap((t) => Object.values(t.values).flatMap((cols) => Object.values(cols)));
    expect(values.filter((v) => v !== null)).toEqual([]);
  });
});
