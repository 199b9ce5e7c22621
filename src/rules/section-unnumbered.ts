// Section headings carry their numeral (一、… 六、) as in the format.
import { defineRule } from './define.js';

export default defineRule({
  id: 'GIA108',
  name: 'section-unnumbered',
  severity: 'info',
  tags: ['structure'],
  description: {
    'zh-CN': '各部分标题应带有格式中的序号（一、至六、）。',
    en: 'Section headings carry their numeral (一、 to 六、) as in the format.',
  },
  messages: {
    unnumbered: {
      'zh-CN': '标题“{heading}”缺少序号“{numeral}、”。',
      en: 'The heading "{heading}" lacks its numeral "{numeral}、".',
    },
  },
  hints: {
    unnumbered: { 'zh-CN': '在标题前加上“{numeral}、”。', en: 'Write "{numeral}、" before the heading.' },
  },
  check(ctx) {
    for (const def of ctx.template.sections) {
      const s = ctx.report.sections.find((x) => x.key === def.key);
      if (s?.found && s.numbered === false) ctx.emit({ messageId: 'unnumbered', pos: s.pos, data: { heading: s.heading ?? '', numeral: def.numeral } });
    }
  },
});
