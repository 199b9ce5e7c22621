// Templates own every template fact: a made-up third format (fixtures/made-up-template/gia-2031.ts),
// registered with one call, is detected, extracted, checked, compared across years and written to
// JSON, CSV, xlsx and the HTML report with no other code knowing it.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { load } from 'cheerio/slim';
import { GIA_2031 } from '../fixtures/made-up-template/gia-2031.js';
import { byId, coversYear, forYear, newest, registerTemplate, TEMPLATES, detectTemplate } from '../src/templates/index.js';
import { reportJson } from '../src/writers/json.js';
import { csvWideHeader, toCsvLong, toCsvWide } from '../src/writers/csv.js';
import { toXlsx } from '../src/writers/xlsx.js';
import { html } from '../src/formatters/html.js';
import { crossYearDiagnostics } from '../src/engine/run.js';
import type { LintedReport } from '../src/types.js';
import { analyzeText, fixturePath, fixtureText, flat, ids } from './helpers/report.js';
import { setCell } from './helpers/edit.js';

const TEXT = fixtureText('made-up-template', 'made-up-2031.txt');
const PATH = fixturePath('made-up-template', 'made-up-2031.txt');
const ARITHMETIC = ['GIA301', 'GIA302', 'GIA303', 'GIA304'];

beforeAll(() => registerTemplate(GIA_2031));

describe('the registry', () => {
  it('knows the registered template by id, year and as the newest', () => {
    expect(byId('gia-2031')).toBe(GIA_2031);
    expect(Object.keys(TEMPLATES)).toEqual(['gia-2019', 'gia-2021', 'gia-2031']);
    expect(newest().id).toBe('gia-2031');
    expect(forYear(2031)?.id).toBe('gia-2031');
    expect(forYear(2030)?.id).toBe('gia-2021'); // gia-2021 has no end year: it ends where gia-2031 supersedes it
    expect(forYear(2020)?.id).toBe('gia-2019');
    expect(coversYear(byId('gia-2021')!, 2031)).toBe(false);
  });

  it('detects it by its markers, and by year when the labels do not tell', () => {
    expect(detectTemplate(TEXT, 2031)).toMatchObject({ id: 'gia-2031', by: 'labels' });
    expect(detectTemplate('没有表格', 2032)).toMatchObject({ id: 'gia-2031', by: 'year' });
    expect(detectTemplate('没有表格', null)).toMatchObject({ id: 'gia-2031', by: 'default' });
  });
});

