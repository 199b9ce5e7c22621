// Glued web text whose blank cells vanished (fixtures/glued-derived, made by fixtures/_make/make-glued.mjs from
// the Shanghai HTML, which writes its zeros as blank cells): a row with as many digits as cells is not one digit
// per cell when the table shows that blanks were dropped. Never an invented number, never an error blamed on
// the author for the tool's own reading failure.
import { describe, expect, it } from 'vitest';
import { analyzeText, expectedCells, expectedOf, fixtureBytes } from './helpers/report.js';
import { replaceOnce } from './helpers/edit.js';

const FILE = 'shanghai-office-2019.glued.txt';
const text = () => fixtureBytes('glued-derived', FILE).toString('utf8');

describe('glued text with dropped blank cells', () => {
  const expected = expectedOf('shanghai-office-2019');

  it('reads no value wrong and raises no error', async () => {
    const r = await analyzeText(fixtureBytes('glued-derived', FILE), {}, FILE);
    const wrong = expectedCells(expected).filter(([t, row, c, v]) => {
      const got = r.tables[t]?.values[row]?.[c];
      return got !== null && got !== undefined && got !== v;
    });
    expect(wrong).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId} ${d.message}`)).toEqual([]);
    // what it can read, it reads: table 二's rows of as many digits as cells ("行政许可000")
    // (the HTML's table 二 row 行政许可 is 0 0 0; expected.json transcribes tables 三 and 四 only)
    expect(r.tables.proactive!.values.licensing).toEqual({ lastYearItems: 0, change: 0, decisions: 0 });
  });

  it('"25812  11" (258 12 _ _ 1 1 _) is left empty and reported, not read as 2 5 8 1 2 1 1', async () => {
    const r = await analyzeText(fixtureBytes('glued-derived', FILE), {}, FILE);
    expect(Object.values(r.tables.requests!.values.granted!).every((v) => v === null)).toBe(true);
    const d = r.diagnostics.find((x) => x.ruleId === 'GIA206' && x.row === 'granted')!;
    expect(d.messageId).toBe('rowConflict');
    expect(d.severity).toBe('warning');
    expect(d.data.options).toBe('2 5 8 1 2 1 1');
    expect(d.data.failing).toBe('requests-row-total');
    expect(d.message).toContain('空白单元格');
  });

  it('where no row of the table is short, the one split of a row is taken and a wrong total stays the author’s error', async () => {
    // pingtan-2019 writes every cell (no blanks dropped anywhere in table 三): （七）总计 "23 0 00 0 024" can only be
    // 23 0 0 0 0 0 24, and 24 ≠ 23 is an error in the report, reported as such
    const pingtan = fixtureBytes('pingtan-2019', 'pingtan-2019.glued.txt').toString('utf8');
    const r = await analyzeText(Buffer.from(replaceOnce(pingtan, '（七）总计23 0 00 0 023', '（七）总计23 0 00 0 024'), 'utf8'), {}, 'pingtan-2019.glued.txt');
    expect(r.tables.requests!.values.resultsTotal!.total).toBe(24);
    expect(r.diagnostics.some((x) => x.ruleId === 'GIA206' && x.messageId === 'rowConflict')).toBe(false);
    expect(r.diagnostics.some((x) => x.severity === 'error' && x.row === 'resultsTotal')).toBe(true);
  });
});
