// The streaming HTML reader: limits checked while reading (hostile pages of 45–49 MB stop with one
// line and exit 2, within a small heap), hidden subtrees skipped, entities decoded with htmlparser2's
// own decoder, and byte mode (the getSlice override) checked at load time and comparable when off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHtml } from '../src/readers/html.js';
import { readBytes } from '../src/readers/index.js';
import { BYTE_MODE, byteModeSelfTest, setByteMode } from '../src/readers/_byte-mode.js';
import { GiaError } from '../src/errors.js';
import type { Limits } from '../src/limits.js';
import { fixtureBytes } from './helpers/report.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/gia-report.js');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const read = (s: string, limits: Partial<Limits> = {}) => readHtml(enc(s), { path: 'x.html', sha256: '0', bytes: s.length }, limits);

async function limitOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GiaError);
    expect((e as GiaError).code).toBe('E_TOO_LARGE');
    return String((e as GiaError).data['limit']);
  }
  throw new Error('no error');
}

describe('limits are checked while reading', () => {
  it('paragraphs, elements, tables, cells, rows, characters', async () => {
    expect(await limitOf(read('x<br>'.repeat(50), { maxParagraphs: 10 }))).toBe('maxParagraphs');
    expect(await limitOf(read('<p>x</p>'.repeat(50), { maxParagraphs: 10 }))).toBe('maxParagraphs');
    expect(await limitOf(read('<b></b>'.repeat(50), { maxElements: 10 }))).toBe('maxElements');
    expect(await limitOf(read('<table><tr><td>1</td></tr></table>'.repeat(20), { maxTables: 10 }))).toBe('maxTables');
    expect(await limitOf(read(`<table><tr>${'<td>1</td>'.repeat(50)}</tr></table>`, { maxCells: 10 }))).toBe('maxCells');
    expect(await limitOf(read(`<table>${'<tr>'.repeat(50)}</table>`, { maxCells: 10 }))).toBe('maxCells');
    expect(await limitOf(read(`<p>${'一二三四五'.repeat(50)}</p>`, { maxTextChars: 100 }))).toBe('maxTextChars');
    // still pending (one paragraph, never ended) and in a cell
    expect(await limitOf(read(`<p>${'一<b>二</b>'.repeat(100)}`, { maxTextChars: 100 }))).toBe('maxTextChars');
    expect(await limitOf(read(`<table><tr><td>${'x<br>'.repeat(100)}</td></tr></table>`, { maxTextChars: 100 }))).toBe('maxTextChars');
    // within the limits the same pages read
    await expect(read('x<br>'.repeat(50), { maxParagraphs: 50 })).resolves.toBeDefined();
  });

  it('a cell of many lines is one cell text, read in linear time (joined pieces, no quadratic trimming)', async () => {
    const doc = await read(`<table><tr><td>${'x <br> '.repeat(100_000)}中<br>文</td></tr></table>`);
    const text = doc.grids![0]!.rows[0]![0]!.text;
    // "x x … x中文": a space between the x's, none next to a CJK character
    expect(text).toBe(`${Array(100_000).fill('x').join(' ')}中文`);
  });

  describe('hostile pages from the CLI: one line, exit 2, in a 256 MB heap', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'gia-html-hostile-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const MB = 1024 * 1024;
    const cases: [string, () => string, string][] = [
      ['x<br> ×10 M (49 MB)', () => 'x<br>'.repeat((49 * MB) / 5), 'maxParagraphs'],
      ['sibling tables (47 MB)', () => '<table><tr><td>1</td></tr></table>'.repeat((47 * MB) / 34), 'maxTables'],
      ['5 M cells in a row (48 MB)', () => `<table><tr>${'<td>1</td>'.repeat(5_000_000)}</tr></table>`, 'maxCells'],
      ['6 M paragraphs (46 MB)', () => '<p>x</p>'.repeat(6_000_000), 'maxParagraphs'],
      ['one cell of 9 M lines (45 MB)', () => `<table><tr><td>${'x<br>'.repeat(9_000_000)}</td></tr></table>`, 'maxParagraphs'],
    ];
    for (const [name, make, limit] of cases) {
      it(name, () => {
        const file = join(dir, `page-${name.length}.html`);
        writeFileSync(file, make());
        const r = spawnSync(process.execPath, ['--max-old-space-size=256', BIN, '--locale', 'en', 'lint', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        expect(r.status, r.stderr).toBe(2);
        const lines = (r.stdout + r.stderr).trim().split('\n').filter((l) => l.includes(limit));
        expect(lines.length, r.stdout + r.stderr).toBe(1);
        expect(r.stderr).not.toMatch(/heap|at .*\.js:\d+/i);
        rmSync(file);
      }, 120_000);
    }
  });
});

describe('what the reader keeps', () => {
  it('skips hidden subtrees (hidden attribute, display:none) like script, style and nav', async () => {
    const doc = await read(
      '<p>a<span style="color:red; DISPLAY : none">隐藏</span>b</p><div hidden>x</div><nav>菜单</nav><script>var s="<p>s</p>"</script>' +
        '<table><tr><td>1</td><td style="display:none">2</td><td>3</td></tr></table>',
    );
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['ab']);
    expect(doc.grids![0]!.rows[0]!.map((c) => c.text)).toEqual(['1', '3']);
  });

  it('decodes entities in kept text and in span attributes as htmlparser2 does', async () => {
    const doc = await read('<p>A&amp;B &lt;c&gt; &#19968;&#x4e8c; &copy 2021&nbsp;年 &notanentity; &#0;</p><table><tr><td rowspan="&#50;">x</td><td>y</td></tr><tr><td>z</td></tr></table>');
    expect(doc.paragraphs[0]!.text).toBe('A&B <c> 一二 © 2021\u00a0年 ¬anentity; \ufffd');
    expect(doc.grids![0]!.rows[0]![0]!.rowSpan).toBe(2);
  });

  it('paths and lines of paragraphs and cells', async () => {
    const doc = await read('<html><body>\n<div><p>一</p>\n<p>二</p></div>\n<table><tbody><tr><td>a</td>\n<td>b</td></tr></tbody></table></body></html>');
    expect(doc.paragraphs.map((p) => p.pos)).toEqual([
      { path: 'div[1]/p[1]', line: 2 },
      { path: 'div[1]/p[2]', line: 3 },
    ]);
    const cells = doc.tokens.filter((t) => t.pos.tableIndex !== undefined);
    expect(cells.map((t) => [t.text, t.pos.path, t.pos.line])).toEqual([
      ['a', 'table[1]/tbody[1]/tr[1]/td[1]', 4],
      ['b', 'table[1]/tbody[1]/tr[1]/td[2]', 5],
    ]);
  });
});

