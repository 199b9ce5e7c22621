// convert --to xlsx: read the workbook back with exceljs (never compare bytes).
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { toXlsx, writeSummaryXlsx, FILLS, LIGHT_FILLS, BLANK_FILL } from '../src/writers/xlsx.js';
import { templateValues, unionKeys } from '../src/layout/keys.js';
import { PassThrough } from 'node:stream';
import { main } from '../src/cli/main.js';
import type { LintedReport } from '../src/types.js';
import { analyzeText, expectedCells, expectedOf, fixturePath, fixtureText } from './helpers/report.js';

/** Replaces the first `from` after `anchor` (a seeded defect in one cell). */
function seed(text: string, anchor: string, from: string, to: string): string {
  const i = text.indexOf(anchor);
  const j = text.indexOf(from, i);
  if (i < 0 || j < 0) throw new Error(`seed: ${anchor} / ${JSON.stringify(from)} not found`);
  return text.slice(0, j) + to + text.slice(j + from.length);
}

/** akqi-2021 with 一、本年新收 自然人 5 → 6 (GIA301 on the column, GIA302 on the row total) and 行政强制 unreadable. */
function defectText(): string {
  let t = fixtureText('akqi-2021', 'akqi-2021.txt');
  t = seed(t, '一、本年新收政府信息公开申请数量', '\t5\n', '\t6\n');
  t = seed(t, '行政强制', '\t5\n', '\tabc\n');
  return t;
}

async function book(reports: LintedReport[]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(reports, { cwd: fixturePath() })) as unknown as ArrayBuffer);
  return wb;
}

function argb(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.type === 'pattern' && f.pattern === 'solid' ? (f.fgColor?.argb as string | undefined) : undefined;
}

function noteText(cell: ExcelJS.Cell): string {
  const n = cell.note as string | { texts?: { text: string }[] } | undefined;
  if (!n) return '';
  return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
}

function merges(ws: ExcelJS.Worksheet): string[] {
  return ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice().sort();
}

/** The cell of a sheet whose value is exactly `text`. */
function findText(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row) => row.eachCell((c) => {
    if (!found && c.value === text) found = c;
  }));
  if (!found) throw new Error(`no cell "${text}" on ${ws.name}`);
  return found;
}

