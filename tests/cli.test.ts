// CLI behaviour through main(): exit codes, formats, locales, outputs. In-process, no spawning.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runCli } from './helpers/cli.js';

const SEED = resolve(__dirname, '../fixtures/akqi-2021/akqi-2021.txt');
const SEED_TEXT = readFileSync(SEED, 'utf8');
const SCHEMA = JSON.parse(readFileSync(resolve(__dirname, '../docs/schema/report.schema.json'), 'utf8'));

const run = (args: string[], env: Record<string, string> = {}, stdin = '') => runCli(args, { env, stdin });

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'gia-cli-'));
}

/** The seed with （一）予以公开 / 自然人 changed from 4 to 3 (a seeded defect). */
function seedDefect(): string {
  const lines = SEED_TEXT.split('\n');
  const at = lines.findIndex((l) => l.includes('（一）予以公开'));
  expect(lines[at + 1]).toBe('\t4');
  lines[at + 1] = '\t3';
  const p = join(tmp(), 'defect.txt');
  writeFileSync(p, lines.join('\n'));
  return p;
}

describe('exit codes', () => {
  it('0 for the seed (no errors), with the stylish report on stdout', async () => {
    const r = await run(['lint', SEED]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('阿合奇县人民政府');
    expect(r.out).toContain('0 个错误');
  });

  it('1 for a report with lint errors', async () => {
    const r = await run(['lint', seedDefect()]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('GIA302');
  });

  it('1 when warnings exceed --max-warnings, 0 when within', async () => {
    const p = join(tmp(), 'blank.txt');
    // blank a zero cell (（二）部分公开 / 自然人): a blank-cell warning, no error
    const blanked = SEED_TEXT.replace('不计其他情形）\n\t0\n', '不计其他情形）\n\t\n');
    expect(blanked).not.toBe(SEED_TEXT);
    writeFileSync(p, blanked);
    const within = await run(['lint', '--max-warnings', '5', p]);
    const over = await run(['lint', '--max-warnings', '0', p]);
    expect(within.out).toContain('GIA201');
    expect(within.code).toBe(0);
    expect(over.code).toBe(1);
  });

  it('2 for a missing file, one clear line, no stack trace', async () => {
    const r = await run(['lint', 'no/such/file.txt']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('找不到文件 no/such/file.txt');
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
  });

  it('2 for a file with no report table', async () => {
    const p = join(tmp(), 'letter.txt');
    writeFileSync(p, '关于召开会议的通知\n各单位：定于下周一开会。\n');
    const r = await run(['lint', p]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('没有找到年度报告的统计表');
  });

  it('2 for a bad option or a bad value, one line on stderr', async () => {
    for (const args of [['lint', '--bogus', SEED], ['lint', '--locale', 'fr', SEED], ['lint', '--template', 'gia-1999', SEED], ['lint', '-f', 'nope', SEED], ['lint', '--max-warnings', 'x', SEED], ['convert', '--layout', 'wide', SEED]]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^gia-report: /);
    }
  });

  it('0 for --help and --version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('lint');
    expect(help.out).toContain('显示帮助');
    expect(help.out).not.toContain('show help'); // one language: the locale's (issue 14)
    const lintHelp = await run(['lint', '--help']);
    expect(lintHelp.code).toBe(0);
    expect(lintHelp.out).toContain('--max-warnings');
    expect((await run(['--version'])).out).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('locales and colour', () => {
  it('English with --locale en', async () => {
    const r = await run(['lint', '--locale', 'en', seedDefect()]);
    expect(r.out).toContain('is 4, but the applicant columns add up to 3');
    expect(r.out).not.toContain('各分项');
  });

  it('no ANSI colour when not a TTY or under NO_COLOR; colour with FORCE_COLOR', async () => {
    expect((await run(['lint', seedDefect()])).out).not.toMatch(/\x1b\[/);
    expect((await run(['lint', seedDefect()], { FORCE_COLOR: '1', NO_COLOR: '1' })).out).not.toMatch(/\x1b\[/);
    expect((await run(['lint', seedDefect()], { FORCE_COLOR: '1' })).out).toMatch(/\x1b\[/);
  });

  it('findings in a docx or HTML table point at the grid cell, not the table numbering of the report', async () => {
    const docx = resolve(__dirname, '../fixtures/shanghai-office-2019/shanghai-office-2019.lo.docx');
    const zh = await run(['lint', docx]);
    const en = await run(['lint', '--locale', 'en', docx]);
    expect(zh.out).toMatch(/第\d+个表格第\d+行第\d+个单元格 +警告 +表三（收到和处理政府信息公开申请情况）有 \d+ 个空白单元格，在 \d+ 行：“一、本年新收政府信息公开申请数量”行 2 个/);
    expect(en.out).toMatch(/table #\d+, row \d+, cell \d+ +warning/);
  });

  it('--quiet shows errors only', async () => {
    const r = await run(['lint', '--quiet', seedDefect()]);
    expect(r.out).toContain('GIA302');
    expect(r.out).not.toContain('GIA108');
  });
});

describe('lint -f json', () => {
  it('lists diagnostics with file names and the contract fields', async () => {
    const r = await run(['lint', '-f', 'json', seedDefect()]);
    const j = JSON.parse(r.out);
    const d = j.files[0].diagnostics.find((x: { ruleId: string }) => x.ruleId === 'GIA302');
    expect(d).toMatchObject({ file: expect.stringContaining('defect.txt'), severity: 'error', table: 'requests', row: 'granted', column: 'total', expected: 3, actual: 4 });
    expect(d.location.line).toBeGreaterThan(0);
  });

  it('writes a second format to a file in the same run', async () => {
    const dir = tmp();
    const r = await run(['lint', '-f', 'stylish', '-f', `json=${join(dir, 'out.json')}`, SEED]);
    expect(r.out).toContain('阿合奇县');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).files).toHaveLength(1);
  });
});

describe('convert', () => {
  it('JSON on stdout validates against the shipped schema and carries the seed values', async () => {
    const r = await run(['convert', SEED]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const ok = ajv.validate(SCHEMA, j);
    expect(ajv.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(j.template).toBe('gia-2021');
    expect(j.source).toMatchObject({ format: 'text', encoding: 'utf-8' });
    expect(j.meta).toMatchObject({ organ: '阿合奇县人民政府', year: 2021, published: '2022-01-19' });
    expect(j.tables.proactive.values.licensing.decisions).toBe(707);
    expect(j.tables.proactive.cells.fees.amount.raw).toBe('879.127651');
    expect(j.tables.appeals.values.cases['review.upheld']).toBe(0);
    // the lint report goes to stderr so a conversion never hides a broken table
    expect(r.err).toContain('0 个错误');
  });

  it('schema rejects a report whose value is a string (the schema can fail)', async () => {
    const j = JSON.parse((await run(['convert', SEED])).out);
    j.tables.requests.values.received.total = '5';
    expect(new Ajv2020({ strict: false }).validate(SCHEMA, j)).toBe(false);
  });

  it('CSV long layout: header, one line per cell, BOM on request', async () => {
    const r = await run(['convert', SEED, '--to', 'csv', '--bom']);
    expect(r.out.startsWith('\ufeff' + 'file,organ,year,template,table,row,column,row_label,column_label,value,raw\n')).toBe(true);
    const lines = r.out.trim().split('\n');
    // gia-2021: 10 cells in 二 + 175 in 三 + 15 in 四
    expect(lines).toHaveLength(1 + 10 + 175 + 15);
    expect(lines).toContain(`${SEED},阿合奇县人民政府,2021,gia-2021,proactive,fees,amount,行政事业性收费,本年收费金额（单位：万元）,879.127651,879.127651`);
  });

  it('-o writes a file atomically and refuses to overwrite an input', async () => {
    const dir = tmp();
    const out = join(dir, 'seed.json');
    const ok = await run(['convert', SEED, '-o', out]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).template).toBe('gia-2021');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const copy = join(dir, 'copy.txt');
    writeFileSync(copy, SEED_TEXT);
    const refused = await run(['convert', copy, '-o', copy]);
    expect(refused.code).toBe(2);
    expect(readFileSync(copy, 'utf8')).toBe(SEED_TEXT);
  });

  it('reads stdin with -', async () => {
    const r = await run(['convert', '-'], {}, SEED_TEXT);
    expect(JSON.parse(r.out).tables.requests.values.received.total).toBe(5);
  });

  it('one bad file does not stop the others; exit 2', async () => {
    const r = await run(['convert', 'missing.txt', SEED, '--to', 'csv']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('gia-2021,proactive,licensing,decisions');
    expect(r.err).toContain('missing.txt');
  });
});

describe('rules', () => {
  it('lists every rule in both locales', async () => {
    const zh = await run(['rules']);
    const en = await run(['rules', '--locale', 'en', '--format', 'json']);
    const list = JSON.parse(en.out) as { id: string; name: string; description: string }[];
    expect(list.length).toBeGreaterThanOrEqual(15);
    for (const r of list) {
      expect(zh.out).toContain(r.id);
      expect(r.description).toMatch(/[a-z]/);
    }
    expect(zh.out).toContain('编号');
  });
});

describe('lint reports written file by file (stylish, json)', () => {
  it('stylishPieces and jsonPieces give one piece per file (plus head/summary) that join to the whole text', async () => {
    const { stylish, stylishPieces } = await import('../src/formatters/stylish.js');
    const { json, jsonPieces } = await import('../src/formatters/json.js');
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const seed = readFileSync(SEED);
    const results = [
      await analyzeBytes(seed, 'a.txt', {}),
      { path: 'bad.txt', fatal: { code: 'E_EMPTY', message: 'bad.txt: empty' } },
      await analyzeBytes(Buffer.from(seed.toString('utf8').replace('阿合奇县', '乌恰县')), 'b.txt', { locale: 'en' }),
    ] as Parameters<typeof stylish>[0];
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const quiet of [false, true]) {
        const ctx = { locale, color: false, cwd: '/', quiet };
        const sp = [...stylishPieces(results, ctx)];
        expect(sp).toHaveLength(results.length + 1);
        expect(sp.join('')).toBe(stylish(results, ctx));
        expect(sp[1]).toContain('bad.txt');
        const jp = [...jsonPieces(results, ctx)];
        expect(jp).toHaveLength(results.length + 2);
        expect(JSON.parse(jp.join(''))).toEqual(JSON.parse(json(results, ctx)));
      }
    }
  });
});
