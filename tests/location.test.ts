// Locations a person can find: the visible cell of a Word/HTML row (not the grid column), the template
// labels, a quote for a place on an enormous line, and the same words on the xlsx 问题 sheet.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { analyzeBytes } from '../src/engine/analyze.js';
import { parseDocumentXml } from '../src/readers/docx.js';
import { buildDoc, visibleCell } from '../src/readers/_grid.js';
import { humanLocation, physicalLocation } from '../src/layout/location.js';
import { quoteAt } from '../src/extract/quote.js';
import { getTemplate } from '../src/templates/index.js';
import { toXlsx } from '../src/writers/xlsx.js';
import { stylish } from '../src/formatters/stylish.js';
import { fixtureBytes, fixturePath } from './helpers/report.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const tc = (t: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${p(t)}</w:tc>`;

describe('the visible cell of a row', () => {
  it('counts a merged cell once, a cell merged down from above in its row, and no gridBefore filler', () => {
    const xml = doc(
      `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
        `<w:tr>${tc('A', '<w:gridSpan w:val="3"/>')}${tc('B')}${tc('C')}</w:tr>` +
        `<w:tr>${tc('D', '<w:vMerge w:val="restart"/>')}${tc('E', '<w:gridSpan w:val="2"/>')}${tc('F')}${tc('G')}</w:tr>` +
        `<w:tr>${tc('', '<w:vMerge/>')}${tc('H')}${tc('I')}${tc('J')}${tc('K')}</w:tr>` +
        `<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${tc('L')}${tc('M')}${tc('N')}</w:tr>` +
        `</w:tbl>`,
    );
    const { tokens, grids } = buildDoc(parseDocumentXml(xml, 'x.docx'));
    const at = (t: string) => tokens.find((x) => x.text === t)!.pos;
    // B sits in grid column 4 but is the 2nd cell a person sees in its row
    expect(at('B')).toMatchObject({ gridCol: 3, cell: 2 });
    expect(at('C')).toMatchObject({ gridCol: 4, cell: 3 });
    expect(at('F')).toMatchObject({ gridCol: 3, cell: 3 });
    expect(at('H')).toMatchObject({ gridCol: 1, cell: 2 }); // the merged D counts in this row
    expect(at('L')).toMatchObject({ gridCol: 2, cell: 1 }); // gridBefore: nothing to count
    expect(visibleCell(grids[0]!.rows[2]!, 4)).toBe(5);
    expect(physicalLocation(at('C'), 'zh-CN')).toBe('第1个表格第1行第3个单元格');
    expect(physicalLocation(at('C'), 'en')).toBe('table #1, row 1, cell 3');
  });

  it('a blank cell of the merged Word report is named by the cell a person counts, with its labels', async () => {
    const r = await analyzeBytes(fixtureBytes('docx-merged', 'shanghai-office-2019.merged.docx'), 'merged.docx');
    const pos = r.tables.requests!.cells.received!.research!.pos!;
    // the row's label spans three grid columns: 科研机构 is grid column 6 but the 4th cell of the row
    expect(pos.gridCol).toBe(5);
    expect(pos.cell).toBe(4);
    const t = getTemplate(r.template.id);
    expect(humanLocation({ table: 'requests', row: 'received', column: 'research', pos }, t, 'zh-CN')).toBe(
      '表三“一、本年新收政府信息公开申请数量”行“科研机构”列 · 第1个表格第4行第4个单元格',
    );
  });
});

describe('a place on an enormous line', () => {
  it('quoteAt: a short quote with the place in 【】', () => {
    const line = 'x'.repeat(200) + '（一）予以公开 5 0 0 0 0 0 5' + 'y'.repeat(200);
    const at = line.indexOf('5 0');
    expect(quoteAt(line, at, '5')).toBe('…xx（一）予以公开 【5】 0 0 0 0 0…');
    // a trimmed paragraph: the column is a little past the text; the text before it is taken
    expect(quoteAt(line, at + 1, '5')).toBe('…xx（一）予以公开 【5】 0 0 0 0 0…');
  });

  it('quoteAt equals its first definition (slices cleaned and trimmed) on random lines, texts and offsets', () => {
    const clean = (x: string): string => x.replace(/\s+/g, ' ');
    const reference = (line: string, offset: number, text: string): string => {
      const len = Math.max(0, text.length);
      let at = offset;
      if (len && line.slice(at, at + len) !== text) {
        const before = line.lastIndexOf(text, at);
        at = before >= 0 ? before : line.indexOf(text);
        if (at < 0) at = Math.min(Math.max(0, offset), line.length);
      }
      const from = Math.max(0, at - 10);
      const head = (from > 0 ? '…' : '') + clean(line.slice(from, at)).trimStart();
      if (len > 16) return `${head}【${clean(line.slice(at, at + 16))}…】`;
      const to = Math.min(line.length, at + len + 10);
      const mid = clean(line.slice(at, at + len)) || ' ';
      const tail = clean(line.slice(at + len, to)).trimEnd() + (to < line.length ? '…' : '');
      return `${head}【${mid}】${tail}`;
    };
    const pool = [...'0123456789予以公开（）、 \t\u3000\u00a0\u2003x'];
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let i = 0; i < 20000; i++) {
      let line = '';
      for (let k = rnd(60); k > 0; k--) line += pool[rnd(pool.length)];
      const a = rnd(line.length + 1);
      const text = rnd(4) === 0 ? '' : rnd(3) === 0 ? 'zz' : line.slice(a, a + 1 + rnd(20));
      const offset = rnd(line.length + 6) - 3;
      expect(quoteAt(line, offset, text), JSON.stringify([line, offset, text])).toBe(reference(line, offset, text));
    }
  });

  it('a flattened web page (one line of ~10 000 characters): 第10行“…” instead of 第10:4298行', async () => {
    const r = await analyzeBytes(fixtureBytes('pingtan-czj-2021', 'pingtan-czj-2021.glued.txt'), 'pingtan.txt');
    const pos = r.tables.requests!.cells.received!.natural!.pos!;
    expect(pos.line).toBe(10);
    expect(pos.column).toBeGreaterThan(1000);
    expect(pos.quote).toBeDefined();
    expect(pos.quote!.length).toBeLessThan(60);
    const where = physicalLocation(pos, 'zh-CN');
    expect(where).toMatch(/^第10行“.*【.+】.*”$/);
    expect(where).not.toContain(String(pos.column));
    const out = stylish([r], { locale: 'zh-CN', color: false, cwd: fixturePath(), quiet: false });
    expect(out).not.toMatch(/第10:\d+行/);
    expect(out).toMatch(/第10行“…/);
  });

  it('short lines keep line and column', async () => {
    const r = await analyzeBytes(fixtureBytes('akqi-2021', 'akqi-2021.txt'), 'akqi.txt');
    const pos = r.tables.requests!.cells.granted!.natural!.pos!;
    expect(pos.quote).toBeUndefined();
    expect(physicalLocation(pos, 'zh-CN')).toBe(`第${pos.line}行第${pos.column}字`);
  });
});

describe('the xlsx 问题 sheet gives the human location', () => {
  it('HTML input: labels and the visible table cell, not the line of the HTML source', async () => {
    const r = await analyzeBytes(fixtureBytes('shanghai-office-2019', 'shanghai-office-2019.html'), fixturePath('shanghai-office-2019', 'shanghai-office-2019.html'));
    const d = r.diagnostics.find((x) => x.ruleId === 'GIA203')!; // 251000元 → 25.1 万元
    expect(d.pos?.line).toBeDefined();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([r], { cwd: fixturePath() })) as unknown as ArrayBuffer);
    const probs = wb.getWorksheet('问题')!;
    let loc = '';
    probs.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === 'GIA203') {
        const v = row.getCell(4).value as { text?: string } | string;
        loc = typeof v === 'string' ? v : (v.text ?? '');
      }
    });
    expect(loc).toBe(humanLocation(d, getTemplate(r.template.id), 'zh-CN'));
    expect(loc).toMatch(/^表二“政府集中采购”行“采购总金额”列 · 第1个表格第\d+行第\d+个单元格$/);
    expect(loc).not.toContain(`第${d.pos!.line}行 `);
  });
});
