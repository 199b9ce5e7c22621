// Batch processing: reads every input, analyses it in this thread or in worker threads, and hands
// the results to the caller in input order (whatever the parallelism). Also the output sinks of
// `convert` (one file per input, or one combined file streamed report by report) and the summary.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { FileResult, LintedReport, Locale } from '../types.js';
import { isFatal } from '../types.js';
import { countSeverities } from '../engine/lint.js';
import { reportJson } from '../writers/json.js';
import { analyzeOne, errorResult, internalMessage, type JobMessage, type JobOptions, type ResultMessage } from './worker.js';
import { AtomicFileWriter, planMirroredOutputs, readInput, removeTempFilesSync, writeFileAtomic, type InputSpec, type SkippedInput } from './io.js';

/** Below this many inputs everything runs in this thread: starting workers would cost more than it saves. */
export const MIN_PARALLEL = 8;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export interface BatchOptions {
  /** Worker threads (1 = in this thread). */
  jobs: number;
  job: JobOptions;
  readStdin?: () => Promise<Buffer>;
  /** Stops dispatching; workers are terminated; results so far are kept. */
  signal?: AbortSignal;
  /** Called once per input, in input order, awaited before the next. */
  onResult: (index: number, result: FileResult) => void | Promise<void>;
  /** Internal error stacks (for --debug). */
  onStack?: (path: string, stack: string) => void;
  /** Inputs below which no worker is started (default {@link MIN_PARALLEL}). */
  minParallel?: number;
  /** A worker that takes longer than this on one input is stopped and the input reported (ms). */
  timeoutMs?: number;
}

export interface BatchOutcome {
  /** Inputs delivered to onResult. */
  done: number;
  interrupted: boolean;
  /** Threads used for analysis (0 = in this thread). */
  workers: number;
}

/** Plain, transferable bytes (a Buffer may be a view into a shared pool). */
function ownBytes(b: Uint8Array): Uint8Array {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) return new Uint8Array(b.buffer);
  return new Uint8Array(b);
}

async function readOrFatal(input: InputSpec, o: BatchOptions): Promise<Uint8Array | FileResult> {
  try {
    return ownBytes(await readInput(input.path, o.readStdin));
  } catch (e) {
    const r = errorResult(e, input.path, o.job.locale);
    if (r.stack) o.onStack?.(input.path, r.stack);
    return r.result;
  }
}

function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // running from the TypeScript sources (tests): use the built worker
  return new URL('../../dist/cli/worker.js', import.meta.url);
}

/** Runs every input; results reach `onResult` in input order. Never throws for a bad input. */
export async function runBatch(inputs: InputSpec[], o: BatchOptions): Promise<BatchOutcome> {
  const jobs = Math.max(1, Math.floor(o.jobs) || 1);
  const parallel = jobs > 1 && inputs.length >= (o.minParallel ?? MIN_PARALLEL) && !inputs.some((i) => i.path === '-');
  return parallel ? runWorkers(inputs, o, Math.min(jobs, inputs.length)) : runInProcess(inputs, o);
}

async function runInProcess(inputs: InputSpec[], o: BatchOptions): Promise<BatchOutcome> {
  let done = 0;
  let next: Promise<Uint8Array | FileResult> | null = inputs.length ? readOrFatal(inputs[0]!, o) : null;
  for (let i = 0; i < inputs.length; i++) {
    if (o.signal?.aborted) return { done, interrupted: true, workers: 0 };
    const got = await next!;
    next = i + 1 < inputs.length ? readOrFatal(inputs[i + 1]!, o) : null; // read ahead while analysing
    let result: FileResult;
    if (got instanceof Uint8Array) {
      const r = await analyzeOne(got, inputs[i]!.path, o.job);
      if (r.stack) o.onStack?.(inputs[i]!.path, r.stack);
      result = r.result;
    } else result = got;
    await o.onResult(i, result);
    done++;
    // let a pending signal be handled between files
    if (i % 16 === 15) await new Promise<void>((res) => setImmediate(res));
  }
  return { done, interrupted: !!o.signal?.aborted && done < inputs.length, workers: 0 };
}

