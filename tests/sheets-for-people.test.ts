// Spreadsheets and CSV for people: `--header labels|keys` (keys the default data contract), and 问题
// rows tall enough for their wrapped text.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { toXlsx } from '../src/writers/xlsx.js';
import { CSV_LONG_HEADER, CSV_LONG_LABELS, toCsvWide } from '../src/writers/csv.js';
import { keyLabel } from '../src/layout/keys.js';
import { runCli } from './helpers/cli.js';
import { analyzeText, fixturePath, fixtureText } from './helpers/report.js';

const AKQI = fixturePath('akqi-2021', 'akqi-2021.txt');
const PINGTAN = fixturePath('pingtan-gaj-2024', 'pingtan-gaj-2024.mixed.txt');

describe('convert --header labels|keys', () => {
  it('long CSV: keys by default (the data contract), labels when asked, same rows', async () => {
    const keys = await runCli(['convert', AKQI, '--to', 'csv', '--no-progress']);
    const labels = await runCli(['convert', AKQI, '--to', 'csv', '--header', 'labels', '--no-progress']);
    expect(keys.code).toBe(0);
    expect(labels.code).toBe(0);
    const k = parse(keys.out) as string[][];
    const l = parse(labels.out) as string[][];
    expect(k[0]).toEqual(CSV_LONG_HEADER);
    expect(l[0]).toEqual(['文件', '机关', '年度', '报告格式', '表', '行', '列', '行标题', '列标题', '数值', '原文']);
    expect(l.slice(1)).toEqual(k.slice(1));
    const en = parse((await runCli(['convert', AKQI, '--to', 'csv', '--header', 'labels', '--locale', 'en', '--no-progress'])).out) as string[][];
    expect(en[0]).toEqual(CSV_LONG_LABELS.en);
  });

  it('wide CSV of several inputs (combined output): table, row and column labels over the same values', async () => {
    const keys = parse((await runCli(['convert', AKQI, PINGTAN, '--to', 'csv', '--layout', 'wide', '--no-progress'])).out) as string[][];
    const labels = parse((await runCli(['convert', AKQI, PINGTAN, '--to', 'csv', '--layout', 'wide', '--header', 'labels', '--no-progress'])).out) as string[][];
    expect(labels.length).toBe(3);
    expect(labels.slice(1)).toEqual(keys.slice(1));
    const at = keys[0]!.indexOf('requests.granted.natural');
    expect(labels[0]![at]).toBe('表三·（一）予以公开·自然人');
    expect(labels[0]!.slice(0, 6)).toEqual(['文件', '机关', '年度', '报告格式', '错误', '警告']);
    expect(labels[0]!.filter((h) => /^[a-z]+(\.[a-zA-Z]+)+$/.test(h))).toEqual([]);
    expect(new Set(labels[0]).size).toBe(labels[0]!.length); // every label names one column
    // one input: the same header choice
    const one = parse(toCsvWide([await analyzeText(fixtureText('akqi-2021', 'akqi-2021.txt'))], { headerKind: 'labels' })) as string[][];
    expect(one[0]![at]).toBe(keyLabel('requests.granted.natural', 'zh-CN'));
  });

  it('refuses another value with a usage error', async () => {
    const r = await runCli(['convert', AKQI, '--to', 'csv', '--header', 'both']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--header');
  });
});

describe('xlsx 汇总 of several inputs (the CLI streams it)', () => {
  it('labels over keys, frozen, landscape and one page wide in the file itself', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = join(mkdtempSync(join(tmpdir(), 'gia-sheets-')), 'book.xlsx');
    expect((await runCli(['convert', AKQI, PINGTAN, '--to', 'xlsx', '-o', out, '--no-progress'])).code).toBeLessThan(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const s = wb.getWorksheet('汇总')!;
    expect(s.getRow(1).getCell(2).value).toBe('机关');
    expect(s.getRow(2).getCell(2).value).toBe('organ');
    expect(s.getRow(3).getCell(2).value).toBe('阿合奇县人民政府');
    expect(s.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
    // fitToPage lives in the sheet's sheetPr, which a streamed sheet writes when it is added
    expect(s.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(wb.getWorksheet('问题')!.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
  });
});

describe('xlsx 问题 sheet', () => {
  it('each row is as tall as its wrapped 说明/建议 text (no text under the next row)', async () => {
    let t = fixtureText('akqi-2021', 'akqi-2021.txt');
    const i = t.indexOf('（一）予以公开');
    const j = t.indexOf('\t4\n', i);
    t = t.slice(0, j) + '\t5\n' + t.slice(j + 3);
    const report = await analyzeText(t, {}, fixturePath('akqi-2021', 'x.txt'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([report], { cwd: fixturePath() })) as unknown as ArrayBuffer);
    const probs = wb.getWorksheet('问题')!;
    const widthOf = (c: number) => probs.getColumn(c).width!;
    let checked = 0;
    probs.eachRow((row, n) => {
      if (n === 1) return;
      const message = String(row.getCell(5).value ?? '');
      const hint = String(row.getCell(8).value ?? '');
      // CJK characters are two columns wide: the lines each text needs at its column's width
      const need = Math.max(...[[message, widthOf(5)], [hint, widthOf(8)]].map(([s, w]) => Math.ceil(([...String(s)].length * 2) / Number(w))));
      if (need > 1) {
        checked++;
        expect(row.height, `row ${n}: ${need} lines`).toBeGreaterThanOrEqual(15 * need);
      }
    });
    expect(checked).toBeGreaterThan(0);
  });
});

describe('blank cells: one light style on the cells, not a warning on every label', () => {
  it('the merged Word report (126 blank cells in 表三): every blank cell light blue in xlsx and HTML, labels unmarked', async () => {
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const { fixtureBytes } = await import('./helpers/report.js');
    const { html } = await import('../src/formatters/html.js');
    const { load } = await import('cheerio/slim');
    const { BLANK_FILL, FILLS } = await import('../src/writers/xlsx.js');
    const r = await analyzeBytes(fixtureBytes('docx-merged', 'shanghai-office-2019.merged.docx'), fixturePath('docx-merged', 'm.docx'));
    const t = r.tables.requests!;
    const blanks = Object.entries(t.cells).flatMap(([row, cols]) => Object.entries(cols).filter(([, c]) => c.kind === 'blank').map(([col]) => `requests.${row}.${col}`));
    expect(blanks.length).toBeGreaterThan(100);
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA201' && d.table === 'requests')).toHaveLength(1);
    const $ = load(html([r], { locale: 'zh-CN', color: false, cwd: fixturePath(), quiet: false }));
    expect($('table[data-table="requests"] td.cell-blank').map((_, e) => $(e).attr('data-key')).get().sort()).toEqual([...blanks].sort());
    expect($('table[data-table="requests"] th.label[class*="cell-"]').length).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([r], { cwd: fixturePath() })) as unknown as ArrayBuffer);
    const q = wb.getWorksheet('三 依申请')!;
    let blueEmpty = 0;
    let warnedLabels = 0;
    q.eachRow((row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        const f = (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
        if (f === BLANK_FILL && (c.value === null || c.value === undefined)) blueEmpty++;
        if (typeof c.value === 'string' && (f === FILLS.warning || f === FILLS.error)) warnedLabels++;
      }),
    );
    expect(blueEmpty).toBe(blanks.length);
    expect(warnedLabels).toBe(0);
  });
});
