// The seed report (akqi-2021): every value, metadata, diagnostics and source positions.
import { describe, expect, it } from 'vitest';
import { analyzeText, expectedOf, fixtureText, mismatches } from './helpers/report.js';

const text = fixtureText('akqi-2021', 'akqi-2021.txt');
const lines = text.split('\n');
const expected = expectedOf('akqi-2021');

describe('akqi-2021 seed', async () => {
  const r = await analyzeText(text, {}, 'akqi-2021.txt');

  it('reads every value of tables 二, 三 and 四 as transcribed by hand', () => {
    expect(mismatches(r, expected)).toEqual([]);
  });

  it('reads the hand-checked landmarks', () => {
    const v = r.tables;
    expect(v.proactive!.values.licensing!.decisions).toBe(707);
    expect(v.proactive!.values.penalties!.decisions).toBe(17225);
    expect(v.proactive!.values.fees!.amount).toBe(879.127651);
    expect(v.proactive!.values.normativeDocs).toEqual({ issued: 0, repealed: 0, inForce: 11 });
    expect(v.requests!.values.received!.natural).toBe(5);
    expect(v.requests!.values.received!.total).toBe(5);
    expect(v.requests!.values['denied.internal']!.natural).toBe(1);
    expect(v.requests!.values.resultsTotal!.total).toBe(5);
  });

  it('detects the 2021 template from its labels', () => {
    expect(r.template.id).toBe('gia-2021');
    expect(r.template.by).toBe('labels');
  });

  it('reads organ, year, title and publication date', () => {
    expect(r.meta.organ).toBe('阿合奇县人民政府');
    expect(r.meta.year).toBe(2021);
    expect(r.meta.published).toBe('2022-01-19');
    expect(r.meta.title).toBe('阿合奇县人民政府2021年政府信息公开工作年度报告');
    expect(r.source.encoding).toBe('utf-8');
  });

  it('has no error-level diagnostic, and the notes it has are the expected ones', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics.map((d) => [d.ruleId, d.table ?? '', d.row ?? ''])).toEqual([
      ['GIA111', 'proactive', 'normativeDocs'], // 规范性文件 for 行政规范性文件 (table 二, line 34)
      ['GIA108', '', ''], // 收到和处理政府信息公开申请情况 without 三、 (line 67)
      ['GIA108', '', ''], // 其他需要报告的事项 without 六、 (line 403)
    ]); // in document order
  });

  it('every cell points at the line and column of its raw text in the file', () => {
    let checked = 0;
    for (const t of Object.values(r.tables)) {
      for (const row of Object.values(t.cells)) {
        for (const cell of Object.values(row)) {
          expect(cell.pos?.line, JSON.stringify(cell)).toBeTypeOf('number');
          const line = lines[cell.pos!.line! - 1]!;
          expect(line.slice(cell.pos!.column! - 1, cell.pos!.column! - 1 + cell.raw.length)).toBe(cell.raw);
          checked++;
        }
      }
    }
    expect(checked).toBe(200);
  });

  it('points at known lines', () => {
    expect(lines[r.tables.proactive!.cells.licensing!.decisions!.pos!.line! - 1]).toBe('\t707');
    expect(r.tables.proactive!.cells.fees!.amount!.raw).toBe('879.127651');
    const internal = r.tables.requests!.cells['denied.internal']!;
    expect(lines[internal.natural!.pos!.line! - 2]).toBe('\t5.属于三类内部事务信息');
    expect(internal.total!.pos!.line! - internal.natural!.pos!.line!).toBe(6);
    expect(r.tables.requests!.rows['denied.internal']!.pos!.line).toBe(internal.natural!.pos!.line! - 1);
  });
});
