// Art. 49: publish by 31 January; a county-or-higher government's consolidated report by 31 March.
import { defineRule } from './define.js';

/** A consolidated report of a local government (本级政府), not one of its offices or departments. */
export function isLocalGovernment(organ: string | null): boolean {
  return !!organ && /人民政府$/.test(organ) && !/(办公厅|办公室|部门)/.test(organ);
}

export default defineRule({
  id: 'GIA110',
  name: 'late-publication',
  severity: 'warning',
  tags: ['content'],
  description: {
    'zh-CN': '《条例》第四十九条：年度报告应于每年 1 月 31 日前公布；县级以上地方人民政府的本级政府年度报告于 3 月 31 日前公布。',
    en: 'Regulation Art. 49: publish by 31 January; a local government\'s consolidated report by 31 March.',
  },
  messages: {
    late: {
      'zh-CN': '报告于 {published} 发布，晚于{year} 年度报告的公布期限 {deadline}（政府部门为次年 1 月 31 日）。',
      en: 'The report was published on {published}, after the deadline {deadline} for {year} reports (31 January for government departments).',
    },
    lateGovernment: {
      'zh-CN': '报告于 {published} 发布，晚于{year} 年度报告的公布期限 {deadline}（县级以上地方人民政府的本级政府年度报告为次年 3 月 31 日）。',
      en: 'The report was published on {published}, after the deadline {deadline} for {year} reports (31 March for the consolidated report of a local government).',
    },
  },
  hints: {
    late: {
      'zh-CN': '下一年度请在期限前公布；如发布日期写错，请更正。',
      en: 'Publish before the deadline next year; if the date is wrong, correct it.',
    },
    lateGovernment: {
      'zh-CN': '下一年度请在期限前公布；如发布日期写错，请更正。',
      en: 'Publish before the deadline next year; if the date is wrong, correct it.',
    },
  },
  check(ctx) {
    const { year, published, organ } = ctx.report.meta;
    if (year === null || !published) return;
    const gov = isLocalGovernment(organ);
    const deadline = `${year + 1}-${gov ? '03-31' : '01-31'}`;
    if (published > deadline) {
      // the deadline depends on who publishes: one full sentence per case, no bilingual data
      ctx.emit({ messageId: gov ? 'lateGovernment' : 'late', data: { published, deadline, year } });
    }
  },
});
