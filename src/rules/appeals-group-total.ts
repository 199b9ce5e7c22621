// Table 四: each 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (复议, 直接起诉, 复议后起诉).
import { defineRule } from './define.js';
import { reportTotalMismatches } from './_identity.js';

export default defineRule({
  id: 'GIA304',
  name: 'appeals-group-total',
  severity: 'error',
  tags: ['arithmetic'],
  description: {
    'zh-CN': '表四行政复议、未经复议直接起诉、复议后起诉三组，各组总计等于结果维持、结果纠正、其他结果、尚未审结之和。',
    en: 'Table 四: in each group (review, direct lawsuit, lawsuit after review) the total equals upheld + corrected + other + pending.',
  },
  messages: {
    mismatch: {
      'zh-CN': '{cell}为 {actual}，但该组结果维持、结果纠正、其他结果、尚未审结之和为 {expected}，相差 {diff}。{suspect}',
      en: '{cell} is {actual}, but upheld + corrected + other + pending = {expected} (off by {diff}). {suspect}',
    },
  },
  hints: {
    mismatch: {
      'zh-CN': '核对该组四个结果栏与总计栏。',
      en: 'Check the four result cells of the group against its total.',
    },
  },
  check(ctx) {
    reportTotalMismatches(ctx, 'appeals-group-total');
  },
});
