// Meta-tests of the rule registry: ids, names, order, messages and hints in both locales.
import { describe, expect, it } from 'vitest';
import { RULES, findRule } from '../src/rules/index.js';
import { LOCALES, format, placeholders } from '../src/i18n/index.js';
import { lintBuilt } from './helpers/build.js';

describe('rule registry', () => {
  it('ids are unique and GIA + three digits', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^GIA\d{3}$/);
  });

  it('is sorted by id', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('names are unique and kebab-case', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
  });

  it('findRule finds by id and by name', () => {
    for (const r of RULES) {
      expect(findRule(r.id)).toBe(r);
      expect(findRule(r.name)).toBe(r);
    }
  });

  it('severities and tags are valid', () => {
    for (const r of RULES) {
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.tags.length).toBeGreaterThan(0);
    }
  });
});

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  it('has a description in both locales', () => {
    for (const l of LOCALES) expect(rule.description[l]?.trim()).toBeTruthy();
  });

  it('every message and hint has both locales with the same placeholders', () => {
    const texts = [...Object.entries(rule.messages), ...Object.entries(rule.hints ?? {})] as [string, Record<string, string>][];
    for (const [id, t] of texts) {
      for (const l of LOCALES) expect(t[l]?.trim(), `${rule.id} ${id} ${l}`).toBeTruthy();
      expect(placeholders(t['zh-CN']!), `${rule.id} ${id}`).toEqual(placeholders(t.en!));
    }
  });

  it('hints belong to existing messages', () => {
    for (const id of Object.keys(rule.hints ?? {})) expect(Object.keys(rule.messages)).toContain(id);
  });
});

describe('rendering', () => {
  /** A report that makes nearly every rule speak. */
  const busy = {
    meta: { year: 2021, organ: null, published: '2022-05-01' },
    notes: [{ code: 'encoding-guessed' as const, data: { encoding: 'gb18030' } }],
    missingRows: ['requests/denied.thirdParty'],
    missingColumns: ['research'],
    unknownRows: [{ table: 'requests', label: '9.其他', values: ['1'] }],
    cellsFound: { 'requests/granted': { found: 5 }, 'requests/partlyGranted': { found: 8, extra: ['1'] } },
    matched: { 'proactive/normativeDocs': '规范性文件' },
    sections: { problems: false as const, other: 'unnumbered' as const },
    paragraphs: ['无。'],
    cells: {
      proactive: { licensing: { decisions: '3.5' }, penalties: { decisions: '-1' }, coercion: { decisions: '若干' }, fees: { amount: '10000元' } },
      requests: {
        received: { natural: 3, total: 2, legal: '—', business: '2件' },
        carriedOver: { research: null },
        carriedForward: { total: null, natural: 4 },
      },
      appeals: { cases: { 'review.total': 1 } },
    },
  };

  it.each(LOCALES)('leaves no {placeholder} unfilled in %s', (locale) => {
    const r = lintBuilt(busy, locale);
    const seen = new Set(r.diagnostics.map((d) => `${d.ruleId}/${d.messageId}`));
    expect(seen.size).toBeGreaterThan(15);
    for (const d of r.diagnostics) {
      expect(d.message, `${d.ruleId} ${d.messageId}`).not.toMatch(/\{\w+\}/);
      if (d.hint) expect(d.hint, `${d.ruleId} ${d.messageId} hint`).not.toMatch(/\{\w+\}/);
    }
  });

  it('every message of every rule renders in both locales with the data its rule supplies', () => {
    // Any message a rule emits in the busy report or in rules.test.ts is covered above; here the
    // remaining ones are rendered with the engine's standard fields to catch typos in names.
    const standard = { cell: 'c', table: 't', row: 'r', column: 'k', line: 1, expected: 1, actual: 2 };
    for (const rule of RULES) {
      for (const [id, t] of Object.entries(rule.messages) as [string, Record<string, string>][]) {
        for (const l of LOCALES) {
          const extra = placeholders(t[l]!).filter((p) => !(p in standard));
          const filled = format(t[l]!, { ...standard, ...Object.fromEntries(extra.map((p) => [p, 'x'])) });
          expect(filled, `${rule.id} ${id}`).not.toMatch(/\{\w+\}/);
        }
      }
    }
  });

  it('en and zh-CN give the same diagnostics, only the text differs', () => {
    const zh = lintBuilt(busy, 'zh-CN').diagnostics;
    const en = lintBuilt(busy, 'en').diagnostics;
    expect(en.map((d) => [d.ruleId, d.messageId, d.table, d.row, d.column])).toEqual(zh.map((d) => [d.ruleId, d.messageId, d.table, d.row, d.column]));
    expect(en.map((d) => d.message)).not.toEqual(zh.map((d) => d.message));
  });
});
