// Sections 一 to 六 of Art. 50 and the format.
import { defineRule } from './define.js';

export default defineRule({
  id: 'GIA107',
  name: 'section-missing',
  severity: 'warning',
  tags: ['structure'],
  description: {
    'zh-CN': '报告应包括一、总体情况至六、其他需要报告的事项六个部分（《条例》第五十条）。',
    en: 'A report has the six sections 一 (overview) to 六 (other matters) (Regulation Art. 50).',
  },
  messages: {
    missing: {
      'zh-CN': '没有找到“{numeral}、{label}”部分。',
      // the heading as the report writes it, so it can be searched for; data.en keeps the gloss
      en: 'Section "{numeral}、{label}" was not found.',
    },
  },
  hints: {
    missing: {
      'zh-CN': '按格式补上该部分及其标题。',
      en: 'Add the section with its heading.',
    },
  },
  check(ctx) {
    for (const def of ctx.template.sections) {
      const s = ctx.report.sections.find((x) => x.key === def.key);
      if (s?.found) continue;
      // a section whose table was found is there even if its heading was not recognised
      if (['proactive', 'requests', 'appeals'].includes(def.key) && ctx.report.tables[def.key]?.found) continue;
      ctx.emit({ messageId: 'missing', data: { numeral: def.numeral, label: def.label, en: def.en } });
    }
  },
});
