// 一 + 二 = （七）总计 + 四, per column: the note printed in table 三 itself.
import { defineRule } from './define.js';
import { failingEquations } from './_identity.js';

export default defineRule({
  id: 'GIA301',
  name: 'requests-balance',
  severity: 'error',
  tags: ['arithmetic'],
  description: {
    'zh-CN': '表三每一列：第一项加第二项之和，等于第三项（七）总计加第四项之和。',
    en: 'Table 三, every column: new requests + carried over = results total + carried forward.',
  },
  messages: {
    unbalanced: {
      'zh-CN': '表三“{column}”列：一、本年新收与二、上年结转之和为 {actual}，（七）总计与四、结转下年度继续办理之和为 {expected}，相差 {diff}。{suspect}',
      en: 'Table 三, column "{column}": new + carried over = {actual}, but results total + carried forward = {expected} (off by {diff}). {suspect}',
    },
  },
  hints: {
    unbalanced: {
      'zh-CN': '核对该列的本年新收、上年结转、（七）总计和结转下年度四个数：表三注明“第一项加第二项之和，等于第三项加第四项之和”。',
      en: 'Check the four figures of this column: the table itself states that items 1 + 2 must equal items 3 + 4.',
    },
  },
  check(ctx) {
    for (const { eq, left, right, suspects } of failingEquations(ctx, 'requests-balance')) {
      ctx.emit({
        messageId: 'unbalanced',
        table: 'requests',
        column: eq.anchor.column,
        pos: ctx.cell(eq.anchor)?.pos,
        actual: left,
        expected: right,
        data: { diff: Math.abs(left - right) },
        suspects,
        related: [...eq.left, ...eq.right],
      });
    }
  },
});
