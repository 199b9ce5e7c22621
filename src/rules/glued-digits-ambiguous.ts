// Glued digits that could not be split with certainty: several splits fit, none fits, or too many to try.
import { defineRule, foundRows } from './define.js';

const options = (opts: number[][] | undefined): string => (opts ?? []).map((o) => o.join(' ')).join(' / ');

export default defineRule({
  id: 'GIA206',
  name: 'glued-digits-ambiguous',
  severity: 'warning',
  tags: ['extraction'],
  description: {
    'zh-CN': '一行的数字连在一起，但无法唯一拆分（多种拆分都说得通，或没有一种符合勾稽关系）时报告，该行数值留空，不作猜测。',
    en: 'The digits of a row ran together and cannot be split with certainty (several splits fit, or none fits the identities); the row is left empty rather than guessed.',
  },
  messages: {
    ambiguous: {
      'zh-CN': '{cell}的数字连在一起（原文“{raw}”），有 {count} 种拆分都符合列数和勾稽关系（如 {options}），无法确定；该行数值留空。',
      en: '{cell}: the digits ran together ("{raw}") and {count} splits fit the column count and the identities (e.g. {options}); the row is left empty.',
    },
    unreadable: {
      'zh-CN': '{cell}的数值连在一起（原文“{raw}”），含小数或单位，无法按位数拆分；该行数值留空。',
      en: '{cell}: the values ran together ("{raw}") with decimals or units and cannot be split by digits; the row is left empty.',
    },
    near: {
      'zh-CN': '{cell}的数字连在一起（原文“{raw}”），没有一种拆分满足全部勾稽关系；拆分 {options} 只有一处勾稽关系（{failing}，见相关单元格）不成立，未采用；该行数值留空。',
      en: '{cell}: the digits ran together ("{raw}") and no split satisfies every identity; {options} breaks only one identity ({failing}, see the related cells), so it was not used; the row is left empty.',
    },
    rowConflict: {
      'zh-CN': '{cell}的数字连在一起（原文“{raw}”），位数与列数相同，只能拆为 {options}，但这样本行的勾稽关系（{failing}）不成立：原文可能有空白单元格被略去，无法确定各数属于哪一列；该行数值留空。',
      en: '{cell}: the digits ran together ("{raw}"); as many digits as cells allow only {options}, which breaks the row\'s identity ({failing}): blank cells may have been dropped from the text, so which column each number belongs to cannot be told; the row is left empty.',
    },
    conflict: {
      'zh-CN': '{cell}的数字连在一起（原文“{raw}”），没有一种拆分符合勾稽关系（不止一处不成立）；该行数值留空。',
      en: '{cell}: the digits ran together ("{raw}") and no split fits the identities (more than one breaks); the row is left empty.',
    },
    gaveUp: {
      'zh-CN': '{cell}的数字连在一起（原文“{raw}”），可能的拆分太多，未拆分；该行数值留空。',
      en: '{cell}: the digits ran together ("{raw}") and there are too many possible splits to try; the row is left empty.',
    },
  },
  hints: {
    ambiguous: {
      'zh-CN': '对照原始报告（PDF 或表格）补录该行；发布时请用表格或分隔符隔开各单元格。',
      en: 'Enter the row from the original report (PDF or table); publish tables with real cells or separators.',
    },
    unreadable: {
      'zh-CN': '对照原始报告补录该行。',
      en: 'Enter the row from the original report.',
    },
    near: {
      'zh-CN': '对照原始报告补录该行，并核对不成立的勾稽关系：原表可能本身有错。',
      en: 'Enter the row from the original report and check the failing identity: the table itself may be wrong.',
    },
    rowConflict: {
      'zh-CN': '对照原始报告（PDF 或表格）补录该行；若原表该行确实如此，请核对该行合计。',
      en: 'Enter the row from the original report (PDF or table); if the original row reads so, check its total.',
    },
    conflict: {
      'zh-CN': '对照原始报告补录该行。',
      en: 'Enter the row from the original report.',
    },
    gaveUp: {
      'zh-CN': '对照原始报告补录该行。',
      en: 'Enter the row from the original report.',
    },
  },
  check(ctx) {
    for (const { def, row, found: fr } of foundRows(ctx)) {
      const g = fr.glue;
      if (!g || g.status === 'split') continue;
      const base = { table: def.key, row: row.key, pos: fr.pos };
      if (g.status === 'ambiguous') {
        if (!g.options?.length) ctx.emit({ ...base, messageId: 'unreadable', data: { raw: g.raw } });
        else ctx.emit({ ...base, messageId: 'ambiguous', data: { raw: g.raw, count: g.optionCount ?? g.options.length, options: options(g.options) } });
      } else if (g.status === 'near' || g.status === 'rowConflict') {
        const failing = [...new Set((g.failing ?? []).map((f) => f.rule))].join(', ');
        const related = (g.failing ?? []).map(({ table, row, column }) => ({ table, row, column }));
        ctx.emit({ ...base, messageId: g.status, data: { raw: g.raw, options: options(g.options), failing }, related });
      } else ctx.emit({ ...base, messageId: g.status, data: { raw: g.raw } });
    }
  },
});
