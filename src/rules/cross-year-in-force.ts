// Across years (2021 format): 现行有效件数 (N) = 现行有效件数 (N−1) + 本年制发件数 (N) − 本年废止件数 (N).
// A run-level rule: the engine (src/engine/run.ts) keeps the cells it reads of every report of a run
// and runs it over each organ's reports (the checks are template data: Template.crossYear).
import { defineRule } from './define.js';
import { crossYearCells, runCrossYearChecks } from './_cross-year.js';

export default defineRule({
  id: 'GIA403',
  name: 'cross-year-in-force',
  severity: 'info',
  tags: ['cross-year', 'arithmetic'],
  description: {
    'zh-CN': '同一机关相邻两年的 2021 年格式报告：本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（规章、行政规范性文件）。各地计数口径不一，仅作提示。',
    en: 'Two 2021-format reports of the same organ for consecutive years: in force = last year\'s in force + issued − repealed (regulations, normative documents). Counting conventions vary, so this is informational.',
  },
  messages: {
    mismatch: {
      'zh-CN': '{cell}为 {actual}，但按 {prevFile}（{prevYear} 年报告）现行有效 {prevInForce} 件 + 本年制发 {issued} 件 − 本年废止 {repealed} 件，应为 {expected}。',
      en: '{cell} is {actual}, but {prevFile} (the {prevYear} report) had {prevInForce} in force; + {issued} issued − {repealed} repealed gives {expected}.',
    },
  },
  hints: {
    mismatch: {
      'zh-CN': '核对现行有效件数的统计口径（是否含上级文件、是否清理失效文件），必要时在报告中说明。',
      en: 'Check how documents in force are counted (superior documents included? expired ones cleared?) and explain it in the report if needed.',
    },
  },
  reads(template) {
    return crossYearCells(template, 'cross-year-in-force');
  },
  checkRun(ctx) {
    runCrossYearChecks(ctx, 'cross-year-in-force');
  },
});