describe('xlsx writer, one report', () => {
  it('draws the three tables in the official layout, values as numbers, blanks empty', async () => {
    const report = await analyzeText(fixtureText('akqi-2021', 'akqi-2021.txt'), {}, fixturePath('akqi-2021', 'akqi-2021.txt'));
    const wb = await book([report]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['二 主动公开', '三 依申请', '四 复议诉讼', '问题', '来源']);

    const p = wb.getWorksheet('二 主动公开')!;
    expect(p.getCell('A1').value).toBe('二、主动公开政府信息情况');
    expect(p.getCell('A2').value).toBe('第二十条第（一）项');
    expect(p.getCell('A3').value).toBe('信息内容');
    expect(p.getCell('B3').value).toBe('本年制发件数');
    expect(p.getCell('A5').value).toBe('行政规范性文件');
    expect(p.getCell('D5').value).toBe(11);
    const fees = findText(p, '行政事业性收费');
    const amount = p.getCell(Number(fees.row), 2);
    expect(amount.value).toBe(879.127651);
    expect(amount.numFmt).toContain('0.00');
    // Caption rows span the table; a one-column header and its value span the three value columns.
    expect(merges(p)).toEqual(expect.arrayContaining(['A1:D1', 'A2:D2', 'A6:D6', 'B7:D7', 'B8:D8']));
    expect(p.getCell('B7').value).toBe('本年处理决定数量');
    expect(p.getCell('B8').value).toBe(707);
    expect(findText(p, '本年收费金额（单位：万元）')).toBeTruthy();

    const q = wb.getWorksheet('三 依申请')!;
    expect(String(q.getCell('A2').value)).toContain('第一项加第二项之和');
    expect(merges(q)).toEqual(expect.arrayContaining(['A2:C4', 'D2:J2', 'D3:D4', 'E3:I3', 'J3:J4', 'A5:C5', 'A6:C6']));
    expect(q.getCell('D2').value).toBe('申请人情况');
    expect(q.getCell('E3').value).toBe('法人或其他组织');
    expect(q.getCell('E4').value).toBe('商业企业');
    expect(q.getCell('A5').value).toBe('一、本年新收政府信息公开申请数量');
    expect(q.getCell('D5').value).toBe(5);
    expect(q.getCell('J5').value).toBe(5);
    // 三、本年度办理结果 spans the result rows; （三）不予公开 spans its 8 sub-rows.
    const results = findText(q, '三、本年度办理结果');
    const denied = findText(q, '（三）不予公开');
    const resultsTotal = findText(q, '（七）总计');
    expect(merges(q)).toContain(`A${results.row}:A${resultsTotal.row}`);
    expect(merges(q)).toContain(`B${denied.row}:B${Number(denied.row) + 7}`);
    expect(q.getCell(Number(denied.row), 3).value).toBe('1.属于国家秘密');
    expect(findText(q, '（六）其他处理')).toBeTruthy();
    expect(findText(q, '四、结转下年度继续办理')).toBeTruthy();
    // Frozen header rows and label columns; print setup.
    expect(q.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
    expect(q.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    // Column widths fit the labels.
    expect(q.getColumn(3).width).toBeGreaterThanOrEqual(20);

    const a = wb.getWorksheet('四 复议诉讼')!;
    expect(merges(a)).toEqual(expect.arrayContaining(['A2:E2', 'F2:O2', 'F3:J3', 'K3:O3', 'A3:A4', 'E3:E4']));
    expect(a.getCell('A2').value).toBe('行政复议');
    expect(a.getCell('F2').value).toBe('行政诉讼');
    expect(a.getCell('F3').value).toBe('未经复议直接起诉');
    expect(a.getCell('K3').value).toBe('复议后起诉');
    expect(a.getCell('F4').value).toBe('结果维持');
    expect(a.getCell('O4').value).toBe('总计');
    expect(a.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });

    // Every value equals the hand-checked expected JSON; blanks (null) stay empty.
    const expected = expectedCells(expectedOf('akqi-2021'));
    const seen = { proactive: 0, requests: 0, appeals: 0 } as Record<string, number>;
    for (const [table, row, column, v] of expected) seen[table]!++;
    expect(seen).toEqual({ proactive: 10, requests: 175, appeals: 15 });
    const a5 = (col: number): unknown => a.getCell(5, col).value;
    const appealsExpected = expected.filter(([t]) => t === 'appeals').map(([, , , v]) => v);
    expect(Array.from({ length: 15 }, (_, i) => a5(i + 1) ?? null)).toEqual(appealsExpected);
    const src = wb.getWorksheet('来源')!;
    const kv = Object.fromEntries(src.getSheetValues().slice(1).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(kv).toMatchObject({ 文件: 'akqi-2021/akqi-2021.txt', 格式: 'text', 编码: 'utf-8', 报告格式: 'gia-2021', 机关: '阿合奇县人民政府', 年度: 2021, 发布日期: '2022-01-19' });
    expect(String(kv['SHA-256'])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves blank cells empty, not 0', async () => {
    const t = seed(fixtureText('akqi-2021', 'akqi-2021.txt'), '行政强制', '\t5\n', '\tabc\n');
    const report = await analyzeText(t);
    expect(report.tables.proactive!.values.coercion!.decisions).toBeNull();
    const p = (await book([report])).getWorksheet('二 主动公开')!;
    const row = Number(findText(p, '行政强制').row);
    expect(p.getCell(row, 2).value).toBeNull();
  });

  it('fills and annotates the cells named by diagnostics, and lists them on 问题 with links', async () => {
    const report = await analyzeText(defectText(), {}, 'akqi-bad.txt');
    const ids = report.diagnostics.map((d) => `${d.ruleId}:${d.table}/${d.row}/${d.column}`);
    expect(ids).toEqual(expect.arrayContaining(['GIA301:requests/undefined/natural', 'GIA302:requests/received/total']));
    const wb = await book([report]);
    const q = wb.getWorksheet('三 依申请')!;
    // The suspect both findings name (一、本年新收 自然人, D5: 6, should be 5) is the cell to correct.
    expect(argb(q.getCell('D5'))).toBe(FILLS.error);
    expect(noteText(q.getCell('D5'))).toContain('现为 6，应为 5');
    // GIA302's total (J5) and GIA301's other cells (自然人 of 二、（七）总计、四) hold: framed, lighter, not red.
    const rt = Number(findText(q, '（七）总计').row);
    const cf = Number(findText(q, '四、结转下年度继续办理').row);
    expect(argb(q.getCell('J5'))).toBe(LIGHT_FILLS.error);
    expect(q.getCell('J5').border?.top?.style).toBe('mediumDashed');
    expect(noteText(q.getCell('J5'))).toContain('GIA302');
    expect(noteText(q.getCell('J5'))).toContain('可能填错的是表三“一、本年新收政府信息公开申请数量”行“自然人”列');
    for (const r of [6, rt, cf]) {
      expect(argb(q.getCell(r, 4)), `D${r}`).toBe(LIGHT_FILLS.error);
      expect(noteText(q.getCell(r, 4))).toContain('GIA301');
    }
    // Cells nobody named are not filled and carry no note.
    expect(argb(q.getCell('E5'))).toBeUndefined();
    expect(q.getCell('E5').note).toBeUndefined();
    // The row-only info finding (label-variant on 规范性文件) annotates the label cell without a fill.
    const p = wb.getWorksheet('二 主动公开')!;
    expect(noteText(p.getCell('A5'))).toContain('GIA111');
    expect(argb(p.getCell('A5'))).not.toBe(FILLS.error);
    expect(argb(p.getCell('A5'))).not.toBe(FILLS.warning);
    // The blank 行政强制 (a blank-cell finding) is drawn in the one light blank style, not as a warning,
    // and its label carries no mark.
    const coercion = report.diagnostics.find((d) => d.ruleId === 'GIA201' && d.table === 'proactive')!;
    expect(coercion).toBeDefined();
    const cRow = Number(findText(p, '行政强制').row);
    expect(argb(p.getCell(cRow, 2))).toBe(BLANK_FILL);
    expect(noteText(p.getCell(cRow, 2))).toContain('空白单元格：核对时按 0 计算');
    expect(argb(p.getCell(cRow, 1))).toBeUndefined();
    expect(p.getCell(cRow, 1).note).toBeUndefined();

    const probs = wb.getWorksheet('问题')!;
    expect(probs.getRow(1).values).toEqual([undefined, '规则', '规则名称', '级别', '位置', '说明', '应为', '实为', '建议']);
    expect(probs.rowCount).toBe(1 + report.diagnostics.length);
    let linked302: ExcelJS.Cell | undefined;
    probs.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === 'GIA302') linked302 = row.getCell(4);
    });
    expect(linked302).toBeDefined();
    // the 问题 row leads to the cell to correct, and 应为/实为 are that cell's, as the message says
    expect(String(linked302!.hyperlink)).toContain("'三 依申请'!D5");
    const r302 = probs.getRow(Number(linked302!.row));
    expect(r302.getCell(5).value).toContain('现为 6，应为 5');
    expect(r302.getCell(6).value).toBe(5); // 应为: the suggested value of the suspect
    expect(r302.getCell(7).value).toBe(6); // 实为: the suspect as written
  });
});