interface Slot {
  worker: Worker;
  /** Inputs assigned to this worker (being read, or sent). */
  inFlight: number[];
  /** Inputs sent, in the order the worker works on them. */
  posted: number[];
  timer?: NodeJS.Timeout;
}

async function runWorkers(inputs: InputSpec[], o: BatchOptions, n: number): Promise<BatchOutcome> {
  const { Worker } = await import('node:worker_threads');
  const url = workerUrl();
  const window = n * 16; // results held for ordering, at most
  const perWorker = 2; // one analysing, one queued: reading overlaps analysis
  const queue: number[] = inputs.map((_, i) => i);
  const ready = new Map<number, FileResult>();
  let nextDeliver = 0;
  let reading = 0;
  let finished = false;
  let delivering: Promise<void> = Promise.resolve();
  const slots = new Set<Slot>();

  return new Promise<BatchOutcome>((resolveAll, rejectAll) => {
    const finish = (interrupted: boolean): void => {
      if (finished) return;
      finished = true;
      for (const s of slots) {
        clearTimeout(s.timer);
        void s.worker.terminate();
      }
      slots.clear();
      o.signal?.removeEventListener('abort', onAbort);
      delivering.then(
        () => resolveAll({ done: nextDeliver, interrupted, workers: n }),
        (e) => rejectAll(e),
      );
    };
    const onAbort = (): void => finish(nextDeliver < inputs.length);
    o.signal?.addEventListener('abort', onAbort, { once: true });

    const deliver = (): void => {
      delivering = delivering.then(async () => {
        while (!finished && ready.has(nextDeliver)) {
          const r = ready.get(nextDeliver)!;
          ready.delete(nextDeliver);
          await o.onResult(nextDeliver, r);
          nextDeliver++;
        }
        if (!finished && nextDeliver === inputs.length) finish(false);
        else pump();
      });
      delivering.catch((e) => {
        if (!finished) {
          finished = true;
          for (const s of slots) void s.worker.terminate();
          rejectAll(e);
        }
      });
    };

    const settle = (id: number, result: FileResult): void => {
      ready.set(id, result);
      deliver();
    };

    const armTimer = (slot: Slot): void => {
      clearTimeout(slot.timer);
      if (!o.timeoutMs || slot.posted.length === 0) return;
      slot.timer = setTimeout(() => void slot.worker.terminate(), o.timeoutMs);
    };

    const spawn = (): Slot => {
      const worker = new Worker(url, { workerData: { giaWorker: o.job }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
      const slot: Slot = { worker, inFlight: [], posted: [] };
      worker.on('message', (m: ResultMessage) => {
        slot.inFlight = slot.inFlight.filter((x) => x !== m.id);
        slot.posted = slot.posted.filter((x) => x !== m.id);
        armTimer(slot);
        if (m.stack) o.onStack?.(inputs[m.id]!.path, m.stack);
        settle(m.id, m.result);
      });
      let reason = '';
      worker.on('error', (e) => {
        reason = e.message;
      });
      worker.on('exit', () => {
        clearTimeout(slot.timer);
        slots.delete(slot);
        if (finished) return;
        // the first job in flight is the one it was working on: report it, retry the others
        const culprit = slot.posted[0];
        const rest = slot.inFlight.filter((x) => x !== culprit);
        if (culprit !== undefined) {
          const why = reason || (o.timeoutMs ? `no result within ${Math.round(o.timeoutMs / 1000)} s` : 'worker stopped');
          settle(culprit, { path: inputs[culprit]!.path, fatal: { code: 'E_INTERNAL', message: internalMessage(inputs[culprit]!.path, why, o.job.locale) } });
        }
        queue.unshift(...rest);
        pump();
      });
      slots.add(slot);
      return slot;
    };

    const pump = (): void => {
      if (finished) return;
      while (slots.size < n && queue.length > 0) spawn();
      for (const slot of slots) {
        while (slot.inFlight.length < perWorker && queue.length > 0 && queue[0]! < nextDeliver + window && reading < n * perWorker) {
          const id = queue.shift()!;
          slot.inFlight.push(id);
          reading++;
          void readOrFatal(inputs[id]!, o).then((got) => {
            reading--;
            if (finished) return;
            if (!(got instanceof Uint8Array)) {
              slot.inFlight = slot.inFlight.filter((x) => x !== id);
              settle(id, got);
              return;
            }
            if (!slots.has(slot)) return; // the worker died meanwhile: its exit handler re-queued this input
            const msg: JobMessage = { id, path: inputs[id]!.path, bytes: got };
            slot.posted.push(id);
            slot.worker.postMessage(msg, [got.buffer as ArrayBuffer]);
            if (slot.posted.length === 1) armTimer(slot);
          });
        }
      }
    };

    if (o.signal?.aborted) finish(true);
    else pump();
  });
}

// ---- what `lint` keeps of each report ----

/** Lint formats that need only file, template, metadata and diagnostics of a report. */
export const DIAGNOSTIC_ONLY_FORMATS = new Set(['stylish', 'json', 'sarif']);

/** A report without its tables, sections and text: what the diagnostic-only formatters read. */
export function slimReport(r: LintedReport): LintedReport {
  return { ...r, tables: {} as LintedReport['tables'], sections: [], paragraphs: [] as unknown as LintedReport['paragraphs'] };
}

// ---- convert outputs ----

export interface ReportEncoder {
  /** Extension of per-input files under `-o DIR`. */
  ext: string;
  /** The whole output for one report (per-input files). */
  one(r: LintedReport): string | Uint8Array | Promise<string | Uint8Array>;
  /** A combined output built report by report (memory stays bounded). */
  combine?(target: 'stdout' | string): Combiner;
  /** A combined output that needs every report at once (fallback, e.g. workbooks; memory grows with the batch). null = write nothing. */
  all?(rs: LintedReport[]): string | Uint8Array | null | Promise<string | Uint8Array | null>;
}

/** Text of a combined output, produced piece by piece. */
export interface Combiner {
  add(r: LintedReport): string;
  end(): string;
}

const pretty = (r: LintedReport): string => JSON.stringify(reportJson(r), null, 2);
const jsonLine = (r: LintedReport): string => JSON.stringify(reportJson(r)) + '\n';

/**
 * JSON: `.jsonl` → JSON Lines; `.json` → an array (a lone report as an object, as before);
 * stdout → JSON Lines for several reports, a pretty object for one. The first report is held
 * until the second arrives, to know which.
 */
export function jsonCombiner(target: 'stdout' | string): Combiner {
  const mode = target === 'stdout' ? 'stdout' : extname(target).toLowerCase() === '.jsonl' ? 'lines' : 'array';
  let n = 0;
  let held: LintedReport | null = null;
  const indent = (s: string): string => s.replace(/^/gm, '  ');
  return {
    add(r) {
      n++;
      if (mode === 'lines') return jsonLine(r);
      if (n === 1) {
        held = r;
        return '';
      }
      let s = '';
      if (n === 2) {
        s = mode === 'stdout' ? jsonLine(held!) : '[\n' + indent(pretty(held!));
        held = null;
      }
      return s + (mode === 'stdout' ? jsonLine(r) : ',\n' + indent(pretty(r)));
    },
    end() {
      if (n === 1) return pretty(held!) + '\n';
      if (mode === 'array') return n === 0 ? '[]\n' : '\n]\n';
      return '';
    },
  };
}

export function jsonEncoder(): ReportEncoder {
  return { ext: '.json', one: (r) => pretty(r) + '\n', combine: jsonCombiner };
}

/** CSV (long layout): the header (and BOM) once, then each report's rows. */
export async function csvLongEncoder(o: { bom: boolean; locale: Locale }): Promise<ReportEncoder> {
  const { toCsvLong } = await import('../writers/csv.js');
  return {
    ext: '.csv',
    one: (r) => toCsvLong([r], { bom: o.bom, locale: o.locale }),
    combine: (target) => {
      let n = 0;
      return {
        add: (r) => toCsvLong([r], { bom: o.bom && n === 0, header: n++ === 0, locale: o.locale }),
        end: () => (n === 0 && target !== 'stdout' ? toCsvLong([], { bom: o.bom, locale: o.locale }) : ''),
      };
    },
  };
}

export interface ReportSink {
  /** Called in input order for each readable report. */
  write(index: number, r: LintedReport): Promise<void>;
  /** Completes the output (renames a combined file into place). */
  close(): Promise<void>;
  /** Interrupted: removes temporaries; per-input files already written stay (each complete). */
  abort(): Promise<void>;
}

/**
 * Where converted reports go: stdout, one file per input under a directory (paths planned and
 * checked before anything is written), or one combined file written to a temporary name as the
 * reports arrive and renamed at the end.
 */
export async function createReportSink(o: {
  encoder: ReportEncoder;
  inputs: InputSpec[];
  /** Absolute output path; undefined = stdout. */
  output?: string;
  outputIsDir: boolean;
  stdout: { write(s: string): unknown };
}): Promise<ReportSink> {
  const enc = o.encoder;
  if (o.output && o.outputIsDir) {
    const targets = await planMirroredOutputs(o.output, o.inputs, enc.ext);
    return {
      write: async (i, r) => writeFileAtomic(targets[i]!, await enc.one(r)),
      close: async () => {},
      abort: async () => {},
    };
  }
  if (!enc.combine) {
    // not streamable: gather, then write once
    const all: LintedReport[] = [];
    return {
      write: async (_i, r) => void all.push(r),
      close: async () => {
        const data = await enc.all!(all);
        if (data === null) return;
        if (o.output) await writeFileAtomic(o.output, data);
        else if (all.length) o.stdout.write(data as string); // a byte stream (xlsx) is written as is
      },
      abort: async () => {},
    };
  }
  const c = enc.combine(o.output ?? 'stdout');
  if (!o.output) {
    return {
      write: async (_i, r) => void o.stdout.write(c.add(r)),
      close: async () => void o.stdout.write(c.end()),
      abort: async () => {},
    };
  }
  const file = await new AtomicFileWriter(o.output).open();
  return {
    write: (_i, r) => file.write(c.add(r)),
    close: async () => {
      await file.write(c.end());
      await file.commit();
    },
    abort: () => file.abort(),
  };
}

// ---- summary ----

export interface BatchTally {
  total: number;
  done: number;
  read: number;
  withErrors: number;
  withWarnings: number;
  failed: { path: string; message: string }[];
}

export function newTally(total: number): BatchTally {
  return { total, done: 0, read: 0, withErrors: 0, withWarnings: 0, failed: [] };
}

export function tallyResult(t: BatchTally, r: FileResult): void {
  t.done++;
  if (isFatal(r)) {
    t.failed.push({ path: r.path, message: r.fatal.message });
    return;
  }
  t.read++;
  const c = countSeverities(r.diagnostics);
  if (c.error) t.withErrors++;
  if (c.warning) t.withWarnings++;
}

const SKIP_REASONS: Record<string, [string, string]> = {
  binary: ['二进制内容', 'binary content'],
  empty: ['空文件', 'empty file'],
  'legacy-doc': ['旧版 .doc 格式', 'legacy .doc'],
  'symlink-loop': ['符号链接循环', 'symlink loop'],
  'broken-symlink': ['符号链接无效', 'broken symlink'],
  'not-regular': ['不是普通文件', 'not a regular file'],
};

/** `ext:.md` → 扩展名 .md; known codes in the locale; anything else (an OS message) as is. */
function skipReason(reason: string, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (reason.startsWith('ext:')) return zh ? `扩展名 ${reason.slice(4)}` : `extension ${reason.slice(4)}`;
  const r = SKIP_REASONS[reason];
  return r ? r[zh ? 0 : 1] : reason;
}

/** The end-of-batch summary (stderr), in the locale. */
export function batchSummary(t: BatchTally, skipped: SkippedInput[], locale: Locale, interrupted: boolean, seconds?: number): string {
  const zh = locale === 'zh-CN';
  const out: string[] = [];
  if (interrupted) out.push(zh ? `已中断：完成 ${t.done}/${t.total} 个输入，其余未处理。` : `Interrupted: ${t.done} of ${t.total} input(s) finished, the rest not processed.`);
  const rate = seconds && seconds > 0 ? (zh ? `，用时 ${seconds.toFixed(1)} 秒（${(t.done / seconds).toFixed(0)} 个/秒）` : ` in ${seconds.toFixed(1)} s (${(t.done / seconds).toFixed(0)}/s)`) : '';
  out.push(
    zh
      ? `批量汇总：读取 ${t.read} 个报告，其中 ${t.withErrors} 个有错误、${t.withWarnings} 个有警告；${t.failed.length} 个无法读取；跳过 ${skipped.length} 个不支持的文件${rate}。`
      : `Batch summary: ${t.read} report(s) read, ${t.withErrors} with errors, ${t.withWarnings} with warnings; ${t.failed.length} could not be read; ${skipped.length} unsupported file(s) skipped${rate}.`,
  );
  if (t.failed.length) {
    out.push(zh ? '无法读取：' : 'Could not be read:');
    for (const f of t.failed) out.push(`  ${f.message.startsWith(f.path) ? f.message : `${f.path}: ${f.message}`}`);
  }
  if (skipped.length) {
    out.push(zh ? '已跳过（不支持的文件）：' : 'Skipped (unsupported):');
    for (const s of skipped) out.push(zh ? `  ${s.path}（${skipReason(s.reason, locale)}）` : `  ${s.path} (${skipReason(s.reason, locale)})`);
  }
  return out.join('\n') + '\n';
}


// ---- the CLI's batch run: signals, progress, tally ----

export interface CliBatchOptions {
  jobs: number;
  job: JobOptions;
  readStdin: () => Promise<Buffer>;
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Show the progress bar (already decided: TTY, --no-progress, more than one input). */
  progress: boolean;
  /** Write internal error stacks to stderr. */
  debug: boolean;
  /** Keep whole reports in `results` (formatters that draw tables); otherwise slim ones. */
  keepFull: boolean;
  /** Each readable report, in input order, before it is slimmed (convert writes it out). */
  onReport?: (index: number, r: LintedReport) => void | Promise<void>;
  /** Install SIGINT/SIGTERM handlers for a clean stop (the real process, not in-process tests). */
  handleSignals?: boolean;
  /** Test hook: abort from outside. */
  signal?: AbortSignal;
}

export interface CliBatchRun {
  /** Results in input order (slim unless keepFull); only the finished inputs when interrupted. */
  results: FileResult[];
  tally: BatchTally;
  /** The signal that stopped the run, if any. */
  interrupted: NodeJS.Signals | 'abort' | null;
  seconds: number;
}

/** Exit code of a run stopped by a signal: 128 + its number (SIGINT → 130). */
export function signalExitCode(s: NodeJS.Signals | 'abort'): number {
  return s === 'SIGTERM' ? 143 : 130;
}

export async function runCliBatch(inputs: InputSpec[], o: CliBatchOptions): Promise<CliBatchRun> {
  const t0 = performance.now();
  const ac = new AbortController();
  let interrupted: CliBatchRun['interrupted'] = null;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (interrupted) {
      // second Ctrl-C: stop now, still without leaving temporaries behind
      removeTempFilesSync();
      process.exit(signalExitCode(sig));
    }
    interrupted = sig;
    ac.abort();
  };
  const onOuterAbort = (): void => {
    interrupted ??= 'abort';
    ac.abort();
  };
  if (o.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const { ProgressBar } = o.progress ? await import('./progress.js') : { ProgressBar: null };
  const bar = ProgressBar ? new ProgressBar(o.stderr, inputs.length, { locale: o.job.locale }) : null;
  const tally = newTally(inputs.length);
  const results: FileResult[] = [];
  try {
    bar?.render(true);
    await runBatch(inputs, {
      jobs: o.jobs,
      job: o.job,
      readStdin: o.readStdin,
      signal: ac.signal,
      timeoutMs: 120_000,
      onStack: (_path, stack) => {
        if (!o.debug) return;
        bar?.clear();
        o.stderr.write(`${stack}\n`);
      },
      onResult: async (i, r) => {
        if (!isFatal(r)) await o.onReport?.(i, r);
        tallyResult(tally, r);
        results.push(isFatal(r) || o.keepFull ? r : slimReport(r));
        bar?.tick(isFatal(r));
      },
    });
  } finally {
    bar?.clear();
    if (o.handleSignals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    o.signal?.removeEventListener('abort', onOuterAbort);
  }
  return { results, tally, interrupted, seconds: (performance.now() - t0) / 1000 };
}
