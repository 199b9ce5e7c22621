// HTML reader: grid expansion, Word markup, encodings, web pages, split tables; the real shanghai
// report in HTML, docx and text gives the hand-checked values of its expected JSON.
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import { readBytes, detectFormat } from '../src/readers/index.js';
import { readHtml } from '../src/readers/html.js';
import { expandGrid, parseSpan, buildDoc, type RawTable } from '../src/readers/_grid.js';
import type { LintedReport, SourceDoc } from '../src/types.js';
import { expectedOf, fixtureBytes } from './helpers/report.js';

const bytes = (p: string): Uint8Array => fixtureBytes(p);
const EXPECTED = expectedOf('shanghai-office-2019') as unknown as {
  template: string;
  requests: Record<string, Record<string, number | null>>;
  appeals: Record<string, Record<string, number | null>>;
};
const base = (path = 'x.html') => ({ path, sha256: '0', bytes: 0 });
const html = (s: string): Promise<SourceDoc> => readHtml(new TextEncoder().encode(s), base());

/** Expected table 三/四 values: every cell, from the hand-checked JSON. */
function expectShanghai(r: LintedReport): void {
  expect(r.template.id).toBe(EXPECTED.template);
  for (const t of ['requests', 'appeals'] as const) {
    for (const [row, cols] of Object.entries(EXPECTED[t])) {
      expect(r.tables[t]!.values[row], `${t}.${row}`).toEqual(cols);
    }
  }
}

describe('grid expansion', () => {
  const cell = (text: string, rowSpan = 1, colSpan = 1) => ({ text, rowSpan, colSpan, path: text });
  it('keeps span provenance and leaves covered positions empty', () => {
    // A(rs2) B(cs2) | C D  → row 1 starts at column 1 (column 0 covered by A)
    const t: RawTable = { index: 0, path: 't', rows: [{ cells: [cell('A', 2), cell('B', 1, 2)] }, { cells: [cell('C'), cell('D')] }] };
    const g = expandGrid(t);
    expect(g.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['A', 'B', ''],
      ['', 'C', 'D'],
    ]);
    expect(g.rows[1]![0]).toMatchObject({ origin: false, originRow: 0, originCol: 0, rowSpan: 2, colSpan: 1 });
    expect(g.rows[0]![2]).toMatchObject({ origin: false, originRow: 0, originCol: 1, colSpan: 2 });
    expect(g.rows[0]![1]).toMatchObject({ origin: true, originRow: 0, originCol: 1 });
  });
  it('clamps rowspan past the table and rowspan="0" to the rows left', () => {
    const t: RawTable = { index: 0, path: 't', rows: [{ cells: [cell('A', 0), cell('B', 99)] }, { cells: [cell('C')] }, { cells: [cell('D')] }] };
    const g = expandGrid(t);
    expect(g.rows.length).toBe(3);
    expect(g.rows[0]![0]!.rowSpan).toBe(3);
    expect(g.rows[0]![1]!.rowSpan).toBe(3);
    expect(g.rows[2]!.map((c) => c.text)).toEqual(['', '', 'D']);
  });
  it('reads span attributes like a browser and clamps absurd ones', () => {
    expect(parseSpan('2;', 'col')).toBe(2);
    expect(parseSpan(' 3', 'row')).toBe(3);
    expect(parseSpan('abc', 'col')).toBe(1);
    expect(parseSpan('-2', 'col')).toBe(1);
    expect(parseSpan('0', 'col')).toBe(1);
    expect(parseSpan('0', 'row')).toBe(0);
    expect(parseSpan('1000', 'col')).toBe(256);
  });
  it('emits one token per origin cell, with kinds and positions', () => {
    const t: RawTable = { index: 4, path: 't', rows: [{ cells: [cell('规章', 2), cell('13'), cell('\u00a0')] }, { cells: [cell('—'), cell('x')] }] };
    const { tokens } = buildDoc([{ kind: 'table', table: t }]);
    expect(tokens.map((k) => [k.text, k.kind, k.pos.gridRow, k.pos.gridCol])).toEqual([
      ['规章', 'text', 0, 0],
      ['13', 'value', 0, 1],
      ['\u00a0', 'blank', 0, 2],
      ['—', 'value', 1, 1],
      ['x', 'text', 1, 2],
    ]);
    expect(tokens[0]).toMatchObject({ rowSpan: 2, pos: { tableIndex: 4 } });
  });
});

