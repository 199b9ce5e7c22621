// Blank is not zero (spec §7): a blank cell is reported once per row and counts as 0 in identities.
import { defineRule, foundRows } from './define.js';

export default defineRule({
  id: 'GIA201',
  name: 'blank-cells',
  severity: 'warning',
  tags: ['value'],
  description: {
    'zh-CN': '统计表的每个单元格都应填写数字，没有的填 0；空白不等于 0。',
    en: 'Every cell holds a number, 0 where there is nothing; a blank is not a zero.',
  },
  messages: {
    blank: {
      'zh-CN': '{cell}有 {count} 个空白单元格（{columns}），核对时按 0 计算。',
      en: '{cell} has {count} blank cells ({columns}); they count as 0 in the checks.',
    },
    totalBlank: {
      'zh-CN': '{cell}的“总计”为空白（另有 {count} 个空白单元格），该行的总计无法核对。',
      en: 'The total of {cell} is blank ({count} blank cells in all); the row total cannot be checked.',
    },
  },
  hints: {
    blank: { 'zh-CN': '在空白单元格中填写数字，没有的填 0。', en: 'Write a number in each blank cell, 0 where there is nothing.' },
    totalBlank: { 'zh-CN': '填写该行的总计。', en: 'Fill in the row total.' },
  },
  check(ctx) {
    for (const { def, table: t, row } of foundRows(ctx)) {
      const blanks = row.columns.filter((c) => t.cells[row.key]?.[c]?.kind === 'blank');
      if (blanks.length === 0) continue;
      const names = blanks.map((c) => def.columns.find((x) => x.key === c)!);
      const zh = names.map((c) => c.label).join('、');
      const en = names.map((c) => c.en).join(', ');
      const totalBlank = row.columns.includes('total') && blanks.includes('total');
      const first = blanks[0]!;
      ctx.emit({
        messageId: totalBlank ? 'totalBlank' : 'blank',
        table: def.key,
        row: row.key,
        ...(blanks.length === 1 ? { column: first } : {}),
        pos: t.cells[row.key]?.[first]?.pos,
        data: { count: totalBlank ? blanks.length - 1 : blanks.length, columns: blanks.join(',') },
        localized: { columns: { 'zh-CN': zh, en } },
      });
    }
  },
});
