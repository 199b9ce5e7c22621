// The whole per-input job of a batch, shared by the in-process path and the worker threads so both
// give identical results and bytes: read the file, analyse it, encode its output (the text of a
// per-input file, written atomically here for -o DIR, or the piece of a combined output), and
// return a small outcome: status, the encoded piece, the report slimmed to what the lint
// formatters read, and the cells the cross-year checks compare. Plain, cloneable data only.
import type { CrossYearSlice, FileResult, LintedReport, Locale } from '../types.js';
import { isFatal } from '../types.js';
import { GiaError, isGiaError } from '../errors.js';
import { formatList } from '../readers/index.js';
import { fatalText, format, messages } from '../i18n/index.js';
import { analyzeBytes, type AnalyzeOptions } from '../engine/analyze.js';
import { resolveLimits } from '../limits.js';
import { VALUES_PART, writerByName, type Writer, type WriterOptions } from '../writers/index.js';
import { cutSlice } from '../engine/run.js';
import { readInputSync, tempNameFor, writeFileAtomicSync } from './io.js';
import { isOwnOutput } from './inputs.js';

/**
 * How one report is encoded, as plain data so a worker can do it: writer `writer`'s part `part`
 * (src/writers/index.ts: `one` is a per-input file, other parts the pieces of a combined output),
 * or {@link VALUES_PART}: one JSON line `[templateId, ...values]`, the values in the template's key
 * order, the row of a gathered output (wide CSV, the xlsx summary).
 */
export interface ChunkSpec {
  writer: string;
  part: string;
  o: WriterOptions;
}

/** Options of one batch as sent to workers: plain data only. */
export interface JobOptions {
  analyze: AnalyzeOptions;
  locale: Locale;
  /** Return the report slimmed (no tables, sections, paragraphs): enough for the tally and the diagnostic formatters. */
  slim?: boolean;
  /**
   * Return the report thinned to its template and counts ({@link thinReport}): nothing after the
   * batch reads more of it (a convert whose output does not read the results back, no lint report).
   */
  thin?: boolean;
  /** Also return the report's cross-year slice (cutSlice, src/engine/run.ts), packed. */
  slice?: boolean;
  /** Encode each readable report: written to the job's target, or returned as its chunk. */
  chunk?: ChunkSpec;
  /** The chunk as UTF-8 bytes (transferred from a worker without a copy) instead of a string. */
  bytes?: boolean;
  /** Tag of the temporary names of outputs written by jobs ({@link tempNameFor}): the main thread can compute and remove them. */
  tempTag?: string;
  /** Heap limit of a worker thread, in MB (CLI: --max-memory; default {@link DEFAULT_WORKER_MEMORY_MB}). */
  memoryMb?: number;
}

/** Default heap limit of a worker thread (MB): an input that needs more is refused, its batch goes on. */
export const DEFAULT_WORKER_MEMORY_MB = 1024;

/** Default time limit of one input in a worker thread (ms; CLI: --timeout). */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** The heap limit of the batch's worker threads (MB). */
export function workerMemoryMb(o: JobOptions): number {
  return o.memoryMb && o.memoryMb > 0 ? o.memoryMb : DEFAULT_WORKER_MEMORY_MB;
}

export interface Job {
  id: number;
  path: string;
  /** The input's bytes when already read (stdin, the in-process read-ahead); otherwise the job reads `path`. */
  bytes?: Uint8Array;
  /** -o DIR: the output file this job writes (atomically) itself. */
  target?: string;
}

export interface JobOutcome {
  id: number;
  /** Fatal, or the report (slim when `slim`). */
  result: FileResult;
  slice?: PackedSlice;
  chunk?: string | Uint8Array;
  /** The output file could not be written (reason as the OS says it). */
  writeError?: { file: string; reason: string };
  /** Stack of an internal error, shown with --debug. */
  stack?: string;
}

/** The one-line message of an internal (non-user) error. */
export function internalMessage(path: string, message: string, locale: Locale): string {
  return `${path}: ${format(messages(locale).internal.message, { message })}`;
}

/**
 * The result for an input whose worker thread died on it. `reason` `memory` (the worker's heap
 * limit) and `time` (no result within the time limit) are the input's fault: E_TOO_LARGE naming
 * the limit and how to raise it (exit 2), like any other limit; anything else is an internal error.
 */
