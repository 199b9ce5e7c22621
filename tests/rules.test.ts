// Every rule: a valid report it stays silent on, and an invalid one it reports at the right place.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { RULES } from '../src/rules/index.js';
import { lintBuilt, type BuildOptions } from './helpers/build.js';

/** A consistent, non-trivial 2021 report. */
const VALID: BuildOptions = {
  cells: {
    proactive: { fees: { amount: 12.5 }, licensing: { decisions: 707 } },
    requests: {
      received: { natural: 5, total: 5 },
      carriedOver: { business: 1, total: 1 },
      granted: { natural: 4, total: 4 },
      'denied.internal': { natural: 1, business: 1, total: 2 },
      resultsTotal: { natural: 5, business: 1, total: 6 },
    },
    appeals: { cases: { 'review.upheld': 2, 'review.pending': 1, 'review.total': 3 } },
  },
};

function merge(a: BuildOptions, b: BuildOptions): BuildOptions {
  const cells = structuredClone(a.cells ?? {});
  for (const [t, rows] of Object.entries(b.cells ?? {})) for (const [r, cols] of Object.entries(rows)) Object.assign(((cells[t] ??= {})[r] ??= {}), cols);
  return { ...a, ...b, cells };
}

interface Case {
  name: string;
  opts: BuildOptions;
  /** [messageId, table, row, column] of each diagnostic of the rule, in order. */
  expect: [string, string?, string?, string?][];
  check?: (d: ReturnType<typeof lintBuilt>['diagnostics']) => void;
}

