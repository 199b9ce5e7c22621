// What a newcomer meets first (issue 14): outputs that are what their name says, a verdict line,
// -q agreeing with the exit code, where each report went, finding order, quiet batches.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { runCli } from './helpers/cli.js';

const SEED = resolve(__dirname, '../fixtures/akqi-2021/akqi-2021.txt');
const SEED_TEXT = readFileSync(SEED, 'utf8');
const run = (args: string[]) => runCli(args, {});

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'gia-ux-'));
}

/** The seed with （一）予以公开 / 自然人 changed from 4 to 3: one failing identity pair. */
function defect(dir = tmp()): string {
  const lines = SEED_TEXT.split('\n');
  const at = lines.findIndex((l) => l.includes('（一）予以公开'));
  expect(lines[at + 1]).toBe('\t4');
  lines[at + 1] = '\t3';
  const p = join(dir, 'defect.txt');
  writeFileSync(p, lines.join('\n'));
  return p;
}

/** The seed with one zero cell blanked (（二）部分公开 / 自然人): a blank-cell warning, no error. */
function blanked(dir = tmp()): string {
  const text = SEED_TEXT.replace('不计其他情形）\n\t0\n', '不计其他情形）\n\t\n');
  expect(text).not.toBe(SEED_TEXT);
  const p = join(dir, 'blank.txt');
  writeFileSync(p, text);
  return p;
}

