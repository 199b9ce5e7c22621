// Test helpers: fixture access, analysis of text/bytes, comparison with expected JSON.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { analyzeBytes, type AnalyzeOptions } from '../../src/engine/analyze.js';
import type { LintedReport } from '../../src/types.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function fixtureBytes(...parts: string[]): Buffer {
  return readFileSync(fixturePath(...parts));
}

export function fixtureText(...parts: string[]): string {
  return fixtureBytes(...parts).toString('utf8');
}

export function fixtureExists(...parts: string[]): boolean {
  return existsSync(fixturePath(...parts));
}

/** The expected-values JSON of a fixture folder (`*.expected.json` or `expected.json`). */
export function expectedOf(folder: string): Expected {
  const files = readdirSync(fixturePath(folder)).filter((f) => f.endsWith('.json'));
  const f = files.find((x) => x.endsWith('.expected.json')) ?? files.find((x) => x === 'expected.json') ?? files[0];
  if (!f) throw new Error(`no expected json in fixtures/${folder}`);
  return JSON.parse(readFileSync(fixturePath(folder, f), 'utf8')) as Expected;
}

export type Expected = { template?: string } & Record<string, Record<string, Record<string, number | null>> | string | undefined>;

/** Every expected cell as [table, row, column, value]. */
export function expectedCells(e: Expected): [string, string, string, number | null][] {
  const out: [string, string, string, number | null][] = [];
  for (const [t, rows] of Object.entries(e)) {
    if (t === 'template' || typeof rows !== 'object' || rows === null) continue;
    for (const [r, cols] of Object.entries(rows)) for (const [c, v] of Object.entries(cols)) out.push([t, r, c, v]);
  }
  return out;
}

/** Cells whose extracted value differs from the expected one, as readable strings. */
export function mismatches(report: LintedReport, e: Expected): string[] {
  const bad: string[] = [];
  if (e.template && report.template.id !== e.template) bad.push(`template ${report.template.id} ≠ ${e.template}`);
  for (const [t, r, c, v] of expectedCells(e)) {
    const got = report.tables[t]?.values[r]?.[c];
    if (got !== v) bad.push(`${t}/${r}/${c}: expected ${v}, got ${got} (raw ${JSON.stringify(report.tables[t]?.cells[r]?.[c]?.raw)})`);
  }
  return bad;
}

export async function analyzeText(text: string | Uint8Array, opts: AnalyzeOptions = {}, path = 'input.txt'): Promise<LintedReport> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return analyzeBytes(bytes, path, opts);
}

/** Diagnostics as compact tuples [ruleId, table, row, column]. */
export function flat(report: LintedReport, ruleIds?: string[]): string[][] {
  return report.diagnostics
    .filter((d) => !ruleIds || ruleIds.includes(d.ruleId))
    .map((d) => [d.ruleId, d.table ?? '', d.row ?? '', d.column ?? '']);
}

export function ids(report: LintedReport): string[] {
  return [...new Set(report.diagnostics.map((d) => d.ruleId))].sort();
}
