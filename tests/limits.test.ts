// Resource limits (src/limits.ts): defaults, overrides through ReadOptions/AnalyzeOptions and the
// CLI, and what each reader does at a limit: a one-line E_TOO_LARGE naming the limit, never an
// out-of-memory crash or a hang.
import { describe, expect, it } from 'vitest';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_LIMITS, resolveLimits } from '../src/limits.js';
import { analyzeBytes } from '../src/engine/analyze.js';
import { readBytes } from '../src/readers/index.js';
import { expandGrid, type RawTable } from '../src/readers/_grid.js';
import { GiaError } from '../src/errors.js';
import { runCli } from './helpers/cli.js';
import { readInput, readInputSync } from '../src/cli/io.js';

const FIX = resolve(__dirname, '../fixtures');
const SEED = resolve(FIX, 'akqi-2021/akqi-2021.txt');
const HTML = resolve(FIX, 'shanghai-office-2019/shanghai-office-2019.html');
const DOCX = resolve(FIX, 'shanghai-office-2019/shanghai-office-2019.lo.docx');
const bytesOf = (p: string): Uint8Array => new Uint8Array(readFileSync(p));

async function tooLarge(p: Promise<unknown>, limit: string): Promise<GiaError> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(GiaError);
  const e = err as GiaError;
  expect(e.code).toBe('E_TOO_LARGE');
  expect(e.data.limit).toBe(limit);
  expect(String(e.data.reason)).toContain(limit);
  return e;
}

describe('defaults', () => {
  it('are the documented ones', () => {
    expect(DEFAULT_LIMITS).toMatchObject({
      maxInputBytes: 50 * 1024 * 1024,
      maxUncompressedBytes: 200 * 1024 * 1024,
      maxZipEntries: 10_000,
      maxCells: 500_000,
      maxDepth: 2_000,
      maxLines: 1_000_000,
      maxLineLength: 1_000_000,
    });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });
  it('resolveLimits overrides only what is given (undefined, NaN and negatives keep the default)', () => {
    const l = resolveLimits({ maxCells: 10, maxDepth: undefined, maxLines: Number.NaN, maxInputBytes: -1 });
    expect(l.maxCells).toBe(10);
    expect(l.maxDepth).toBe(DEFAULT_LIMITS.maxDepth);
    expect(l.maxLines).toBe(DEFAULT_LIMITS.maxLines);
    expect(l.maxInputBytes).toBe(DEFAULT_LIMITS.maxInputBytes);
  });
  it('the fixtures pass with the defaults', async () => {
    for (const p of [SEED, HTML, DOCX]) await expect(analyzeBytes(bytesOf(p), p)).resolves.toBeDefined();
  });
});

describe('each limit, through AnalyzeOptions.limits', () => {
  it('input size (any format), before anything is decoded', async () => {
    const e = await tooLarge(analyzeBytes(bytesOf(SEED), 'seed.txt', { limits: { maxInputBytes: 1000 } }), 'maxInputBytes');
    expect(String(e.data.reason)).toMatch(/--max-input-size/);
    await tooLarge(analyzeBytes(bytesOf(DOCX), 'a.docx', { limits: { maxInputBytes: 1000 } }), 'maxInputBytes');
  });
  it('cells: text tokens, HTML and docx grid positions', async () => {
    const e = await tooLarge(analyzeBytes(bytesOf(SEED), 'seed.txt', { limits: { maxCells: 50 } }), 'maxCells');
    expect(String(e.data.reason)).toMatch(/--max-cells/);
    await tooLarge(analyzeBytes(bytesOf(HTML), 'a.html', { limits: { maxCells: 50 } }), 'maxCells');
    await tooLarge(analyzeBytes(bytesOf(DOCX), 'a.docx', { limits: { maxCells: 50 } }), 'maxCells');
  });
  it('lines and line length (text)', async () => {
    await tooLarge(analyzeBytes(bytesOf(SEED), 'seed.txt', { limits: { maxLines: 100 } }), 'maxLines');
    await tooLarge(analyzeBytes(strToU8(`总计\t${'1'.repeat(5000)}\n`), 'long.txt', { limits: { maxLineLength: 1000 } }), 'maxLineLength');
  });
  it('nesting depth (HTML, docx XML)', async () => {
    await tooLarge(analyzeBytes(bytesOf(HTML), 'a.html', { limits: { maxDepth: 5 } }), 'maxDepth');
    await tooLarge(analyzeBytes(bytesOf(DOCX), 'a.docx', { limits: { maxDepth: 5 } }), 'maxDepth');
  });
  it('docx: uncompressed total; entries and ratio are zip bombs', async () => {
    await tooLarge(analyzeBytes(bytesOf(DOCX), 'a.docx', { limits: { maxUncompressedBytes: 1000 } }), 'maxUncompressedBytes');
    await expect(analyzeBytes(bytesOf(DOCX), 'a.docx', { limits: { maxZipEntries: 2 } })).rejects.toMatchObject({ code: 'E_ZIP_BOMB' });
    await expect(analyzeBytes(bytesOf(DOCX), 'a.docx', { limits: { zipRatioGrace: 0, minZipRatio: 0.9 } })).rejects.toMatchObject({ code: 'E_ZIP_BOMB' });
  });
});