describe('a report in the made-up format', () => {
  let r: LintedReport;
  beforeAll(async () => {
    r = await analyzeText(TEXT, {}, PATH);
  });

  it('is read in its format, its new rows included', () => {
    expect(r.template).toMatchObject({ id: 'gia-2031', by: 'labels' });
    expect(r.meta.year).toBe(2031);
    expect(r.tables.proactive!.values.inspections).toEqual({ decisions: 12 });
    expect(r.tables.proactive!.values.coercion).toEqual({ decisions: 5 });
    expect(r.tables.requests!.values['otherHandling.withdrawn']).toEqual({ natural: 1, business: 0, research: 0, nonprofit: 0, legal: 0, otherOrg: 0, total: 1 });
    expect(r.tables.requests!.values.granted!.total).toBe(3);
    expect(flat(r, ['GIA103', 'GIA104'])).toEqual([]); // no unrecognised or missing row
  });

  it('passes its own identities (（七）总计 holds only with the new row counted) and the format check', () => {
    expect(flat(r, ARITHMETIC)).toEqual([]);
    expect(ids(r)).not.toContain('GIA101');
  });

  it('fails an identity through the new row', async () => {
    const bad = await analyzeText(setCell(TEXT, '4.申请人撤回申请', 0, '2'), {}, PATH);
    expect(flat(bad, ['GIA302', 'GIA303'])).toEqual([
      ['GIA302', 'requests', 'otherHandling.withdrawn', 'total'],
      ['GIA303', 'requests', 'resultsTotal', 'natural'],
    ]);
  });

  it('is JSON with its cells', () => {
    const j = JSON.parse(JSON.stringify(reportJson(r))) as { template: string; templateDetection: { scores: Record<string, number> }; tables: Record<string, { values: Record<string, Record<string, number | null>> }> };
    expect(j.template).toBe('gia-2031');
    expect(j.templateDetection.scores).toEqual({ 'gia-2019': 0, 'gia-2021': 6, 'gia-2031': 8 });
    expect(j.tables.proactive!.values.inspections).toEqual({ decisions: 12 });
    expect(j.tables.requests!.values['otherHandling.withdrawn']!.total).toBe(1);
  });

  it('is CSV, long and wide, with its keys first', async () => {
    const long = toCsvLong([r]);
    expect(long).toContain(`${PATH},阿合奇县人民政府,2031,gia-2031,proactive,inspections,decisions,行政检查,本年处理决定数量,12,12\n`);
    expect(long).toContain(',requests,otherHandling.withdrawn,natural,4.申请人撤回申请,自然人,1,1\n');
    const old = await analyzeText(fixtureText('akqi-2021', 'akqi-2021.txt'), {}, fixturePath('akqi-2021', 'akqi-2021.txt'));
    const header = csvWideHeader([old, r]);
    expect(header.indexOf('proactive.inspections.decisions')).toBeGreaterThan(0);
    expect(header.indexOf('proactive.inspections.decisions')).toBeLessThan(header.indexOf('requests.received.natural')); // newest template's keys first
    const wide = toCsvWide([old, r]).split('\n');
    const col = header.indexOf('proactive.inspections.decisions');
    expect(wide[1]!.split(',')[col]).toBe(''); // the gia-2021 report has no such cell
    expect(wide[2]!.split(',')[col]).toBe('12');
  });

  it('is an xlsx workbook in its official layout', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([r])) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 3)).toEqual(['二 主动公开（2031）', '三 依申请（2031）', '四 复议诉讼（2031）']);
    const texts = (name: string): unknown[][] => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    expect(texts('二 主动公开（2031）').map((row) => row.slice(0, 2))).toContainEqual(['行政检查', 12]);
    expect(texts('三 依申请（2031）').find((row) => row.includes('4.申请人撤回申请'))?.slice(-7)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(wb.getWorksheet('二 主动公开')).toBeUndefined(); // its own sheet names, not gia-2021's
  });

  it('is drawn in the HTML report', () => {
    const $ = load(html([r], { locale: 'zh-CN', color: false, cwd: fixturePath(), quiet: false }));
    const row = $('tr').filter((_, tr) => $(tr).text().includes('行政检查'));
    expect(row.length).toBe(1);
    expect(row.find('td').last().text().trim()).toBe('12');
    expect($('tr').filter((_, tr) => $(tr).text().includes('4.申请人撤回申请')).length).toBe(1);
  });

  it('is compared with the gia-2021 report of the year before, and a gia-2021 report of 2031 is out of date', async () => {
    const seed = fixtureText('akqi-2021', 'akqi-2021.txt').replace('阿合奇县人民政府2021年', '阿合奇县人民政府2030年');
    const prev = await analyzeText(seed, {}, 'akqi-2030.txt');
    expect(prev.template.id).toBe('gia-2021');
    expect(ids(prev)).not.toContain('GIA101');
    const cur = await analyzeText(setCell(setCell(TEXT, '二、上年结转政府信息公开申请数量', 0, '2'), '二、上年结转政府信息公开申请数量', 6, '2'), {}, 'made-up-2031.txt');
    const [forPrev, forCur] = crossYearDiagnostics([prev, cur]);
    expect(forPrev).toEqual([]);
    expect(forCur!.map((d) => [d.ruleId, d.row, d.column, d.actual, d.expected])).toEqual([
      ['GIA402', 'carriedOver', 'natural', 2, 0],
      ['GIA402', 'carriedOver', 'total', 2, 0],
    ]);
    const late = await analyzeText(fixtureText('akqi-2021', 'akqi-2021.txt').replace('阿合奇县人民政府2021年', '阿合奇县人民政府2031年'), {}, 'akqi-2031.txt');
    expect(late.template.id).toBe('gia-2021');
    expect(late.diagnostics.find((d) => d.ruleId === 'GIA101')?.messageId).toBe('oldFormat');
  });
});
