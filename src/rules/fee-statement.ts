// 2021 format, section 六: state the 信息处理费 charged, or that none was (国办公开办函〔2021〕30号).
import { defineRule } from './define.js';
import { labelKey } from '../text/normalize.js';

const FEE = /信息处理费|处理费|收费/;

export default defineRule({
  id: 'GIA109',
  name: 'fee-statement',
  severity: 'warning',
  tags: ['content'],
  description: {
    'zh-CN': '2021 年格式的“六、其他需要报告的事项”应说明本年度收取信息处理费的情况（未收取的也应说明）。',
    en: 'In the 2021 format, section 六 states the information processing fees charged, or that none were.',
  },
  messages: {
    missing: {
      'zh-CN': '“六、其他需要报告的事项”没有说明本年度是否收取信息处理费。',
      en: 'Section 六 does not say whether information processing fees (信息处理费) were charged.',
    },
  },
  hints: {
    missing: {
      'zh-CN': '在第六部分写明收取信息处理费的件数和金额，或写明“本年度未收取信息处理费”。',
      en: 'State in section 六 how many fees were charged and how much, or that none were charged this year.',
    },
  },
  check(ctx) {
    if (!ctx.template.requiresFeeStatement) return;
    const s = ctx.report.sections.find((x) => x.key === 'other');
    const paras = ctx.report.paragraphs;
    const body = s?.found && s.paragraphIndex !== undefined ? paras.slice(s.paragraphIndex) : paras.slice(-10);
    const text = body.map((p) => labelKey(p.text)).join('');
    const sixth = s?.found && s.paragraphIndex !== undefined ? text.slice(Math.max(0, text.indexOf(labelKey('其他需要报告的事项')))) : text;
    if (!FEE.test(sixth)) ctx.emit({ messageId: 'missing', pos: s?.pos });
  },
});
