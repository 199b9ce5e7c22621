import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/rules/index.js';
import { fixture, lintText } from './_issue7.js';

// Cross-file rule: its cases are in tests/cross-year.test.ts (crossYearDiagnostics); per report it reports nothing.
describe('GIA402 cross-year-carry', () => {
  it('is registered with messages in both locales', () => {
    const r = findRule('GIA402')!;
    expect(r.name).toBe('cross-year-carry');
    expect(r.messages.mismatch['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(r.messages.mismatch.en).toMatch(/[a-z]/);
  });
  it('reports nothing from a single report', async () => {
    const r = await lintText(fixture('akqi-2021/akqi-2021.txt'), 'zh-CN');
    expect(r.diagnostics.filter((x) => x.ruleId === 'GIA402')).toEqual([]);
  });
});