describe('big tables', () => {
  it('an HTML table of 100 000 rows is read within the default limits (the test timeout is the hang bound: no wall-clock assertion on a shared machine)', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `<tr><td>行${i}</td><td>${i}</td><td>0</td></tr>`).join('');
    const doc = await readBytes(strToU8(`<html><body><table>${rows}</table></body></html>`), 'big.html');
    expect(doc.grids![0]!.rows.length).toBe(100_000);
  }, 60_000);

  it('rowspan="0" colspan="1000" on a 100 000-row table: clamped, then refused by the cell budget', async () => {
    const rows = `<tr><td rowspan="0" colspan="1000">x</td></tr>` + '<tr><td>1</td></tr>'.repeat(100_000);
    await tooLarge(readBytes(strToU8(`<html><body><table>${rows}</table></body></html>`), 'span.html'), 'maxCells');
  }, 60_000);

  it('odd spans are read like a browser does and never throw', () => {
    for (const [rs, cs] of [['0', '1000'], ['-1', '-5'], ['2;', 'abc'], ['99999999999', '1e3'], ['', ' 3']]) {
      const t: RawTable = { index: 0, path: 't', rows: [{ cells: [{ text: 'a', rowSpan: Number.parseInt(rs) || 1, colSpan: Number.parseInt(cs) || 1, path: 'c' }] }, { cells: [{ text: 'b', rowSpan: 1, colSpan: 1, path: 'd' }] }] };
      expect(() => expandGrid(t)).not.toThrow();
    }
  });

  it('a vertical merge down 100 000 docx rows is linear', async () => {
    const tr = (m: string): string => `<w:tr><w:tc><w:tcPr><w:vMerge${m}/></w:tcPr><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>`;
    const body = `<w:tbl>${tr(' w:val="restart"')}${tr('').repeat(100_000)}</w:tbl>`;
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
    const doc = await readBytes(zipSync({ 'word/document.xml': [strToU8(xml), { level: 1 }] }), 'merge.docx', { limits: { zipRatioGrace: Infinity } });
    expect(doc.grids![0]!.rows[0]![0]!.rowSpan).toBe(100_001);
  }, 60_000);
});

const cli = (args: string[]) => runCli(args);

describe('CLI flags', () => {
  it('--max-input-size <MB> and --max-cells <n>', async () => {
    expect((await cli(['lint', '--max-input-size', '1', SEED])).code).toBe(0);
    const small = await cli(['lint', '--locale', 'en', '--max-input-size', '0.005', SEED]);
    expect(small.code).toBe(2);
    expect(small.out).toMatch(/exceeds a limit .*maxInputBytes; raise it with --max-input-size/);
    const cells = await cli(['lint', '--locale', 'en', '--max-cells', '10', HTML]);
    expect(cells.code).toBe(2);
    expect(cells.out).toMatch(/table cells: more than 10, limit 10 \(maxCells; raise it with --max-cells <n>\)/);
    expect((await cli(['convert', '--max-cells', '10', SEED])).code).toBe(2);
  });
  it('bad values are E_BAD_OPTION', async () => {
    for (const a of [['--max-input-size', 'x'], ['--max-input-size', '0'], ['--max-cells', '-1'], ['--max-cells', '1.5']]) {
      const r = await cli(['lint', ...a, SEED]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(a[0]!);
    }
  });
  it('help lists both flags, in Chinese, and in English with --locale en', async () => {
    const r = await cli(['lint', '--help']);
    expect(r.out).toMatch(/--max-input-size <MB>\s+单个输入文件的大小上限/s);
    expect(r.out).toMatch(/--max-cells <n>\s+每个文件的表格单元格上限/s);
    const e = await cli(['--locale', 'en', 'lint', '--help']);
    expect(e.out).toMatch(/--max-input-size <MB>\s+largest input file/s);
    expect(e.out).toMatch(/--max-cells <n>\s+most table cells/s);
  });
});

describe('input size is checked before a file is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gia-size-'));
  // a sparse 3 GiB file: no disk used; reading it whole would fail (Node refuses files over 2 GiB)
  const huge = join(dir, 'huge.txt');
  const fd = openSync(huge, 'w');
  ftruncateSync(fd, 3 * 1024 ** 3);
  closeSync(fd);
  const small = join(dir, 'small.txt');
  writeFileSync(small, 'x'.repeat(100));

  it('refuses a file over the limit with E_TOO_LARGE, async and sync', async () => {
    for (const read of [() => readInput(huge, undefined, DEFAULT_LIMITS.maxInputBytes), async () => readInputSync(huge, DEFAULT_LIMITS.maxInputBytes)]) {
      const e = await read().then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(GiaError);
      expect((e as GiaError).code).toBe('E_TOO_LARGE');
      expect(String((e as GiaError).data.reason)).toMatch(/maxInputBytes/);
    }
    await expect(readInput(small, undefined, 99)).rejects.toMatchObject({ code: 'E_TOO_LARGE' });
    expect((await readInput(small, undefined, 100)).length).toBe(100);
  });

  it('standard input is held to the same limit', async () => {
    const over = await runCli(['lint', '--locale', 'en', '--max-input-size', '0.001', '-'], { stdin: 'x'.repeat(2000) });
    expect(over.code).toBe(2);
    expect(over.out).toMatch(/exceeds a limit \(input size: more than 1049 bytes, limit 1049 bytes \(maxInputBytes/);
  });

  it('the CLI names the limit for a 3 GiB file instead of failing to read it', async () => {
    const r = await cli(['lint', '--locale', 'en', huge]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/exceeds a limit .*maxInputBytes/);
  });
});
