// Issue 7, part 4: reports of the same organ for consecutive years (src/engine/run.ts, GIA402/GIA403).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeBytes } from '../src/engine/analyze.js';
import { crossYearDiagnostics, crossYearDiagnosticsOf, cutSlice, organKey } from '../src/engine/run.js';
import { packSlice, unpackSlice } from '../src/cli/job.js';
import { findRule } from '../src/rules/index.js';
import type { LintedReport, Locale } from '../src/types.js';
import { setCell } from './helpers/edit.js';

const SEED = readFileSync(fileURLToPath(new URL('../fixtures/akqi-2021/akqi-2021.txt', import.meta.url)), 'utf8');

/** The seed with its title year (first line) changed: the same organ, another report year. */
function ofYear(text: string, year: number, organ = '阿合奇县人民政府'): string {
  const [first, ...rest] = text.split('\n');
  return [first!.replace('阿合奇县人民政府2021年', `${organ}${year}年`), ...rest].join('\n');
}

async function read(text: string, path: string, locale: Locale = 'zh-CN'): Promise<LintedReport> {
  return analyzeBytes(Buffer.from(text, 'utf8'), path, { locale });
}

// 2021 (the seed): 结转下年度 all 0; 规章 0 0 0; 规范性文件 制发 0 废止 0 现行有效 11.
// 2022 (derived): 新收 4 (自然人 4), 上年结转 1 (自然人 1) — balance 4 + 1 = 5 + 0 still holds;
// 规范性文件 制发 3, 废止 1, 现行有效 13 = 11 + 3 − 1.
function year2022(year = 2022, organ = '阿合奇县人民政府'): string {
  let t = ofYear(SEED, year, organ);
  t = setCell(t, '一、本年新收政府信息公开申请数量', 0, '4');
  t = setCell(t, '一、本年新收政府信息公开申请数量', 6, '4');
  t = setCell(t, '二、上年结转政府信息公开申请数量', 0, '1');
  t = setCell(t, '二、上年结转政府信息公开申请数量', 6, '1');
  t = setCell(t, '规范性文件', 0, '3');
  t = setCell(t, '规范性文件', 1, '1');
  t = setCell(t, '规范性文件', 2, '13');
  return t;
}

