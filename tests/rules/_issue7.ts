// Shared inputs of the issue-7 rule tests: the pingtan glued text and the akqi seed, read in both locales.
import { readFileSync } from 'node:fs';
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
