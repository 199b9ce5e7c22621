// Shared inputs of the rule tests: the pingtan glued text and the akqi seed, read in both locales.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/rules/index.js';
import { fileURLToPath } from 'node:url';
import { analyzeBytes } from '../../src/engine/analyze.js';
import type { Diagnostic, LintedReport, Locale } from '../../src/types.js';

export const fixture = (p: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url)), 'utf8');

export async function lintText(text: string, locale: Locale, path = 'report.txt'): Promise<LintedReport> {
  return analyzeBytes(Buffer.from(text, 'utf8'), path, { locale });
}

/** No placeholder left unfilled in a message or hint. */
export function filled(d: Diagnostic): boolean {
  return !/\{\w+\}/.test(d.message) && !/\{\w+\}/.test(d.hint ?? '');
}

/**
 * The per-report suite of a cross-file rule (GIA402, GIA403): registered with messages in both
 * locales, and silent on a single report. Its real cases are in tests/cross-year.test.ts.
 */
export function crossFileRuleSuite(id: string, name: string): void {
  describe(`${id} ${name}`, () => {
    it('is registered with messages in both locales', () => {
      const r = findRule(id)!;
      expect(r.name).toBe(name);
      expect(r.messages.mismatch!['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(r.messages.mismatch!.en).toMatch(/[a-z]/);
    });
    it('reports nothing from a single report', async () => {
      const r = await lintText(fixture('akqi-2021/akqi-2021.txt'), 'zh-CN');
      expect(r.diagnostics.filter((x) => x.ruleId === id)).toEqual([]);
    });
  });
}