describe('byte mode (the getSlice override of htmlparser2 10.1.0, pinned exactly)', () => {
  it('passes its load-time self-test on the pinned version', () => {
    expect(byteModeSelfTest()).toBe(true);
    expect(BYTE_MODE).toBe(true);
  });

  it('gives what the decoded path gives, on every HTML and .docx fixture', async () => {
    const inputs = [
      'shanghai-office-2019/shanghai-office-2019.html',
      'html-webpage/shanghai-office-2019.page.html',
      'html-split/shanghai-office-2019.split.html',
      'html-gb2312/shanghai-office-2019.gb2312.html',
      'pingtan-gaj-2022/pingtan-gaj-2022.html',
      'shanghai-office-2019/shanghai-office-2019.lo.docx',
      'docx-merged/shanghai-office-2019.merged.docx',
    ];
    const both = async (p: string): Promise<[string, string]> => {
      const bytes = fixtureBytes(p);
      setByteMode(true);
      const on = JSON.stringify(await readBytes(bytes, p));
      setByteMode(false);
      try {
        expect(BYTE_MODE).toBe(false);
        return [on, JSON.stringify(await readBytes(bytes, p))];
      } finally {
        setByteMode(true);
      }
    };
    for (const p of inputs) {
      const [on, off] = await both(p);
      expect(off, p).toBe(on);
      expect(on.length).toBeGreaterThan(1000);
    }
    expect(BYTE_MODE).toBe(true);
  });
});
