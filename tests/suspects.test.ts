// Issue 7, part 1: name the wrong cell when identities fail (src/rules/_suspects.ts + the four arithmetic rules).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeBytes } from '../src/engine/analyze.js';
import { findSuspects } from '../src/rules/_suspects.js';
import { getTemplate } from '../src/templates/index.js';
import { stylish } from '../src/formatters/stylish.js';
import type { Diagnostic, LintedReport, Locale } from '../src/types.js';
import { setCell } from './helpers/edit.js';

const SEED = readFileSync(fileURLToPath(new URL('../fixtures/akqi-2021/akqi-2021.txt', import.meta.url)), 'utf8');

async function lint(text: string, locale: Locale = 'zh-CN'): Promise<LintedReport> {
  return analyzeBytes(Buffer.from(text, 'utf8'), 'akqi-2021-defect.txt', { locale });
}

const arithmetic = (r: LintedReport): Diagnostic[] => r.diagnostics.filter((d) => /^GIA30[1-4]$/.test(d.ruleId));

describe('suspects', () => {
  it('the seed has no failing identity and no suspects', async () => {
    const r = await lint(SEED);
    expect(arithmetic(r)).toEqual([]);
    expect(findSuspects(r, getTemplate('gia-2021')!, 'requests')).toEqual([]);
  });

  it('names （一）予以公开 / 自然人 when it is 3 instead of 4', async () => {
    // seed: 予以公开 4 0 0 0 0 0 4; （七）总计 自然人 5 = 4 + 1 (5.属于三类内部事务信息)
    const r = await lint(setCell(SEED, '（一）予以公开', 0, '3'));
    const diags = arithmetic(r);
    expect(diags.map((d) => d.ruleId).sort()).toEqual(['GIA302', 'GIA303']); // row total 4 ≠ 3, column 5 ≠ 4
    const want = [{ table: 'requests', row: 'granted', column: 'natural', current: 3, suggested: 4 }];
    for (const d of diags) {
      expect(d.suspects).toEqual(want);
      expect(d.message).toContain('可能是表三“（一）予以公开”行“自然人”列填错');
      expect(d.message).toContain('应为 4');
    }
    // the data are never changed
    expect(r.tables.requests!.values.granted!.natural).toBe(3);
  });

  it('names a cell of the balance: 一、本年新收 / 自然人 6 instead of 5', async () => {
    // received 6 0 0 0 0 0 5: row total 5 ≠ 6; balance 自然人 6 + 0 ≠ 5 + 0
    const r = await lint(setCell(SEED, '一、本年新收政府信息公开申请数量', 0, '6'));
    const diags = arithmetic(r);
    expect(diags.map((d) => d.ruleId).sort()).toEqual(['GIA301', 'GIA302']);
    for (const d of diags) expect(d.suspects).toEqual([{ table: 'requests', row: 'received', column: 'natural', current: 6, suggested: 5 }]);
  });

  it('says it in English too, and stylish shows the suggestion', async () => {
    const r = await lint(setCell(SEED, '（一）予以公开', 0, '3'), 'en');
    const d = arithmetic(r)[0]!;
    expect(d.message).toContain('Likely table 三, row "(1) granted", column "natural persons" is wrong');
    expect(d.message).toContain('4 would make every identity add up');
    const text = stylish([r], { locale: 'en', color: false, cwd: process.cwd(), quiet: false } as Parameters<typeof stylish>[1]);
    expect(text).toContain('likely wrong: table 三, row "(1) granted", column "natural persons" 3 → 4');
  });

  it('lists the candidates when several single cells would fix it (table 四)', async () => {
    // table 四 is all 0; 行政复议 总计 (the 5th value) set to 2: the total, or any one of the four results, could be wrong
    const r = await lint(setCell(SEED, '复议后起诉', 4, '2'));
    const diags = arithmetic(r);
    expect(diags).toHaveLength(1);
    expect(diags[0]!.ruleId).toBe('GIA304');
    const s = diags[0]!.suspects!;
    expect(s.map((x) => `${x.column}:${x.current}→${x.suggested}`).sort()).toEqual(
      ['review.corrected:0→2', 'review.other:0→2', 'review.pending:0→2', 'review.total:2→0', 'review.upheld:0→2'].sort(),
    );
    expect(diags[0]!.message).toContain('改动下列任一单元格都能使各项勾稽关系成立');
  });

  it('says more than one cell is wrong when no single cell explains the failures', async () => {
    // 予以公开 自然人 3 (row total and column 自然人 fail) and 本年新收 总计 6 (row total and balance 总计 fail)
    let text = setCell(SEED, '（一）予以公开', 0, '3');
    text = setCell(text, '一、本年新收政府信息公开申请数量', 6, '6');
    const r = await lint(text);
    const diags = arithmetic(r);
    expect(diags.map((d) => d.ruleId).sort()).toEqual(['GIA301', 'GIA302', 'GIA302', 'GIA303']);
    for (const d of diags) {
      expect(d.suspects).toEqual([]);
      expect(d.message).toContain('可能不止一个单元格填错');
    }
  });

  it('does not suggest a negative count', async () => {
    // 予以公开 总计 set to 0 while its parts add up to 4 (computed by hand): 总计 → 4 fixes the row and
    // （七）总计/总计 (5 = 0 + 1 fails, 5 = 4 + 1 holds); 自然人 → 0 fixes the row but breaks column 自然人;
    // the five organisation columns would need −4, which is no count.
    const r = await lint(setCell(SEED, '（一）予以公开', 6, '0'));
    for (const d of arithmetic(r)) expect(d.suspects).toEqual([{ table: 'requests', row: 'granted', column: 'total', current: 0, suggested: 4 }]);
  });
});
