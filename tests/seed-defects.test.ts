// Defects seeded into the real seed text: the right rules fire at the right cells.
import { describe, expect, it } from 'vitest';
import { analyzeText, fixtureText, flat } from './helpers/report.js';

const SEED = fixtureText('akqi-2021', 'akqi-2021.txt');
const SHANGHAI = fixtureText('shanghai-office-2019', 'shanghai-office-2019.lo.txt');

/** Replaces the `nth` (0-based) value line after the line holding `label`. */
function setValue(text: string, label: string, nth: number, value: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === label);
  if (i < 0) throw new Error(`no line ${label}`);
  const at = i + 1 + nth;
  if (!/^\t\S/.test(lines[at]!)) throw new Error(`line ${at + 1} is no value line: ${JSON.stringify(lines[at])}`);
  lines[at] = `\t${value}`;
  return lines.join('\n');
}

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`no ${from}`);
  return text.replace(from, to);
}

const errorsOf = (r: Awaited<ReturnType<typeof analyzeText>>) => r.diagnostics.filter((d) => d.severity === 'error');

describe('seeded defects in akqi-2021', () => {
  it('（一）予以公开 自然人 4→3: row total and results total fail at the right cells', async () => {
    const r = await analyzeText(setValue(SEED, '（一）予以公开', 0, '3'));
    expect(r.tables.requests!.values.granted!.natural).toBe(3);
    const errs = errorsOf(r);
    expect(errs.map((d) => [d.ruleId, d.table, d.row, d.column, d.actual, d.expected])).toEqual([
      ['GIA302', 'requests', 'granted', 'total', 4, 3],
      ['GIA303', 'requests', 'resultsTotal', 'natural', 5, 4],
    ]);
    expect(errs[0]!.message.startsWith('表三“（一）予以公开”行“总计”列为 4，但自然人与各类法人或其他组织之和为 3，相差 1。')).toBe(true);
    expect(errs[0]!.pos?.line).toBe(r.tables.requests!.cells.granted!.total!.pos!.line);
  });

  it('本年新收 自然人 and 总计 5→6: the balance fails in both columns', async () => {
    const text = setValue(setValue(SEED, '一、本年新收政府信息公开申请数量', 0, '6'), '一、本年新收政府信息公开申请数量', 6, '6');
    const r = await analyzeText(text);
    expect(errorsOf(r).map((d) => [d.ruleId, d.table, d.column, d.actual, d.expected])).toEqual([
      ['GIA301', 'requests', 'natural', 6, 5],
      ['GIA301', 'requests', 'total', 6, 5],
    ]);
    const d = errorsOf(r)[0]!;
    expect(d.row).toBeUndefined();
    expect(d.related?.map((x) => x.row)).toEqual(['received', 'carriedOver', 'resultsTotal', 'carriedForward']);
  });

  it('a blank cell → GIA201, value null, counted as 0', async () => {
    const r = await analyzeText(setValue(SEED, '二、上年结转政府信息公开申请数量', 1, ''));
    const cell = r.tables.requests!.cells.carriedOver!.business!;
    expect(cell).toMatchObject({ value: null, kind: 'blank' });
    expect(flat(r, ['GIA201'])).toEqual([['GIA201', 'requests', 'carriedOver', 'business']]);
    expect(errorsOf(r)).toEqual([]);
  });

  it('"—" → GIA203, value 0, raw kept', async () => {
    const r = await analyzeText(setValue(SEED, '二、上年结转政府信息公开申请数量', 2, '—'));
    expect(r.tables.requests!.cells.carriedOver!.research).toMatchObject({ value: 0, raw: '—', kind: 'dash' });
    expect(flat(r, ['GIA203'])).toEqual([['GIA203', 'requests', 'carriedOver', 'research']]);
    expect(r.diagnostics.find((d) => d.ruleId === 'GIA203')!.severity).toBe('info');
    expect(errorsOf(r)).toEqual([]);
  });

  it('"3.5" in a count → GIA202 notInteger', async () => {
    const r = await analyzeText(setValue(SEED, '行政许可', 0, '3.5'));
    const d = r.diagnostics.filter((x) => x.ruleId === 'GIA202');
    expect(d.map((x) => [x.messageId, x.table, x.row, x.column, x.data.raw])).toEqual([['notInteger', 'proactive', 'licensing', 'decisions', '3.5']]);
  });

  it('a deleted row → GIA103, and the rows around it keep their values', async () => {
    const text = replaceOnce(SEED, '\t\n\t\n\t4.保护第三方合法权益\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n', '');
    const r = await analyzeText(text);
    expect(errorsOf(r).map((d) => [d.ruleId, d.row])).toEqual([['GIA103', 'denied.thirdParty']]);
    expect(r.tables.requests!.values['denied.internal']!.natural).toBe(1);
    expect(r.tables.requests!.values['denied.security']!.total).toBe(0);
  });

  it('an unknown row with values → GIA104 (warning), nothing counted', async () => {
    const text = replaceOnce(SEED, '\t8.属于行政查询事项\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n', '\t8.属于行政查询事项\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n\t\n\t\n\t9.属于其他不予公开情形\n\t2\n\t0\n\t0\n\t0\n\t0\n\t0\n\t2\n\n');
    const r = await analyzeText(text);
    const d = r.diagnostics.filter((x) => x.ruleId === 'GIA104');
    expect(d.map((x) => [x.table, x.data.label, x.data.values, x.severity])).toEqual([['requests', '9.属于其他不予公开情形', '2 0 0 0 0 0 2', 'warning']]);
    expect(errorsOf(r)).toEqual([]);
    expect(r.tables.requests!.values['unavailable.notHeld']!.natural).toBe(0);
  });

  it('a removed section heading → GIA107', async () => {
    const r = await analyzeText(replaceOnce(SEED, '五、存在的主要问题及改进情况\n', ''));
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA107').map((d) => d.data.label)).toEqual(['存在的主要问题及改进情况']);
  });

  it('a removed fee sentence → GIA109', async () => {
    const r = await analyzeText(replaceOnce(SEED, '本年度无收取信息处理费情况及其他需要报告事项。\n', ''));
    expect(flat(r, ['GIA109'])).toEqual([['GIA109', '', '', '']]);
  });

  // Art. 49: a county government's consolidated report is due by 31 March, a department's by
  // 31 January (spec §1). 阿合奇县人民政府 is a county government.
  it('published 2022-02-15: on time for the county government, late for a department (GIA110)', async () => {
    const feb = replaceOnce(SEED, '2022年1月19日', '2022年2月15日');
    const gov = await analyzeText(feb);
    expect(gov.meta.published).toBe('2022-02-15');
    expect(flat(gov, ['GIA110'])).toEqual([]);
    const dept = await analyzeText(replaceOnce(feb, '阿合奇县人民政府2021年政府信息公开', '阿合奇县人民政府办公室2021年政府信息公开'));
    expect(dept.meta.organ).toBe('阿合奇县人民政府办公室');
    const d = dept.diagnostics.filter((x) => x.ruleId === 'GIA110');
    expect(d.map((x) => [x.data.published, x.data.deadline])).toEqual([['2022-02-15', '2022-01-31']]);
  });

  it('published 2022-04-01 → GIA110 for the county government too', async () => {
    const r = await analyzeText(replaceOnce(SEED, '2022年1月19日', '2022年4月1日'));
    expect(r.diagnostics.filter((x) => x.ruleId === 'GIA110').map((x) => x.data.deadline)).toEqual(['2022-03-31']);
  });
});

describe('seeded defects in shanghai-office-2019', () => {
  it('the 2019 layout in a 2021 report → GIA101 error', async () => {
    const r = await analyzeText(replaceOnce(SHANGHAI, '2019年上海市人民政府办公厅', '2021年上海市人民政府办公厅'));
    expect(r.meta.year).toBe(2021);
    expect(r.template.id).toBe('gia-2019');
    const d = r.diagnostics.filter((x) => x.ruleId === 'GIA101');
    expect(d.map((x) => [x.messageId, x.severity])).toEqual([['oldFormat', 'error']]);
  });

  it('the 2019 layout in its own year → no GIA101; table 二 read from the table, not the narrative', async () => {
    const r = await analyzeText(SHANGHAI);
    expect(flat(r, ['GIA101'])).toEqual([]);
    expect(r.tables.proactive!.cells.procurement!.amount).toMatchObject({ value: 25.1, raw: '251000元', unit: '元', original: 251000 });
    expect(r.tables.proactive!.values.regulations).toEqual({ made: 13, published: 13, publicTotal: 524 });
  });
});
