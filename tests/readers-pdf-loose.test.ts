// Tables without ruling lines, read from glyph positions (src/readers/pdf/loose.ts), on synthetic
// pages: columns from the values' own alignment, columns blank in every row from the header, rows
// from the label cells, a table going on over a page break, a ruled and an unruled table on one page.
import { describe, expect, it } from 'vitest';
import { layoutPages } from '../src/readers/pdf/layout.js';
import { lineWords } from '../src/readers/pdf/loose.js';
import type { Block } from '../src/readers/_grid.js';
import type { Edge, Glyph, PdfPage } from '../src/readers/pdf/types.js';

const SIZE = 10.5;
const wide = (ch: string): boolean => /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch);

/** Glyphs of `text` starting at x on the line whose baseline is `base` (CJK one em wide, digits 0.55 em). */
function word(text: string, x: number, base: number): Glyph[] {
  const out: Glyph[] = [];
  for (const ch of text) {
    const w = wide(ch) ? SIZE : 0.55 * SIZE;
    out.push({ ch, x0: x, x1: x + w, ax0: x, ax1: x + w, top: base - 0.8 * SIZE, bottom: base + 0.1 * SIZE, base, size: 0 });
    x += w;
  }
  return out;
}

/** A line of [text, x] words. */
const line = (base: number, ...words: [string, number][]): Glyph[] => words.flatMap(([t, x]) => word(t, x, base));

const page = (index: number, glyphs: Glyph[], edges: Edge[] = []): PdfPage => ({ index, width: 595, height: 842, glyphs, edges, images: 0 });

/** The tables' rows as text (cells joined by |, a skipped label column shown as ∅). */
function tables(blocks: Block[]): string[][] {
  return blocks.flatMap((b) => (b.kind === 'table' ? [b.table.rows.map((r) => [...(r.before ? ['∅'] : []), ...r.cells.map((c) => c.text || '·')].join('|'))] : []));
}

const COLS = [200, 250, 300, 350]; // left edges of the value columns (LibreOffice: left-aligned cells)

/** Glyphs of `text` from x, each followed by `gap` points (a string of gaps per glyph boundary when given). */
function spaced(text: string, x: number, gap: number | number[]): Glyph[] {
  const out: Glyph[] = [];
  [...text].forEach((ch, k) => {
    out.push(...word(ch, x, 100));
    x = out[out.length - 1]!.ax1 + (Array.isArray(gap) ? (gap[k] ?? 0) : gap);
  });
  return out;
}
const words = (gs: Glyph[]): string[] => lineWords(gs, 0).words.map((w) => w.text);

describe('PDF words: cells told apart from letter spacing', () => {
  it('letter-spaced CJK stays one word; runs of glyphs a point apart are two cells', () => {
    expect(words(spaced('社会', 100, 8))).toEqual(['社会']); // justified in a narrow cell
    expect(words(spaced('3.危及“三安全', 100, 1.7))).toEqual(['3.危及“三安全']);
    expect(words(spaced('商业企业科研机构', 100, [0, 0, 0, 1.5, 0, 0, 0]))).toEqual(['商业企业', '科研机构']); // browser cells a pixel apart
    expect(words(spaced('2.其他法律', 100, [0, 1.5, 0, 0, 0]))).toEqual(['2.其他法律']); // never after numbering
    expect(words(spaced('处理1', 100, [0, 2.5]))).toEqual(['处理', '1']); // a number a little apart from its label
    expect(words(spaced('共12件', 100, 0))).toEqual(['共12件']);
  });
});