const INVALID: Record<string, Case[]> = {
  GIA001: [{ name: 'encoding guessed', opts: { notes: [{ code: 'encoding-guessed', data: { encoding: 'gb18030' } }] }, expect: [['guessed']] }],
  GIA002: [
    {
      name: 'a text row read short',
      opts: { cellsFound: { 'requests/granted': { found: 2 } }, rowFacts: { 'requests/granted': { unread: '3 3', by: 'tokens' } } },
      expect: [['unreadable', 'requests', 'granted']],
      check: (d) => {
        expect(d[0]!.data).toMatchObject({ raw: '3 3', expected: 7, found: 2 });
        expect(d[0]!.severity).toBe('warning');
      },
    },
    {
      name: 'a text row with more numbers than columns',
      opts: { cellsFound: { 'requests/granted': { found: 9, extra: ['18', '12'] } }, rowFacts: { 'requests/granted': { unread: '3 14 35 2 1 859 18 12 1' } } },
      expect: [['tooMany', 'requests', 'granted']],
      check: (d) => expect(d[0]!.data).toMatchObject({ expected: 7, found: 9 }),
    },
    { name: 'a label with no numbers', opts: { cellsFound: { 'requests/granted': { found: 0 } }, rowFacts: { 'requests/granted': { unread: '' } } }, expect: [['noNumbers', 'requests', 'granted']] },
  ],
  GIA003: [
    { name: 'inferred', opts: { readings: { requests: { by: 'glued-identities', confidence: 'inferred' } } }, expect: [['inferred', 'requests']], check: (d) => expect(d[0]!.severity).toBe('info') },
    { name: 'partial', opts: { readings: { requests: { by: 'tokens', confidence: 'partial' }, appeals: { by: 'grid', confidence: 'exact' } } }, expect: [['partial', 'requests']] },
  ],
  GIA101: [
    { name: '2019 format for 2021', opts: { template: 'gia-2019', meta: { year: 2021 } }, expect: [['oldFormat']], check: (d) => expect(d[0]!.severity).toBe('error') },
    { name: '2021 format for 2020', opts: { meta: { year: 2020 } }, expect: [['newFormatEarly']], check: (d) => expect(d[0]!.severity).toBe('warning') },
    { name: 'undetermined', opts: { choice: { by: 'default', evidence: [] } }, expect: [['undetermined']] },
  ],
  GIA102: [{ name: 'table 四 missing', opts: { missingTables: ['appeals'] }, expect: [['missing', 'appeals']] }],
  GIA103: [{ name: 'row missing', opts: { missingRows: ['requests/denied.thirdParty'] }, expect: [['missing', 'requests', 'denied.thirdParty']] }],
  GIA104: [
    {
      name: 'unknown row',
      opts: { unknownRows: [{ table: 'requests', label: '9.其他情形', values: ['1', '0'] }] },
      expect: [['unknown', 'requests']],
      check: (d) => expect(d[0]!.data).toMatchObject({ label: '9.其他情形', values: '1 0' }),
    },
  ],
  GIA105: [
    { name: 'too few', opts: { cellsFound: { 'requests/granted': { found: 5 } } }, expect: [['tooFew', 'requests', 'granted']], check: (d) => expect([d[0]!.expected, d[0]!.actual]).toEqual([7, 5]) },
    { name: 'not for a row the reader could not read (GIA002 says so)', opts: { cellsFound: { 'requests/granted': { found: 2 } }, rowFacts: { 'requests/granted': { unread: '3 3' } } }, expect: [] },
    {
      name: 'not for glued digits that could not be split (GIA206 says so)',
      opts: { cellsFound: { 'requests/granted': { found: 1 } }, rowFacts: { 'requests/granted': { glue: { status: 'ambiguous', raw: '3003', options: [], optionCount: 0 } } } },
      expect: [],
    },
    {
      name: 'too many',
      opts: { cellsFound: { 'requests/granted': { found: 8, extra: ['9'] } } },
      expect: [['tooMany', 'requests', 'granted']],
      check: (d) => expect(d[0]!.severity).toBe('warning'),
    },
  ],
  GIA106: [{ name: 'column missing', opts: { missingColumns: ['research'] }, expect: [['missing', 'requests', undefined, 'research']] }],
  GIA107: [{ name: 'section 五 missing', opts: { sections: { problems: false } }, expect: [['missing']], check: (d) => expect(d[0]!.data.numeral).toBe('五') }],
  GIA108: [{ name: 'heading without numeral', opts: { sections: { other: 'unnumbered' } }, expect: [['unnumbered']], check: (d) => expect(d[0]!.data.numeral).toBe('六') }],
  GIA109: [{ name: 'no fee statement', opts: { paragraphs: ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '无。'] }, expect: [['missing']] }],
  GIA110: [
    { name: 'department after 31 January', opts: { meta: { published: '2022-02-01' } }, expect: [['late']], check: (d) => expect(d[0]!.data.deadline).toBe('2022-01-31') },
    { name: 'local government after 31 March', opts: { meta: { organ: '某县人民政府', published: '2022-04-01' } }, expect: [['lateGovernment']], check: (d) => expect(d[0]!.data.deadline).toBe('2022-03-31') },
  ],
  GIA111: [{ name: '规范性文件 for 行政规范性文件', opts: { matched: { 'proactive/normativeDocs': '规范性文件' } }, expect: [['variant', 'proactive', 'normativeDocs']] }],
  GIA112: [{ name: 'no year, no organ', opts: { meta: { year: null, organ: null } }, expect: [['noYear'], ['noOrgan']] }],
  GIA201: [
    { name: 'blank cell', opts: { cells: { requests: { carriedOver: { legal: null } } } }, expect: [['blank', 'requests', 'carriedOver', 'legal']] },
    { name: 'blank total', opts: { cells: { requests: { granted: { total: null, legal: null } } } }, expect: [['totalBlank', 'requests', 'granted']] },
  ],
  GIA202: [
    { name: 'text', opts: { cells: { requests: { carriedOver: { legal: '若干' } } } }, expect: [['notNumber', 'requests', 'carriedOver', 'legal']] },
    { name: 'decimal count', opts: { cells: { proactive: { licensing: { decisions: '3.5' } } } }, expect: [['notInteger', 'proactive', 'licensing', 'decisions']] },
    { name: 'negative count', opts: { cells: { proactive: { penalties: { decisions: '-2' } } } }, expect: [['negative', 'proactive', 'penalties', 'decisions']] },
  ],
  GIA203: [
    { name: 'dash', opts: { cells: { requests: { carriedOver: { legal: '—' } } } }, expect: [['dash', 'requests', 'carriedOver', 'legal']] },
    { name: 'unit', opts: { cells: { proactive: { licensing: { decisions: '707件' } } } }, expect: [['unit', 'proactive', 'licensing', 'decisions']] },
    { name: '元 → 万元', opts: { cells: { proactive: { fees: { amount: '125000元' } } } }, expect: [['converted', 'proactive', 'fees', 'amount']], check: (d) => expect(d[0]!.data.value).toBe(12.5) },
  ],
  GIA301: [
    {
      name: 'unbalanced column',
      opts: { cells: { requests: { carriedForward: { natural: 1, total: 1 } } } },
      expect: [['unbalanced', 'requests', undefined, 'natural'], ['unbalanced', 'requests', undefined, 'total']],
      check: (d) => expect([d[0]!.actual, d[0]!.expected]).toEqual([5, 6]),
    },
  ],
  GIA302: [
    { name: 'row total off', opts: { cells: { requests: { received: { natural: 4 }, granted: { natural: 3 }, resultsTotal: { natural: 4 } } } }, expect: [['mismatch', 'requests', 'received', 'total'], ['mismatch', 'requests', 'granted', 'total'], ['mismatch', 'requests', 'resultsTotal', 'total']] },
  ],
  GIA303: [
    { name: 'results total off', opts: { cells: { requests: { 'denied.internal': { natural: 2, business: 0 } } } }, expect: [['mismatch', 'requests', 'resultsTotal', 'natural'], ['mismatch', 'requests', 'resultsTotal', 'business']] },
  ],
  GIA304: [
    { name: 'review total off', opts: { cells: { appeals: { cases: { 'review.total': 4 } } } }, expect: [['mismatch', 'appeals', 'cases', 'review.total']], check: (d) => expect([d[0]!.actual, d[0]!.expected, d[0]!.data.diff]).toEqual([4, 3, 1]) },
  ],
};

