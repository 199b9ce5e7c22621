// Each of the three statistical tables must be present (国办公开办函 format: 二, 三, 四).
import { defineRule } from './define.js';

export default defineRule({
  id: 'GIA102',
  name: 'table-missing',
  severity: 'error',
  tags: ['structure'],
  description: {
    'zh-CN': '报告应包含表二（主动公开）、表三（依申请公开）和表四（行政复议、行政诉讼）三张统计表。',
    en: 'A report has the three statistical tables 二 (proactive), 三 (requests) and 四 (review and litigation).',
  },
  messages: {
    missing: {
      'zh-CN': '没有找到{table}。',
      en: '{table} was not found.',
    },
  },
  hints: {
    missing: {
      'zh-CN': '按年度报告格式补上该表；如表格存在但未识别，请检查表头和行标题是否与格式一致。',
      en: 'Add the table in the official layout; if it is there, check that its headers and row labels follow the format.',
    },
  },
  check(ctx) {
    for (const def of ctx.template.tables) {
      if (!ctx.report.tables[def.key]?.found) ctx.emit({ messageId: 'missing', table: def.key });
    }
  },
});
