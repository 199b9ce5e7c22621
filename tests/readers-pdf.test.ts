// The PDF reader: tables from ruling lines and glyph boxes, cell by cell against the expected values;
// LibreOffice PDFs of the docx/HTML fixtures against the fixture itself; positions; refused inputs.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';
import { analyzeBytes } from '../src/engine/analyze.js';
import { readBytes, detectFormat } from '../src/readers/index.js';
import { RADICALS, foldText } from '../src/readers/pdf/radicals.js';
import { expectedCells, expectedOf, fixtureBytes, fixturePath, mismatches } from './helpers/report.js';
import type { LintedReport } from '../src/types.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'gia-report.js');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));

const analyze = (...parts: string[]): Promise<LintedReport> => analyzeBytes(fixtureBytes(...parts), parts.join('/'));

describe('PDF reader: the shared PDFs give their expected values, cell by cell', () => {
  it('pingtan-gaj-2022.lo.pdf (the HTML report printed by LibreOffice): every cell', async () => {
    const r = await analyze('pingtan-gaj-2022', 'pingtan-gaj-2022.lo.pdf');
    expect(r.source.format).toBe('pdf');
    expect(expectedCells(expectedOf('pingtan-gaj-2022')).length).toBeGreaterThan(150);
    expect(mismatches(r, expectedOf('pingtan-gaj-2022'))).toEqual([]);
  });

  it('hongze-2024.pdf (WPS, hybrid layout of spec §5, tables across pages): every cell, no error', async () => {
    const r = await analyze('hongze-2024', 'hongze-2024.pdf');
    expect(expectedCells(expectedOf('hongze-2024')).length).toBe(186);
    expect(mismatches(r, expectedOf('hongze-2024'))).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual([]);
    expect(r.tables.requests?.values['unavailable.notHeld']?.natural).toBe(31); // split across the page break
    expect(r.tables.requests?.values['unavailable.needsCreation']?.natural).toBe(1); // first row of the next page
    expect(r.meta.organ).toBe('淮安市洪泽区人民政府');
    expect(r.meta.year).toBe(2024);
  });
});

describe('PDF reader: LibreOffice PDFs of the docx/HTML fixtures read like the fixture', () => {
  const pairs: [string[], string[]][] = [
    [['shanghai-office-2019', 'shanghai-office-2019.lo.docx'], ['pdf-lo', 'shanghai-office-2019.lo.docx.lo.pdf']],
    [['pingtan-gaj-2022', 'pingtan-gaj-2022.html'], ['pdf-lo', 'pingtan-gaj-2022.html.lo.pdf']],
  ];
  for (const [src, pdf] of pairs) {
    it(`${pdf.join('/')} = ${src.join('/')}`, async () => {
      const a = await analyze(...src);
      const b = await analyze(...pdf);
      expect(b.template.id).toBe(a.template.id);
      let n = 0;
      for (const [t, tab] of Object.entries(a.tables)) {
        for (const [row, cols] of Object.entries(tab.values)) {
          for (const [col, v] of Object.entries(cols)) {
            n++;
            expect(b.tables[t]?.values[row]?.[col], `${t}/${row}/${col}`).toBe(v);
          }
        }
      }
      expect(n).toBeGreaterThan(150);
    });
  }
});

describe('PDF reader: positions', () => {
  it('every table cell token carries its page and box; the page break keeps one grid per table', async () => {
    const doc = await readBytes(fixtureBytes('hongze-2024', 'hongze-2024.pdf'), 'h.pdf');
    const cells = doc.tokens.filter((t) => t.pos.gridRow !== undefined);
    expect(cells.length).toBeGreaterThan(100);
    for (const t of cells) {
      expect(t.pos.page).toBeGreaterThanOrEqual(1);
      expect(t.pos.bbox).toHaveLength(4);
    }
    expect(cells.find((t) => t.text === '自然人')?.pos.page).toBe(3);
    // table 三 starts on page 3 and ends on page 4, in one grid
    const t3 = cells.find((t) => t.text === '自然人')!.pos.tableIndex;
    const pages = new Set(cells.filter((t) => t.pos.tableIndex === t3).map((t) => t.pos.page));
    expect([...pages].sort()).toEqual([3, 4]);
    // the 9487 of 行政许可 is one cell, not split into digits
    expect(cells.some((t) => t.text === '9487')).toBe(true);
    // paragraphs outside the tables, with pages, in reading order
    expect(doc.paragraphs[0]?.text).toBe('淮安市洪泽区人民政府');
    expect(doc.paragraphs.some((p) => p.text.startsWith('三、收到和处理政府信息公开申请情况') && p.pos.page === 3)).toBe(true);
  });
});

