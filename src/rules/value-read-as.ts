// How odd tokens were read: "—"/"无" as 0, units in cells, 元 converted to 万元. Nothing lost.
import { defineRule, foundRows } from './define.js';

export default defineRule({
  id: 'GIA203',
  name: 'value-read-as',
  severity: 'info',
  tags: ['value'],
  description: {
    'zh-CN': '说明非标准写法的单元格是如何读取的：“—”“/”“无”按 0，单元格中的单位，元换算为万元。',
    en: 'Notes how non-standard cells were read: "—", "/", "无" as 0, units in cells, yuan converted to 10,000 yuan.',
  },
  messages: {
    dash: { 'zh-CN': '{cell}写作“{raw}”，按 0 读取。', en: '{cell} reads "{raw}", taken as 0.' },
    converted: {
      'zh-CN': '{cell}写作“{raw}”，换算为 {value} 万元。',
      en: '{cell} reads "{raw}", converted to {value} (10,000 yuan).',
    },
    unit: { 'zh-CN': '{cell}写作“{raw}”（带单位“{unit}”），按 {value} 读取。', en: '{cell} reads "{raw}" (with unit "{unit}"), taken as {value}.' },
  },
  hints: {
    dash: { 'zh-CN': '没有数据的单元格请填写 0。', en: 'Write 0 where there is nothing to report.' },
    converted: { 'zh-CN': '金额请按表头单位（万元）填写。', en: 'Write amounts in the unit of the header (10,000 yuan).' },
    unit: { 'zh-CN': '单元格中只填写数字。', en: 'Write only the number in the cell.' },
  },
  check(ctx) {
    for (const { def, table: t, row } of foundRows(ctx)) {
      for (const c of row.columns) {
        const cell = t.cells[row.key]?.[c];
        if (!cell) continue;
        if (cell.kind !== 'dash' && (cell.kind !== 'number' || (cell.original === undefined && !cell.unit))) continue; // most cells: nothing to say
        const at = { table: def.key, row: row.key, column: c };
        if (cell.kind === 'dash') ctx.emit({ messageId: 'dash', ...at, data: { raw: cell.raw } });
        else if (cell.kind === 'number' && cell.original !== undefined) ctx.emit({ messageId: 'converted', ...at, data: { raw: cell.raw, value: cell.value ?? '' } });
        else if (cell.kind === 'number' && cell.unit) ctx.emit({ messageId: 'unit', ...at, data: { raw: cell.raw, unit: cell.unit, value: cell.value ?? '' } });
      }
    }
  },
});
