// Analysis of one input, shared by the in-process path and the worker threads of a batch, so both
// give identical results. Imported as a worker (workerData.giaWorker), it answers jobs from the
// main thread: { id, path, bytes } (bytes transferred) → { id, result } (plain, cloneable data).
import { parentPort, workerData } from 'node:worker_threads';
import type { FileResult, Locale } from '../types.js';
import { isGiaError } from '../errors.js';
import { FATAL, format } from '../i18n/index.js';
import { analyzeBytes, type AnalyzeOptions } from '../engine/analyze.js';

/** Options of one batch as sent to workers: plain data only. */
export interface JobOptions {
  analyze: AnalyzeOptions;
  locale: Locale;
}

export interface JobMessage {
  id: number;
  path: string;
  bytes: Uint8Array;
}

export interface ResultMessage {
  id: number;
  result: FileResult;
  /** Stack of an internal error, shown with --debug. */
  stack?: string;
}

/** The one-line message of an internal (non-user) error. */
export function internalMessage(path: string, message: string, locale: Locale): string {
  const msg =
    locale === 'zh-CN'
      ? `内部错误：${message}（请附 --debug 输出报告此问题）`
      : `internal error: ${message} (please report it with the --debug output)`;
  return `${path}: ${msg}`;
}

/** The result for an input that could not be read or analysed (GiaError → its one-line message). */
export function errorResult(e: unknown, path: string, locale: Locale): { result: FileResult; stack?: string } {
  if (isGiaError(e)) {
    return { result: { path, fatal: { code: e.code, message: format(FATAL[e.code][locale], { file: '', reason: '', ...e.data }) } } };
  }
  const err = e as Error;
  return {
    result: { path, fatal: { code: 'E_INTERNAL', message: internalMessage(path, err?.message ?? String(e), locale) } },
    ...(err?.stack ? { stack: err.stack } : {}),
  };
}

/** Analyses one input's bytes; never throws: unreadable input becomes a FatalResult. */
export async function analyzeOne(bytes: Uint8Array, path: string, o: JobOptions): Promise<{ result: FileResult; stack?: string }> {
  try {
    return { result: await analyzeBytes(bytes, path, o.analyze) };
  } catch (e) {
    return errorResult(e, path, o.locale);
  }
}

if (parentPort && (workerData as { giaWorker?: JobOptions } | null)?.giaWorker) {
  const port = parentPort;
  const opts = (workerData as { giaWorker: JobOptions }).giaWorker;
  // one job at a time, in arrival order: the main thread knows which input a crash belongs to
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (job: JobMessage) => {
    chain = chain.then(async () => {
      const r = await analyzeOne(job.bytes, job.path, opts);
      const msg: ResultMessage = { id: job.id, ...r };
      port.postMessage(msg);
    });
  });
}
