import { describe, expect, it } from 'vitest';
import { filled, fixture, lintText } from './_rule-inputs.js';

describe('GIA205 glued-digits-split', () => {
  it.each(['zh-CN', 'en'] as const)('reports the splits of pingtan (%s)', async (locale) => {
    const r = await lintText(fixture('pingtan-2019/pingtan-2019.glued.txt'), locale);
    const d = r.diagnostics.filter((x) => x.ruleId === 'GIA205');
    // 23 rows of table 三, table 四, and 规章000 in table 二
    expect(d).toHaveLength(25);
    expect(d.every((x) => x.severity === 'info' && filled(x))).toBe(true);
    expect(d.find((x) => x.row === 'received')!.messageId).toBe('split');
    expect(d.find((x) => x.row === 'regulations')!.messageId).toBe('perDigit');
  });
  it('says nothing on a report with separated cells', async () => {
    const r = await lintText(fixture('akqi-2021/akqi-2021.txt'), 'zh-CN');
    expect(r.diagnostics.filter((x) => x.ruleId === 'GIA205')).toEqual([]);
  });
});
