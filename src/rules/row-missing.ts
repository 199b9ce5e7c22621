// Every row of the template must be present in a table that was found.
import { defineRule } from './define.js';

export default defineRule({
  id: 'GIA103',
  name: 'row-missing',
  severity: 'error',
  tags: ['structure'],
  description: {
    'zh-CN': '已找到的统计表应包含格式规定的每一行。',
    en: 'A table that was found has every row of the official format.',
  },
  messages: {
    missing: {
      'zh-CN': '{table}缺少“{row}”行。',
      en: '{table} has no row "{row}".',
    },
  },
  hints: {
    missing: {
      'zh-CN': '按格式补上该行（没有数据的填 0）；如行标题写法不同，请改为格式中的标题。',
      en: 'Add the row (write 0 where there is nothing to report); if its label is worded differently, use the official label.',
    },
  },
  check(ctx) {
    for (const def of ctx.template.tables) {
      const t = ctx.report.tables[def.key];
      if (!t?.found) continue;
      for (const key of t.missingRows) ctx.emit({ messageId: 'missing', table: def.key, row: key });
    }
  },
});
