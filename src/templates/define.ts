// Helpers that build template data: shared table definitions and equation expansion.
import type { CellRef, ColumnDef, CrossYearCheck, Equation, GroupDef, RowDef, SectionDef, TableDef, Template, TemplateLayout } from '../types.js';

/** Identity helper for type inference. */
export function defineTemplate(t: Template): Template {
  return t;
}

/** Column keys of table 三, in the official order. */
export const REQUEST_COLUMNS: ColumnDef[] = [
  { key: 'natural', label: '自然人', en: 'natural persons' },
  { key: 'business', label: '商业企业', en: 'businesses' },
  { key: 'research', label: '科研机构', en: 'research institutions' },
  { key: 'nonprofit', label: '社会公益组织', en: 'non-profit organisations' },
  { key: 'legal', label: '法律服务机构', en: 'legal service providers' },
  { key: 'otherOrg', label: '其他', en: 'other organisations' },
  { key: 'total', label: '总计', en: 'total' },
];
const RC = REQUEST_COLUMNS.map((c) => c.key);
/** Applicant columns whose sum is 总计. */
export const REQUEST_PARTS = RC.slice(0, 6);

type RowSpec = [key: string, label: string, en: string, aliases?: string[]];

function rows(specs: RowSpec[], group?: string): RowDef[] {
  return specs.map(([key, label, en, aliases]) => ({ key, label, en, columns: RC, ...(group ? { group } : {}), ...(aliases ? { aliases } : {}) }));
}

