// A row holds exactly the template's number of cells.
import { defineRule, foundRows } from './define.js';

export default defineRule({
  id: 'GIA105',
  name: 'cell-count',
  severity: 'error',
  tags: ['structure'],
  description: {
    'zh-CN': '每一行的数值个数应与格式规定的列数一致（表格中确实缺少单元格的行；文本中无法读出的行见 GIA002）。',
    en: 'Each row has as many values as the format has columns (rows of a table really short of cells; text rows that could not be read are GIA002).',
  },
  messages: {
    tooFew: {
      'zh-CN': '{cell}：该行只有 {found} 个数值，格式规定 {expected} 个；缺少的单元格记为空。',
      en: '{cell}: the row has {found} values where the format has {expected}; the missing cells are left empty.',
    },
    tooMany: {
      'zh-CN': '{cell}：该行有 {found} 个数值，格式规定 {expected} 个；多出的“{extra}”未计入。',
      en: '{cell}: the row has {found} values where the format has {expected}; the extra "{extra}" was not counted.',
    },
  },
  hints: {
    tooFew: {
      'zh-CN': '补齐该行每一列的数值（没有的填 0），不要合并或省略单元格。',
      en: 'Fill every column of the row (0 where there is nothing), without merging or leaving out cells.',
    },
    tooMany: {
      'zh-CN': '删除多余的单元格，使该行与格式的列一致。',
      en: 'Remove the extra cells so the row matches the format.',
    },
  },
  check(ctx) {
    for (const { def, row, found: fr } of foundRows(ctx)) {
      // a row the reader could not place (GIA002) or glued digits it could not split (GIA206) is a
      // reading failure, not a row the author left short
      if (fr.unread !== undefined || (fr.glue && fr.glue.status !== 'split')) continue;
      const n = row.columns.length;
      if (fr.cellsFound < n) {
        ctx.emit({ messageId: 'tooFew', table: def.key, row: row.key, pos: fr.pos, expected: n, actual: fr.cellsFound, data: { found: fr.cellsFound } });
      } else if (fr.extra?.length) {
        ctx.emit({ messageId: 'tooMany', table: def.key, row: row.key, pos: fr.pos, severity: 'warning', expected: n, actual: fr.cellsFound, data: { found: fr.cellsFound, extra: fr.extra.join(' ') } });
      }
    }
  },
});
