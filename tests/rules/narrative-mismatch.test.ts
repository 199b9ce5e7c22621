import { describe, expect, it } from 'vitest';
import { filled, fixture, lintText } from './_rule-inputs.js';

describe('GIA401 narrative-mismatch', () => {
  it.each(['zh-CN', 'en'] as const)('reports a received figure the table does not have (%s)', async (locale) => {
    const text = fixture('akqi-2021/akqi-2021.txt').replace('共受理5件信息公开申请', '共受理7件信息公开申请');
    const d = (await lintText(text, locale)).diagnostics.filter((x) => x.ruleId === 'GIA401');
    expect(d.map((x) => [x.messageId, x.table, x.row, x.column])).toEqual([['received', 'requests', 'received', 'total']]);
    expect(filled(d[0]!)).toBe(true);
    expect(d[0]!.message).toContain('7');
  });
  it('says nothing when text and tables agree', async () => {
    const r = await lintText(fixture('akqi-2021/akqi-2021.txt'), 'zh-CN');
    expect(r.diagnostics.filter((x) => x.ruleId === 'GIA401')).toEqual([]);
  });
});
