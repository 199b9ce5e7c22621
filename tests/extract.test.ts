// Unit tests of metadata, sections, the cell-run fitting and the column grid (src/extract/*).
import { describe, expect, it } from 'vitest';
import { extractMeta } from '../src/extract/meta.js';
import { findSections } from '../src/extract/sections.js';
import { fitRun, segmentize } from '../src/extract/map.js';
import { columnGrid } from '../src/extract/align.js';
import { SECTIONS } from '../src/templates/define.js';
import { readText, tokenizeLines } from '../src/readers/text.js';
import { splitLines } from '../src/readers/decode.js';
import type { Token } from '../src/types.js';

const paras = (...texts: string[]) => texts.map((text, i) => ({ text, pos: { line: i + 1 } }));

describe('extractMeta', () => {
  it('organ and year from the title, the date closing the report', () => {
    const m = extractMeta(paras('阿合奇县人民政府2021年政府信息公开', '工作年度报告', '正文。', '2022年1月19日'));
    expect(m).toMatchObject({ organ: '阿合奇县人民政府', year: 2021, published: '2022-01-19', title: '阿合奇县人民政府2021年政府信息公开工作年度报告', yearSource: 'title' });
  });
  it('year first; 发布日期 line', () => {
    const m = extractMeta(paras('2019年上海市人民政府办公厅政府信息公开工作年度报告', '发布日期：2020-01-31'));
    expect(m).toMatchObject({ organ: '上海市人民政府办公厅', year: 2019, published: '2020-01-31' });
  });
  it('年度 in the title, Chinese-numeral date', () => {
    const m = extractMeta(paras('某市自然资源局2023年度政府信息公开工作年度报告', '……', '二〇二四年一月二十日'));
    expect(m).toMatchObject({ organ: '某市自然资源局', year: 2023, published: '2024-01-20' });
  });
  it('year from the statistics period when the title has none', () => {
    const m = extractMeta(paras('政府信息公开工作年度报告', '本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。'));
    expect(m).toMatchObject({ year: 2022, yearSource: 'period', organ: null });
  });
  it('nothing to read', () => {
    expect(extractMeta(paras('- 4 -', '信息内容'))).toEqual({ organ: null, year: null, published: null, title: null });
  });
});

describe('findSections', () => {
  it('numbered, unnumbered, variant headings and run-together text', () => {
    const s = findSections(
      paras('一、总体情况', '正文', '二、主动公开政府信息情况', '收到和处理政府信息公开申请情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', '五、政府信息公开工作存在的主要问题及改进情况', '其他需要报告的事项'),
      SECTIONS,
    );
    expect(s.map((x) => [x.key, x.found, x.numbered, x.pos?.line])).toEqual([
      ['overview', true, true, 1],
      ['proactive', true, true, 3],
      ['requests', true, false, 4],
      ['appeals', true, true, 5],
      ['problems', true, true, 6],
      ['other', true, false, 7],
    ]);
  });
  it('Arabic numbering; missing sections', () => {
    const s = findSections(paras('1、总体情况', '2、主动公开政府信息情况'), SECTIONS);
    expect(s.map((x) => x.found)).toEqual([true, true, false, false, false, false]);
    expect(s[0]!.numbered).toBe(true);
  });
  it('a long narrative paragraph mentioning a phrase is no heading', () => {
    const s = findSections(paras('本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分，以及其他需要报告的事项和更多说明文字。'), SECTIONS);
    expect(s.filter((x) => x.found)).toEqual([]);
  });
});

const tok = (kind: Token['kind'], text = kind === 'value' ? '1' : ''): Token => ({ kind, text, pos: { line: 1 } });

