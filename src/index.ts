// Public API: read, extract, lint and convert reports without the CLI (the CLI is bin/gia-report.js).
import type { FileResult, LintedReport, Locale } from './types.js';
import { isFatal } from './types.js';
import { isGiaError } from './errors.js';
import { analyzeBytes, type AnalyzeOptions } from './engine/analyze.js';
import { finishRun, type RunEntry } from './engine/run.js';
import { fatalText } from './i18n/index.js';
import { formatList } from './readers/index.js';
import { reportJson } from './writers/json.js';
import { toCsvLong, toCsvWide } from './writers/csv.js';

export * from './types.js';
export { GiaError, isGiaError, type ErrorCode } from './errors.js';
export { readBytes, detectFormat, SUPPORTED_EXTENSIONS } from './readers/index.js';
export { extractReport } from './engine/extract.js';
export { lintReport, countSeverities, type RuleSettings } from './engine/lint.js';
export { analyzeBytes, analyzeDoc, type AnalyzeOptions } from './engine/analyze.js';
export { crossYearDiagnostics, finishRun, runFindings, cutSlice } from './engine/run.js';
export { TEMPLATES, getTemplate, detectTemplate, byId, newest, forYear, registerTemplate } from './templates/index.js';
export { RULES, findRule, registerRule } from './rules/index.js';
export { defineRule, type Rule, type RuleContext, type RunContext, type RunReport } from './rules/define.js';
export { reportJson, diagnosticJson } from './writers/json.js';
export { FORMAT_NAMES, FORMATTER_LOADERS, loadFormatter } from './formatters/index.js';

/** Reads, extracts and lints one document given as bytes (throws a GiaError when it cannot be read). */
export async function analyze(bytes: Uint8Array, path: string, opts: AnalyzeOptions = {}): Promise<LintedReport> {
  return analyzeBytes(bytes, path, opts);
}

/**
 * Lints documents as `gia-report lint` does: each one read, extracted and checked, then the
 * run-level rules over all of them (the cross-year checks of one organ's consecutive years). An
 * input that cannot be read becomes a FatalResult with its message in the locale; results are in
 * input order.
 */
export async function lint(inputs: { bytes: Uint8Array; path: string }[], opts: AnalyzeOptions = {}): Promise<FileResult[]> {
  const locale: Locale = opts.locale ?? 'zh-CN';
  const results: FileResult[] = [];
  for (const { bytes, path } of inputs) {
    try {
      results.push(await analyzeBytes(bytes, path, opts));
    } catch (e) {
      if (!isGiaError(e)) throw e;
      results.push({ path, fatal: { code: e.code, message: fatalText(e.code, { ...e.data, formats: formatList(locale) }, locale) } });
    }
  }
  const entries = new Map<number, RunEntry>();
  results.forEach((r, i) => {
    if (!isFatal(r)) entries.set(i, { organ: r.meta.organ, year: r.meta.year, slice: () => r });
  });
  finishRun(entries, { get: (i) => results[i], set: (i, r) => void (results[i] = r) }, { withErrors: 0, withWarnings: 0 }, { locale, ...(opts.rules ? { rules: opts.rules } : {}) });
  return results;
}

/** What {@link convert} writes: `convert --to json|csv|xlsx` (`csv-wide`: `--to csv --layout wide`). */
export type ConvertFormat = 'json' | 'csv' | 'csv-wide' | 'xlsx';

/**
 * Reports in an output format, as `gia-report convert` writes them to one file: JSON (one report:
 * its object; several: an array), CSV (long or wide layout), or an xlsx workbook (bytes; exceljs
 * is loaded only then).
 */
export async function convert(reports: LintedReport[], to: ConvertFormat, opts: { locale?: Locale; bom?: boolean } = {}): Promise<string | Uint8Array> {
  switch (to) {
    case 'json':
      return JSON.stringify(reports.length === 1 ? reportJson(reports[0]!) : reports.map(reportJson), null, 2) + '\n';
    case 'csv':
      return toCsvLong(reports, opts);
    case 'csv-wide':
      return toCsvWide(reports, opts);
    case 'xlsx': {
      const { toXlsx } = await import('./writers/xlsx.js');
      return toXlsx(reports, opts.locale ? { locale: opts.locale } : {});
    }
  }
}