describe('crossYearDiagnostics', () => {
  it('the derived reports read as the same organ, consecutive years', async () => {
    const a = await read(SEED, 'akqi-2021.txt');
    const b = await read(year2022(), 'akqi-2022.txt');
    expect([a.meta.year, b.meta.year]).toEqual([2021, 2022]);
    expect(organKey(a.meta.organ)).toBe(organKey(b.meta.organ));
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('warns when 上年结转 (2022) differs from 结转下年度 (2021), per column, naming both files and cells', async () => {
    const a = await read(SEED, 'dir/akqi-2021.txt');
    const b = await read(year2022(), 'dir/akqi-2022.txt');
    const out = crossYearDiagnostics([b, a], 'zh-CN');
    expect(out).toHaveLength(2);
    expect(out[1]).toEqual([]); // the 2021 report has no 2020 report to compare with
    const carry = out[0]!.filter((d) => d.ruleId === 'GIA402');
    // 2022 carried over 1 (自然人) and 1 (总计); 2021 carried forward 0 and 0
    expect(carry.map((d) => [d.column, d.actual, d.expected])).toEqual([
      ['natural', 1, 0],
      ['total', 1, 0],
    ]);
    const d = carry[0]!;
    expect(d).toMatchObject({ ruleName: 'cross-year-carry', severity: 'warning', table: 'requests', row: 'carriedOver', files: ['dir/akqi-2021.txt'] });
    expect(d.message).toContain('akqi-2021.txt');
    expect(d.message).toContain('2021 年报告');
    expect(d.message).toContain('表三“二、上年结转政府信息公开申请数量”行“自然人”列为 1');
    expect(d.related?.[0]).toMatchObject({ table: 'requests', row: 'carriedForward', column: 'natural' });
    expect(d.related?.[0]?.label).toContain('akqi-2021.txt');
    expect(d.pos?.line).toBeGreaterThan(0);
  });

  it('in force: 11 + 3 − 1 = 13 is fine; 14 is reported (info) with the arithmetic', async () => {
    const a = await read(SEED, 'akqi-2021.txt');
    const ok = await read(year2022(), 'akqi-2022.txt');
    expect(crossYearDiagnostics([a, ok])[1]!.filter((d) => d.ruleId === 'GIA403')).toEqual([]);
    const bad = await read(setCell(year2022(), '规范性文件', 2, '14'), 'akqi-2022.txt', 'en');
    const d = crossYearDiagnostics([a, bad], 'en')[1]!.filter((x) => x.ruleId === 'GIA403');
    expect(d.map((x) => [x.row, x.actual, x.expected, x.severity])).toEqual([['normativeDocs', 14, 13, 'info']]);
    expect(d[0]!.message).toContain('had 11 in force; + 3 issued − 1 repealed gives 13');
  });

  it('does not compare different organs or non-consecutive years', async () => {
    const a = await read(SEED, 'akqi-2021.txt');
    const other = await read(year2022(2022, '乌恰县人民政府'), 'wuqia-2022.txt');
    const later = await read(year2022(2023), 'akqi-2023.txt');
    expect(other.meta.organ).not.toBe(a.meta.organ);
    expect(later.meta.year).toBe(2023);
    expect(crossYearDiagnostics([a, other, later]).flat()).toEqual([]);
  });

  it('honours rule settings; the rules are listed and do nothing per report', async () => {
    const a = await read(SEED, 'akqi-2021.txt');
    const b = await read(year2022(), 'akqi-2022.txt');
    expect(crossYearDiagnostics([a, b], 'zh-CN', { 'cross-year-carry': 'off' }).flat()).toEqual([]);
    expect(crossYearDiagnostics([a, b], 'zh-CN', { GIA402: 'error' })[1]!.every((d) => d.severity === 'error')).toBe(true);
    expect(findRule('GIA402')?.name).toBe('cross-year-carry');
    expect(findRule('GIA403')?.name).toBe('cross-year-in-force');
    expect(b.diagnostics.filter((d) => d.ruleId === 'GIA402' || d.ruleId === 'GIA403')).toEqual([]);
  });
});

describe('packed slices and loading on demand (large runs)', () => {
  it('a packed slice unpacks to the slice, and gives the same findings as whole reports', async () => {
    const a = await read(SEED, 'dir/阿合奇-2021.txt');
    const b = await read(setCell(year2022(), '规范性文件', 2, '14'), 'dir/阿合奇-2022.txt');
    const pa = packSlice(a)!;
    expect(pa).toMatchObject({ path: 'dir/阿合奇-2021.txt', organ: a.meta.organ, year: 2021 });
    expect(unpackSlice(pa)).toEqual(cutSlice(a));
    const whole = crossYearDiagnostics([b, a]);
    expect(whole.flat().length).toBeGreaterThan(2);
    const packed = [packSlice(b)!, pa];
    expect(crossYearDiagnosticsOf(packed.map((p) => ({ organ: p.organ, year: p.year, report: () => unpackSlice(p) })))).toEqual(whole);
  });

  it('no slice without organ or year', async () => {
    const a = await read(SEED, 'akqi-2021.txt');
    expect(packSlice({ ...a, meta: { ...a.meta, year: null } })).toBeUndefined();
  });

  it('loads only reports that have a partner year, each once, and never holds ones no later visit needs', async () => {
    const reports = [
      await read(SEED, 'a-2021.txt'),
      await read(year2022(2022, '乌恰县人民政府'), 'wuqia-2022.txt'), // no partner
      await read(year2022(), 'a-2022.txt'),
      await read(year2022(2023), 'a-2023.txt'),
      await read(year2022(2025), 'a-2025.txt'), // 2024 missing: no partner
    ];
    const loads: number[] = [];
    const entries = reports.map((r, i) => ({
      organ: r.meta.organ,
      year: r.meta.year,
      report: () => {
        loads.push(i);
        return r;
      },
    }));
    const out = crossYearDiagnosticsOf(entries);
    expect(out).toEqual(crossYearDiagnostics(reports));
    expect(out[2]!.length).toBeGreaterThan(0); // 2022 against 2021
    expect([...loads].sort()).toEqual([0, 2, 3]);
  });
});