describe('HTML markup', () => {
  it('reads Word-exported cells: <o:p>, nested spans, a label split across spans, <br>, &nbsp;', async () => {
    const doc = await html(`<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<p class=MsoNormal><span lang=EN-US>2019</span><span>年某某局政府信息公开工作年度报告<o:p></o:p></span></p>
<table class=MsoNormalTable border=1>
<tr><td rowspan="2;"><p class=MsoNormal><span style='font-family:宋体'>本年新</span><span>制作<br>数量</span><o:p></o:p></p></td>
<td colspan=abc><p class=MsoNormal align=center><span lang=EN-US>1,234<o:p></o:p></span></p></td>
<td><p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p></td></tr>
<tr><td>Total<br>count</td><td>
  本年
  新收</td></tr>
</table></body></html>`);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['2019年某某局政府信息公开工作年度报告']);
    const g = doc.grids![0]!;
    expect(g.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['本年新制作数量', '1,234', '\u00a0'],
      ['', 'Total count', '本年新收'],
    ]);
    const cells = doc.tokens.filter((t) => !t.standalone);
    expect(cells.map((t) => t.kind)).toEqual(['text', 'value', 'blank', 'text', 'text']);
    expect(cells[0]!.rowSpan).toBe(2);
    expect(cells[1]!.pos).toMatchObject({ tableIndex: 0, gridRow: 0, gridCol: 1, path: 'table[1]/tr[1]/td[2]', line: 5 });
  });

  it('skips script, style, noscript and template content', async () => {
    const doc = await html(`<p>正文</p><script>var t = "<table><tr><td>规章</td><td>9</td></tr></table>";</script>
<style>p{}</style><noscript><p>开启脚本</p></noscript><template><table><tr><td>1</td></tr></table></template><p>结束</p>`);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['正文', '结束']);
    expect(doc.grids).toEqual([]);
  });

  it('expands nested tables as their own grids without repeating their text in the outer cell', async () => {
    const doc = await html(`<table><tr><td><p>外层</p><table><tr><td>内层</td><td>5</td></tr></table></td><td>右</td></tr></table><p>后</p>`);
    expect(doc.grids!.map((g) => g.index)).toEqual([0, 1]);
    expect(doc.grids![0]!.rows[0]!.map((c) => c.text)).toEqual(['外层', '右']);
    expect(doc.grids![1]!.rows[0]!.map((c) => c.text)).toEqual(['内层', '5']);
    // document order: the outer cell's paragraph, the nested table, the outer row's next cell, the paragraph after
    expect(doc.tokens.map((t) => t.text)).toEqual(['外层', '内层', '5', '右', '后']);
    expect(doc.tokens.filter((t) => t.text === '5')[0]!.pos.tableIndex).toBe(1);
  });

  it('gives paragraphs a line and an element path', async () => {
    const doc = await html(`<div>\n<h2>一、总体情况</h2>\n<div>\n<p>第一段</p>\n<ul><li>要点</li></ul>\n</div></div>`);
    expect(doc.paragraphs).toEqual([
      { text: '一、总体情况', pos: { line: 2, path: 'div[1]/h2[1]' } },
      { text: '第一段', pos: { line: 4, path: 'div[1]/div[1]/p[1]' } },
      { text: '要点', pos: { line: 5, path: 'div[1]/div[1]/ul[1]/li[1]' } },
    ]);
    expect(doc.tokens.every((t) => t.standalone && t.kind === 'text')).toBe(true);
  });
});

