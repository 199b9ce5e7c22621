// Quiet by default, in document order (issue 14): blank cells reported once per table, findings
// sorted by their place in the document (tables in order, then row and column; text by line).
import { describe, expect, it } from 'vitest';
import { analyzeText, fixtureBytes, fixturePath, fixtureText } from './helpers/report.js';
import { lintBuilt } from './helpers/build.js';
import { analyzeBytes } from '../src/engine/analyze.js';
import { insertDiagnostics, sortDiagnostics } from '../src/engine/lint.js';
import type { Diagnostic } from '../src/types.js';

const SEED = fixtureText('akqi-2021', 'akqi-2021.txt');

/** Replaces the `nth` (0-based) value line after the line holding `label`. */
function setValue(text: string, label: string, nth: number, value: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === label);
  if (i < 0) throw new Error(`no line ${label}`);
  const at = i + 1 + nth;
  if (!/^\t\S/.test(lines[at]!)) throw new Error(`line ${at + 1} is no value line`);
  lines[at] = `\t${value}`;
  return lines.join('\n');
}

describe('GIA201 blank cells: once per table', () => {
  it('blanks in three rows of table 三 and one in table 二: two findings, every cell in related', () => {
    const r = lintBuilt({
      cells: {
        proactive: { licensing: { decisions: null } },
        requests: { received: { natural: null, business: null }, carriedOver: { legal: null }, granted: { research: null } },
      },
    });
    const blanks = r.diagnostics.filter((d) => d.ruleId === 'GIA201');
    expect(blanks.map((d) => [d.table, d.row, d.column])).toEqual([
      ['proactive', 'licensing', 'decisions'],
      ['requests', undefined, undefined],
    ]);
    const t3 = blanks[1]!;
    expect(t3.data.count).toBe(4);
    expect(t3.data.rows).toBe(3);
    expect(t3.related!.map((x) => `${x.row}/${x.column}`)).toEqual(['received/natural', 'received/business', 'carriedOver/legal', 'granted/research']);
    expect(t3.related!.every((x) => x.label && x.table === 'requests')).toBe(true);
    expect(t3.message).toBe(
      '表三（收到和处理政府信息公开申请情况）有 4 个空白单元格，在 3 行：“一、本年新收政府信息公开申请数量”行 2 个、“二、上年结转政府信息公开申请数量”行 1 个、“（一）予以公开”行 1 个，核对时按 0 计算。',
    );
    // one cell: named as a cell, no list
    expect(blanks[0]!.message).toMatch(/^表二“行政许可”行“.+”列有 1 个空白单元格，核对时按 0 计算。$/);
    expect(blanks[0]!.related).toBeUndefined();
  });

  it('a blank 总计 among them: totalBlank, counting the rows whose total cannot be checked', () => {
    const r = lintBuilt({ cells: { requests: { granted: { total: null, legal: null }, received: { total: null } } } });
    const [d, ...rest] = r.diagnostics.filter((x) => x.ruleId === 'GIA201');
    expect(rest).toEqual([]);
    expect(d!.messageId).toBe('totalBlank');
    expect(d!.data).toMatchObject({ count: 3, rows: 2, totals: 2 });
    expect(d!.message).toContain('其中 2 行的“总计”为空白');
  });

  it('the 2019 Shanghai report: 2 blank-cell findings (tables 三 and 四), not 23', async () => {
    const r = await analyzeBytes(fixtureBytes('shanghai-office-2019', 'shanghai-office-2019.lo.docx'), fixturePath('shanghai-office-2019', 'shanghai-office-2019.lo.docx'));
    const blanks = r.diagnostics.filter((d) => d.ruleId === 'GIA201');
    expect(blanks.map((d) => d.table)).toEqual(['requests', 'appeals']);
    const cells = r.tables.requests!.cells;
    const blankCount = Object.values(cells).reduce((n, row) => n + Object.values(row).filter((c) => c.kind === 'blank').length, 0);
    expect(blanks[0]!.data.count).toBe(blankCount);
    expect(blanks[0]!.related).toHaveLength(blankCount);
  });
});

