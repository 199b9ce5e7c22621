// One document from bytes to a linted report: read → extract → lint.
import type { LintedReport, Locale, SourceDoc } from '../types.js';
import { readBytes, type ReadOptions } from '../readers/index.js';
import { extractReport, type ExtractOptions } from './extract.js';
import { lintReport, type RuleSettings } from './lint.js';
import { GiaError } from '../errors.js';

export interface AnalyzeOptions extends ReadOptions, ExtractOptions {
  locale?: Locale;
  rules?: RuleSettings;
}

/** Extracts and lints a document that was already read. Throws E_NO_TABLES when no table is found (E_OLD_FORMAT for a report of a year before 2019). */
export function analyzeDoc(doc: SourceDoc, opts: AnalyzeOptions = {}): LintedReport {
  const report = extractReport(doc, opts);
  if (!Object.values(report.tables).some((t) => t.found)) {
    // a report of a year before the 2019 format (the 2008 条例's tables): say so, not "is this a report?"
    if (report.meta.year !== null && report.meta.year < 2019) throw new GiaError('E_OLD_FORMAT', { file: doc.path, year: report.meta.year });
    throw new GiaError('E_NO_TABLES', { file: doc.path });
  }
  return lintReport(report, opts);
}

/** Reads, extracts and lints one document given as bytes. */
export async function analyzeBytes(bytes: Uint8Array, path: string, opts: AnalyzeOptions = {}): Promise<LintedReport> {
  return analyzeDoc(await readBytes(bytes, path, opts), opts);
}
