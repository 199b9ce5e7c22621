// Rows with values that match no row of the template: reported, never fatal (spec §8).
import { defineRule } from './define.js';

export default defineRule({
  id: 'GIA104',
  name: 'row-unrecognised',
  severity: 'warning',
  tags: ['structure'],
  description: {
    'zh-CN': '统计表中不应有格式以外的行。',
    en: 'A statistical table has no rows beyond the official format.',
  },
  messages: {
    unknown: {
      'zh-CN': '{table}中有无法识别的行“{label}”（数值：{values}），未计入统计。',
      en: '{table} has a row that matches no official row: "{label}" (values: {values}); it was not counted.',
    },
  },
  hints: {
    unknown: {
      'zh-CN': '删除格式以外的行，或将行标题改为格式中的标题。',
      en: 'Remove rows the format does not have, or use the official row label.',
    },
  },
  check(ctx) {
    for (const def of ctx.template.tables) {
      for (const u of ctx.report.tables[def.key]?.unknownRows ?? []) {
        ctx.emit({ messageId: 'unknown', table: def.key, pos: u.pos, data: { label: u.label.slice(0, 60), values: u.values.slice(0, 16).join(' ') } });
      }
    }
  },
});