describe('xlsx writer: the cell the finding says is wrong is the cell it marks', () => {
  it('予以公开/自然人 4 → 5: the suspect is red with the suggested value, the totals framed, 问题 agrees with the message', async () => {
    const t = seed(fixtureText('akqi-2021', 'akqi-2021.txt'), '（一）予以公开', '\t4\n', '\t5\n');
    const report = await analyzeText(t, {}, 'akqi-granted.txt');
    const arith = report.diagnostics.filter((d) => d.ruleId === 'GIA302' || d.ruleId === 'GIA303');
    expect(arith.map((d) => d.ruleId)).toEqual(['GIA302', 'GIA303']);
    for (const d of arith) expect(d.message).toContain('可能是表三“（一）予以公开”行“自然人”列填错：现为 5，应为 4');
    const wb = await book([report]);
    const q = wb.getWorksheet('三 依申请')!;
    const row = Number(findText(q, '（一）予以公开').row);
    const rt = Number(findText(q, '（七）总计').row);
    const suspect = q.getCell(row, 4); // 自然人
    expect(suspect.value).toBe(5);
    expect(argb(suspect)).toBe(FILLS.error);
    expect(noteText(suspect)).toContain('请更正本格：现为 5，应为 4');
    expect(noteText(suspect)).toContain('GIA302');
    expect(noteText(suspect)).toContain('GIA303');
    // the two totals (4 and 5) whose identities fail are right: lighter fill, dashed frame, a note naming the identity
    for (const total of [q.getCell(row, 10), q.getCell(rt, 4)]) {
      expect(argb(total), total.address).toBe(LIGHT_FILLS.error);
      expect(argb(total)).not.toBe(FILLS.error);
      expect(total.border?.top?.style).toBe('mediumDashed');
      expect(noteText(total)).toContain('勾稽关系不成立');
      expect(noteText(total)).toContain('本格不必改动');
    }
    expect(noteText(q.getCell(row, 10))).toContain('自然人与各类法人或其他组织之和');
    expect(noteText(q.getCell(rt, 4))).toContain('（一）至（六）各项办理结果之和');
    const probs = wb.getWorksheet('问题')!;
    const rows: ExcelJS.Row[] = [];
    probs.eachRow((r, n) => {
      if (n > 1 && (r.getCell(1).value === 'GIA302' || r.getCell(1).value === 'GIA303')) rows.push(r);
    });
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      const loc = r.getCell(4);
      expect(String((loc.value as { text: string }).text)).toContain('表三“（一）予以公开”行“自然人”列');
      expect(String(loc.hyperlink)).toContain(`'三 依申请'!D${row}`);
      expect(r.getCell(6).value).toBe(4); // 应为
      expect(r.getCell(7).value).toBe(5); // 实为
    }
  });
});

