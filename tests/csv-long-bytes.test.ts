// csvLongBytes (the long CSV lines of a report built as UTF-8 bytes, what workers send) against
// the UTF-8 of toCsvLong's text: every text, HTML and docx fixture in both locales, and reports
// whose fields need quoting, formula guards, non-ASCII and lone surrogates.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvLongBytes, toCsvLong } from '../src/writers/csv.js';
import { analyzeBytes } from '../src/engine/analyze.js';
import type { LintedReport, Locale } from '../src/types.js';
import { FIXTURES, fixtureBytes } from './helpers/report.js';

const expected = (r: LintedReport, locale: Locale): Buffer => Buffer.from(toCsvLong([r], { header: false, bom: false, locale }), 'utf8');
const same = (r: LintedReport, locale: Locale): void => {
  const got = csvLongBytes(r, locale);
  expect(got.byteOffset).toBe(0);
  expect(got.byteLength).toBe(got.buffer.byteLength); // transferable as it is
  expect(Buffer.from(got).equals(expected(r, locale))).toBe(true);
};

function fixtureFiles(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(FIXTURES)) {
    if (d.startsWith('_') || d.endsWith('-bad')) continue;
    let names: string[];
    try {
      names = readdirSync(join(FIXTURES, d));
    } catch {
      continue;
    }
    for (const n of names) if (/\.(txt|html|docx)$/.test(n)) out.push(join(d, n));
  }
  return out;
}

describe('csvLongBytes', () => {
  const files = fixtureFiles();
  it('finds the fixtures', () => expect(files.length).toBeGreaterThan(20));
  for (const f of files) {
    it(`equals the UTF-8 of toCsvLong: ${f}`, async () => {
      const r = await analyzeBytes(fixtureBytes(f), f);
      same(r, 'zh-CN');
      same(r, 'en');
    });
  }

  it('quotes, guards and encodes fields as toCsvLong does', async () => {
    const base = await analyzeBytes(fixtureBytes('akqi-2021/akqi-2021.txt'), 'akqi-2021.txt');
    const odd = ['=SUM(A1)', '-3', '+x', '@a', '\tx', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', '全角＝', '\ud800 lone', '😀', '', 'é'];
    let k = 0;
    for (const organ of [...odd, null]) {
      const r: LintedReport = structuredClone(base);
      r.meta.organ = organ;
      r.source.path = odd[(k + 3) % odd.length]! + '/r.txt';
      r.meta.year = k % 2 ? null : 2021;
      // raw texts and values of some cells changed
      for (const t of Object.values(r.tables)) {
        for (const row of Object.values(t.cells)) {
          for (const c of Object.values(row)) {
            k++;
            if (k % 7 === 0) c.raw = odd[k % odd.length]!;
            if (k % 11 === 0) c.value = null;
            if (k % 13 === 0) c.value = -1.5;
          }
        }
      }
      same(r, 'zh-CN');
      same(r, 'en');
    }
  });

  it('gives nothing for a report without found tables', async () => {
    const r: LintedReport = structuredClone(await analyzeBytes(fixtureBytes('akqi-2021/akqi-2021.txt'), 'akqi-2021.txt'));
    for (const t of Object.values(r.tables)) t.found = false;
    expect(csvLongBytes(r).byteLength).toBe(0);
    same(r, 'zh-CN');
  });
});
