// How sure the reading of a table is, when it is not an exact cell-by-cell reading.
import { defineRule } from './define.js';
import type { I18nText } from './define.js';
import type { ReadingMethod } from '../types.js';

const BY: Record<ReadingMethod, I18nText> = {
  grid: { 'zh-CN': '表格单元格', en: 'table cells' },
  columns: { 'zh-CN': '按列位置', en: 'column positions' },
  tokens: { 'zh-CN': '按文字顺序', en: 'word order' },
  'glued-identities': { 'zh-CN': '按勾稽关系拆分连写的数字', en: 'glued digits split by the identities' },
};

export default defineRule({
  id: 'GIA003',
  name: 'table-reading',
  severity: 'info',
  tags: ['input', 'extraction'],
  description: {
    'zh-CN': '统计表不是逐格准确读出时（部分数值由勾稽关系推断，或有单元格未能读出），说明读取方式和可信度（JSON 输出中每张表的读取信息）。',
    en: 'When a table was not read exactly cell by cell (some values inferred from the identities, or some cells unreadable), says how it was read and how sure the reading is (tables.<t>.reading in the JSON).',
  },
  messages: {
    inferred: {
      'zh-CN': '{table}：部分数值不是逐格读出，而是由勾稽关系推断（读取方式：{by}；可信度：推断），见各行的提示。',
      en: '{table}: some values were not read cell by cell but inferred from the identities (read by {by}; confidence: inferred); see the notes on its rows.',
    },
    partial: {
      'zh-CN': '{table}：有单元格未能读出，已留空（读取方式：{by}；可信度：部分），见各行的警告。',
      en: '{table}: some cells could not be read and are left empty (read by {by}; confidence: partial); see the warnings on its rows.',
    },
  },
  hints: {
    inferred: {
      'zh-CN': '如需确证，请对照原文核对；有 docx 或 HTML 版本时，改用它可以逐格读取。',
      en: 'Check against the source if it matters; a docx or HTML version is read cell by cell.',
    },
    partial: {
      'zh-CN': '请对照原文补录留空的单元格，或改用该报告的 docx 或 HTML 版本检查。',
      en: 'Enter the empty cells from the source, or check the docx or HTML version of the report instead.',
    },
  },
  check(ctx) {
    for (const def of ctx.template.tables) {
      const reading = ctx.report.tables[def.key]?.reading;
      if (!reading || reading.confidence === 'exact') continue;
      ctx.emit({ messageId: reading.confidence, table: def.key, data: { by: reading.by }, localized: { by: BY[reading.by] } });
    }
  },
});