describe('PDF tables without ruling lines', () => {
  it('places each value in the column its position says; blanks stay blank cells', () => {
    const g = [
      ...line(100, ['三、收到和处理政府信息公开申请情况', 72]),
      ...line(120, ['项目', 72], ['甲', COLS[0]!], ['乙', COLS[1]!], ['丙', COLS[2]!], ['总计', COLS[3]!]),
      ...line(140, ['一、本年新收', 72], ['5', COLS[0]!], ['2', COLS[2]!], ['7', COLS[3]!]),
      ...line(160, ['二、上年结转', 72], ['3', COLS[0]!], ['1', COLS[1]!], ['4', COLS[3]!]),
      ...line(180, ['三、合计', 72], ['8', COLS[0]!], ['1', COLS[1]!], ['2', COLS[2]!], ['11', COLS[3]!]),
    ];
    const { blocks, loose } = layoutPages([page(0, g)]);
    expect(tables(blocks)).toEqual([['项目|甲|乙|丙|总计', '一、本年新收|5|·|2|7', '二、上年结转|3|1|·|4', '三、合计|8|1|2|11']]);
    expect(loose.size).toBe(1);
    expect(blocks[0]).toMatchObject({ kind: 'para', text: '三、收到和处理政府信息公开申请情况' });
  });

  it('a column blank in every row comes from the header; a caption over two columns adds none', () => {
    const g = [
      ...line(100, ['申请人情况', COLS[0]!]),
      ...line(114, ['自然人', COLS[0]!], ['法人或其他组织', COLS[1]!]),
      ...line(128, ['商业', COLS[1]!], ['科研', COLS[2]!], ['总计', COLS[3]!]),
      ...line(150, ['一、本年新收', 72], ['5', COLS[0]!], ['2', COLS[1]!], ['7', COLS[3]!]),
      ...line(170, ['二、上年结转', 72], ['3', COLS[0]!], ['4', COLS[3]!]),
    ];
    const { blocks } = layoutPages([page(0, g)]);
    const rows = tables(blocks)[0]!;
    expect(rows.slice(1)).toEqual(['一、本年新收|5|2|·|7', '二、上年结转|3|·|·|4']);
  });

  it('a row label wrapped over lines, group labels over several rows, label-only rows', () => {
    const g = [
      ...line(100, ['项目', 72], ['甲', COLS[0]!], ['乙', COLS[1]!]),
      ...line(120, ['三、本年', 72], ['（一）予以', 120], ['5', COLS[0]!], ['1', COLS[1]!]),
      ...line(134, ['度办理', 72], ['公开', 120]),
      ...line(148, ['结果', 72], ['（二）不予', 120]),
      ...line(162, ['公开', 120]),
      ...line(176, ['（三）其他', 120], ['2', COLS[0]!]),
    ];
    const { blocks } = layoutPages([page(0, g)]);
    expect(tables(blocks)[0]!.slice(1)).toEqual(['三、本年度办理结果（一）予以公开|5|1', '（二）不予公开|·|·', '（三）其他|2|·']);
  });

  it('goes on over a page break in the same columns; the label wrapped onto the next page joins its row', () => {
    const p1 = [...line(100, ['项目', 72], ['甲', COLS[0]!], ['乙', COLS[1]!], ['总计', COLS[2]!]), ...line(120, ['1.属于国家', 72], ['5', COLS[0]!], ['5', COLS[2]!])];
    const p2 = [...line(60, ['秘密', 72]), ...line(80, ['2.其他', 72], ['1', COLS[1]!], ['1', COLS[2]!])];
    const { blocks } = layoutPages([page(0, p1), page(1, p2)]);
    expect(tables(blocks)).toEqual([['项目|甲|乙|总计', '1.属于国家秘密|5|·|5', '2.其他|·|1|1']]);
  });

  it('a table with no label column: the values start in the first column', () => {
    const g = [...line(100, ['维持', COLS[0]!], ['纠正', COLS[1]!], ['总计', COLS[2]!]), ...line(120, ['5', COLS[0]!], ['2', COLS[2]!])];
    expect(tables(layoutPages([page(0, g)]).blocks)).toEqual([['∅|维持|纠正|总计', '∅|5|·|2']]);
  });

  it('values no column position can tell apart stay unplaced (in order, no blanks)', () => {
    // values drifting so that every anchor (left, right, centre) chains two values of one line into one column
    const g = [
      ...line(100, ['一、甲', 72], ['5', 200], ['6', 211]),
      ...line(120, ['二、乙', 72], ['7', 203]),
      ...line(140, ['三、丙', 72], ['8', 206]),
      ...line(160, ['四、丁', 72], ['9', 208.5]),
    ];
    const { blocks, loose } = layoutPages([page(0, g)]);
    expect(tables(blocks)).toEqual([['一、甲|5|6', '二、乙|7', '三、丙|8', '四、丁|9']]); // the full row by count; the others unplaced, no guessed blank
    expect(loose.size).toBe(1);
  });

  it('narrative lines ending in a number are not a table', () => {
    const g = [...line(100, ['共受理申请', 72], ['859', 140]), ...line(120, ['其中予以公开的为', 72])];
    const { blocks, tables: n } = layoutPages([page(0, g)]);
    expect(n).toBe(0);
    expect(blocks.every((b) => b.kind === 'para')).toBe(true);
  });

  it('a table drawn with row lines and no column lines is read by its positions, not as one column', () => {
    const h = (y: number): Edge => ({ orient: 'h', x0: 60, x1: 420, top: y, bottom: y });
    const v = (x: number): Edge => ({ orient: 'v', x0: x, x1: x, top: 90, bottom: 190 });
    const edges = [h(90), h(130), h(150), h(170), h(190), v(60), v(420)];
    const g = [
      ...line(104, ['项目', 72], ['甲', COLS[0]!], ['乙', COLS[1]!], ['总计', COLS[2]!]),
      ...line(144, ['一、收到', 72], ['5', COLS[0]!], ['1', COLS[1]!], ['6', COLS[2]!]),
      ...line(164, ['二、办结', 72], ['4', COLS[1]!], ['4', COLS[2]!]),
      ...line(184, ['三、结转', 72], ['2', COLS[0]!], ['2', COLS[2]!]),
    ];
    const { blocks, loose } = layoutPages([page(0, g, edges)]);
    expect(tables(blocks)).toEqual([['项目|甲|乙|总计', '一、收到|5|1|6', '二、办结|·|4|4', '三、结转|2|·|2']]);
    expect(loose.size).toBe(1);
  });

  it('a ruled and an unruled table on one page are both read as tables', () => {
    const h = (y: number, x0: number, x1: number): Edge => ({ orient: 'h', x0, x1, top: y, bottom: y });
    const v = (x: number, y0: number, y1: number): Edge => ({ orient: 'v', x0: x, x1: x, top: y0, bottom: y1 });
    const edges = [h(90, 70, 300), h(110, 70, 300), h(130, 70, 300), v(70, 90, 130), v(190, 90, 130), v(300, 90, 130)];
    const g = [
      ...line(104, ['规章', 80], ['13', 200]),
      ...line(124, ['规范性文件', 80], ['60', 200]),
      ...line(200, ['项目', 72], ['甲', COLS[0]!], ['乙', COLS[1]!]),
      ...line(220, ['一、收到', 72], ['5', COLS[0]!], ['1', COLS[1]!]),
      ...line(240, ['二、办结', 72], ['4', COLS[1]!]),
    ];
    const { blocks, loose } = layoutPages([page(0, g, edges)]);
    expect(tables(blocks)).toEqual([['规章|13', '规范性文件|60'], ['项目|甲|乙', '一、收到|5|1', '二、办结|·|4']]);
    expect([...loose]).toEqual([1]);
  });
});