/** Rows of table 三 before （六）. */
export const REQUEST_ROWS_HEAD: RowDef[] = [
  ...rows([
    ['received', '一、本年新收政府信息公开申请数量', 'I. new requests received this year'],
    ['carriedOver', '二、上年结转政府信息公开申请数量', 'II. requests carried over from last year'],
    ['granted', '（一）予以公开', '(1) granted'],
    ['partlyGranted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '(2) partly granted', ['（二）部分公开']],
  ]),
  ...rows(
    [
      ['denied.stateSecret', '1.属于国家秘密', '1. state secret'],
      ['denied.lawForbids', '2.其他法律行政法规禁止公开', '2. forbidden by other laws'],
      ['denied.security', '3.危及“三安全一稳定”', '3. endangers the "three securities and one stability"', ['3.危及三安全一稳定']],
      ['denied.thirdParty', '4.保护第三方合法权益', '4. protects a third party'],
      ['denied.internal', '5.属于三类内部事务信息', '5. internal affairs'],
      ['denied.process', '6.属于四类过程性信息', '6. process information'],
      ['denied.enforcementFile', '7.属于行政执法案卷', '7. enforcement case file'],
      ['denied.queryMatter', '8.属于行政查询事项', '8. administrative query matter'],
    ],
    'denied',
  ),
  ...rows(
    [
      ['unavailable.notHeld', '1.本机关不掌握相关政府信息', '1. not held by this organ'],
      ['unavailable.needsCreation', '2.没有现成信息需要另行制作', '2. would have to be created'],
      ['unavailable.unclear', '3.补正后申请内容仍不明确', '3. still unclear after correction'],
    ],
    'unavailable',
  ),
  ...rows(
    [
      ['notProcessed.complaint', '1.信访举报投诉类申请', '1. petition or complaint'],
      ['notProcessed.repeated', '2.重复申请', '2. repeated request'],
      ['notProcessed.publication', '3.要求提供公开出版物', '3. asks for a publication'],
      ['notProcessed.excessive', '4.无正当理由大量反复申请', '4. excessive repeated requests'],
      ['notProcessed.confirmation', '5.要求行政机关确认或重新出具已获取信息', '5. asks to confirm or reissue obtained information'],
    ],
    'notProcessed',
  ),
];

/** Rows of table 三 after （六）. */
export const REQUEST_ROWS_TAIL: RowDef[] = rows([
  ['resultsTotal', '（七）总计', '(7) total results'],
  ['carriedForward', '四、结转下年度继续办理', 'IV. carried forward to next year'],
]);

export const REQUEST_GROUPS: GroupDef[] = [
  { key: 'results', label: '三、本年度办理结果', en: 'III. results this year' },
  { key: 'denied', label: '（三）不予公开', en: '(3) denied' },
  { key: 'unavailable', label: '（四）无法提供', en: '(4) cannot be provided' },
  { key: 'notProcessed', label: '（五）不予处理', en: '(5) not processed' },
  { key: 'otherHandling', label: '（六）其他处理', en: '(6) other handling' },
];

/** Builds table 三 from the （六） rows of a version. */
export function requestsTable(otherHandling: RowDef[], groups: GroupDef[]): TableDef {
  return {
    key: 'requests',
    numeral: '三',
    label: '收到和处理政府信息公开申请情况',
    en: 'Requests received and handled',
    columns: REQUEST_COLUMNS,
    rows: [...REQUEST_ROWS_HEAD, ...otherHandling, ...REQUEST_ROWS_TAIL],
    groups,
    anchors: ['本列数据的勾稽关系', '申请人情况', '本年新收政府信息公开申请数量'],
    headerTexts: ['申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    drawing: {
      kind: 'grouped-rows',
      sheetName: '三 依申请',
      corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      header: '申请人情况',
      columnGroups: [{ label: '法人或其他组织', members: ['business', 'research', 'nonprofit', 'legal', 'otherOrg'] }],
      rowSpan: { group: 'results', from: 'granted', to: 'resultsTotal' },
      // the rows requests-balance relates: a finding about a whole column marks these
      columnRows: ['received', 'carriedOver', 'resultsTotal', 'carriedForward'],
    },
  };
}

const APPEAL_GROUPS = ['review', 'direct', 'afterReview'] as const;
const APPEAL_RESULTS: [string, string, string][] = [
  ['upheld', '结果维持', 'upheld'],
  ['corrected', '结果纠正', 'corrected'],
  ['other', '其他结果', 'other result'],
  ['pending', '尚未审结', 'pending'],
  ['total', '总计', 'total'],
];
const APPEAL_GROUP_LABELS: Record<string, [string, string]> = {
  review: ['行政复议', 'administrative review'],
  direct: ['未经复议直接起诉', 'lawsuit without review'],
  afterReview: ['复议后起诉', 'lawsuit after review'],
};

/** Table 四, the same in both versions. */
export const APPEALS_TABLE: TableDef = {
  key: 'appeals',
  numeral: '四',
  label: '政府信息公开行政复议、行政诉讼情况',
  en: 'Administrative review and litigation',
  columns: APPEAL_GROUPS.flatMap((g) =>
    APPEAL_RESULTS.map(([k, label, en]) => ({
      key: `${g}.${k}`,
      label: `${APPEAL_GROUP_LABELS[g]![0]}·${label}`,
      en: `${APPEAL_GROUP_LABELS[g]![1]}: ${en}`,
    })),
  ),
  rows: [
    {
      key: 'cases',
      label: '案件数',
      en: 'cases',
      labelless: true,
      columns: APPEAL_GROUPS.flatMap((g) => APPEAL_RESULTS.map(([k]) => `${g}.${k}`)),
    },
  ],
  anchors: ['未经复议直接起诉', '复议后起诉', '结果维持结果纠正其他结果尚未审结'],
  headerTexts: ['行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉'],
  drawing: { kind: 'grouped-columns', sheetName: '四 复议诉讼', columnGroups: [{ label: '行政诉讼', members: ['direct', 'afterReview'] }] },
};

/** How table 二 is drawn, the same in both versions. */
export const PROACTIVE_DRAWING: TableDef['drawing'] = { kind: 'captioned', sheetName: '二 主动公开', header: '信息内容' };

/** Sections 一 … 六. */
export const SECTIONS: SectionDef[] = [
  { key: 'overview', numeral: '一', label: '总体情况', en: 'Overview', phrases: ['总体情况'] },
  { key: 'proactive', numeral: '二', label: '主动公开政府信息情况', en: 'Proactive disclosure', phrases: ['主动公开政府信息情况', '主动公开政府信息'] },
  { key: 'requests', numeral: '三', label: '收到和处理政府信息公开申请情况', en: 'Requests received and handled', phrases: ['收到和处理政府信息公开申请'] },
  {
    key: 'appeals',
    numeral: '四',
    label: '政府信息公开行政复议、行政诉讼情况',
    en: 'Administrative review and litigation',
    phrases: ['行政复议、行政诉讼', '行政复议、提起行政诉讼', '行政复议和行政诉讼', '行政复议及行政诉讼'],
  },
  {
    key: 'problems',
    numeral: '五',
    label: '存在的主要问题及改进情况',
    en: 'Main problems and improvements',
    // [real] 五、政府信息公开工作存在的主要问题及改进情况; 五、存在的主要问题及整改措施;
    // 五、存在的主要问题及明年工作计划 (pingtan-gaj-2024); the stable part last, for other endings
    phrases: ['存在的主要问题及改进情况', '主要问题及改进情况', '存在的主要问题和改进情况', '存在的主要问题及整改措施', '存在的主要问题及整改情况', '存在的主要问题及明年工作计划', '存在的问题及改进情况', '存在的主要问题'],
  },
  { key: 'other', numeral: '六', label: '其他需要报告的事项', en: 'Other matters to report', phrases: ['其他需要报告的事项', '其他需要报告事项', '其他需要报告'] },
];

function ref(table: string, row: string, column: string): CellRef {
  return { table, row, column };
}

/**
 * Expands the identities of spec §7 for a version of table 三 plus table 四.
 * `resultRows` are the rows whose sum is （七）总计.
 */
export function standardEquations(requestRows: RowDef[], resultRows: string[]): Equation[] {
  const eqs: Equation[] = [];
  // requests-balance — [official] the note in table 三: 第一项加第二项之和，等于第三项加第四项之和.
  for (const c of RC) {
    eqs.push({
      rule: 'requests-balance',
      table: 'requests',
      left: [ref('requests', 'received', c), ref('requests', 'carriedOver', c)],
      right: [ref('requests', 'resultsTotal', c), ref('requests', 'carriedForward', c)],
      anchor: ref('requests', 'carriedForward', c),
    });
  }
  // requests-row-total — [implied] 总计 = the six applicant columns.
  for (const r of requestRows) {
    eqs.push({
      rule: 'requests-row-total',
      table: 'requests',
      left: [ref('requests', r.key, 'total')],
      right: REQUEST_PARTS.map((c) => ref('requests', r.key, c)),
      anchor: ref('requests', r.key, 'total'),
      skipIfBlank: ref('requests', r.key, 'total'),
    });
  }
  // requests-results-total — [implied] （七）总计 = sum of the result rows.
  for (const c of RC) {
    eqs.push({
      rule: 'requests-results-total',
      table: 'requests',
      left: [ref('requests', 'resultsTotal', c)],
      right: resultRows.map((r) => ref('requests', r, c)),
      anchor: ref('requests', 'resultsTotal', c),
    });
  }
  // appeals-group-total — [implied] each 总计 = 维持 + 纠正 + 其他 + 尚未审结.
  for (const g of APPEAL_GROUPS) {
    eqs.push({
      rule: 'appeals-group-total',
      table: 'appeals',
      left: [ref('appeals', 'cases', `${g}.total`)],
      right: ['upheld', 'corrected', 'other', 'pending'].map((k) => ref('appeals', 'cases', `${g}.${k}`)),
      anchor: ref('appeals', 'cases', `${g}.total`),
    });
  }
  return eqs;
}

/** Keys of the result rows of table 三 (（一） … （六）). */
export function resultRowKeys(rowsOfTable: RowDef[]): string[] {
  const start = rowsOfTable.findIndex((r) => r.key === 'granted');
  const end = rowsOfTable.findIndex((r) => r.key === 'resultsTotal');
  return rowsOfTable.slice(start, end).map((r) => r.key);
}

/**
 * The template a layout variant reads with: the layout's rows in place of the rows it replaces,
 * its groups dropped, and every equation rewritten: an equation over one replaced row (a row total)
 * is repeated for each new row in place of the first replaced row and dropped for the others; an
 * equation summing replaced rows (a column total) sums the new rows instead.
 */
export function deriveLayout(t: Template, layout: TemplateLayout): Template {
  const replaced = new Set(layout.replaces);
  const tables = t.tables.map((def) => {
    if (def.key !== layout.table) return def;
    const at = def.rows.findIndex((r) => replaced.has(r.key));
    const rowsOf = def.rows.filter((r) => !replaced.has(r.key));
    rowsOf.splice(at < 0 ? rowsOf.length : at, 0, ...layout.rows);
    return { ...def, rows: rowsOf, groups: (def.groups ?? []).filter((g) => !layout.dropsGroups?.includes(g.key)) };
  });
  const isReplaced = (r: CellRef) => r.table === layout.table && replaced.has(r.row);
  const equations: Equation[] = [];
  for (const eq of t.equations) {
    const refs = [...eq.left, ...eq.right];
    if (!refs.some(isReplaced)) {
      equations.push(eq);
      continue;
    }
    const rowsIn = new Set(refs.map((r) => r.row));
    if (rowsIn.size === 1) {
      // a row equation: once per new row, in place of the first replaced row
      if (eq.anchor.row !== layout.replaces[0]) continue;
      for (const nr of layout.rows) {
        const sub = (r: CellRef): CellRef => ({ ...r, row: nr.key });
        equations.push({ ...eq, left: eq.left.map(sub), right: eq.right.map(sub), anchor: sub(eq.anchor), ...(eq.skipIfBlank ? { skipIfBlank: sub(eq.skipIfBlank) } : {}) });
      }
      continue;
    }
    // a column equation: the new rows (same column) instead of the replaced ones
    const swap = (side: CellRef[]): CellRef[] => {
      const out: CellRef[] = [];
      let added = false;
      for (const r of side) {
        if (!isReplaced(r)) out.push(r);
        else if (!added) {
          added = true;
          for (const nr of layout.rows) out.push({ ...r, row: nr.key });
        }
      }
      return out;
    };
    equations.push({ ...eq, left: swap(eq.left), right: swap(eq.right) });
  }
  return { ...t, tables, equations, layout: layout.id, layouts: [] };
}
/** 上年结转 (year N) = 结转下年度继续办理 (year N−1), per column of table 三 (cross-year-carry). */
export const CARRY_CHECKS: CrossYearCheck[] = RC.map((c) => ({
  rule: 'cross-year-carry',
  cell: ref('requests', 'carriedOver', c),
  prevCell: ref('requests', 'carriedForward', c),
  terms: [{ year: 'prev', cell: ref('requests', 'carriedForward', c), sign: 1 }],
}));

/** 现行有效件数 (N) = 现行有效件数 (N−1) + 本年制发件数 (N) − 本年废止件数 (N), for some rows of table 二 (cross-year-in-force). */
export function inForceChecks(rowKeys: string[]): CrossYearCheck[] {
  return rowKeys.map((row) => ({
    rule: 'cross-year-in-force',
    cell: ref('proactive', row, 'inForce'),
    prevCell: ref('proactive', row, 'inForce'),
    terms: [
      { year: 'prev', cell: ref('proactive', row, 'inForce'), sign: 1, name: 'prevInForce' },
      { year: 'cur', cell: ref('proactive', row, 'issued'), sign: 1, name: 'issued' },
      { year: 'cur', cell: ref('proactive', row, 'repealed'), sign: -1, name: 'repealed' },
    ],
  }));
}

/** The cells the narrative's figures are compared with (tables 三 and 四 are the same in both versions). */
export const FIGURES: Template['figures'] = {
  received: ref('requests', 'received', 'total'),
  carriedOver: ref('requests', 'carriedOver', 'total'),
  handled: ref('requests', 'resultsTotal', 'total'),
  carriedForward: ref('requests', 'carriedForward', 'total'),
  review: ref('appeals', 'cases', 'review.total'),
  direct: ref('appeals', 'cases', 'direct.total'),
  afterReview: ref('appeals', 'cases', 'afterReview.total'),
};
