import { describe, expect, it } from 'vitest';
import { filled, fixture, lintText } from './_rule-inputs.js';

describe('GIA206 glued-digits-ambiguous', () => {
  it.each(['zh-CN', 'en'] as const)('reports the table 二 rows of pingtan it cannot split (%s)', async (locale) => {
    const r = await lintText(fixture('pingtan-2019/pingtan-2019.glued.txt'), locale);
    const d = r.diagnostics.filter((x) => x.ruleId === 'GIA206');
    expect(d.map((x) => [x.messageId, x.table, x.row])).toEqual([
      ['ambiguous', 'proactive', 'normativeDocs'],
      ['ambiguous', 'proactive', 'licensing'],
      ['ambiguous', 'proactive', 'otherServices'],
      ['ambiguous', 'proactive', 'penalties'],
      ['ambiguous', 'proactive', 'coercion'],
      ['ambiguous', 'proactive', 'fees'],
      ['unreadable', 'proactive', 'procurement'],
    ]);
    expect(d.every((x) => x.severity === 'warning' && filled(x))).toBe(true);
  });
  it('says nothing on a report with separated cells', async () => {
    const r = await lintText(fixture('akqi-2021/akqi-2021.txt'), 'zh-CN');
    expect(r.diagnostics.filter((x) => x.ruleId === 'GIA206')).toEqual([]);
  });
});
