// Cell values (spec §7 cell-values): counts are integers ≥ 0, amounts decimals ≥ 0, only 本年增/减 signed.
import { defineRule, foundRows } from './define.js';

/** A finding's place and data, made only for a finding (most cells have none). */
function at(table: string, row: string, column: string, raw: string): { table: string; row: string; column: string; data: { raw: string } } {
  return { table, row, column, data: { raw } };
}

export default defineRule({
  id: 'GIA202',
  name: 'invalid-value',
  severity: 'error',
  tags: ['value'],
  description: {
    'zh-CN': '件数为非负整数，金额为非负数，只有 2019 年格式的“本年增/减”可为负数。',
    en: 'Counts are whole numbers ≥ 0, amounts numbers ≥ 0; only the 2019 "change" column may be negative.',
  },
  messages: {
    notNumber: { 'zh-CN': '{cell}的内容“{raw}”不是数字。', en: '{cell} holds "{raw}", which is not a number.' },
    notInteger: { 'zh-CN': '{cell}为 {raw}，件数应为整数。', en: '{cell} is {raw}; a count is a whole number.' },
    negative: { 'zh-CN': '{cell}为 {raw}，不能为负数。', en: '{cell} is {raw}; it cannot be negative.' },
  },
  hints: {
    notNumber: { 'zh-CN': '只填写数字（没有的填 0），说明文字写在表外。', en: 'Write only a number (0 for none); put explanations outside the table.' },
    notInteger: { 'zh-CN': '填写整数件数。', en: 'Write a whole number.' },
    negative: { 'zh-CN': '填写非负数。', en: 'Write a number ≥ 0.' },
  },
  check(ctx) {
    for (const { def, table: t, row } of foundRows(ctx)) {
      for (const c of row.columns) {
        const cell = t.cells[row.key]?.[c];
        if (!cell) continue;
        if (cell.kind === 'invalid') ctx.emit({ messageId: 'notNumber', ...at(def.key, row.key, c, cell.raw) });
        else if (cell.value !== null && cell.kind === 'number') {
          if (cell.value >= 0 && Number.isInteger(cell.value)) continue; // valid in every column kind
          const kind = def.columns.find((x) => x.key === c)?.kind ?? 'count';
          if (cell.value < 0 && kind !== 'signed') ctx.emit({ messageId: 'negative', ...at(def.key, row.key, c, cell.raw), actual: cell.value });
          else if (kind !== 'amount' && !Number.isInteger(cell.value)) ctx.emit({ messageId: 'notInteger', ...at(def.key, row.key, c, cell.raw), actual: cell.value });
        }
      }
    }
  },
});
