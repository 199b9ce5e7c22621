// 总计 = 自然人 + the five 法人或其他组织 columns, for every row of table 三.
import { defineRule } from './define.js';
import { reportTotalMismatches } from './_identity.js';

export default defineRule({
  id: 'GIA302',
  name: 'requests-row-total',
  severity: 'error',
  tags: ['arithmetic'],
  description: {
    'zh-CN': '表三每一行的“总计”等于自然人与五类法人或其他组织之和。',
    en: 'Table 三, every row: the total equals natural persons plus the five kinds of organisation.',
  },
  messages: {
    mismatch: {
      'zh-CN': '{cell}为 {actual}，但自然人与各类法人或其他组织之和为 {expected}，相差 {diff}。{suspect}',
      en: '{cell} is {actual}, but the applicant columns add up to {expected} (off by {diff}). {suspect}',
    },
  },
  hints: {
    mismatch: {
      'zh-CN': '重新加总该行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。',
      en: 'Add the row up again: total = natural persons + the five organisation columns.',
    },
  },
  check(ctx) {
    reportTotalMismatches(ctx, 'requests-row-total');
  },
});