describe('the shanghai report (real, hand-checked values)', () => {
  it('HTML fragment: tables 三/四 equal the expected JSON; cells carry grid positions', async () => {
    const r = await analyzeBytes(bytes('shanghai-office-2019/shanghai-office-2019.html'), 'shanghai.html');
    expect(r.source.format).toBe('html');
    expectShanghai(r);
    // the report's own blanks: 总计 is blank in the result rows (only （七）总计 is filled)
    expect(r.tables.requests!.cells.granted!.total!.kind).toBe('blank');
    expect(r.tables.requests!.cells.received!.natural!.pos).toMatchObject({ tableIndex: 1, gridRow: 3, gridCol: 3, path: 'table[2]/tbody[1]/tr[4]/td[2]' });
    expect(r.meta).toMatchObject({ year: 2019, organ: '上海市人民政府办公厅', published: '2020-01-31' });
    expect(r.sections.every((s) => s.found)).toBe(true);
  });

  it('HTML, docx and text give the same values for every table', async () => {
    const [h, d, t] = await Promise.all([
      analyzeBytes(bytes('shanghai-office-2019/shanghai-office-2019.html'), 'a.html'),
      analyzeBytes(bytes('shanghai-office-2019/shanghai-office-2019.lo.docx'), 'a.docx'),
      analyzeBytes(bytes('shanghai-office-2019/shanghai-office-2019.lo.txt'), 'a.txt'),
    ]);
    expect([h.source.format, d.source.format, t.source.format]).toEqual(['html', 'docx', 'text']);
    expectShanghai(d);
    expectShanghai(t);
    for (const k of ['proactive', 'requests', 'appeals']) {
      expect(d.tables[k]!.values, `docx ${k}`).toEqual(h.tables[k]!.values);
      expect(t.tables[k]!.values, `text ${k}`).toEqual(h.tables[k]!.values);
    }
  });

  it('GB2312 (GBK bytes, <meta charset>) and GB18030 (http-equiv) pages decode', async () => {
    for (const f of ['html-gb2312/shanghai-office-2019.gb2312.html', 'html-gb2312/shanghai-office-2019.gb18030-http-equiv.html']) {
      const r = await analyzeBytes(bytes(f), f);
      expect(r.source.encoding, f).toBe('gb18030');
      expectShanghai(r);
      expect(r.meta.title).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
    }
  });

  it('a full web page: nav, metadata table, layout table and scripts do not disturb the report', async () => {
    const r = await analyzeBytes(bytes('html-webpage/shanghai-office-2019.page.html'), 'page.html');
    expectShanghai(r);
    // table 0 is the 索引号/发布机构 metadata table, 1 the layout table; the report's tables follow
    expect(r.tables.proactive!.cells.regulations!.made!.pos?.tableIndex).toBe(2);
    expect(r.tables.requests!.cells.received!.natural!.pos?.tableIndex).toBe(3);
    expect(r.tables.appeals!.cells.cases!['review.upheld']!.pos?.tableIndex).toBe(4);
    expect(r.tables.requests!.unknownRows).toEqual([]);
    expect(r.meta).toMatchObject({ year: 2019, organ: '上海市人民政府办公厅' });
    expect(r.paragraphs.some((p) => /首页|要闻动态|开启脚本/.test(p.text) && !p.text.includes('当前位置'))).toBe(false);
  });

  it('table 三 split over two <table>s still maps', async () => {
    const r = await analyzeBytes(bytes('html-split/shanghai-office-2019.split.html'), 'split.html');
    expectShanghai(r);
    expect(r.tables.requests!.cells['unavailable.notHeld']!.natural!.pos?.tableIndex).toBe(2);
    expect(r.tables.appeals!.cells.cases!['review.upheld']!.pos?.tableIndex).toBe(3);
  });
});

describe('format detection by content', () => {
  it('a .htm that is really text is read as text; HTML named .txt as HTML', async () => {
    const txt = bytes('shanghai-office-2019/shanghai-office-2019.lo.txt');
    expect(detectFormat(txt, 'report.htm')).toBe('text');
    const r = await analyzeBytes(txt, 'report.htm');
    expect(r.source.format).toBe('text');
    expectShanghai(r);
    const page = bytes('html-webpage/shanghai-office-2019.page.html');
    expect((await readBytes(page, 'page.txt')).format).toBe('html');
  });
});
