// The PDF reader: tables from ruling lines and glyph boxes, cell by cell against the expected values.
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import { readBytes } from '../src/readers/index.js';
import { expectedOf, fixtureBytes, mismatches } from './helpers/report.js';

const PDFS: [string, string][] = [
  ['hongze-2024', 'hongze-2024/hongze-2024.pdf'],
  ['pingtan-gaj-2022', 'pingtan-gaj-2022/pingtan-gaj-2022.lo.pdf'],
];

describe('PDF reader: the shared PDFs give exactly their expected values', () => {
  for (const [folder, file] of PDFS) {
    it(file, async () => {
      const r = await analyzeBytes(fixtureBytes(...file.split('/')), file);
      expect(r.source.format).toBe('pdf');
      expect(mismatches(r, expectedOf(folder))).toEqual([]);
    });
  }
});

describe('PDF reader: positions', () => {
  it('every table cell token carries its page and box', async () => {
    const doc = await readBytes(fixtureBytes('hongze-2024', 'hongze-2024.pdf'), 'h.pdf');
    const cells = doc.tokens.filter((t) => t.pos.gridRow !== undefined);
    expect(cells.length).toBeGreaterThan(100);
    for (const t of cells) {
      expect(t.pos.page).toBeGreaterThanOrEqual(1);
      expect(t.pos.bbox).toHaveLength(4);
    }
    const nat = cells.find((t) => t.text === '自然人');
    expect(nat?.pos.page).toBe(3);
  });
});
