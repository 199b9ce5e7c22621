// 国办公开办函〔2021〕30号: the format for report years 2021 onward.
import { APPEALS_TABLE, CARRY_CHECKS, FIGURES, PROACTIVE_DRAWING, REQUEST_GROUPS, SECTIONS, defineTemplate, requestsTable, resultRowKeys, standardEquations, REQUEST_COLUMNS, inForceChecks } from './define.js';
import type { RowDef, TableDef } from '../types.js';

const RC = REQUEST_COLUMNS.map((c) => c.key);

const otherHandling: RowDef[] = [
  {
    key: 'otherHandling.noCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    en: '1. applicant failed to correct in time; no longer handled',
    columns: RC,
    group: 'otherHandling',
    aliases: ['1.申请人无正当理由逾期不补正'],
  },
  {
    key: 'otherHandling.unpaidFee',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    en: '2. applicant did not pay the fee in time; no longer handled',
    columns: RC,
    group: 'otherHandling',
    aliases: ['2.申请人逾期未按收费通知要求缴纳费用'],
  },
  { key: 'otherHandling.other', label: '3.其他', en: '3. other', columns: RC, group: 'otherHandling' },
];

const requests = requestsTable(otherHandling, REQUEST_GROUPS);

const proactive: TableDef = {
  key: 'proactive',
  numeral: '二',
  label: '主动公开政府信息情况',
  en: 'Proactive disclosure',
  columns: [
    { key: 'issued', label: '本年制发件数', en: 'issued this year' },
    { key: 'repealed', label: '本年废止件数', en: 'repealed this year' },
    { key: 'inForce', label: '现行有效件数', en: 'in force' },
    { key: 'decisions', label: '本年处理决定数量', en: 'decisions this year' },
    { key: 'amount', label: '本年收费金额（单位：万元）', en: 'fees collected this year (10,000 yuan)', kind: 'amount', unit: '万元' },
  ],
  rows: [
    { key: 'regulations', label: '规章', en: 'regulations', columns: ['issued', 'repealed', 'inForce'], caption: '第二十条第（一）项' },
    {
      key: 'normativeDocs',
      label: '行政规范性文件',
      en: 'normative documents',
      aliases: ['规范性文件'],
      columns: ['issued', 'repealed', 'inForce'],
      caption: '第二十条第（一）项',
    },
    { key: 'licensing', label: '行政许可', en: 'administrative licensing', columns: ['decisions'], caption: '第二十条第（五）项' },
    { key: 'penalties', label: '行政处罚', en: 'administrative penalties', columns: ['decisions'], caption: '第二十条第（六）项' },
    { key: 'coercion', label: '行政强制', en: 'administrative coercion', columns: ['decisions'], caption: '第二十条第（六）项' },
    { key: 'fees', label: '行政事业性收费', en: 'administrative fees', columns: ['amount'], caption: '第二十条第（八）项' },
  ],
  anchors: ['第二十条第（一）项', '信息内容本年制发件数'],
  headerTexts: ['第二十条', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额', '单位：万元'],
  drawing: PROACTIVE_DRAWING,
};

export const GIA_2021 = defineTemplate({
  id: 'gia-2021',
  document: '国办公开办函〔2021〕30号',
  years: { from: 2021 },
  supersedes: 'gia-2019',
  markers: ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额', '申请人无正当理由逾期不补正'],
  tables: [proactive, requests, APPEALS_TABLE],
  sections: SECTIONS,
  equations: standardEquations(requests.rows, resultRowKeys(requests.rows)),
  requiresFeeStatement: true,
  layouts: [
    {
      // spec §5 "Hybrid layout" (洪泽区 2023, 2024): table 三 keeps the 2019 single row （六）其他处理
      id: 'hybrid',
      table: 'requests',
      replaces: otherHandling.map((r) => r.key),
      rows: [{ key: 'otherHandling', label: '（六）其他处理', en: '(6) other handling', columns: RC }],
      dropsGroups: ['otherHandling'],
      deviation: {
        'zh-CN': '表三的“（六）其他处理”沿用了 2019 年格式的单行，没有 2021 年格式的 3 个子项；该行数值记入“（六）其他处理”，勾稽关系按此计算',
        en: 'table 三 keeps the 2019 single row "(6) other handling" instead of the three sub-rows of the 2021 format; its values are read into that row and the identities use it',
      },
    },
  ],
  crossYear: [...CARRY_CHECKS, ...inForceChecks(['regulations', 'normativeDocs'])],
  figures: FIGURES,
});
