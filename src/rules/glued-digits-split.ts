// Glued digits split (src/extract/glued.ts): the run as written and the one split the identities allow.
import { defineRule, foundRows } from './define.js';

export default defineRule({
  id: 'GIA205',
  name: 'glued-digits-split',
  severity: 'info',
  tags: ['extraction'],
  description: {
    'zh-CN': '一行的数字连在一起（网页文本丢失了分隔）时，只有一种拆分符合列数和勾稽关系，按该拆分读取，并列出原文。',
    en: 'When the digits of a row ran together (web text that lost its separators) and only one split fits the column count and the identities, it is read that way; the raw run is shown.',
  },
  messages: {
    split: {
      'zh-CN': '{cell}的数字连在一起（原文“{raw}”），只有一种拆分符合列数和勾稽关系，读作 {values}。',
      en: '{cell}: the digits ran together ("{raw}"); only one split fits the column count and the identities, read as {values}.',
    },
    perDigit: {
      'zh-CN': '{cell}的数字连在一起（原文“{raw}”），位数与列数相同，每位读作一个单元格：{values}。',
      en: '{cell}: the digits ran together ("{raw}"); there are as many digits as cells, read one digit per cell: {values}.',
    },
  },
  hints: {
    split: {
      'zh-CN': '核对拆分结果；发布时请用表格或分隔符隔开各单元格。',
      en: 'Check the split; publish the table with real cells or separators.',
    },
    perDigit: {
      'zh-CN': '核对拆分结果；发布时请用表格或分隔符隔开各单元格。',
      en: 'Check the split; publish the table with real cells or separators.',
    },
  },
  check(ctx) {
    for (const { def, row, found: fr } of foundRows(ctx)) {
      const g = fr.glue;
      if (!g || g.status !== 'split' || !g.values) continue;
      ctx.emit({
        messageId: g.optionCount === 1 && g.raw.replace(/\s/g, '').length === row.columns.length ? 'perDigit' : 'split',
        table: def.key,
        row: row.key,
        pos: fr.pos,
        data: { raw: g.raw, values: g.values.join(' ') },
      });
    }
  },
});
