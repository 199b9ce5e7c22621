// The title names the organ and the year; without them the report cannot be filed or compared.
import { defineRule } from './define.js';

export default defineRule({
  id: 'GIA112',
  name: 'metadata-missing',
  severity: 'warning',
  tags: ['content'],
  description: {
    'zh-CN': '报告标题应写明机关名称和报告年度（如“××县人民政府2021年政府信息公开工作年度报告”）。',
    en: 'The title names the organ and the report year.',
  },
  messages: {
    noYear: { 'zh-CN': '无法从标题或统计期限中读出报告年度。', en: 'The report year could not be read from the title or the statistics period.' },
    noOrgan: { 'zh-CN': '无法从标题中读出机关名称。', en: 'The organ could not be read from the title.' },
  },
  hints: {
    noYear: {
      'zh-CN': '在标题中写明年度，并写明“本报告所列数据的统计期限自××年1月1日起至××年12月31日止”。',
      en: 'Put the year in the title and state the statistics period (1 January to 31 December).',
    },
    noOrgan: { 'zh-CN': '在标题中写明机关全称。', en: 'Put the organ\'s full name in the title.' },
  },
  check(ctx) {
    if (ctx.report.meta.year === null) ctx.emit({ messageId: 'noYear' });
    if (ctx.report.meta.organ === null) ctx.emit({ messageId: 'noOrgan' });
  },
});