describe('PDF text: radicals folded', () => {
  it('maps the CJK radicals NFKC leaves alone, and NFKC-folds the Kangxi radicals', () => {
    expect('⺠'.normalize('NFKC')).toBe('⺠'); // why the table exists
    expect(foldText('⺠政局 ⾏政许可 ⻛险 ⻋辆')).toBe('民政局 行政许可 风险 车辆');
    expect(foldText('（一）２０２４年')).toBe('（一）２０２４年'); // full-width text stays as written
    for (const [cp, ch] of RADICALS) {
      expect(cp).toBeGreaterThanOrEqual(0x2e80);
      expect(cp).toBeLessThanOrEqual(0x2eff);
      expect(/\p{Script=Han}/u.test(ch)).toBe(true);
    }
  });
});

describe('refused inputs: one line naming the problem, exit 2', () => {
  const cases: [string, string, RegExp][] = [
    ['pdf-bad/scan.pdf', 'E_PDF_SCANNED', /扫描件.*ocrmypdf/],
    ['pdf-bad/encrypted.pdf', 'E_ENCRYPTED', /已加密/],
    ['pdf-bad/truncated.pdf', 'E_CORRUPT_PDF', /不是有效的 PDF/],
    ['pdf-bad/report.odt', 'E_OTHER_FORMAT', /OpenDocument \(\.odt\).*soffice --headless --convert-to docx/],
    ['pdf-bad/report.xlsx', 'E_OTHER_FORMAT', /Excel \(\.xlsx\).*soffice --headless --convert-to html/],
    ['docx-bad/legacy.doc', 'E_LEGACY_DOC', /Word 97–2003.*soffice --headless --convert-to docx/],
  ];
  for (const [file, code] of cases) {
    it(`${file}: ${code}`, async () => {
      await expect(readBytes(fixtureBytes(...file.split('/')), file)).rejects.toMatchObject({ code });
    });
  }
  it('an OFD package and a .wps file name their format', async () => {
    const ofd = zipSync({ 'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>'), 'Doc_0/Document.xml': strToU8('<x/>') });
    expect(detectFormat(ofd, 'r.ofd')).toBe('other-zip');
    await expect(readBytes(ofd, 'r.ofd')).rejects.toMatchObject({ code: 'E_OFD' });
    const ole = fixtureBytes('docx-bad', 'legacy.doc');
    await expect(readBytes(ole, 'report.wps')).rejects.toMatchObject({ code: 'E_OTHER_FORMAT', data: { format: 'WPS (.wps)' } });
  });
  it.skipIf(!built)('the CLI prints one line per case and exits 2', { timeout: 120_000 }, () => {
    for (const [file, , text] of cases) {
      const r = spawnSync(process.execPath, [bin, 'convert', fixturePath(...file.split('/')), '--to', 'json'], { encoding: 'utf8' });
      expect(r.status, file).toBe(2);
      const out = r.stdout + r.stderr;
      expect(out.split('\n').filter((l) => text.test(l)), file).toHaveLength(1); // the reason, on one line
      expect(out).not.toMatch(/at .*\.js:\d+/); // no stack trace
    }
  });
});

