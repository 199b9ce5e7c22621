// Blank is not zero (spec §7): blank cells are reported once per table (how many, in which rows;
// every cell in `related`), and count as 0 in identities.
import { defineRule, type I18nText } from './define.js';

/** Rows named in the message (the rest: "等"); every cell stays in `related`. */
const ROWS_NAMED = 3;

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
      'zh-CN': '{cell}有 {count} 个空白单元格{where}，核对时按 0 计算。',
      en: '{cell} has {count} blank cell(s){where}; they count as 0 in the checks.',
    },
    totalBlank: {
      'zh-CN': '{cell}有 {count} 个空白单元格{where}；其中 {totals} 行的“总计”为空白，这些行的总计无法核对。',
      en: '{cell} has {count} blank cell(s){where}; the total of {totals} row(s) is blank and cannot be checked.',
    },
  },
  hints: {
    blank: { 'zh-CN': '在空白单元格中填写数字，没有的填 0。', en: 'Write a number in each blank cell, 0 where there is nothing.' },
    totalBlank: { 'zh-CN': '填写各行的总计，并在其他空白单元格中填写数字，没有的填 0。', en: 'Fill in the row totals, and a number (0 where there is nothing) in the other blank cells.' },
  },
  check(ctx) {
    for (const def of ctx.template.tables) {
      const t = ctx.report.tables[def.key];
      if (!t?.found) continue;
      const rows: { key: string; zh: string; en: string; blanks: string[] }[] = [];
      for (const row of def.rows) {
        const cells = t.rows[row.key] ? t.cells[row.key] : undefined;
        if (!cells) continue;
        let blanks: string[] | undefined;
        for (const c of row.columns) if (cells[c]?.kind === 'blank') (blanks ??= []).push(c);
        if (blanks) rows.push({ key: row.key, zh: row.label, en: row.en, blanks });
      }
      if (rows.length === 0) continue;
      const col = (c: string) => def.columns.find((x) => x.key === c)!;
      const cols = (r: (typeof rows)[number], zh: boolean) => r.blanks.map((c) => (zh ? col(c).label : col(c).en)).join(zh ? '、' : ', ');
      const count = rows.reduce((n, r) => n + r.blanks.length, 0);
      const totals = rows.filter((r) => r.blanks.includes('total')).length;
      const first = rows[0]!;
      let where: I18nText;
      if (count === 1) where = { 'zh-CN': '', en: '' };
      else if (rows.length === 1) where = { 'zh-CN': `（${cols(first, true)}）`, en: ` (${cols(first, false)})` };
      else {
        const named = rows.slice(0, ROWS_NAMED);
        const more = rows.length - named.length;
        // 表四 has one row of cases: name its columns, not the row
        // several rows: each named with its count (the cells themselves are in `related`)
        const zh = named.map((r) => `“${r.zh}”行 ${r.blanks.length} 个`).join('、');
        const en = named.map((r) => `"${r.en}" ${r.blanks.length}`).join(', ');
        where = {
          'zh-CN': `，在 ${rows.length} 行：${zh}${more ? `等` : ''}`,
          en: ` in ${rows.length} rows: ${en}${more ? `, …` : ''}`,
        };
      }
      // plain loops: flatMap and a second pass for the key string were most of this rule's time
      const related: { table: string; row: string; column: string }[] = [];
      let cells = '';
      for (const r of rows) {
        for (const c of r.blanks) {
          related.push({ table: def.key, row: r.key, column: c });
          cells += `${cells ? ',' : ''}${r.key}/${c}`;
        }
      }
      ctx.emit({
        messageId: totals ? 'totalBlank' : 'blank',
        table: def.key,
        ...(rows.length === 1 ? { row: first.key } : {}),
        ...(count === 1 ? { column: first.blanks[0]! } : {}),
        pos: t.cells[first.key]?.[first.blanks[0]!]?.pos,
        data: { count, rows: rows.length, totals, cells },
        localized: { where },
        ...(count > 1 ? { related } : {}),
      });
    }
  },
});