describe('fitRun', () => {
  it('exact', () => {
    const r = fitRun([tok('value', '1'), tok('value', '2')], 2);
    expect(r.found).toBe(2);
    expect(r.cells.map((c) => c?.text)).toEqual(['1', '2']);
    expect(r.extra).toEqual([]);
  });
  it('short rows are padded with null (missing)', () => {
    const r = fitRun([tok('value', '1')], 3);
    expect(r.found).toBe(1);
    expect(r.cells.map((c) => c?.text ?? null)).toEqual(['1', null, null]);
  });
  it('extra cells are returned', () => {
    const r = fitRun([tok('value', '1'), tok('value', '2'), tok('value', '3')], 2);
    expect(r.extra.map((t) => t.text)).toEqual(['3']);
    expect(r.found).toBe(3);
  });
  it("placeholders after the closing empty line belong to the next row's merged cells", () => {
    const run = [...'1234567'.split('').map((d) => tok('value', d)), tok('gap'), tok('blank', '\t'), tok('blank', '\t')];
    const r = fitRun(run, 7);
    expect(r.found).toBe(7);
    expect(r.cells.map((c) => c?.text).join('')).toBe('1234567');
  });
  it('blank cells count as cells; surplus blanks at the edges are trimmed', () => {
    expect(fitRun([tok('value', '1'), tok('blank', '\t'), tok('value', '3')], 3).cells.map((c) => c?.kind)).toEqual(['value', 'blank', 'value']);
    expect(fitRun([tok('blank', ' '), tok('value', '1'), tok('value', '2'), tok('blank', ' ')], 2).cells.map((c) => c?.text)).toEqual(['1', '2']);
  });
  it('layouts where an empty line is an empty cell (filled cells on adjacent lines)', () => {
    const r = fitRun([tok('value', '1'), tok('value', '2'), tok('gap'), tok('value', '4')], 4);
    expect(r.cells.map((c) => c?.kind)).toEqual(['value', 'value', 'gap', 'value']);
  });

  it('not where every number stands alone between empty lines (PDF text blocks): the row is short', () => {
    const r = fitRun([tok('value', '1'), tok('gap'), tok('value', '3')], 3);
    expect(r.cells.map((c) => c?.kind)).toEqual(['value', 'value', undefined]);
    expect(r.found).toBe(2);
  });
});

describe('segmentize', () => {
  it('joins consecutive labels (wrapped, vertical) and keeps the run after them', () => {
    const segs = segmentize(tokenizeLines(['三、', '本', '年', '（一）予以公开 1 2', '- 7 -', '（二）部分公开（区分处理的，只计这一情', '形，不计其他情形） 3 4']));
    expect(segs.map((s) => [s.text, s.run.map((t) => t.text)])).toEqual([
      ['三、本年（一）予以公开', ['1', '2']],
      ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ['3', '4']],
    ]);
  });
});

describe('tokenizeLines', () => {
  it('keeps line and column; pipes, tabs and NBSP blanks', () => {
    const t = tokenizeLines(['| 规章 | 0 |  | 11 |', '|---|---|---|---|', '\t规范性文件\t1\t\u00a0', '\u00a0', '']);
    expect(t.map((x) => [x.kind, x.text.trim(), x.pos.line, x.pos.column])).toEqual([
      ['text', '规章', 1, 3],
      ['value', '0', 1, 8],
      ['blank', '', 1, 11],
      ['value', '11', 1, 15],
      ['text', '规范性文件', 3, 2],
      ['value', '1', 3, 8],
      ['blank', '', 3, 10],
      ['blank', '', 4, 1],
      ['gap', '', 5, undefined],
    ]);
  });
  it('readText cuts lines as splitLines does (CR, LF, CRLF; a leading BOM dropped), and checks their length and count as it cuts', () => {
    const meta = { path: 'x.txt', encoding: 'utf-8', sha256: '', bytes: 0, notes: [] };
    const text = '\ufeff规章\r\n\r\n0\r行政许可 5\n\n\u00a0\r\n总计';
    const doc = readText(text, meta);
    expect(doc.paragraphs.map((p) => [p.pos.line, p.text])).toEqual([
      [1, '规章'],
      [3, '0'],
      [4, '行政许可 5'],
      [7, '总计'],
    ]);
    expect(doc.tokens.map((t) => t.pos.line)).toEqual(tokenizeLines(splitLines(text.slice(1))).map((t) => t.pos.line));
    const limited = (limits: Record<string, number>): string => {
      try {
        readText(text, meta, limits);
        return 'read';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(limited({ maxLines: 7 })).toBe('read');
    expect(limited({ maxLines: 6 })).toMatch(/maxLines/);
    expect(limited({ maxLineLength: 6 })).toBe('read');
    expect(limited({ maxLineLength: 5 })).toMatch(/line 4 length/); // 行政许可 5: six letters
    expect(limited({ maxLineLength: 2 })).toMatch(/line 1 length/); // the BOM counts in line 1
  });

  it('splits a value glued to its label', () => {
    expect(tokenizeLines(['行政许可3960181']).map((x) => [x.kind, x.text, x.pos.column])).toEqual([
      ['text', '行政许可', 1],
      ['value', '3960181', 5],
    ]);
  });
});

describe('columnGrid', () => {
  it('one cluster per column', () => {
    expect(columnGrid([10, 20, 30, 10, 21, 30], 3)).toEqual([10, 21, 30]);
  });
  it('a column blank in every row, on a uniform step', () => {
    expect(columnGrid([10, 18, 42, 50, 10, 50], 6)).toEqual([10, 18, 26, 34, 42, 50]);
  });
  it('no grid for scattered positions or too many clusters', () => {
    expect(columnGrid([5, 9, 30, 31, 44], 3)).toBeNull();
    expect(columnGrid([10, 13, 20], 6)).toBeNull();
  });
});
