// The format must match the report year: 2019 format for 2019–2020, 2021 format from 2021 (spec §2).
import { defineRule } from './define.js';
import { getTemplate, supersededFrom } from '../templates/index.js';

export default defineRule({
  id: 'GIA101',
  name: 'template-version',
  severity: 'error',
  tags: ['structure'],
  description: {
    'zh-CN': '报告格式应与报告年度一致：2019、2020 年度用国办公开办函〔2019〕60号格式，2021 年度起用国办公开办函〔2021〕30号格式。',
    en: 'The format matches the report year: the 2019 format for 2019–2020, the 2021 format from 2021 on.',
  },
  messages: {
    oldFormat: {
      'zh-CN': '{year} 年度报告使用了已停用的 2019 年格式（{found}），应使用国办公开办函〔2021〕30号格式。',
      en: 'The {year} report uses the retired 2019 format ({found}); reports from 2021 on use the 2021 format.',
    },
    newFormatEarly: {
      'zh-CN': '{year} 年度报告使用了 2021 年格式的表格（{found}），该年度应使用国办公开办函〔2019〕60号格式。',
      en: 'The {year} report uses the 2021 format tables ({found}); that year used the 2019 format.',
    },
    layoutVariant: {
      'zh-CN': '报告格式与国办格式有出入：{deviation}。',
      en: 'The tables deviate from the national format: {deviation}.',
    },
    undetermined: {
      'zh-CN': '无法从表格标签判断报告格式，按 {template} 读取。',
      en: 'The format could not be told from the table labels; read as {template}.',
    },
  },
  hints: {
    oldFormat: { 'zh-CN': '按国办公开办函〔2021〕30号的格式重新制表。', en: 'Redo the tables in the format of 国办公开办函〔2021〕30号.' },
    newFormatEarly: { 'zh-CN': '确认报告年度；2019、2020 年度可参照 2019 年格式。', en: 'Check the report year; 2019 and 2020 reports follow the 2019 format.' },
    layoutVariant: {
      'zh-CN': '下一年度请按国办公开办函〔2021〕30号的格式分列各行（数值不受影响，已按此检查勾稽关系）。',
      en: 'Next year, give each row of the 2021 format (the values are unaffected and were checked as read).',
    },
    undetermined: { 'zh-CN': '用 --template 指定格式，或检查表格标签。', en: 'Name the format with --template, or check the table labels.' },
  },
  check(ctx) {
    const { report } = ctx;
    const choice = report.template;
    if (choice.layout) {
      const dev = getTemplate(choice.id)?.layouts?.find((l) => l.id === choice.layout)?.deviation;
      if (dev) ctx.emit({ messageId: 'layoutVariant', severity: 'warning', data: { layout: choice.layout }, localized: { deviation: dev } });
    }
    if (choice.by === 'default' || choice.by === 'year') {
      ctx.emit({ messageId: 'undetermined', severity: 'warning', data: { template: choice.id } });
      return;
    }
    const year = report.meta.year;
    if (year === null) return;
    const found = (choice.evidence ?? []).slice(0, 3).join('、') || choice.id;
    const t = ctx.template;
    const until = supersededFrom(t);
    // a retired format: past its last year, or in a year of the format that replaced it
    if ((t.years.to !== undefined && year > t.years.to) || (until !== undefined && year >= until)) ctx.emit({ messageId: 'oldFormat', data: { year, found } });
    // a format used before its first year, while the one it replaced was still in force
    if (t.supersedes !== undefined && year < t.years.from) ctx.emit({ messageId: 'newFormatEarly', severity: 'warning', data: { year, found } });
  },
});