describe('xlsx writer, several reports', () => {
  it('writes a summary sheet (one row per report, every cell key) and one diagnostics sheet', async () => {
    const ok = await analyzeText(fixtureText('akqi-2021', 'akqi-2021.txt'), {}, fixturePath('akqi-2021', 'akqi-2021.txt'));
    const bad = await analyzeText(defectText(), {}, fixturePath('akqi-bad.txt'));
    const wb = await book([ok, bad]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题']);
    const s = wb.getWorksheet('汇总')!;
    // row 1: labels people read; row 2: the machine keys (the data contract); reports from row 3
    const labels = (s.getRow(1).values as unknown[]).slice(1);
    expect(labels.slice(0, 6)).toEqual(['文件', '机关', '年度', '报告格式', '错误', '警告']);
    const head = (s.getRow(2).values as unknown[]).slice(1);
    expect(labels[head.indexOf('requests.granted.natural')]).toBe('表三·（一）予以公开·自然人');
    expect(labels[head.indexOf('proactive.fees.amount')]).toBe('表二·行政事业性收费·本年收费金额（单位：万元）');
    expect(labels[head.indexOf('appeals.cases.review.upheld')]).toMatch(/^表四·行政复议·结果维持$/);
    expect(labels[head.indexOf('reading.requests')]).toBe('表三读取可信度');
    expect(labels.every((l) => typeof l === 'string' && !/^[a-z]/.test(l))).toBe(true);
    expect(s.getRow(1).getCell(1).alignment?.wrapText).toBe(true);
    expect(head.slice(0, 6)).toEqual(['file', 'organ', 'year', 'template', 'errors', 'warnings']);
    const keys = unionKeys(['gia-2021']);
    expect(head.slice(6, 6 + keys.length)).toEqual(keys);
    expect(head.slice(6 + keys.length)).toEqual(['reading.proactive', 'reading.proactive.by', 'reading.requests', 'reading.requests.by', 'reading.appeals', 'reading.appeals.by']);
    const row2 = (s.getRow(3).values as unknown[]).slice(1);
    expect(row2.slice(0, 6)).toEqual(['akqi-2021/akqi-2021.txt', '阿合奇县人民政府', 2021, 'gia-2021', 0, 0]);
    const col = (k: string): number => head.indexOf(k) + 1;
    expect(s.getRow(3).getCell(col('proactive.fees.amount')).value).toBe(879.127651);
    expect(s.getRow(3).getCell(col('reading.requests')).value).toBe('exact');
    expect(s.getRow(3).getCell(col('reading.requests.by')).value).toBe('tokens');
    expect(s.getRow(4).getCell(col('requests.received.natural')).value).toBe(6);
    expect(argb(s.getRow(4).getCell(col('requests.received.natural')))).toBe(FILLS.error);
    expect(argb(s.getRow(4).getCell(col('requests.received.total')))).toBe(LIGHT_FILLS.error);
    // frozen below the two head rows and right of the file; printed landscape, one page wide, head repeated
    expect(s.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
    expect(s.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(s.pageSetup.printTitlesRow).toBe('1:2');
    const probs = wb.getWorksheet('问题')!;
    expect(probs.getRow(1).getCell(1).value).toBe('文件');
    expect(probs.rowCount).toBe(1 + ok.diagnostics.length + bad.diagnostics.length);
  });

  it('mixes templates: union of keys, gia-2021 first', () => {
    const keys = unionKeys(['gia-2019', 'gia-2021']);
    const k21 = unionKeys(['gia-2021']);
    expect(keys.slice(0, k21.length)).toEqual(k21);
    expect(keys).toContain('proactive.procurement.amount');
    expect(keys).toContain('requests.otherHandling.total');
    expect(new Set(keys).size).toBe(keys.length);
  });
});

/** Every cell of every sheet: value, note, fill, bold, font colour (what a reader of the workbook sees). */
function cellsOf(wb: ExcelJS.Workbook): unknown[] {
  const out: unknown[] = [];
  for (const ws of wb.worksheets) {
    out.push(ws.name, ws.rowCount, ws.columnCount, ws.views, ws.autoFilter);
    for (let r = 1; r <= ws.rowCount; r++) {
      for (let c = 1; c <= ws.columnCount; c++) {
        const x = ws.getRow(r).getCell(c);
        out.push([r, c, x.value, x.note, argb(x), x.font?.bold, x.font?.color]);
      }
    }
    for (let c = 1; c <= ws.columnCount; c++) out.push(ws.getColumn(c).width);
  }
  return out;
}

describe('xlsx summary, streamed (convert of several inputs into one workbook)', () => {
  it('writeSummaryXlsx gives the same sheets and cells as the in-memory summary, mixed templates included', async () => {
    const ok = await analyzeText(fixtureText('akqi-2021', 'akqi-2021.txt'), {}, fixturePath('akqi-2021', 'akqi-2021.txt'));
    const bad = await analyzeText(defectText(), {}, fixturePath('akqi-bad.txt'));
    const old = await analyzeText(fixtureText('shanghai-office-2019', 'shanghai-office-2019.lo.txt'), {}, fixturePath('shanghai-office-2019', 'shanghai-office-2019.lo.txt'));
    const reports = [ok, bad, old, ok];
    expect(new Set(reports.map((r) => r.template.id))).toEqual(new Set(['gia-2019', 'gia-2021']));
    async function* rows() {
      for (const r of reports) yield { r, values: templateValues(r) };
    }
    const write = async (again?: () => Iterable<LintedReport>): Promise<ExcelJS.Workbook> => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const ended = new Promise((res) => out.on('end', res));
      await writeSummaryXlsx(['gia-2021', 'gia-2019'], rows(), out, { cwd: fixturePath() }, again);
      await ended;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      return wb;
    };
    const whole = cellsOf(await book(reports));
    const streamed = await write();
    expect(cellsOf(streamed)).toEqual(whole);
    expect(streamed.getWorksheet('汇总')!.rowCount).toBe(6);
    // 问题 from a second pass over the reports (the CLI reads them back instead of keeping them)
    expect(cellsOf(await write(() => reports.map((r) => structuredClone(r))))).toEqual(whole);
  });
});

describe('convert --to xlsx (CLI)', () => {
  const sink = join(mkdtempSync(join(tmpdir(), 'gia-xlsx-lint-')), 'lint.json');
  const io = (isTTY: boolean) => {
    const out: (string | Uint8Array)[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        stdout: { write: (s: string | Uint8Array) => out.push(s), isTTY },
        stderr: { write: (s: string) => err.push(s), isTTY: false },
        env: {},
        cwd: fixturePath(),
        readStdin: async () => Buffer.alloc(0),
      },
    };
  };

  it('refuses to write xlsx to a terminal with a one-line error', async () => {
    const t = io(true);
    const code = await main(['convert', fixturePath('akqi-2021', 'akqi-2021.txt'), '--to', 'xlsx'], t.io);
    expect(code).toBe(2);
    expect(t.out).toEqual([]);
    const msg = t.err.join('');
    expect(msg.trim().split('\n')).toHaveLength(1);
    expect(msg).toContain('-o');
  });

  it('writes the bytes to stdout when it is not a terminal', async () => {
    const t = io(false);
    const code = await main(['convert', fixturePath('akqi-2021', 'akqi-2021.txt'), '--to', 'xlsx', '-f', `json=${sink}`], t.io);
    expect(code, t.err.join('')).toBe(0);
    const bytes = Buffer.from(t.out[0] as Uint8Array);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('writes -o book.xlsx through the atomic writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-xlsx-'));
    const out = join(dir, 'book.xlsx');
    const t = io(true);
    const code = await main(['convert', fixturePath('akqi-2021', 'akqi-2021.txt'), '--to', 'xlsx', '-o', out, '-f', `json=${sink}`], t.io);
    expect(code, t.err.join('')).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('三 依申请')!.getCell('D5').value).toBe(5);
  });
});