export function deadWorkerResult(path: string, reason: string, l: { memoryMb: number; timeoutMs: number }, locale: Locale): { result: FileResult } {
  if (reason === 'memory') {
    return errorResult(new GiaError('E_TOO_LARGE', { file: path, limit: 'maxMemory', reason: `memory used while reading: more than ${l.memoryMb} MB, limit ${l.memoryMb} MB (maxMemory; raise it with --max-memory <MB>)` }), path, locale);
  }
  if (reason === 'time') {
    const s = +(l.timeoutMs / 1000).toFixed(3);
    return errorResult(new GiaError('E_TOO_LARGE', { file: path, limit: 'timeout', why: 'workerTime', max: s, reason: `reading time: more than ${s} s, limit ${s} s (timeout; raise it with --timeout <s>)` }), path, locale);
  }
  return { result: { path, fatal: { code: 'E_INTERNAL', message: internalMessage(path, reason, locale) } } };
}

/** The result for an input that could not be read or analysed (GiaError → its one-line message). */
export function errorResult(e: unknown, path: string, locale: Locale): { result: FileResult; stack?: string } {
  if (isGiaError(e)) {
    return { result: { path, fatal: { code: e.code, message: fatalText(e.code, { ...e.data, formats: formatList(locale) }, locale) } } };
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

/** A report without its tables, sections and text: what the diagnostic-only formatters read. */
export function slimReport(r: LintedReport): LintedReport {
  // the template's marker evidence and scores are left out too: ~10 000 slim reports are held to the end of a lint run
  const template = r.template.evidence || Object.keys(r.template.scores).length ? { id: r.template.id, by: r.template.by, scores: {} } : r.template;
  // the tables' readings stay (the wide CSV / xlsx 汇总 reading columns)
  const readings: NonNullable<LintedReport['readings']> = { ...r.readings };
  for (const [k, t] of Object.entries(r.tables)) if (t.reading) readings[k] = t.reading;
  return { ...r, template, tables: {} as LintedReport['tables'], sections: [], paragraphs: [] as unknown as LintedReport['paragraphs'], readings };
}

/**
 * A report thinned to what the tally and a counts-only result store read ({@link JobOptions.thin}):
 * its template choice and its counts; no findings (a worker's message is a few hundred bytes, and
 * neither thread builds or clones the findings that no output of the run writes).
 */
export function thinReport(r: LintedReport): LintedReport {
  const t = r.template;
  const template = { id: t.id, by: t.by, scores: {}, ...(t.layout !== undefined ? { layout: t.layout } : {}) };
  return { source: r.source, template, meta: r.meta, tables: {}, sections: [], paragraphs: [], notes: [], diagnostics: [], counts: r.counts };
}

/**
 * A report's cross-year slice ({@link cutSlice}: the cells the run-level rules read), packed for
 * keeping until the end of a run: organ, year and path as they are, the rest as one JSON string
 * (its text is ASCII, so V8 keeps it one byte per character; 10 000 are held in a large run).
 */
export interface PackedSlice {
  path: string;
  organ: string;
  year: number;
  /** JSON of the slice's template id and tables. */
  packed: string;
}

/** The packed cross-year slice of a report that has an organ and a year (others are never compared). */
export function packSlice(r: LintedReport): PackedSlice | undefined {
  const s = cutSlice(r);
  if (!s) return undefined;
  return { path: s.path, organ: s.organ, year: s.year, packed: JSON.stringify({ template: s.template, tables: s.tables }) };
}

/** The slice again, as {@link cutSlice} returned it. */
export function unpackSlice(p: PackedSlice): CrossYearSlice {
  const { template, tables } = JSON.parse(p.packed) as Pick<CrossYearSlice, 'template' | 'tables'>;
  return { path: p.path, organ: p.organ, year: p.year, template, tables };
}

// ---- encodings ----

let layout: typeof import('../layout/keys.js') | undefined;

function writerOf(spec: ChunkSpec): Writer {
  const w = writerByName(spec.writer);
  if (!w) throw new Error(`no writer ${spec.writer}`);
  return w;
}

/** Loads what `spec` needs (the writer's libraries), so {@link encodeChunk} can be synchronous. */
export async function prepareChunk(spec: ChunkSpec | undefined): Promise<void> {
  if (!spec) return;
  if (spec.part === VALUES_PART) layout ??= await import('../layout/keys.js');
  else await writerOf(spec).prepare?.(spec.o);
}

/** The text of one report in the encoding `spec` (after {@link prepareChunk}). */
export function encodeChunk(r: LintedReport, spec: ChunkSpec): string {
  if (spec.part === VALUES_PART) return JSON.stringify([r.template.id, ...layout!.templateValues(r)]) + '\n';
  const w = writerOf(spec);
  if (!w.encode) throw new Error(`writer ${spec.writer} encodes no part`);
  return w.encode(r, spec.part, spec.o);
}

/** The UTF-8 bytes of {@link encodeChunk}'s text, in an ArrayBuffer of their own (after {@link prepareChunk}). */
export function encodeChunkBytes(r: LintedReport, spec: ChunkSpec): Uint8Array {
  if (spec.part !== VALUES_PART) {
    const b = writerOf(spec).encodeBytes?.(r, spec.part, spec.o);
    if (b) return b;
  }
  return utf8(encodeChunk(r, spec));
}

/** UTF-8 bytes in an ArrayBuffer of their own (transferable; Buffer.from may use the shared pool). */
export function utf8(s: string): Uint8Array {
  const b = Buffer.from(s, 'utf8');
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) return new Uint8Array(b.buffer, 0, b.byteLength);
  return new Uint8Array(b);
}

/** The input size limit of a run (checked before a file is read). */
export function maxInputBytes(a: AnalyzeOptions): number {
  return resolveLimits(a.limits).maxInputBytes;
}

// ---- what a worker thread tells the main thread (src/cli/worker.ts) ----

/** Outcomes sent in one message, at most (one message per outcome woke the main thread 10 000 times in a 10 000-file run). */
export const SEND_EVERY = 8;
/** Outcomes waiting longer than this (ms) are sent after the current job (the progress bar and the outputs move on). */
export const SEND_AFTER_MS = 100;

/**
 * What a worker is doing, in a SharedArrayBuffer of {@link JobState.BYTES} bytes: the id of the job
 * in progress (-1 between jobs) and the time it started (ms since the epoch).
 */
export class JobState {
  static readonly BYTES = 16;
  private readonly id: Int32Array;
  private readonly since: Float64Array;
  constructor(readonly buffer: SharedArrayBuffer) {
    this.id = new Int32Array(buffer, 0, 1);
    this.since = new Float64Array(buffer, 8, 1);
  }
  static create(): JobState {
    const s = new JobState(new SharedArrayBuffer(JobState.BYTES));
    s.set(-1);
    return s;
  }
  set(id: number): void {
    Atomics.store(this.id, 0, id);
    this.since[0] = Date.now();
  }
  /** The job in progress (-1: none) and since when. */
  get(): { id: number; since: number } {
    return { id: Atomics.load(this.id, 0), since: this.since[0]! };
  }
}

/** Runs one job; never throws (unreadable input → fatal result, unwritable output → writeError). */
export async function runJob(job: Job, o: JobOptions): Promise<JobOutcome> {
  let bytes = job.bytes;
  if (!bytes) {
    try {
      bytes = readInputSync(job.path, maxInputBytes(o.analyze));
    } catch (e) {
      return { id: job.id, ...errorResult(e, job.path, o.locale) };
    }
  }
  // this tool's own -f html report, named as an input: refused, never read as a report
  if (isOwnOutput(bytes)) return { id: job.id, ...errorResult(new GiaError('E_OWN_OUTPUT', { file: job.path }), job.path, o.locale) };
  const got = await analyzeOne(bytes, job.path, o);
  bytes = undefined;
  const out: JobOutcome = { id: job.id, result: got.result, ...(got.stack ? { stack: got.stack } : {}) };
  const r = got.result;
  if (isFatal(r)) return out;
  if (o.chunk) {
    await prepareChunk(o.chunk);
    try {
      if (job.target) writeFileAtomicSync(job.target, encodeChunk(r, o.chunk), tempNameFor(job.target, o.tempTag));
      else out.chunk = o.bytes ? encodeChunkBytes(r, o.chunk) : encodeChunk(r, o.chunk);
    } catch (e) {
      if (isGiaError(e) && e.code === 'E_WRITE') out.writeError = { file: String(e.data.file), reason: String(e.data.reason) };
      else {
        const err = errorResult(e, job.path, o.locale);
        return { id: job.id, ...err };
      }
    }
  }
  // a report without organ or year is never compared: no slice
  const slice = o.slice ? packSlice(r) : undefined;
  if (slice) out.slice = slice;
  if (o.thin) out.result = thinReport(r);
  else if (o.slim) out.result = slimReport(r);
  return out;
}
