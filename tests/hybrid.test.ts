// Issue 12 class 5, spec §5 "Hybrid layout": a gia-2021 report whose table 三 keeps the 2019 single
// row （六）其他处理. Read into otherHandling, sub-rows null, the results total uses it, one warning.
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import { reportJson } from '../src/writers/json.js';
import { toCsvLong } from '../src/writers/csv.js';
import type { LintedReport } from '../src/types.js';
import { expectedOf, fixtureBytes, fixtureText, mismatches } from './helpers/report.js';
import { replaceOnce } from './helpers/edit.js';

const SUB = ['otherHandling.noCorrection', 'otherHandling.unpaidFee', 'otherHandling.other'];
const AKQI = fixtureText('akqi-2021', 'akqi-2021.txt');

/** akqi-2021 with （六）其他处理 as one row: 1 natural person moved there from （一）予以公开. */
function akqiHybrid(other = '1'): string {
  let t = replaceOnce(AKQI, '\t（一）予以公开\n\t4\n\t0\n\t0\n\t0\n\t0\n\t0\n\t4\n', '\t（一）予以公开\n\t3\n\t0\n\t0\n\t0\n\t0\n\t0\n\t3\n');
  const a = t.indexOf('\t（六）其他处理\n');
  const b = t.indexOf('\t（七）总计');
  expect(a > 0 && b > a).toBe(true);
  t = t.slice(0, a) + `\t（六）其他处理\n\t${other}\n\t0\n\t0\n\t0\n\t0\n\t0\n\t${other}\n\n` + t.slice(b);
  return t;
}

async function lint(text: string, path = 'hybrid.txt'): Promise<LintedReport> {
  return analyzeBytes(Buffer.from(text, 'utf8'), path);
}

function checkHybrid(r: LintedReport): void {
  expect(r.template.id).toBe('gia-2021');
  expect(r.template.layout).toBe('hybrid');
  for (const k of SUB) expect(Object.values(r.tables.requests!.values[k] ?? {}).every((v) => v === null), k).toBe(true);
  expect(r.diagnostics.filter((d) => d.ruleId === 'GIA103').map((d) => d.message)).toEqual([]);
  const w = r.diagnostics.filter((d) => d.ruleId === 'GIA101');
  expect(w.map((d) => [d.messageId, d.severity])).toEqual([['layoutVariant', 'warning']]);
  expect(w[0]!.message).toContain('（六）其他处理');
}

describe('hybrid layout (spec §5)', () => {
  it('the real report (hongze-2024, pdftotext text): every expected value, no error, one warning', async () => {
    const r = await lint(fixtureText('hongze-2024', 'hongze-2024.pdftotext-layout.txt'), 'hongze.txt');
    expect(mismatches(r, expectedOf('hongze-2024'))).toEqual([]);
    checkHybrid(r);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  });

  it('the real report as a PDF: the same', async () => {
    const r = await analyzeBytes(fixtureBytes('hongze-2024', 'hongze-2024.pdf'), 'hongze.pdf');
    expect(mismatches(r, expectedOf('hongze-2024'))).toEqual([]);
    checkHybrid(r);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  });

  it('derived text: the single row is read into otherHandling and the results total uses it', async () => {
    const r = await lint(akqiHybrid());
    checkHybrid(r);
    expect(r.tables.requests!.values.otherHandling).toMatchObject({ natural: 1, total: 1 });
    expect(r.tables.requests!.values.granted).toMatchObject({ natural: 3, total: 3 });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    const json = reportJson(r) as { templateDetection: { layout?: string }; tables: { requests: { values: Record<string, unknown> } } };
    expect(json.templateDetection.layout).toBe('hybrid');
    expect(json.tables.requests.values.otherHandling).toMatchObject({ natural: 1 });
    expect(toCsvLong([r])).toContain('requests,otherHandling,natural,（六）其他处理,自然人,1,1');
  });

  it('derived text with a wrong （六） value: the results total is checked with it (GIA303), not skipped', async () => {
    const r = await lint(akqiHybrid('2'));
    checkHybrid(r);
    const e = r.diagnostics.filter((d) => d.ruleId === 'GIA303');
    expect(e.map((d) => [d.row, d.column])).toEqual([
      ['resultsTotal', 'natural'],
      ['resultsTotal', 'total'],
    ]);
  });

  it('a 2021 report with the three sub-rows is not hybrid (no warning)', async () => {
    const r = await lint(AKQI);
    expect(r.template.layout).toBeUndefined();
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA101')).toEqual([]);
    expect(r.tables.requests!.values.otherHandling).toBeUndefined();
  });

  it('derived HTML: the same reading from a real table', async () => {
    const rows: string[][] = [];
    const lines = akqiHybrid().split('\n');
    // table 三 of the derived text as an HTML table: each label line, then its seven values
    const start = lines.findIndex((l) => l.includes('一、本年新收政府信息公开申请数量'));
    const end = lines.findIndex((l, i) => i > start && l.includes('四、结转下年度继续办理'));
    for (let i = start; i <= end + 7; i++) {
      const l = lines[i]!.trim();
      if (/[\u4e00-\u9fff]/.test(l)) rows.push([l]);
      else if (/^\d+$/.test(l)) rows[rows.length - 1]!.push(l);
    }
    const tr = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    const html = `<html><head><meta charset="utf-8"></head><body><p>2021年度 某县人民政府 政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p><table>${tr(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'])}${tr(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'])}${rows.filter((r) => r.length === 8).map(tr).join('')}</table></body></html>`;
    const r = await analyzeBytes(Buffer.from(html, 'utf8'), 'hybrid.html', { template: 'gia-2021' });
    expect(r.template.layout).toBe('hybrid');
    expect(r.tables.requests!.values.otherHandling).toMatchObject({ natural: 1, total: 1 });
    expect(r.tables.requests!.reading).toEqual({ by: 'grid', confidence: 'exact' });
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA103' || d.ruleId === 'GIA303').map((d) => d.message)).toEqual([]);
  });
});