describe('lint never loads exceljs', () => {
  it('resolves no exceljs module during `lint -f sarif -f html` (built CLI)', { timeout: 60_000 }, () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) return; // `npm test` builds first
    const dir = mkdtempSync(join(tmpdir(), 'gia-noexcel-'));
    const hook = join(dir, 'hook.mjs');
    writeFileSync(hook, "export async function resolve(s, c, next) { const r = await next(s, c); if (/exceljs/.test(r.url)) process.stderr.write('LOADED-EXCELJS\\n'); return r; }\n");
    const reg = join(dir, 'register.mjs');
    writeFileSync(reg, `import { register } from 'node:module'; register(${JSON.stringify('file://' + hook)});\n`);
    const lint = spawnSync(process.execPath, ['--import', reg, join(root, 'bin', 'gia-report.js'), 'lint', fixturePath('akqi-2021', 'akqi-2021.txt'), '-f', 'sarif', '-f', `html=${join(dir, 'r.html')}`], { encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    expect(lint.stderr).not.toContain('LOADED-EXCELJS');
    // The probe works: convert --to xlsx does load it.
    const conv = spawnSync(process.execPath, ['--import', reg, join(root, 'bin', 'gia-report.js'), 'convert', fixturePath('akqi-2021', 'akqi-2021.txt'), '--to', 'xlsx', '-o', join(dir, 'b.xlsx')], { encoding: 'utf8' });
    expect(conv.stderr).toContain('LOADED-EXCELJS');
  });
});
