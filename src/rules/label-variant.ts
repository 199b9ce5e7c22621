// Rows recognised through a known variant of the official label (e.g. 规范性文件 for 行政规范性文件).
import { defineRule, foundRows } from './define.js';
import { labelKey, stripNumbering } from '../text/normalize.js';

export default defineRule({
  id: 'GIA111',
  name: 'label-variant',
  severity: 'info',
  tags: ['structure'],
  description: {
    'zh-CN': '行标题应与格式中的标题一致；常见的变体可以识别，但会提示。',
    en: 'Row labels match the official labels; known variants are recognised and noted.',
  },
  messages: {
    variant: {
      'zh-CN': '“{found}”按格式应写作“{official}”。',
      en: '"{found}" is written "{official}" in the official format.',
    },
  },
  hints: {
    variant: { 'zh-CN': '将行标题改为“{official}”。', en: 'Use the label "{official}".' },
  },
  check(ctx) {
    for (const { def, row, found: fr } of foundRows(ctx)) {
      if (!fr.matched) continue;
      const official = labelKey(row.label);
      if (fr.matched === official || fr.matched === stripNumbering(official)) continue;
      // an alias that is only a shortened form of the official label is no variant
      if (official.startsWith(fr.matched) || stripNumbering(official).startsWith(fr.matched)) continue;
      ctx.emit({ messageId: 'variant', table: def.key, row: row.key, pos: fr.pos, data: { found: fr.matched, official: row.label } });
    }
  },
});
