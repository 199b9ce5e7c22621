// Text extracted from PDFs (pdftotext with and without -layout), cell by cell against the source
// report's expected values: every cell read as in the report or left null with GIA002 — never a
// wrong number, never an error finding that blames the author for the tool's reading.
// Inputs: fixtures/pdf-texts (made by fixtures/_make/make-pdf-texts.mjs).
import { describe, expect, it } from 'vitest';
import { analyzeText, expectedCells, expectedOf, fixtureBytes } from './helpers/report.js';
import { tokenizeLines } from '../src/readers/text.js';

type Report = Awaited<ReturnType<typeof analyzeText>>;

/** [right, wrong] cells against the expected values (a null read where a number is expected is neither). */
function tally(r: Report, folder: string): { right: number; wrong: string[]; total: number } {
  const cells = expectedCells(expectedOf(folder));
  let right = 0;
  const wrong: string[] = [];
  for (const [t, row, c, v] of cells) {
    const got = r.tables[t]?.values[row]?.[c] ?? null;
    if (got === v) right++;
    else if (got !== null) wrong.push(`${t}/${row}/${c}: ${got}, the report says ${v}`);
  }
  return { right, wrong, total: cells.length };
}

const errors = (r: Report) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId} ${d.row ?? ''}`);

// file, source report, cells read as in the report (floor: the reading may only get better), errors the report really has
const CASES: [string, string, number, string[]][] = [
  ['hongze-2024.pdftotext.txt', 'hongze-2024', 29, []],
  ['pingtan-gaj-2022.lo.pdftotext.txt', 'pingtan-gaj-2022', 67, []],
  ['pingtan-gaj-2022.html.chrome.pdftotext.txt', 'pingtan-gaj-2022', 31, []],
  ['pingtan-gaj-2022.html.chrome.pdftotext-layout.txt', 'pingtan-gaj-2022', 200, []],
  ['shanghai-office-2019.lo.docx.lo.pdftotext.txt', 'shanghai-office-2019', 135, []],
  ['shanghai-office-2019.html.lo.pdftotext.txt', 'shanghai-office-2019', 135, []],
  ['shanghai-office-2019.html.lo.pdftotext-layout.txt', 'shanghai-office-2019', 135, []],
  ['shanghai-office-2019.html.chrome.pdftotext.txt', 'shanghai-office-2019', 135, []],
  ['shanghai-office-2019.split.lo.pdftotext.txt', 'shanghai-office-2019', 135, []],
  // -nopgbrk: no form feed marks the text as a PDF's
  ['hongze-2024.pdftotext-nopgbrk.txt', 'hongze-2024', 29, []],
  ['pingtan-gaj-2022.lo.pdftotext-nopgbrk.txt', 'pingtan-gaj-2022', 67, []],
  ['shanghai-office-2019.split.lo.pdftotext-nopgbrk.txt', 'shanghai-office-2019', 135, []],
  ['shanghai-office-2019.html.chrome.pdftotext-layout.txt', 'shanghai-office-2019', 135, []],
  // pdftotext -raw: one row a line, cells one space apart, blank cells leave nothing ("258 12 1 1")
  ['hongze-2024.pdftotext-raw.txt', 'hongze-2024', 186, []],
  ['pingtan-gaj-2022.lo.pdftotext-raw.txt', 'pingtan-gaj-2022', 200, []],
  ['shanghai-office-2019.lo.docx.lo.pdftotext-raw.txt', 'shanghai-office-2019', 135, []],
  // the merged docx has no table 二 (a stub paragraph): GIA102 is the report's
  ['shanghai-office-2019.merged.docx.lo.pdftotext.txt', 'shanghai-office-2019', 135, ['GIA102 ']],
  ['shanghai-office-2019.merged.docx.lo.pdftotext-layout.txt', 'shanghai-office-2019', 135, ['GIA102 ']],
];

describe('text extracted from PDFs: a cell is right or null with GIA002, never wrong', () => {
  for (const [file, folder, floor, errs] of CASES) {
    it(`${file}: no wrong number, no false error, ${floor} cells or more as in the report`, async () => {
      const r = await analyzeText(fixtureBytes('pdf-texts', file), {}, file);
      const { right, wrong, total } = tally(r, folder);
      expect(wrong).toEqual([]);
      expect(errors(r)).toEqual(errs);
      expect(right).toBeGreaterThanOrEqual(floor);
      // what is not read is said: a GIA002 finding on every table that lost cells, and its reading partial
      if (right < total) {
        expect(r.diagnostics.some((d) => d.ruleId === 'GIA002')).toBe(true);
        expect(Object.values(r.tables).some((t) => t.reading?.confidence === 'partial')).toBe(true);
      }
      expect(r.diagnostics.filter((d) => d.ruleId === 'GIA105')).toEqual([]);
    });
  }
});

describe('plain pdftotext: an empty line ends a text block, not a cell', () => {
  it('a form feed marks PDF text: the empty lines between numbers are not blank cells', async () => {
    const head = ['三、收到和处理政府信息公开申请情况', '', '自然人', '', '商业企业', '', '科研机构', '', '社会公益组织', '', '法律服务机构', '', '其他', '', '总计', ''];
    const row = ['一、本年新收政府信息公开申请数量', '', '1', '', '0', '', '0', '', '0', '', '0', '', '0', '', '1', '', '二、上年结转政府信息公开申请数量', '', '2', '', '0', '', '0', '', '0', '', '0', '', '0', '', '2', '', '\f'];
    const r = await analyzeText([...head, ...row].join('\n'));
    expect(r.tables.requests!.values.received).toEqual({ natural: 1, business: 0, research: 0, nonprofit: 0, legal: 0, otherOrg: 0, total: 1 });
    expect(r.tables.requests!.values.carriedOver).toEqual({ natural: 2, business: 0, research: 0, nonprofit: 0, legal: 0, otherOrg: 0, total: 2 });
    const blanks = tokenizeLines([...head, ...row]).filter((t) => t.kind === 'blank');
    expect(blanks).toEqual([]);
  });

  it('without form feeds, numbers standing alone between empty lines mark PDF text; a LibreOffice export (filled cells adjacent) keeps its empty cells', () => {
    const pdf = ['一、本年新收政府信息公开申请数量', ''];
    for (let k = 0; k < 10; k++) pdf.push(String(k), '');
    expect(tokenizeLines(pdf).filter((t) => t.kind === 'blank')).toEqual([]);
    const lo = ['一、本年新收政府信息公开申请数量', '5', '', '', '', '', '', '5', '二、上年结转政府信息公开申请数量', '1', '2', '', '', '', '', '3', '（一）予以公开', '7', '', '', '', '', '', '7'];
    expect(tokenizeLines(lo).filter((t) => t.kind === 'blank').length).toBe(14);
  });

  it('numbers one per line are never split as glued digits: "3 / 35 / 12 / 14" is four numbers, not seven', async () => {
    const lines = ['三、收到和处理政府信息公开申请情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计', '一、本年新收政府信息公开申请数量', '', '3', '', '35', '', '12', '', '14', '', '\f'];
    const r = await analyzeText(lines.join('\n'));
    const fr = r.tables.requests!.rows.received!;
    expect(fr.glue).toBeUndefined();
    expect(Object.values(r.tables.requests!.values.received!)).toEqual([null, null, null, null, null, null, null]);
    expect(r.diagnostics.some((d) => d.ruleId === 'GIA002' && d.row === 'received')).toBe(true);
  });

  it('a table whose text leaves blank cells empty ("18 18"): "258 12 1 1" is not split into seven glued digits', async () => {
    const lines = [
      '三、收到和处理政府信息公开申请情况', '自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
      '一、本年新收政府信息公开申请数量 821 35 2 1 859',
      '二、上年结转政府信息公开申请数量 18 18',
      '（一）予以公开 258 12 1 1',
    ];
    const r = await analyzeText(lines.join('\n'));
    const t = r.tables.requests!;
    expect(t.rows.granted!.glue?.status).not.toBe('split');
    expect(Object.values(t.values.granted!)).toEqual([null, null, null, null, null, null, null]);
    // said, as a warning (the glued-digit pass's GIA206 or the reader's GIA002), never an error
    expect(r.diagnostics.some((d) => ['GIA002', 'GIA206'].includes(d.ruleId) && d.row === 'granted' && d.severity === 'warning')).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity === 'error' && d.row === 'granted')).toEqual([]);
    // the same row in glued web text, every cell written, is still split by the identities
    const glued = ['三、收到和处理政府信息公开申请情况', '自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计', '一、本年新收政府信息公开申请数量 1000001', '二、上年结转政府信息公开申请数量 0000000'];
    const g = await analyzeText(glued.join('\n'));
    expect(g.tables.requests!.values.received).toEqual({ natural: 1, business: 0, research: 0, nonprofit: 0, legal: 0, otherOrg: 0, total: 1 });
  });

  it('a row label printed out of the table order is unread (GIA002), not missing (GIA103)', async () => {
    const lines = [
      '三、收到和处理政府信息公开申请情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计',
      '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1',
      '二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0',
      '（一）予以公开 1 0 0 0 0 0 1',
      '四、结转下年度继续办理 0 0 0 0 0 0 0',
      '（二）部分公开',
      '1.属于国家秘密',
      '2.其他法律行政法规',
      '禁止公开',
      '四、政府信息公开行政复议、行政诉讼情况',
    ];
    const r = await analyzeText(lines.join('\n'));
    const t = r.tables.requests!;
    expect(t.rows['denied.stateSecret']).toMatchObject({ unread: '', disordered: 'out-of-order' });
    expect(t.rows['denied.lawForbids']).toMatchObject({ disordered: 'out-of-order' });
    // a row whose label is nowhere, once the order is known lost: unread too, with its own message
    expect(t.rows['denied.security']).toMatchObject({ disordered: 'not-found' });
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA103')).toEqual([]);
    const d = r.diagnostics.find((x) => x.ruleId === 'GIA002' && x.row === 'denied.stateSecret')!;
    expect(d.message).toContain('不在表格的行序中');
    expect(r.diagnostics.find((x) => x.ruleId === 'GIA002' && x.row === 'denied.security')!.message).toContain('未找到该行标题');
    expect(t.values.received!.natural).toBe(1);
  });

  it('a table found by its heading in text of which no row was read: its rows are unread (GIA002), not missing', async () => {
    const lines = [
      '三、收到和处理政府信息公开申请情况', '自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
      '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1',
      // 表四's header and the next heading run together, its numbers lost to the extraction
      '四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计五、存在的主要问题及改进情况',
    ];
    const r = await analyzeText(lines.join('\n'));
    expect(r.tables.appeals!.found).toBe(true);
    expect(r.tables.appeals!.rows.cases).toMatchObject({ unread: '', disordered: 'not-found' });
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA103' && d.table === 'appeals')).toEqual([]);
    expect(r.diagnostics.some((d) => d.ruleId === 'GIA002' && d.table === 'appeals')).toBe(true);
    expect(r.tables.requests!.values.received!.natural).toBe(1);
  });

  it('a row missing from a text table read in order is still the author\'s (GIA103)', async () => {
    const lines = [
      '三、收到和处理政府信息公开申请情况', '自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
      '一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1',
      '（一）予以公开 1 0 0 0 0 0 1',
      '四、结转下年度继续办理 0 0 0 0 0 0 0',
    ];
    const r = await analyzeText(lines.join('\n'));
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA103').map((d) => d.row)).toContain('carriedOver');
    expect(r.tables.requests!.rows.carriedOver).toBeUndefined();
  });
});
