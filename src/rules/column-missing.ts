// Table 三's header shows the seven applicant columns of the format.
import { defineRule } from './define.js';

export default defineRule({
  id: 'GIA106',
  name: 'column-missing',
  severity: 'warning',
  tags: ['structure'],
  description: {
    'zh-CN': '表三表头应列出自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他和总计七列。',
    en: 'Table 三 header shows the seven applicant columns of the format.',
  },
  messages: {
    missing: {
      'zh-CN': '{table}表头中没有找到“{column}”列；数值按格式的列序读取。',
      en: 'The header of {table} does not show column "{column}"; values were read in the format\'s column order.',
    },
  },
  hints: {
    missing: {
      'zh-CN': '使用格式规定的表头，确认各列顺序与格式一致。',
      en: 'Use the official header and check that the columns are in the official order.',
    },
  },
  check(ctx) {
    for (const def of ctx.template.tables) {
      const t = ctx.report.tables[def.key];
      if (!t?.found) continue;
      for (const c of t.missingColumns) ctx.emit({ messageId: 'missing', table: def.key, column: c });
    }
  },
});