describe.skipIf(!built)('PDFs in the CLI', () => {
  it('a folder: PDFs are read, .doc/.odt/.xlsx are listed with how to convert them', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-pdf-'));
    mkdirSync(join(dir, 'in'));
    copyFileSync(fixturePath('pingtan-gaj-2022', 'pingtan-gaj-2022.lo.pdf'), join(dir, 'in', 'a.pdf'));
    copyFileSync(fixturePath('pdf-bad', 'report.odt'), join(dir, 'in', 'b.odt'));
    copyFileSync(fixturePath('pdf-bad', 'report.xlsx'), join(dir, 'in', 'c.xlsx'));
    copyFileSync(fixturePath('docx-bad', 'legacy.doc'), join(dir, 'in', 'd.doc'));
    const r = spawnSync(process.execPath, [bin, 'convert', join(dir, 'in'), '--to', 'csv', '-o', join(dir, 'out.csv'), '--no-progress'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/读取 1 个报告/);
    expect(r.stderr).toMatch(/b\.odt（OpenDocument .odt，请先转换：soffice --headless --convert-to docx）/);
    expect(r.stderr).toMatch(/c\.xlsx（Excel 表格，请先转换：soffice --headless --convert-to html）/);
    expect(r.stderr).toMatch(/d\.doc（Word 97–2003 \.doc，请先转换/);
  });

  it('lint, JSON, SARIF and xlsx carry the page', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-pdf-'));
    const pdf = fixturePath('hongze-2024', 'hongze-2024.pdf');
    const lint = spawnSync(process.execPath, [bin, 'lint', pdf, '--no-color', '-f', 'stylish', '-f', `sarif=${join(dir, 'r.sarif')}`, '-f', `html=${join(dir, 'r.html')}`], { encoding: 'utf8' });
    expect([0, 1]).toContain(lint.status);
    expect(lint.stdout).toMatch(/第\d+页 第\d+个表格第\d+行第\d+个单元格/);
    const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
    const regions = sarif.runs[0].results.map((x: { locations: { physicalLocation: { region?: { properties?: { page?: number } } } }[] }) => x.locations[0]!.physicalLocation.region?.properties?.page).filter(Boolean);
    expect(regions.length).toBeGreaterThan(0);
    const json = spawnSync(process.execPath, [bin, 'convert', pdf, '--to', 'json'], { encoding: 'utf8' });
    expect([0, 1], json.stderr).toContain(json.status);
    const rep = JSON.parse(json.stdout);
    const doc = Array.isArray(rep) ? rep[0] : rep;
    expect(doc.source.format).toBe('pdf');
    expect(JSON.stringify(doc)).toMatch(/"page":3,"bbox":\[/);
    // the xlsx 问题 sheet names the page of each finding
    const xlsx = join(dir, 'r.xlsx');
    const conv = spawnSync(process.execPath, [bin, 'convert', fixturePath('pdf-lo', 'shanghai-office-2019.lo.docx.lo.pdf'), '--to', 'xlsx', '-o', xlsx], { encoding: 'utf8' });
    expect([0, 1], conv.stderr).toContain(conv.status);
    const files = unzipSync(readFileSync(xlsx));
    const text = Object.entries(files).filter(([n]) => /^xl\/(sharedStrings|worksheets\/)/.test(n)).map(([, b]) => strFromU8(b)).join('');
    expect(text).toMatch(/第\d+页 第\d+个表格第\d+行/);
  });

  it('lint of a text file does not load the PDF engine; a PDF does', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-nopdf-'));
    const hook = join(dir, 'hook.mjs');
    writeFileSync(hook, "export async function resolve(s, c, next) { const r = await next(s, c); if (/embedpdf|readers\\/pdf\\//.test(r.url)) process.stderr.write('LOADED-PDF\\n'); return r; }\n");
    const reg = join(dir, 'register.mjs');
    writeFileSync(reg, `import { register } from 'node:module'; register(${JSON.stringify('file://' + hook)});\n`);
    const txt = spawnSync(process.execPath, ['--import', reg, bin, 'lint', fixturePath('akqi-2021', 'akqi-2021.txt')], { encoding: 'utf8' });
    expect(txt.stderr).not.toContain('LOADED-PDF');
    const pdf = spawnSync(process.execPath, ['--import', reg, bin, 'lint', fixturePath('pingtan-gaj-2022', 'pingtan-gaj-2022.lo.pdf')], { encoding: 'utf8' });
    expect(pdf.stderr).toContain('LOADED-PDF');
  });
});
