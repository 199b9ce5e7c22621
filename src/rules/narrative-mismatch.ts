// Figures in the narrative (申请 received and handled, carried over, 行政复议, 行政诉讼, 信息处理费) against the tables.
import { defineRule } from './define.js';
import { narrativeMismatches } from '../extract/narrative.js';

export default defineRule({
  id: 'GIA401',
  name: 'narrative-mismatch',
  severity: 'warning',
  tags: ['content', 'cross-check'],
  description: {
    'zh-CN': '正文中的数字（收到和办结的申请件数、结转件数、行政复议和行政诉讼件数、收取的信息处理费）应与统计表一致。',
    en: 'Figures in the text (requests received and handled, carried over, review and litigation cases, fees charged) agree with the tables.',
  },
  messages: {
    received: {
      'zh-CN': '{At}正文说收到申请 {stated} 件（“{quote}”），但{cell}为 {tableValue}（加上年结转 {carried} 件为 {withCarried} 件），两种读法都对不上。',
      en: '{At} says {stated} requests were received ("{quote}"), but {cell} is {tableValue} ({withCarried} with the {carried} carried over): neither reading matches.',
    },
    handled: {
      'zh-CN': '{At}正文说办结 {stated} 件（“{quote}”），但{cell}为 {tableValue}。',
      en: '{At} says {stated} requests were handled ("{quote}"), but {cell} is {tableValue}.',
    },
    carriedForward: {
      'zh-CN': '{At}正文说结转下年度 {stated} 件（“{quote}”），但{cell}为 {tableValue}。',
      en: '{At} says {stated} requests are carried forward ("{quote}"), but {cell} is {tableValue}.',
    },
    carriedOver: {
      'zh-CN': '{At}正文说上年结转 {stated} 件（“{quote}”），但{cell}为 {tableValue}。',
      en: '{At} says {stated} requests were carried over from last year ("{quote}"), but {cell} is {tableValue}.',
    },
    review: {
      'zh-CN': '{At}正文说行政复议 {stated} 件（“{quote}”），但{cell}为 {tableValue}。',
      en: '{At} states {stated} administrative review cases ("{quote}"), but {cell} is {tableValue}.',
    },
    litigation: {
      'zh-CN': '{At}正文说行政诉讼 {stated} 件（“{quote}”），但表四行政诉讼共 {tableValue} 件（未经复议直接起诉 {direct}，复议后起诉 {afterReview}）。',
      en: '{At} states {stated} lawsuits ("{quote}"), but table 四 has {tableValue} ({direct} direct, {afterReview} after review).',
    },
    fee: {
      'zh-CN': '{At}正文说收取信息处理费 {stated} 元（“{quote}”），但表三没有任何申请（{cell}为 0，上年结转为 0）。',
      en: '{At} says {stated} yuan of information processing fees were charged ("{quote}"), but table 三 has no requests at all ({cell} is 0, none carried over).',
    },
  },
  hints: {
    received: {
      'zh-CN': '核对正文与表三“一、本年新收”“二、上年结转”，更正其中之一。',
      en: 'Check the text against table 三 rows I and II and correct one of them.',
    },
    handled: { 'zh-CN': '核对正文与表三“（七）总计”。', en: 'Check the text against table 三 row (7).' },
    carriedForward: { 'zh-CN': '核对正文与表三“四、结转下年度继续办理”。', en: 'Check the text against table 三 row IV.' },
    carriedOver: { 'zh-CN': '核对正文与表三“二、上年结转”。', en: 'Check the text against table 三 row II.' },
    review: { 'zh-CN': '核对正文与表四行政复议“总计”。', en: 'Check the text against the review total of table 四.' },
    litigation: { 'zh-CN': '核对正文与表四两个行政诉讼“总计”。', en: 'Check the text against the two lawsuit totals of table 四.' },
    fee: { 'zh-CN': '核对信息处理费的说明与表三。', en: 'Check the fee statement against table 三.' },
  },
  check(ctx) {
    for (const m of narrativeMismatches(ctx.report, ctx.template)) {
      ctx.emit({
        messageId: m.claim.figure,
        table: m.cell.table,
        row: m.cell.row,
        column: m.cell.column,
        pos: m.claim.pos,
        expected: m.actual,
        actual: m.claim.value,
        data: { stated: m.claim.value, tableValue: m.actual, quote: m.claim.quote, ...m.parts },
        related: [{ ...m.cell }],
      });
    }
  },
});
