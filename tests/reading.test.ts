// Issue 12: a reading failure is not an authoring error (GIA002 vs GIA105), and every table carries
// how it was read (tables.<t>.reading: by + confidence).
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import type { LintedReport } from '../src/types.js';
import { fixtureBytes, fixtureText } from './helpers/report.js';

const AKQI = fixtureText('akqi-2021', 'akqi-2021.txt');

async function html(body: string): Promise<LintedReport> {
  return analyzeBytes(Buffer.from(`<html><head><meta charset="utf-8"></head><body>${body}</body></html>`, 'utf8'), 'in.html');
}

/** Table 三 of a 2021 report as an HTML table, one row per [label, ...cells]. */
function requestsHtml(rows: [string, ...(string | number)[]][]): string {
  const tr = (cells: (string | number)[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  return `<p>三、收到和处理政府信息公开申请情况</p><table>${tr(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'])}${tr(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'])}${rows.map((r) => tr(r)).join('')}</table>`;
}

describe('a text row the reader cannot place (GIA002), not the author’s short row (GIA105)', () => {
  // the seed is one cell per line; drop five of the seven cells of （一）予以公开 (4 0 0 0 0 0 4 → 4 4)
  const short = AKQI.replace(/（一）予以公开\n((?:\t?[^\n]*\n){7})/, (m, cells: string) => {
    const lines = cells.split('\n').filter((l: string) => l !== '');
    return `（一）予以公开\n${lines[0]}\n${lines[6]}\n`;
  });

  it('leaves every cell of the row null and reports the raw text, with no GIA105', async () => {
    expect(short).not.toBe(AKQI);
    const r = await analyzeBytes(Buffer.from(short, 'utf8'), 'short.txt');
    expect(Object.values(r.tables.requests!.values.granted!)).toEqual([null, null, null, null, null, null, null]);
    const d = r.diagnostics.filter((x) => x.ruleId === 'GIA002');
    expect(d.map((x) => [x.messageId, x.table, x.row])).toEqual([['unreadable', 'requests', 'granted']]);
    expect(d[0]!.data).toMatchObject({ expected: 7, found: 2, raw: "4 4" });
    expect(d[0]!.message).toContain('未能把该行读成 7 个单元格');
    expect(d[0]!.hint).toContain('docx 或 HTML');
    expect(r.diagnostics.filter((x) => x.ruleId === 'GIA105')).toEqual([]);
    expect(r.tables.requests!.reading).toEqual({ by: 'tokens', confidence: 'partial' });
    // a cell left null is not an identity the author broke: no arithmetic error on that row's cells
    expect(r.diagnostics.filter((x) => x.severity === 'error' && x.row === 'granted')).toEqual([]);
  });

  it('says it in English too', async () => {
    const r = await analyzeBytes(Buffer.from(short, 'utf8'), 'short.txt', { locale: 'en' });
    const d = r.diagnostics.find((x) => x.ruleId === 'GIA002')!;
    expect(d.message).toContain('could not be read as 7 cells');
    expect(d.message).toContain('not an error in the report');
  });

  it('a real table row short of a <td> is still the author’s: GIA105, cells kept', async () => {
    const r = await html(requestsHtml([['一、本年新收政府信息公开申请数量', 5, 0, 0, 0, 0, 5]]));
    expect(r.tables.requests!.rows.received!.cellsFound).toBe(6);
    expect(r.diagnostics.filter((x) => x.ruleId === 'GIA105').map((x) => [x.messageId, x.row])).toEqual([['tooFew', 'received']]);
    expect(r.diagnostics.filter((x) => x.ruleId === 'GIA002')).toEqual([]);
    expect(r.tables.requests!.values.received!.natural).toBe(5);
    expect(r.tables.requests!.reading).toEqual({ by: 'grid', confidence: 'exact' });
  });
});

describe('tables.<t>.reading', () => {
  it('HTML tables: grid, exact', async () => {
    const r = await analyzeBytes(fixtureBytes('pingtan-gaj-2022', 'pingtan-gaj-2022.html'), 'p.html');
    for (const t of ['proactive', 'requests', 'appeals']) expect(r.tables[t]!.reading, t).toEqual({ by: 'grid', confidence: 'exact' });
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA003')).toEqual([]);
  });

  it('one cell per line: tokens, exact, and no GIA003 note', async () => {
    const r = await analyzeBytes(Buffer.from(AKQI, 'utf8'), 'akqi.txt');
    for (const t of ['proactive', 'requests', 'appeals']) expect(r.tables[t]!.reading, t).toEqual({ by: 'tokens', confidence: 'exact' });
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA003')).toEqual([]);
  });

  it('glued digits split by the identities: glued-identities, inferred, noted once per table (info)', async () => {
    const r = await analyzeBytes(fixtureBytes('pingtan-2019', 'pingtan-2019.glued.txt'), 'p.txt');
    expect(r.tables.requests!.reading).toEqual({ by: 'glued-identities', confidence: 'inferred' });
    const notes = r.diagnostics.filter((d) => d.ruleId === 'GIA003');
    expect(notes.find((d) => d.table === 'requests')).toMatchObject({ severity: 'info', messageId: 'inferred' });
    expect(notes.find((d) => d.table === 'requests')!.message).toContain('按勾稽关系拆分连写的数字');
  });

  it('a table not found has no reading (null in the JSON)', async () => {
    const cut = AKQI.slice(0, AKQI.indexOf('四、政府信息公开行政复议'));
    const r = await analyzeBytes(Buffer.from(cut, 'utf8'), 'cut.txt');
    expect(r.tables.appeals!.found).toBe(false);
    expect(r.tables.appeals!.reading).toBeUndefined();
    const { reportJson } = await import('../src/writers/json.js');
    expect((reportJson(r).tables as Record<string, { reading: unknown }>).appeals!.reading).toBeNull();
  });
});

describe('a misprinted row label where the next row stands', () => {
  it('same numbering, most of the words in order: read as that row, the variant noted (GIA111)', async () => {
    const r = await analyzeBytes(Buffer.from(AKQI.replace('2.其他法律行政法规禁止公开', '2.其他法律行政止公开'), 'utf8'), 'typo.txt');
    expect(r.tables.requests!.rows['denied.lawForbids']?.matched).toBe('2.其他法律行政止公开');
    expect(r.diagnostics.filter((d) => ['GIA103', 'GIA104'].includes(d.ruleId)).map((d) => d.message)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA111' && d.table === 'requests').map((d) => d.row)).toEqual(['denied.lawForbids']);
  });

  it('a different label is not taken for it: unknown row (GIA104) and the row missing (GIA103)', async () => {
    const r = await analyzeBytes(Buffer.from(AKQI.replace('2.其他法律行政法规禁止公开', '2.其他情形'), 'utf8'), 'other.txt');
    expect(r.tables.requests!.rows['denied.lawForbids']).toBeUndefined();
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA104').length).toBe(1);
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA103').map((d) => d.row)).toEqual(['denied.lawForbids']);
  });
});

describe('a text row with more numbers than columns', () => {
  /** akqi-2021 with two numbers of another row run into （一）予以公开 (4 0 0 0 0 0 4 → 4 0 0 0 0 0 4 9 9, or shifted). */
  const withExtra = (cells: string) => AKQI.replace('\t（一）予以公开\n\t4\n\t0\n\t0\n\t0\n\t0\n\t0\n\t4\n', `\t（一）予以公开\n${cells.split(' ').map((c) => `\t${c}\n`).join('')}`);

  it('numbers of another row before its own: nothing placed (GIA002), no false arithmetic error', async () => {
    const text = withExtra('9 9 4 0 0 0 0 0 4');
    expect(text).not.toBe(AKQI);
    const r = await analyzeBytes(Buffer.from(text, 'utf8'), 'extra.txt');
    expect(Object.values(r.tables.requests!.values.granted!)).toEqual([null, null, null, null, null, null, null]);
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA002').map((d) => [d.messageId, d.row])).toEqual([['tooMany', 'granted']]);
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA105' || d.ruleId === 'GIA302').map((d) => d.message)).toEqual([]);
  });

  it('a stray number after a row whose total holds: the row is kept, the extra reported (GIA105 tooMany warning)', async () => {
    const r = await analyzeBytes(Buffer.from(withExtra('4 0 0 0 0 0 4 1'), 'utf8'), 'extra.txt');
    expect(Object.values(r.tables.requests!.values.granted!)).toEqual([4, 0, 0, 0, 0, 0, 4]);
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA002')).toEqual([]);
  });
});