describe('the valid report', () => {
  it('has no diagnostic at all (2021)', () => {
    expect(lintBuilt(VALID).diagnostics.map((d) => d.message)).toEqual([]);
  });
  it('has no diagnostic at all (2019, all zeros)', () => {
    expect(lintBuilt({ template: 'gia-2019' }).diagnostics.map((d) => d.message)).toEqual([]);
  });
});

describe.each(RULES.map((r) => [r.id, r.name] as const))('%s %s', (id, name) => {
  it('has invalid cases here or a tests/rules/<name>.test.ts of its own', () => {
    const own = existsSync(new URL(`./rules/${name}.test.ts`, import.meta.url));
    expect(own || (INVALID[id]?.length ?? 0) > 0, `no tests for ${id} ${name}`).toBe(true);
  });
  for (const c of INVALID[id] ?? []) {
    it(`reports: ${c.name}`, () => {
      for (const locale of ['zh-CN', 'en'] as const) {
        const diags = lintBuilt(merge(VALID, c.opts), locale).diagnostics.filter((d) => d.ruleId === id);
        expect(diags.map((d) => [d.messageId, d.table, d.row, d.column])).toEqual(c.expect.map(([m, t, r, col]) => [m, t, r, col]));
        for (const d of diags) {
          expect(d.message).not.toMatch(/\{\w+\}/);
          if (d.hint) expect(d.hint).not.toMatch(/\{\w+\}/);
        }
        c.check?.(diags);
      }
    });
  }
});

describe('blank is not zero (spec §7)', () => {
  it('a blank counts as 0 in identities, and a blank 总计 skips the row total', () => {
    const r = lintBuilt(merge(VALID, { cells: { requests: { granted: { natural: null, total: null }, resultsTotal: { natural: 1, total: 2 }, received: { natural: 1, total: 1 } } } }));
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA302')).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  it('missing or invalid cells skip the identities they are in', () => {
    const r = lintBuilt(merge(VALID, { missingRows: ['requests/carriedForward'], cells: { requests: { received: { legal: 'x' } } } }));
    expect(r.diagnostics.filter((d) => d.ruleId.startsWith('GIA3')).map((d) => d.message)).toEqual([]);
  });
});