describe('findings in document order', () => {
  it('text: by line, a table finding where its table is (akqi: 表二 label at line 34 before the headings at 67 and 403)', async () => {
    const r = await analyzeText(SEED);
    expect(r.diagnostics.map((d) => [d.ruleId, d.pos?.line])).toEqual([
      ['GIA111', 34],
      ['GIA108', 67],
      ['GIA108', 403],
    ]);
  });

  it('errors in table 三 come before a later section heading, after an earlier one; whole-document findings first', async () => {
    // 自然人 of （一）予以公开 4 → 3 (table 三, errors) and the title's year removed (no year: a whole-document finding)
    const text = setValue(SEED, '（一）予以公开', 0, '3');
    const r = await analyzeText(text);
    const lines = r.diagnostics.map((d) => (d.table ? `${d.table}:${d.ruleId}` : `${d.pos?.line ?? '-'}:${d.ruleId}`));
    const firstRequests = lines.findIndex((l) => l.startsWith('requests:'));
    expect(firstRequests).toBeGreaterThan(lines.indexOf('67:GIA108')); // table 三 follows its heading
    expect(lines.indexOf('403:GIA108')).toBeGreaterThan(lines.findLastIndex((l) => l.startsWith('requests:')));
    // inside table 三: row then column order
    const req = r.diagnostics.filter((d) => d.table === 'requests' && d.row && d.column);
    const rowOrder = ['received', 'carriedOver', 'granted', 'partlyGranted', 'resultsTotal', 'carriedForward'];
    const ranks = req.map((d) => rowOrder.indexOf(d.row!)).filter((k) => k >= 0);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('a .docx: tables in document order (grid index), rows in order', async () => {
    const r = await analyzeBytes(fixtureBytes('shanghai-office-2019', 'shanghai-office-2019.lo.docx'), 'a.docx');
    const tables = r.diagnostics.filter((d) => d.table).map((d) => d.table);
    expect(tables).toEqual(['proactive', 'requests', 'appeals']);
  });

  it('sortDiagnostics: severity only breaks ties of place (an info above a later error stays above)', () => {
    const r = lintBuilt({ cells: { proactive: { licensing: { decisions: '707件' } }, requests: { granted: { natural: 9 } } } });
    const sorted = sortDiagnostics([...r.diagnostics].reverse(), r);
    const order = sorted.map((d) => `${d.table}:${d.severity}`);
    expect(order.indexOf('proactive:info')).toBeLessThan(order.indexOf('requests:error'));
    expect(sorted).toEqual(r.diagnostics);
  });

  it('insertDiagnostics puts cross-year findings at their table, without re-sorting a slim report', () => {
    const r = lintBuilt({ cells: { proactive: { licensing: { decisions: '707件' } }, requests: { granted: { natural: 9 } }, appeals: { cases: { 'review.upheld': 5 } } } });
    const extra: Diagnostic = { ruleId: 'GIA402', ruleName: 'cross-year-carry', severity: 'warning', messageId: 'x', data: {}, message: 'x', table: 'requests', row: 'carriedOver', column: 'natural' };
    const slim = { ...r, tables: {} as typeof r.tables };
    const out = insertDiagnostics(r.diagnostics, [extra], slim);
    const at = out.indexOf(extra);
    expect(out.slice(0, at).every((d) => d.table !== 'appeals')).toBe(true);
    expect(out.slice(at + 1).every((d) => d.table !== 'proactive')).toBe(true);
    const before = out[at - 1]!;
    expect(before.table === 'proactive' || (before.table === 'requests' && ['received', undefined].includes(before.row))).toBe(true);
    expect(out.filter((d) => d !== extra)).toEqual(r.diagnostics);
  });
});
