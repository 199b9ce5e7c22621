// Text layouts of issue 12 part B, cell by cell against the source report's expected values:
// LibreOffice/Word text with empty cells (UTF-8, CRLF, GBK), pdftotext -layout text, Markdown from
// PDF/OCR converters; and cells that do not read as numbers keep their place (issue 15).
// Inputs: fixtures/text-layouts (made by fixtures/_make/make-text-layouts.mjs) and fixtures/hongze-2024.
import { describe, expect, it } from 'vitest';
import { analyzeText, expectedCells, expectedOf, fixtureBytes, mismatches } from './helpers/report.js';
import { tokenizeLines } from '../src/readers/text.js';

const errors = (r: Awaited<ReturnType<typeof analyzeText>>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId} ${d.message}`);

describe('LibreOffice text with empty cells (one cell per line, an empty line an empty cell)', () => {
  const expected = expectedOf('shanghai-office-2019');
  for (const f of ['shanghai-office-2019.lo-blank.txt', 'shanghai-office-2019.lo-blank.crlf.txt', 'shanghai-office-2019.lo-blank.gbk.txt']) {
    it(`${f}: every cell as in the report, no error`, async () => {
      const r = await analyzeText(fixtureBytes('text-layouts', f), {}, f);
      expect(mismatches(r, expected)).toEqual([]);
      expect(errors(r)).toEqual([]);
      expect(r.diagnostics.filter((d) => d.ruleId === 'GIA105')).toEqual([]);
    });
  }

  it('a row of one number, five empty cells and a total is seven cells, not "2 values"', async () => {
    const head = ['一、总体情况', '', '三、收到和处理政府信息公开申请情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
    const rows = ['一、本年新收政府信息公开申请数量', '5', '', '', '', '', '', '5', '二、上年结转政府信息公开申请数量', '', '', '', '', '', '', ''];
    // （一） starts with an empty cell and is followed by the empty line of the merged 三、 cell
    const r = await analyzeText([...head, ...rows, '三、本年度办理结果', '（一）予以公开', '', '7', '', '', '', '', '7', '', '（二）部分公开', '', '1', '', '', '', '', '1'].join('\n'));
    expect(r.tables.requests!.values.received).toEqual({ natural: 5, business: null, research: null, nonprofit: null, legal: null, otherOrg: null, total: 5 });
    expect(r.tables.requests!.values.granted).toEqual({ natural: null, business: 7, research: null, nonprofit: null, legal: null, otherOrg: null, total: 7 });
    expect(r.tables.requests!.values.partlyGranted!.business).toBe(1);
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA105')).toEqual([]);
  });
});

describe('pdftotext -layout text (columns as runs of spaces)', () => {
  it('LibreOffice PDF of pingtan-gaj-2022: labels wrapped above and below their numbers; no value is wrong', async () => {
    const r = await analyzeText(fixtureBytes('text-layouts', 'pingtan-gaj-2022.lo.pdftotext-layout.txt'));
    const e = expectedOf('pingtan-gaj-2022');
    const bad = mismatches(r, e);
    // every cell, though pdftotext merges a glyph of the group label column into two row labels
    // ("4.保护第三方合法权" + "不予公益", "1.信访举报投诉类申" + "处请")
    expect(bad).toEqual([]);
    expect(errors(r)).toEqual([]);
    for (const [t, row, c] of expectedCells(e)) {
      const got = r.tables[t]?.values[row]?.[c];
      if (got !== null && got !== undefined) expect(`${t}/${row}/${c}=${got}`).toBe(`${t}/${row}/${c}=${(e as never)[t][row][c]}`);
    }
  });

  it('LibreOffice PDF of the Shanghai docx (blank cells, drifting columns): no value read wrong, the rows it cannot place are reported', async () => {
    const r = await analyzeText(fixtureBytes('text-layouts', 'shanghai-office-2019.lo.pdftotext-layout.txt'));
    const e = expectedOf('shanghai-office-2019');
    const wrong = expectedCells(e).filter(([t, row, c, v]) => {
      const got = r.tables[t]?.values[row]?.[c];
      return got !== null && got !== undefined && got !== v;
    });
    expect(wrong).toEqual([]);
    // table 三's rows are short of two columns blank throughout: unread, and said so (not blamed on the author)
    expect(r.tables.requests!.values.received!.natural).toBeNull();
    expect(r.tables.proactive!.values.regulations).toMatchObject({ made: 13 });
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA002').length).toBeGreaterThan(5);
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA105')).toEqual([]);
    // the one-row sub-tables of table 二 too: 行政事业性收 / 0 0 / 费 (label wrapped above and below its numbers)
    expect(errors(r)).toEqual([]);
    expect(r.tables.proactive!.values.fees).toEqual({ lastYearItems: 0, change: 0 });
  });

  it('hongze: the header stacked over several lines names every column (no GIA106), wrapped labels join their numbers', async () => {
    const r = await analyzeText(fixtureBytes('hongze-2024', 'hongze-2024.pdftotext-layout.txt'));
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA106')).toEqual([]);
    expect(r.tables.requests!.values.partlyGranted).toEqual({ natural: 9, business: 0, research: 0, nonprofit: 0, legal: 0, otherOrg: 0, total: 9 });
    expect(r.tables.requests!.values['notProcessed.confirmation']).toEqual({ natural: 0, business: 0, research: 0, nonprofit: 0, legal: 0, otherOrg: 0, total: 0 });
    expect(r.tables.proactive!.values).toMatchObject(expectedOf('hongze-2024').proactive as object);
    expect(r.tables.appeals!.values).toEqual(expectedOf('hongze-2024').appeals);
  });

  it('a short row is placed under its columns by position; the page break and page-number lines do not count', () => {
    const lines = [
      '        信息内容      本年制发件数   本年废止件数   现行有效件数',
      '',
      '规章                    13             0           524',
      '行政规范性文件                3                          60',
      '            - 2 -',
      '\f其他                                                 7',
      '合计                    16             0           591',
    ];
    const t = tokenizeLines(lines).filter((x) => x.kind === 'value' || x.kind === 'blank').map((x) => x.text || '·');
    expect(t).toEqual(['13', '0', '524', '3', '·', '60', '·', '·', '7', '16', '0', '591']);
  });
});

describe('Markdown tables from PDF/OCR converters', () => {
  it('shanghai as Markdown (数据1… headers, detached labels, ## headings): every cell as in the report', async () => {
    const r = await analyzeText(fixtureBytes('text-layouts', 'shanghai-office-2019.md'), {}, 'shanghai-office-2019.md');
    expect(mismatches(r, expectedOf('shanghai-office-2019'))).toEqual([]);
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA107')).toEqual([]); // every section heading found
  });

  it('a header cell is never a value: 数据1 … 数据7 do not give 1 … 7; a Markdown heading is a paragraph without "#"', async () => {
    const md = [
      '## 三、收到和处理政府信息公开申请情况',
      '',
      '| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      '| | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
      '| 一、本年新收政府信息公开申请数量 | | | | | | | |',
      '| | 705 | 3 | 0 | 0 | 0 | 0 | 708 |',
      '| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
    ].join('\n');
    const r = await analyzeText(md, {}, 'x.md');
    expect(r.tables.requests!.values.received).toEqual({ natural: 705, business: 3, research: 0, nonprofit: 0, legal: 0, otherOrg: 0, total: 708 });
    expect(r.tables.requests!.values.carriedOver!.natural).toBe(1);
    expect(r.paragraphs.map((p) => p.text)).toContain('三、收到和处理政府信息公开申请情况');
    const toks = tokenizeLines(md.split('\n'));
    expect(toks.filter((x) => x.kind === 'value').map((x) => x.text)).not.toContain('1'.repeat(0) || '数据1');
    expect(toks.filter((x) => /^数据\d$/.test(x.text)).every((x) => x.kind === 'text')).toBe(true);
    expect(toks.some((x) => x.kind === 'value' && x.pos.line === 3)).toBe(false);
  });
});

describe('a cell that does not read as a number keeps its place (issue 15)', () => {
  const head = ['三、收到和处理政府信息公开申请情况', '\t自然人', '\t商业企业', '\t科研机构', '\t社会公益组织', '\t法律服务机构', '\t其他', '\t总计', ''];
  for (const bad of ['12（含3）', '1e309', '0x10', '¹²³']) {
    it(`"${bad}" in one-cell-per-line text: null with its raw text and a GIA202 finding, the neighbours in place`, async () => {
      const rows = ['\t一、本年新收政府信息公开申请数量', `\t${bad}`, '\t1', '\t2', '\t3', '\t4', '\t5', '\t15', ''];
      const r = await analyzeText([...head, ...rows].join('\n'));
      const cells = r.tables.requests!.cells.received!;
      expect(cells.natural).toMatchObject({ value: null, raw: bad, kind: 'invalid' });
      expect(r.tables.requests!.values.received).toEqual({ natural: null, business: 1, research: 2, nonprofit: 3, legal: 4, otherOrg: 5, total: 15 });
      expect(r.diagnostics.some((d) => d.ruleId === 'GIA202' && d.row === 'received' && d.column === 'natural')).toBe(true);
    });
  }
  it('the same in LibreOffice text without indentation', async () => {
    const lines = ['三、收到和处理政府信息公开申请情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计', '一、本年新收政府信息公开申请数量', '7', '', '0x10', '', '', '', '7', '二、上年结转政府信息公开申请数量', '1', '', '', '', '', '', '1'];
    const r = await analyzeText(lines.join('\n'));
    expect(r.tables.requests!.values.received).toEqual({ natural: 7, business: null, research: null, nonprofit: null, legal: null, otherOrg: null, total: 7 });
    expect(r.tables.requests!.cells.received!.research).toMatchObject({ value: null, raw: '0x10', kind: 'invalid' });
  });
});
