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
import { WRITERS, pieceText, writerByName, type WriterOptions } from '../writers/index.js';

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

/**
 * The options of the page's downloads, as `convert` takes them: JSON indented (`--pretty`), CSV in
 * the long layout with a UTF-8 BOM (`--bom`: office staff open it in Excel, which reads a CSV
 * without one in the system's code page), machine keys in its header.
 */
export function downloadOptions(locale: Locale): WriterOptions {
  return { locale, bom: true, pretty: true, layout: 'long', header: 'keys', tty: false, cwd: '' };
}

/** The formats the page offers for download: every writer of the registry that can make a whole file. */
export function downloadFormats(): { name: string; ext: string; binary: boolean }[] {
  return WRITERS.filter((w) => w.encode || w.whole).map((w) => ({ name: w.name, ext: w.ext, binary: !!w.binary }));
}

/**
 * The file `convert --to NAME` writes for these reports: one report as its per-input file, several
 * as one combined file (`-o gia-report.EXT`), made by the writer registry's own code.
 */
export async function download(name: string, reports: LintedReport[], locale: Locale): Promise<string | Uint8Array> {
  const w = writerByName(name);
  if (!w || !reports.length) throw new Error(`no ${name} download`);
  const o = downloadOptions(locale);
  await w.prepare?.(o);
  if (reports.length === 1) {
    if (w.encode) return w.encode(reports[0]!, 'one', o);
    const whole = await w.whole!(reports, o);
    if (whole !== null) return whole;
  } else {
    const frame = w.encode && w.frame?.(`gia-report${w.ext}`, o, reports.length);
    if (frame) {
      const pieces: (string | Uint8Array)[] = [];
      for (const r of reports) pieces.push(...frame.add(w.encode!(r, frame.part, o)));
      pieces.push(frame.end());
      return pieces.map(pieceText).join('');
    }
    const whole = await w.whole?.(reports, o);
    if (whole) return whole;
  }
  throw new Error(`no ${name} download of ${reports.length} reports`);
}
