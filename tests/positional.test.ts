// The positional column method on positioned words (PDF-like coordinates: points, not text columns).
import { describe, expect, it } from 'vitest';
import { readColumns, type Placed, type PlacedLine } from '../src/text/positional.js';

/** A word at x (points), 6 pt per character. */
const w = (text: string, x: number, value = /^\d+$/.test(text)): Placed => ({ text, x0: x, x1: x + text.length * 6, value });
const line = (...items: Placed[]): PlacedLine => ({ items });
/** A right-aligned number ending at `right`. */
const n = (text: string, right: number): Placed => w(text, right - text.length * 6, true);
const COLS = [200, 250, 300];
const row = (label: string, ...vals: (string | null)[]): PlacedLine =>
  line(w(label, 10), ...vals.flatMap((v, k) => (v === null ? [] : [n(v, COLS[k]!)])));
const opts = { gap: 12, tol: 3 };
const texts = (cells: (Placed | null)[]): (string | null)[] => cells.map((c) => c?.text ?? null);

describe('readColumns', () => {
  it('places full rows by count and short rows under the column they sit in (right-aligned)', () => {
    const [b] = readColumns([row('规章', '13', '0', '524'), row('行政规范性文件', '3', null, '60'), row('其他', null, null, '7'), row('合计', '16', '0', '591')], opts);
    expect(b!.columns).toBe(3);
    expect(b!.rows.map((r) => [r.how, texts(r.cells)])).toEqual([
      ['count', ['13', '0', '524']],
      ['position', ['3', null, '60']],
      ['position', [null, null, '7']],
      ['count', ['16', '0', '591']],
    ]);
  });

  it('leaves a short row unplaced when a value sits between two columns', () => {
    const [b] = readColumns([row('规章', '13', '0', '524'), line(w('其他', 10), n('5', 226)), row('合计', '16', '0', '591')], opts);
    const r = b!.rows[1]!;
    expect(r.placed).toBe(false);
    expect(texts(r.cells)).toEqual(['5']); // the values in order, no column guessed
  });

  it('joins a label wrapped under its numbers, and a label whose numbers come on its last line', () => {
    const lines = [
      row('（一）予以公开', '50', '0', '50'),
      line(w('（二）部分公开（区分处理的，', 10)),
      line(w('只计这一情形）', 10)),
      line(n('9', 200), n('0', 250), n('9', 300)),
      row('1.属于国家秘密', '0', '0', '0'),
      line(w('不计其他情形', 10)),
      row('2.其他', '1', '0', '1'),
    ];
    const [b] = readColumns(lines, opts);
    expect(b!.rows.map((r) => r.label.map((x) => x.text).join(''))).toEqual(['（一）予以公开', '（二）部分公开（区分处理的，只计这一情形）', '1.属于国家秘密不计其他情形', '2.其他']);
    expect(b!.rows.map((r) => texts(r.cells))).toEqual([['50', '0', '50'], ['9', '0', '9'], ['0', '0', '0'], ['1', '0', '1']]);
  });

  it('puts a group label set in a column left of the row labels before them (pdftotext of a vertically merged cell)', () => {
    const lines = [
      row('1.本机关不掌握', '1', '0', '1'),
      line(w('（四）', 0)),
      line(w('2.没有现成信息需要', 40)),
      line(w('无法提', 0), n('0', 200), n('0', 250), n('0', 300)),
      line(w('另行制作', 40)),
      line(w('供', 0)),
      row('3.补正后', '0', '0', '0'),
    ];
    const [b] = readColumns(lines, opts);
    expect(b!.rows[1]!.label.map((x) => x.text).join('')).toBe('（四）无法提供2.没有现成信息需要另行制作');
  });

  it('keeps the order when the group label opens the row label\'s own line (the rest of the label wraps to the margin)', () => {
    const lines = [row('8.属于行政查询事项', '0', '0', '0'), line(w('（四）无法提供', 0), w('1.本机关不掌握相关', 50)), line(w('政府信息', 0), n('0', 200), n('0', 250), n('0', 300)), row('2.没有现成信息', '0', '0', '0')];
    const [b] = readColumns(lines, opts);
    expect(b!.rows[1]!.label.map((x) => x.text).join('')).toBe('（四）无法提供1.本机关不掌握相关政府信息');
  });

  it('joins header words stacked in one column and keeps a word spanning several columns apart', () => {
    const lines = [line(w('法人或其他组织', 180)), line(w('自然人', 150), w('商业', 190), w('科研', 215)), line(w('企业', 190), w('机构', 215)), line(), row('一、本年新收', '5', '0', '5'), row('二、上年结转', '0', '0', '0')];
    const [b] = readColumns(lines, opts);
    expect(b!.header.map((h) => h.text)).toEqual(['法人或其他组织', '自然人', '商业企业', '科研机构']);
    expect(b!.headerFirst).toBe(0);
  });

  it('compares positions within a page only', () => {
    const p2 = (l: PlacedLine): PlacedLine => ({ ...l, page: 2 });
    const shifted = (label: string): PlacedLine => p2(line(w(label, 10), n('1', 230), n('2', 280), n('3', 330)));
    const [b] = readColumns([row('a', '1', '2', '3'), p2(line(w('b', 10), n('4', 280))), shifted('c')], opts);
    // under page 1's columns 280 is nearest the third (300); page 2's own full row puts it in the second
    expect(texts(b!.rows[1]!.cells)).toEqual([null, '4', null]);
  });

  it('finds no block in prose', () => {
    expect(readColumns([line(w('本年', 10), w('共', 40), n('12', 70), w('件。', 76))], opts)).toEqual([]);
  });
});
