// Across years: 上年结转 (year N) = 结转下年度继续办理 (year N−1), same organ, per column of table 三.
// A run-level rule: the engine (src/engine/run.ts) keeps the cells it reads of every report of a run
// and runs it over each organ's reports (the checks are template data: Template.crossYear).
import { defineRule } from './define.js';
import { crossYearCells, runCrossYearChecks } from './_cross-year.js';

export default defineRule({
  id: 'GIA402',
  name: 'cross-year-carry',
  severity: 'warning',
  tags: ['cross-year', 'arithmetic'],
  description: {
    'zh-CN': '同一机关相邻两年的报告：本年“二、上年结转政府信息公开申请数量”等于上一年“四、结转下年度继续办理”，逐列比较。',
    en: 'Two reports of the same organ for consecutive years: this year\'s "carried over" equals last year\'s "carried forward", column by column.',
  },
  messages: {
    mismatch: {
      'zh-CN': '{cell}为 {actual}，但 {prevFile}（{prevYear} 年报告）表三“四、结转下年度继续办理”行“{column}”列为 {expected}。',
      en: '{cell} is {actual}, but {prevFile} (the {prevYear} report) carries forward {expected} in table 三, row "IV. carried forward", column "{column}".',
    },
  },
  hints: {
    mismatch: {
      'zh-CN': '上一年结转下年度继续办理的申请，应作为本年的上年结转：核对两份报告，更正其中之一。',
      en: 'Requests carried forward last year are this year\'s carried-over requests: check both reports and correct one.',
    },
  },
  reads(template) {
    return crossYearCells(template, 'cross-year-carry');
  },
  checkRun(ctx) {
    runCrossYearChecks(ctx, 'cross-year-carry');
  },
});
