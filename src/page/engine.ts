// The page's engine: what `gia-report lint` does to several files, without the CLI's I/O. Pure:
// files (name and bytes) in, results and downloads out. The page (ui.ts) draws them; the page test
// runs this very bundle on every fixture and compares its findings with the CLI's.
import type { FileResult, LintedReport, Locale } from '../types.js';
import { isFatal } from '../types.js';
import { analyzeBytes } from '../engine/analyze.js';
import { finishRun, type RunEntry } from '../engine/run.js';
import { isGiaError } from '../errors.js';
import { fatalText, format, messages } from '../i18n/index.js';
import { formatList } from '../readers/index.js';
import { json as lintJsonFormatter } from '../formatters/json.js';
import { reportJson } from '../writers/json.js';
import { toCsvLong } from '../writers/csv.js';

export interface PageFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * The fatal result of a file that could not be read: a user's error in its one line (as the CLI's
 * jobs say it, cli/job.ts errorResult), a PDF (its engine is not in the page: use the command
 * line), or an internal error.
 */
export function failedResult(e: unknown, path: string, locale: Locale): FileResult {
  if (isGiaError(e)) return { path, fatal: { code: e.code, message: fatalText(e.code, { ...e.data, formats: formatList(locale) }, locale) } };
  // the stand-in of the PDF reader (edge/pdf.ts) throws this; matched by name: the bundle has it as its own module
  if ((e as Error)?.name === 'PdfNotInPage') return { path, fatal: { code: 'E_PDF_CLI', message: format(messages(locale).page.pdfCli, { file: path }) } };
  const message = (e as Error)?.message ?? String(e);
  return { path, fatal: { code: 'E_INTERNAL', message: `${path}: ${format(messages(locale).internal.message, { message })}` } };
}

/**
 * Lints the files as `gia-report lint` lints them (default rules, template detected): one result
 * per file in order, unreadable files as fatal results; with several files, the cross-year checks
 * between reports of one organ in consecutive years, as in a CLI run of the same files.
 * `progress` is called before each file (the page yields to the browser there).
 */
export async function lintFiles(files: PageFile[], locale: Locale, progress?: (done: number, file: string) => Promise<void> | void): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const [i, f] of files.entries()) {
    await progress?.(i, f.name);
    try {
      results.push(await analyzeBytes(f.bytes, f.name, { locale }));
    } catch (e) {
      results.push(failedResult(e, f.name, locale));
    }
  }
  // the run-level step as in a CLI run (cross-year checks): findings merged, counts kept
  const entries = new Map<number, RunEntry>();
  results.forEach((r, i) => {
    if (!isFatal(r)) entries.set(i, { organ: r.meta.organ, year: r.meta.year, slice: () => r });
  });
  finishRun(entries, { get: (i) => results[i], set: (i, r) => void (results[i] = r) }, { withErrors: 0, withWarnings: 0 }, { locale });
  return results;
}

/** The findings as `gia-report lint -f json` prints them. */
export function lintJson(results: FileResult[], locale: Locale): string {
  return lintJsonFormatter(results, { locale, color: false, cwd: '', quiet: false });
}

/** One readable report as `convert --to json` writes it (indented), several as a JSON array. */
export function reportsJson(reports: LintedReport[]): string {
  if (reports.length === 1) return JSON.stringify(reportJson(reports[0]!), null, 2) + '\n';
  return JSON.stringify(reports.map(reportJson), null, 2) + '\n';
}

/**
 * The long-layout CSV of `convert --to csv --bom`: with a UTF-8 BOM, since office staff open it
 * in Excel (which reads a CSV without one in the system's code page).
 */
export function reportsCsv(reports: LintedReport[], locale: Locale): string {
  return toCsvLong(reports, { bom: true, locale, headerKind: 'keys' });
}

/** The workbook of `convert --to xlsx`: one report in the official layout with its cells marked, several as a summary. */
export async function reportsXlsx(reports: LintedReport[], locale: Locale): Promise<Uint8Array> {
  const { toXlsx } = await import('../writers/xlsx.js');
  return toXlsx(reports, { locale, cwd: '' });
}
