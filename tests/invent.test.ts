// Issue 12: never invent a number. A value comes from a data cell, never from a header cell
// ("数据1"), a label's own digits ("1.属于国家秘密"), a caption ("表3") or a page number.
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import { GIA_2021 } from '../src/templates/gia-2021.js';
import type { LintedReport } from '../src/types.js';
import { expectedOf, mismatches } from './helpers/report.js';

const REQ = GIA_2021.tables.find((t) => t.key === 'requests')!;
const EXP = expectedOf('pingtan-gaj-2024') as unknown as { requests: Record<string, Record<string, number | null>> };
const COLS = REQ.columns.map((c) => c.key);

async function lint(text: string): Promise<LintedReport> {
  return analyzeBytes(Buffer.from(text, 'utf8'), 'md.txt');
}

/** Table 三 of pingtan-gaj-2024 as a Markdown table, with the header a PDF converter writes. */
function markdown(header: string[], opts: { caption?: string; footnote?: string; blankRow?: string } = {}): string {
  const row = (cells: (string | number | null)[]) => `| ${cells.map((c) => (c === null ? '' : String(c))).join(' | ')} |`;
  const lines = ['## 三、收到和处理政府信息公开申请情况', '', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ''];
  if (opts.caption) lines.push(opts.caption, '');
  lines.push(row(header), row(header.map(() => '---')));
  for (const r of REQ.rows) lines.push(row([r.label, ...COLS.map((c) => (r.key === opts.blankRow ? null : EXP.requests[r.key]![c]!))]));
  if (opts.footnote) lines.push('', opts.footnote);
  lines.push('', '## 四、政府信息公开行政复议、行政诉讼情况', '');
  return lines.join('\n') + '\n';
}

const only = (e: ReturnType<typeof mismatches>) => e.filter((m) => m.startsWith('requests/'));

describe('never a number from a header, a caption or a label', () => {
  it('Markdown header cells 数据1 … 数据7 are header text, not the first row’s values', async () => {
    const r = await lint(markdown(['项目', '数据1', '数据2', '数据3', '数据4', '数据5', '数据6', '数据7']));
    expect(only(mismatches(r, { requests: EXP.requests }))).toEqual([]);
    expect(r.tables.requests!.values.received!.natural).toBe(8);
    expect(r.tables.requests!.unknownRows).toEqual([]);
  });

  it('a caption with a number (表3) before the table and a footnote (注1) after it add nothing', async () => {
    const r = await lint(markdown(['项目', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'], { caption: '表3', footnote: '注1：本表数据截至2024年12月31日。' }));
    expect(only(mismatches(r, { requests: EXP.requests }))).toEqual([]);
  });

  it('a row left blank in the source stays blank: its numbered label (1.属于国家秘密) gives no value', async () => {
    const r = await lint(markdown(['项目', '数据1', '数据2', '数据3', '数据4', '数据5', '数据6', '数据7'], { blankRow: 'denied.stateSecret' }));
    expect(Object.values(r.tables.requests!.values['denied.stateSecret']!)).toEqual([null, null, null, null, null, null, null]);
    expect(r.tables.requests!.values.received!.natural).toBe(8);
  });

  it('glued web text: a header digit glued to the first label is not a cell (数据7一、本年新收…)', async () => {
    const text = '三、收到和处理政府信息公开申请情况 申请人情况 数据1 数据2 数据3 数据4 数据5 数据6 数据7一、本年新收政府信息公开申请数量 8 0 0 0 0 0 8二、上年结转政府信息公开申请数量 0000000\n';
    const r = await lint(text);
    expect(Object.values(r.tables.requests!.values.received!)).toEqual([8, 0, 0, 0, 0, 0, 8]);
    expect(Object.values(r.tables.requests!.values.carriedOver!)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
