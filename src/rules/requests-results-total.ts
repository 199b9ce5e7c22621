// （七）总计 = （一） + （二） + every sub-row of （三）…（六）, per column.
import { defineRule } from './define.js';
import { reportTotalMismatches } from './_identity.js';

export default defineRule({
  id: 'GIA303',
  name: 'requests-results-total',
  severity: 'error',
  tags: ['arithmetic'],
  description: {
    'zh-CN': '表三每一列的“（七）总计”等于（一）至（六）各项办理结果之和。',
    en: 'Table 三, every column: (7) total equals the sum of result rows (1) to (6).',
  },
  messages: {
    mismatch: {
      'zh-CN': '{cell}为 {actual}，但（一）至（六）各项办理结果之和为 {expected}，相差 {diff}。{suspect}',
      en: '{cell} is {actual}, but the result rows (1) to (6) add up to {expected} (off by {diff}). {suspect}',
    },
  },
  hints: {
    mismatch: {
      'zh-CN': '逐项核对该列的办理结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理各分项），再更正总计或出错的分项。',
      en: 'Check each result row of this column, then correct the total or the wrong row.',
    },
  },
  check(ctx) {
    reportTotalMismatches(ctx, 'requests-results-total');
  },
});
