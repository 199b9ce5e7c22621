// PDFs printed from a browser (headless Chromium, fixtures/_make/make-chrome-pdfs.sh): cell by cell
// against the source fixture's expected values. Chromium clips the page to its printable area; a
// table 1 px wider than that loses its right-hand border (wholly outside the clip, so not drawn)
// while its horizontal rulings run into the clip: the clip side closes them, unless text reaches it.
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import { extractPages } from '../src/readers/pdf/engine.js';
import { findTables, mergeEdges } from '../src/readers/pdf/tables.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { expectedCells, expectedOf, fixtureBytes, mismatches } from './helpers/report.js';

describe('PDF reader: Chromium-printed PDFs give their expected values, cell by cell', () => {
  for (const [fixture, pdf, cells] of [
    ['shanghai-office-2019', 'shanghai-office-2019.html.chrome.pdf', 176],
    ['pingtan-gaj-2022', 'pingtan-gaj-2022.html.chrome.pdf', 150],
    ['shanghai-office-2019', 'shanghai-office-2019.page.html.chrome.pdf', 176], // a whole web page: menus, nested tables, <noscript> rows
    ['shanghai-office-2019', 'shanghai-office-2019.split.html.chrome.pdf', 176], // table 三 split in two <table>s
  ] as const) {
    it(`${pdf}: every cell (the 总计 column beyond the clip included)`, { timeout: 60_000 }, async () => {
      const r = await analyzeBytes(fixtureBytes('pdf-chrome', pdf), `pdf-chrome/${pdf}`);
      expect(expectedCells(expectedOf(fixture)).length).toBeGreaterThanOrEqual(cells);
      expect(mismatches(r, expectedOf(fixture))).toEqual([]);
      expect(r.diagnostics.filter((d) => d.ruleId === 'GIA003')).toEqual([]); // nothing left unread
    });
  }
});

describe('PDF ruling lines: a clip side closes the rulings it cuts, not cut text', () => {
  it('two tables in overflow:hidden boxes: closed where the text stops short, open where it is cut', { timeout: 60_000 }, async () => {
    const { pages } = await extractPages(new Uint8Array(fixtureBytes('pdf-chrome', 'cut-table.html.chrome.pdf')), 'cut-table.pdf', { ...DEFAULT_LIMITS });
    const tables = findTables(mergeEdges(pages[0]!.edges));
    expect(tables).toHaveLength(2);
    const cols = (t: (typeof tables)[number]): number => new Set(t.cells.map((c) => c[0])).size;
    const [cut, short] = tables;
    // the first table's third column holds digits running into the clip: left open (2 columns read)
    expect(cols(cut!)).toBe(2);
    expect(cut!.cells).toHaveLength(6);
    // the second's third column holds "12", "34", "56", far from the clip: closed by it
    expect(cols(short!)).toBe(3);
    expect(short!.cells).toHaveLength(9);
    expect(short!.bbox[2]).toBeGreaterThan(cut!.bbox[2]);
  });
});
