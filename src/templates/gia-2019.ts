// 国办公开办函〔2019〕60号 《…年度报告格式（试行）》: report years 2019 and 2020.
import { APPEALS_TABLE, CARRY_CHECKS, FIGURES, PROACTIVE_DRAWING, REQUEST_GROUPS, SECTIONS, defineTemplate, requestsTable, resultRowKeys, standardEquations, REQUEST_COLUMNS } from './define.js';
import type { RowDef, TableDef } from '../types.js';

const RC = REQUEST_COLUMNS.map((c) => c.key);

// In the 2019 format （六）其他处理 is a single row with no sub-rows.
const otherHandling: RowDef[] = [{ key: 'otherHandling', label: '（六）其他处理', en: '(6) other handling', columns: RC }];

const requests = requestsTable(
  otherHandling,
  REQUEST_GROUPS.filter((g) => g.key !== 'otherHandling'),
);

const ITEMS = ['lastYearItems', 'change', 'decisions'];

const proactive: TableDef = {
  key: 'proactive',
  numeral: '二',
  label: '主动公开政府信息情况',
  en: 'Proactive disclosure',
  columns: [
    { key: 'made', label: '本年新制作数量', en: 'made this year' },
    { key: 'published', label: '本年新公开数量', en: 'newly published this year' },
    { key: 'publicTotal', label: '对外公开总数量', en: 'total published' },
    { key: 'lastYearItems', label: '上一年项目数量', en: 'items last year' },
    { key: 'change', label: '本年增/减', en: 'change this year', kind: 'signed' },
    { key: 'decisions', label: '处理决定数量', en: 'decisions', aliases: ['本年处理决定数量'] },
    { key: 'projects', label: '采购项目数量', en: 'procurement projects' },
    { key: 'amount', label: '采购总金额', en: 'procurement amount (10,000 yuan)', kind: 'amount', unit: '万元' },
  ],
  rows: [
    { key: 'regulations', label: '规章', en: 'regulations', columns: ['made', 'published', 'publicTotal'], caption: '第二十条第（一）项' },
    {
      key: 'normativeDocs',
      label: '规范性文件',
      en: 'normative documents',
      aliases: ['行政规范性文件'],
      columns: ['made', 'published', 'publicTotal'],
      caption: '第二十条第（一）项',
    },
    { key: 'licensing', label: '行政许可', en: 'administrative licensing', columns: ITEMS, caption: '第二十条第（五）项' },
    { key: 'otherServices', label: '其他对外管理服务事项', en: 'other external services', columns: ITEMS, caption: '第二十条第（五）项' },
    { key: 'penalties', label: '行政处罚', en: 'administrative penalties', columns: ITEMS, caption: '第二十条第（六）项' },
    { key: 'coercion', label: '行政强制', en: 'administrative coercion', columns: ITEMS, caption: '第二十条第（六）项' },
    { key: 'fees', label: '行政事业性收费', en: 'administrative fees', columns: ['lastYearItems', 'change'], caption: '第二十条第（八）项' },
    { key: 'procurement', label: '政府集中采购', en: 'centralised government procurement', columns: ['projects', 'amount'], caption: '第二十条第（九）项' },
  ],
  anchors: ['第二十条第（一）项', '信息内容本年新制作数量'],
  headerTexts: ['第二十条', '信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '处理决定数量', '采购项目数量', '采购总金额'],
  drawing: PROACTIVE_DRAWING,
};

export const GIA_2019 = defineTemplate({
  id: 'gia-2019',
  document: '国办公开办函〔2019〕60号',
  years: { from: 2019, to: 2020 },
  markers: ['本年新制作数量', '对外公开总数量', '上一年项目数量', '本年增/减', '其他对外管理服务事项', '第二十条第（九）项'],
  tables: [proactive, requests, APPEALS_TABLE],
  sections: SECTIONS,
  equations: standardEquations(requests.rows, resultRowKeys(requests.rows)),
  requiresFeeStatement: false,
  crossYear: CARRY_CHECKS,
  figures: FIGURES,
});