describe('convert -o FILE: the format from the extension', () => {
  it('-o report.xlsx (no --to) writes a workbook exceljs reads', async () => {
    const out = join(tmp(), 'report.xlsx');
    const r = await run(['convert', SEED, '-o', out]);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBeGreaterThan(1);
  });

  it('-o cells.csv writes CSV, -o r.json JSON, -o r.jsonl JSON Lines', async () => {
    const d = tmp();
    expect((await run(['convert', SEED, '-o', join(d, 'cells.csv')])).code).toBe(0);
    const rows = parse(readFileSync(join(d, 'cells.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(100);
    expect(Object.keys(rows[0]!)).toContain('value');
    expect((await run(['convert', SEED, '-o', join(d, 'r.json')])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(d, 'r.json'), 'utf8')).meta.organ).toBe('阿合奇县人民政府');
    expect((await run(['convert', SEED, SEED, '-o', join(d, 'r.jsonl')])).code).toBe(0);
    expect(readFileSync(join(d, 'r.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('a --to that contradicts the extension, or an extension the tool does not write: exit 2, one line, nothing written', async () => {
    const d = tmp();
    for (const [args, file, text] of [
      [['--to', 'json', '-o', join(d, 'x.xlsx')], 'x.xlsx', '--to json 与输出文件'],
      [['--to', 'xlsx', '-o', join(d, 'x.csv')], 'x.csv', '--to xlsx 与输出文件'],
      [['-o', join(d, 'x.txt')], 'x.txt', '不知道如何写出 .txt 文件'],
      [['--to', 'csv', '-o', join(d, 'x.pdf')], 'x.pdf', '不知道如何写出 .pdf 文件'],
    ] as [string[], string, string][]) {
      const r = await run(['convert', SEED, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.err).toContain(text);
      expect(existsSync(join(d, file))).toBe(false);
    }
    const e = await run(['--locale', 'en', 'convert', SEED, '--to', 'json', '-o', join(d, 'x.xlsx')]);
    expect(e.err).toMatch(/--to json contradicts the extension \.xlsx .*name the file .*x\.json/);
  });

  it('agreeing --to and extension, a directory, stdout and a name without extension keep working', async () => {
    const d = tmp();
    expect((await run(['convert', SEED, '--to', 'xlsx', '-o', join(d, 'a.xlsx')])).code).toBe(0);
    expect((await run(['convert', SEED, '--to', 'json', '-o', join(d, 'a.jsonl')])).code).toBe(0);
    expect((await run(['convert', SEED, '--to', 'csv', '-o', join(d, 'out') + '/'])).code).toBe(0);
    expect(existsSync(join(d, 'out', 'akqi-2021.csv'))).toBe(true);
    const s = await run(['convert', SEED]);
    expect(JSON.parse(s.out).meta.year).toBe(2021);
    expect((await run(['convert', SEED, '--to', 'csv', '-o', join(d, 'noext')])).code).toBe(0);
    expect(readFileSync(join(d, 'noext'), 'utf8').split('\n')[0]).toContain('value');
  });
});

describe('the verdict line', () => {
  it('errors: ✖ 有 N 个错误，请更正后再提交 as the last line, exit 1', async () => {
    const r = await run(['lint', defect()]);
    expect(r.code).toBe(1);
    const last = r.out.trimEnd().split('\n').at(-1);
    expect(last).toMatch(/^✖ 有 \d+ 个错误，请更正后再提交$/);
    const n = Number(/有 (\d+) 个错误/.exec(last!)![1]);
    expect(r.out).toContain(`${n} 个错误，`); // the summary line above counts the same
  });

  it('no errors: ✔ 未发现错误，可以提交（另有 3 条提示）, exit 0', async () => {
    const r = await run(['lint', SEED]);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('✔ 未发现错误，可以提交（另有 3 条提示）');
  });

  it('warnings are named in the parenthesis; English with --locale en', async () => {
    const p = blanked();
    const r = await run(['lint', p]);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^✔ 未发现错误，可以提交（另有 1 个警告、3 条提示）$/);
    const e = await run(['--locale', 'en', 'lint', p]);
    expect(e.out.trimEnd().split('\n').at(-1)).toBe('✔ No errors found: ready to publish (1 warning(s), 3 note(s) besides)');
    const d = await run(['--locale', 'en', 'lint', defect()]);
    expect(d.out.trimEnd().split('\n').at(-1)).toMatch(/^✖ \d+ error\(s\): correct them before you publish$/);
  });

  it('an unreadable file: ✖, exit 2', async () => {
    const r = await run(['lint', SEED, join(tmp(), 'missing.txt')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('✖ 有 1 个文件无法读取，请检查后再试');
  });
});

describe('-q and --max-warnings agree with the exit code', () => {
  it('-q --max-warnings 0 with a warning: no "未发现问题", the verdict says why it fails, exit 1', async () => {
    const r = await run(['lint', '-q', '--max-warnings', '0', blanked()]);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('未发现问题');
    expect(r.out).toContain('（-q：另有 1 个警告、3 个提示未显示）');
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('✖ 警告 1 个，超过 --max-warnings 允许的 0 个，请处理后再提交');
  });

  it('-q with warnings within the limit: "未发现错误", ✔, exit 0', async () => {
    const r = await run(['lint', '-q', blanked()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('未发现错误');
    expect(r.out).not.toContain('未发现问题');
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^✔ /);
  });
});

describe('convert over many files: the summary, not every finding', () => {
  /** Two readable reports (one with errors, one with a warning) and one unreadable file. */
  function batch(): string {
    const d = tmp();
    defect(d);
    blanked(d);
    writeFileSync(join(d, 'broken.docx'), 'PK\u0003\u0004 not really a zip');
    return d;
  }

  it('no -f: stderr has the batch summary and the unreadable file once, no finding', async () => {
    const d = batch();
    const r = await run(['convert', d, '-o', join(tmp(), 'all.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/GIA\d{3}/);
    expect(r.err.match(/批量汇总/g)).toHaveLength(1);
    expect(r.err.match(/broken\.docx/g)).toHaveLength(1);
    expect(r.err).toContain('各报告的问题未逐条列出：用 -f stylish 显示');
    expect(r.err.trim().split('\n').length).toBeLessThanOrEqual(6);
  });

  it('-f stylish asks for the findings: listed, and the unreadable file still named once', async () => {
    const r = await run(['convert', batch(), '-o', join(tmp(), 'all.jsonl'), '-f', 'stylish']);
    expect(r.err).toMatch(/GIA30\d/);
    expect(r.err.match(/不是有效的 \.docx/g)).toHaveLength(1);
    expect(r.err.match(/批量汇总/g)).toHaveLength(1);
  });

  it('a single input still shows its findings on stderr', async () => {
    const r = await run(['convert', defect(), '-o', join(tmp(), 'one.json')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('GIA302');
    expect(r.err.trimEnd().split('\n').at(-1)).toMatch(/^✖ 有 \d+ 个错误/);
  });

  it('lint of many files lists each unreadable file once (stylish on stdout, summary on stderr)', async () => {
    const r = await run(['lint', batch()]);
    expect((r.out + r.err).match(/不是有效的 \.docx/g)).toHaveLength(1);
  });
});

describe('-f NAME=FILE says where each report went', () => {
  it('lint X -f html=report.html -f json=r.json: one line per file on stderr, stdout empty', async () => {
    const d = tmp();
    const r = await run(['lint', SEED, '-f', `html=${join(d, 'report.html')}`, '-f', `json=${join(d, 'r.json')}`]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toBe(`已写入 HTML 报告：${join(d, 'report.html')}\n已写入 JSON 报告：${join(d, 'r.json')}\n`);
    expect(readFileSync(join(d, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    const e = await run(['--locale', 'en', 'lint', SEED, '-f', `sarif=${join(d, 'r.sarif')}`]);
    expect(e.err).toBe(`Wrote the SARIF report: ${join(d, 'r.sarif')}\n`);
  });
});
