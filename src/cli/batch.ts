// Batch processing: runs every input in this thread or in worker threads and hands the results to
// the caller in input order (whatever the parallelism). Each input is one job (src/cli/job.ts):
// read, analyse, encode, and for -o DIR write its output, all in the worker; the main thread
// receives small outcomes. Also the output sinks of `convert` (one file per input, or one combined
// file streamed piece by piece) and the summary.
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { FileResult, LintedReport, Locale } from '../types.js';
import { isFatal } from '../types.js';
import { GiaError } from '../errors.js';
import { countSeverities } from '../engine/lint.js';
import { detectFormat, readCost } from '../readers/index.js';
import { format, messages } from '../i18n/index.js';
import { DEFAULT_TIMEOUT_MS, deadWorkerResult, encodeChunk, errorResult, maxInputBytes, prepareChunk, workerMemoryMb, runJob, slimReport, unindentJson, type ChunkSpec, type Job, type JobOptions, type JobOutcome } from './job.js';
import { terminalSafe } from '../formatters/_terminal.js';
import { AtomicFileWriter, LineSpill, planMirroredOutputs, writePieces, readInput, registerTemp, removeTempFilesSync, tempNameFor, unregisterTemp, writeFileAtomic, type InputSpec, type SkippedInput } from './io.js';

export { slimReport } from './job.js';

/**
 * Below this much work ({@link workUnits}) everything runs in this thread. A worker costs
 * 100–250 ms of CPU before it runs at full speed (module loading, then its own JIT warm-up), and
 * an unfamiliar text report ~3 ms: measured on 2 cores, 64 text files ran faster in this thread,
 * 400 broke even on a loaded machine; HTML pages (~12 ms each) broke even near 64 files.
 */
export const MIN_PARALLEL = 128;

/** Rough analysis cost of some inputs in text-report units, each reader's estimate (an HTML page or a .docx costs about four). */
export function workUnits(inputs: InputSpec[]): number {
  let u = 0;
  for (const i of inputs) u += readCost(i.path);
  return u;
}

/**
 * Young generation of a worker (MB). V8's default (up to ~48 MB per thread) kept ~40 MB more
 * resident in each worker; 16 MB: -o all.jsonl / CSV of 10 000 text files 324–338 → 283–292 MB
 * peak RSS, same CPU time; 12 MB or less cost 15–40 % more CPU in scavenges.
 */
const WORKER_YOUNG_MB = 16;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export interface BatchOptions {
  /** Worker threads (1 = in this thread). */
  jobs: number;
  job: JobOptions;
  readStdin?: (maxBytes: number) => Promise<Buffer>;
  /** -o DIR: the output file of each input (in input order), written by the input's job. */
  targets?: string[];
  /** Stops dispatching; workers are terminated; results so far are kept. */
  signal?: AbortSignal;
  /** Called once per input, in input order, awaited before the next; `out` carries the encoded chunk and slice. */
  onResult: (index: number, result: FileResult, out: JobOutcome) => void | Promise<void>;
  /** Internal error stacks (for --debug). */
  onStack?: (path: string, stack: string) => void;
  /** Work ({@link workUnits}) below which no worker is started (default {@link MIN_PARALLEL}). */
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

function workerUrl(): URL {
  // started from the bundle (bin/gia-report.js): the bundled worker
  const bundled = (globalThis as { __giaWorkerUrl?: string }).__giaWorkerUrl;
  if (bundled) return new URL(bundled);
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // running from the TypeScript sources (tests): use the built worker
  return new URL('../../dist/cli/worker.js', import.meta.url);
}

/** Runs every input; results reach `onResult` in input order. Never throws for a bad input. */
export async function runBatch(inputs: InputSpec[], o: BatchOptions): Promise<BatchOutcome> {
  const jobs = Math.max(1, Math.floor(o.jobs) || 1);
  const parallel = jobs > 1 && workUnits(inputs) >= (o.minParallel ?? MIN_PARALLEL) && !inputs.some((i) => i.path === '-');
  return parallel ? runWorkers(inputs, o, Math.min(jobs, inputs.length)) : runInProcess(inputs, o);
}

/**
 * Inputs of a small batch bigger than this run in the isolation worker whatever their format
 * (real text reports are 10–200 KB): a plain-text input below it runs in this thread.
 */
export const ISOLATE_FROM_BYTES = 1 << 20;

/**
 * Whether an input of a small batch (two inputs or more) runs in the isolation worker rather than
 * in this thread: everything but small plain text (a .docx, an HTML page, a PDF, anything over
 * {@link ISOLATE_FROM_BYTES}). There an out-of-memory or a hang is that input's one-line error
 * and the others complete; a lone input runs here (its reader's limits hold; no worker start-up).
 */
export function needsIsolation(bytes: Uint8Array, path: string, o: JobOptions): boolean {
  if (bytes.length > ISOLATE_FROM_BYTES) return true;
  return (o.analyze.inputFormat ?? detectFormat(bytes, path)) !== 'text';
}

async function readOrFatal(input: InputSpec, o: BatchOptions): Promise<Uint8Array | JobOutcome> {
  try {
    return await readInput(input.path, o.readStdin, maxInputBytes(o.job.analyze));
  } catch (e) {
    return { id: -1, ...errorResult(e, input.path, o.job.locale) };
  }
}

/** The worker options of a batch: heap limits from the job's memory limit ({@link workerMemoryMb}). */
function workerOptions(job: JobOptions): { workerData: unknown; resourceLimits: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } } {
  return { workerData: { giaWorker: job }, resourceLimits: { maxOldGenerationSizeMb: workerMemoryMb(job), maxYoungGenerationSizeMb: WORKER_YOUNG_MB } };
}

/**
 * One worker thread that runs the inputs of a small batch handed to it, one at a time (started at
 * the first, replaced after a crash, stopped by {@link Isolation.close}): an input that exhausts
 * the worker's heap or takes longer than the time limit becomes its own one-line error.
 */
class Isolation {
  private worker: Worker | null = null;
  private current: { job: Job; done: (out: JobOutcome) => void } | null = null;
  private reason: 'memory' | 'time' | string = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly tag = randomBytes(4).toString('hex');
  constructor(
    private readonly W: typeof Worker,
    private readonly o: BatchOptions,
  ) {}

  private start(): Worker {
    const w = new this.W(workerUrl(), workerOptions({ ...this.o.job, tempTag: this.tag }));
    w.on('message', (m: JobOutcome) => this.settle(m));
    w.on('error', (e) => {
      this.reason = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : e.message;
    });
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
      const c = this.current;
      if (c) this.settle(deadWorkerOutcome(c.job.id, c.job.path, this.reason || 'worker stopped', this.o));
    });
    return w;
  }

  private settle(out: JobOutcome): void {
    clearTimeout(this.timer);
    const c = this.current;
    if (!c) return;
    this.current = null;
    if (c.job.target) {
      const t = tempNameFor(c.job.target, this.tag);
      if (out.result && isFatal(out.result)) rmSync(t, { force: true }); // what a stopped worker left
      unregisterTemp(t);
    }
    c.done(out);
  }

  run(job: Job): Promise<JobOutcome> {
    this.worker ??= this.start();
    this.reason = '';
    const w = this.worker;
    return new Promise<JobOutcome>((done) => {
      this.current = { job, done };
      if (job.target) registerTemp(tempNameFor(job.target, this.tag));
      const b = job.bytes;
      // the bytes move to the worker without a copy when they own their memory
      const transfer = b && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? [b.buffer] : [];
      w.postMessage([job], transfer);
      if (this.o.timeoutMs) {
        this.timer = setTimeout(() => {
          this.reason = 'time';
          void w.terminate();
        }, this.o.timeoutMs);
      }
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    const w = this.worker;
    this.worker = null;
    const c = this.current;
    this.current = null;
    if (c?.job.target) {
      const t = tempNameFor(c.job.target, this.tag);
      rmSync(t, { force: true });
      unregisterTemp(t);
    }
    await w?.terminate();
  }
}

/** The outcome of an input whose worker died on it: a resource limit (memory, time) is the input's, anything else an internal error. */
function deadWorkerOutcome(id: number, path: string, reason: string, o: BatchOptions): JobOutcome {
  return { id, ...deadWorkerResult(path, reason, { memoryMb: workerMemoryMb(o.job), timeoutMs: o.timeoutMs ?? 0 }, o.job.locale) };
}

async function runInProcess(inputs: InputSpec[], o: BatchOptions): Promise<BatchOutcome> {
  let done = 0;
  await prepareChunk(o.job.chunk);
  // a batch of two inputs or more isolates what could exhaust this thread (needsIsolation)
  const isolate = inputs.length > 1;
  let iso: Isolation | null = null;
  let next: Promise<Uint8Array | JobOutcome> | null = inputs.length ? readOrFatal(inputs[0]!, o) : null;
  const onAbort = (): void => void iso?.close();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (let i = 0; i < inputs.length; i++) {
      if (o.signal?.aborted) return { done, interrupted: true, workers: iso ? 1 : 0 };
      const got = await next!;
      next = i + 1 < inputs.length ? readOrFatal(inputs[i + 1]!, o) : null; // read ahead while analysing
      const target = o.targets?.[i];
      let out: JobOutcome;
      if (!(got instanceof Uint8Array)) out = { ...got, id: i };
      else {
        const job: Job = { id: i, path: inputs[i]!.path, bytes: got, ...(target ? { target } : {}) };
        if (isolate && needsIsolation(got, job.path, o.job)) {
          iso ??= new Isolation((await import('node:worker_threads')).Worker, o);
          out = await iso.run(job);
          if (o.signal?.aborted) return { done, interrupted: true, workers: 1 };
        } else out = await runJob(job, o.job);
      }
      if (out.stack) o.onStack?.(inputs[i]!.path, out.stack);
      await o.onResult(i, out.result, out);
      done++;
      // let a pending signal be handled between files
      if (i % 16 === 15) await new Promise<void>((res) => setImmediate(res));
    }
    return { done, interrupted: !!o.signal?.aborted && done < inputs.length, workers: iso ? 1 : 0 };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await iso?.close();
  }
}

interface Slot {
  worker: Worker;
  /** Inputs sent, in the order the worker works on them (the first is the one being worked on). */
  posted: number[];
  timer?: NodeJS.Timeout;
  /** Stopped by the time limit (the input it was working on is reported for it). */
  timedOut?: boolean;
}

async function runWorkers(inputs: InputSpec[], o: BatchOptions, n: number): Promise<BatchOutcome> {
  const { Worker } = await import('node:worker_threads');
  const url = workerUrl();
  // outputs written by workers get predictable temporary names: this thread registers them while
  // their job is out (a second Ctrl-C removes them) and removes what a stopped worker left
  const tag = randomBytes(4).toString('hex');
  const job: JobOptions = { ...o.job, tempTag: tag };
  const tempOf = (id: number): string | undefined => (o.targets?.[id] !== undefined ? tempNameFor(o.targets[id]!, tag) : undefined);
  const window = n * 16; // results held for ordering, at most
  const perWorker = 4; // jobs queued in one worker: it never waits for the next path
  const queue: number[] = inputs.map((_, i) => i);
  const ready = new Map<number, JobOutcome>();
  let nextDeliver = 0;
  let finished = false;
  let delivering: Promise<void> = Promise.resolve();
  const slots = new Set<Slot>();

  return new Promise<BatchOutcome>((resolveAll, rejectAll) => {
    /** Stops every worker, then removes the temporaries of the jobs they had (a worker stops between file-system calls, never inside one). */
    const stopAll = async (): Promise<void> => {
      const live = [...slots];
      slots.clear();
      const temps = live.flatMap((s) => s.posted.map(tempOf)).filter((t): t is string => t !== undefined);
      await Promise.all(
        live.map((s) => {
          clearTimeout(s.timer);
          return s.worker.terminate();
        }),
      );
      for (const t of temps) {
        rmSync(t, { force: true });
        unregisterTemp(t);
      }
    };
    const finish = (interrupted: boolean): void => {
      if (finished) return;
      finished = true;
      o.signal?.removeEventListener('abort', onAbort);
      const stopped = stopAll();
      Promise.all([stopped, delivering]).then(
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
          if (r.stack) o.onStack?.(inputs[nextDeliver]!.path, r.stack);
          await o.onResult(nextDeliver, r.result, r);
          nextDeliver++;
        }
        if (!finished && nextDeliver === inputs.length) finish(false);
        else pump();
      });
      delivering.catch((e) => {
        if (!finished) {
          finished = true;
          stopAll().then(
            () => rejectAll(e),
            () => rejectAll(e),
          );
        }
      });
    };

    const settle = (out: JobOutcome): void => {
      ready.set(out.id, out);
      deliver();
    };

    const armTimer = (slot: Slot): void => {
      clearTimeout(slot.timer);
      if (!o.timeoutMs || slot.posted.length === 0) return;
      slot.timer = setTimeout(() => {
        slot.timedOut = true;
        void slot.worker.terminate();
      }, o.timeoutMs);
    };

    const spawn = (): Slot => {
      const worker = new Worker(url, workerOptions(job));
      const slot: Slot = { worker, posted: [] };
      worker.on('message', (m: JobOutcome) => {
        // one job at a time, in order: the answer is for the first job posted
        const k = slot.posted.indexOf(m.id);
        if (k >= 0) slot.posted.splice(k, 1);
        const t = tempOf(m.id);
        if (t) unregisterTemp(t);
        armTimer(slot);
        settle(m);
      });
      let reason = '';
      worker.on('error', (e) => {
        reason = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : e.message;
      });
      worker.on('exit', () => {
        clearTimeout(slot.timer);
        if (!slots.delete(slot) || finished) return;
        // the first job posted is the one it was working on: report it, retry the others
        const culprit = slot.posted[0];
        if (culprit !== undefined) {
          const t = tempOf(culprit);
          if (t) {
            rmSync(t, { force: true });
            unregisterTemp(t);
          }
          settle(deadWorkerOutcome(culprit, inputs[culprit]!.path, slot.timedOut ? 'time' : reason || 'worker stopped', o));
        }
        queue.unshift(...slot.posted.slice(1));
        pump();
      });
      slots.add(slot);
      return slot;
    };

    const pump = (): void => {
      if (finished) return;
      while (slots.size < n && queue.length > 0) spawn();
      for (const slot of slots) {
        const batch: Job[] = [];
        while (slot.posted.length < perWorker && queue.length > 0 && queue[0]! < nextDeliver + window) {
          const id = queue.shift()!;
          const target = o.targets?.[id];
          const t = tempOf(id);
          if (t) registerTemp(t);
          slot.posted.push(id);
          batch.push({ id, path: inputs[id]!.path, ...(target !== undefined ? { target } : {}) });
        }
        if (batch.length === 0) continue;
        slot.worker.postMessage(batch);
        if (slot.posted.length === batch.length) armTimer(slot);
      }
    };

    if (o.signal?.aborted) finish(true);
    else pump();
  });
}

// ---- what `lint` keeps of each report ----

/** Lint formats that need only file, template, metadata and diagnostics of a report. */
export const DIAGNOSTIC_ONLY_FORMATS = new Set(['stylish', 'json', 'sarif']);

// ---- convert outputs ----

/** A piece of a combined output: text, or UTF-8 bytes encoded by a worker. */
export type Piece = string | Uint8Array;

const pieceText = (p: Piece): string => (typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('utf8'));

/** Frames the encoded chunks of a combined output (one chunk per report, in input order). */
export interface ChunkCombiner {
  add(chunk: Piece): Piece[];
  end(): string;
}

export interface ReportEncoder {
  /** Extension of per-input files under `-o DIR`. */
  ext: string;
  /** The whole output for one report (per-input files). */
  one(r: LintedReport): string | Uint8Array | Promise<string | Uint8Array>;
  /** A combined output built report by report (memory stays bounded). */
  combine?(target: 'stdout' | string): Combiner;
  /** A combined output that needs every report at once (a one-input workbook; memory grows with the batch). null = write nothing. */
  all?(rs: LintedReport[]): string | Uint8Array | null | Promise<string | Uint8Array | null>;
  /**
   * A combined output whose head needs every report (wide CSV: the columns depend on the templates
   * present; the xlsx summary). Each report becomes a `values` chunk (its template's values, encoded
   * by its job), kept in a temporary file in input order; at the end `finish` gets the templates of
   * all the reports and the rows read back, each with its final result (slim, cross-year findings
   * included), and gives the output in pieces; `again` iterates those results once more (the xlsx
   * 问题 sheet). Memory stays bounded however many reports there are.
   */
  gather?: { finish(ids: string[], rows: AsyncIterable<GatheredRow>, again: () => Iterable<LintedReport>): AsyncIterable<string | Uint8Array> | null };
  /**
   * The same encodings as plain data, so a worker thread encodes each report itself: `one` equals
   * {@link ReportEncoder.one}; `combine` gives the chunk each report becomes and how the chunks are framed.
   */
  spec?: { one: ChunkSpec; combine?(target: 'stdout' | string): { chunk: ChunkSpec; combiner: ChunkCombiner } };
}

/** A report of a gathered output read back: its result and its template's values. */
export interface GatheredRow {
  r: LintedReport;
  values: (number | null)[];
}

/** Text of a combined output, produced piece by piece. */
export interface Combiner {
  add(r: LintedReport): string;
  end(): string;
}

/** A report-by-report {@link Combiner} from the chunk encoding and its framing. */
function combinerOf(c: { chunk: ChunkSpec; combiner: ChunkCombiner }): Combiner {
  return { add: (r) => c.combiner.add(encodeChunk(r, c.chunk)).map(pieceText).join(''), end: () => c.combiner.end() };
}

/** How JSON is laid out: indented with `pretty` (--pretty) or when stdout is a terminal, else compact. */
export interface JsonStyle {
  pretty?: boolean;
  /** stdout is a terminal (a lone report shown there stays indented). */
  tty?: boolean;
}

/**
 * JSON: `.jsonl` → JSON Lines; `.json` → an array, one compact report per line (indented with
 * `pretty`; a lone report as an object, as before); stdout → JSON Lines for several reports, one
 * object for one (indented on a terminal or with `pretty`). The first chunk is held until the
 * second arrives, to know which (a lone one is re-encoded: its JSON parsed back gives the same
 * data, so the same text).
 */
export function jsonChunks(target: 'stdout' | string, style: JsonStyle = {}): { chunk: ChunkSpec; combiner: ChunkCombiner } {
  const mode = target === 'stdout' ? 'stdout' : extname(target).toLowerCase() === '.jsonl' ? 'lines' : 'array';
  if (mode === 'lines') return { chunk: { kind: 'json-line' }, combiner: { add: (c) => [c], end: () => '' } };
  const pretty = !!style.pretty || (mode === 'stdout' && !!style.tty);
  const prettyItems = mode === 'array' && pretty;
  let n = 0;
  let held: Piece | null = null;
  return {
    chunk: { kind: mode === 'stdout' ? 'json-line' : prettyItems ? 'json-item' : 'json-compact' },
    combiner: {
      add(c) {
        n++;
        if (n === 1) {
          held = c;
          return [];
        }
        const out: Piece[] = [];
        if (n === 2) {
          out.push(...(mode === 'stdout' ? [held!] : ['[\n', held!]));
          held = null;
        }
        if (mode === 'array') out.push(',\n');
        out.push(c);
        return out;
      },
      end() {
        if (n === 1) {
          const text = pieceText(held!);
          if (prettyItems) return unindentJson(text) + '\n';
          if (mode === 'array') return text + '\n';
          return pretty ? JSON.stringify(JSON.parse(text), null, 2) + '\n' : text;
        }
        if (mode === 'array') return n === 0 ? '[]\n' : '\n]\n';
        return '';
      },
    },
  };
}

/** The report-by-report form of {@link jsonChunks}. */
export function jsonCombiner(target: 'stdout' | string, style: JsonStyle = {}): Combiner {
  return combinerOf(jsonChunks(target, style));
}

/** JSON: a compact report per input file (indented with `pretty`), combined outputs as {@link jsonChunks}. */
export function jsonEncoder(style: JsonStyle = {}): ReportEncoder {
  const one: ChunkSpec = { kind: style.pretty ? 'json-pretty' : 'json-line' };
  const combine = (target: 'stdout' | string) => jsonChunks(target, style);
  return { ext: '.json', one: (r) => encodeChunk(r, one), combine: (target) => combinerOf(combine(target)), spec: { one, combine } };
}

/** CSV (long layout): the header (and BOM) once, then each report's rows. */
export async function csvLongEncoder(o: { bom: boolean; locale: Locale; headerKind?: 'keys' | 'labels' }): Promise<ReportEncoder> {
  const { toCsvLong } = await import('../writers/csv.js');
  const headerKind = o.headerKind ?? 'keys';
  const one: ChunkSpec = { kind: 'csv-long', locale: o.locale, bom: o.bom, header: true, headerKind };
  await prepareChunk(one);
  const chunks = (target: 'stdout' | string): { chunk: ChunkSpec; combiner: ChunkCombiner } => {
    let n = 0;
    return {
      chunk: { kind: 'csv-long', locale: o.locale, bom: false, header: false },
      combiner: {
        add: (c) => (n++ === 0 ? [toCsvLong([], { bom: o.bom, header: true, locale: o.locale, headerKind }), c] : [c]),
        end: () => (n === 0 && target !== 'stdout' ? toCsvLong([], { bom: o.bom, locale: o.locale, headerKind }) : ''),
      },
    };
  };
  return { ext: '.csv', one: (r) => encodeChunk(r, one), combine: (target) => combinerOf(chunks(target)), spec: { one, combine: chunks } };
}

/** What each job produces for a sink: its encoded chunk (UTF-8 bytes or text), or under -o DIR its file, written by the job. */
export interface OutputPlan {
  chunk: ChunkSpec;
  bytes: boolean;
  /** -o DIR: each input's output file, in input order. */
  targets?: string[];
}

export interface ReportSink {
  /** What jobs produce for this sink; null: it needs whole reports (`write` gets them). */
  plan: OutputPlan | null;
  /** Called in input order for each readable report (whole when `plan` is null, with its chunk otherwise). */
  write(index: number, r: LintedReport, chunk?: Piece): Promise<void>;
  /** Completes the output (renames a combined file into place); `results`: every input's final result, in input order. */
  close(results: FileResult[]): Promise<void>;
  /** Interrupted: removes temporaries; per-input files already written stay (each complete). */
  abort(): Promise<void>;
}

/**
 * Where converted reports go: stdout, one file per input under a directory (paths planned and
 * checked before anything is written; each written by its job), or one combined file written to
 * a temporary name as the reports arrive and renamed at the end.
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
    if (enc.spec) return { plan: { chunk: enc.spec.one, bytes: false, targets }, write: async () => {}, close: async () => {}, abort: async () => {} };
    return {
      plan: null,
      write: async (i, r) => writeFileAtomic(targets[i]!, await enc.one(r)),
      close: async () => {},
      abort: async () => {},
    };
  }
  if (enc.gather) return gatheredSink(enc.gather, o.output, o.stdout);
  if (!enc.combine) {
    // not streamable: gather, then write once
    const all: LintedReport[] = [];
    return {
      plan: null,
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
  const target = o.output ?? 'stdout';
  const chunks = enc.spec?.combine?.(target);
  const c = chunks ? null : enc.combine(target);
  const plan: OutputPlan | null = chunks ? { chunk: chunks.chunk, bytes: !!o.output } : null;
  const pieces = (r: LintedReport, chunk?: Piece): Piece[] => (chunks ? chunks.combiner.add(chunk!) : [c!.add(r)]);
  const end = (): string => (chunks ? chunks.combiner.end() : c!.end());
  if (!o.output) {
    return {
      plan,
      write: async (_i, r, chunk) => {
        for (const p of pieces(r, chunk)) o.stdout.write(pieceText(p));
      },
      close: async () => void o.stdout.write(end()),
      abort: async () => {},
    };
  }
  const file = await new AtomicFileWriter(o.output).open();
  return {
    plan,
    write: async (_i, r, chunk) => {
      for (const p of pieces(r, chunk)) await file.write(p);
    },
    close: async () => {
      await file.write(end());
      await file.commit();
    },
    abort: () => file.abort(),
  };
}

/**
 * The sink of a gathered output ({@link ReportEncoder.gather}): each report's values line (`index
 * json`) goes to a temporary file next to the output; at the end they are read back with the final
 * results and the output is written (atomically) or sent to stdout piece by piece.
 */
async function gatheredSink(g: NonNullable<ReportEncoder['gather']>, output: string | undefined, stdout: { write(s: string | Uint8Array): unknown }): Promise<ReportSink> {
  const spill = await new LineSpill(output ?? join(tmpdir(), 'gia-report-out')).open();
  const ids = new Set<string>();
  const spec: ChunkSpec = { kind: 'values' };
  return {
    plan: { chunk: spec, bytes: true },
    write: async (i, r, chunk) => {
      ids.add(r.template.id);
      await spill.write(`${i} `);
      await spill.write(chunk!); // the jobs encode every readable report (plan.chunk)
    },
    close: async (results) => {
      async function* rows(): AsyncGenerator<GatheredRow> {
        for await (const line of spill.lines()) {
          const sp = line.indexOf(' ');
          const r = results[Number(line.slice(0, sp))];
          if (!r || isFatal(r)) continue;
          yield { r, values: (JSON.parse(line.slice(sp + 1)) as [string, ...(number | null)[]]).slice(1) as (number | null)[] };
        }
      }
      function* again(): Generator<LintedReport> {
        for (const r of results) if (!isFatal(r)) yield r;
      }
      try {
        // nothing readable: nothing on stdout (a file still gets what `finish` gives, e.g. a CSV head)
        const pieces = ids.size || output ? g.finish([...ids], rows(), again) : null;
        if (pieces) await writePieces(pieces, output ?? stdout);
      } finally {
        await spill.abort();
      }
    },
    abort: () => spill.abort(),
  };
}

/** Runs with this many inputs or more keep their results packed ({@link packedResultList}). */
export const PACK_FROM = 64;

/**
 * An array of results that keeps each readable report's (slim) result serialised
 * (`v8.serialize`: exact, off the JavaScript heap) and deserialises it each time an element is
 * read. A 10 000-file lint run holds ~5 KB of small objects and strings per report otherwise,
 * and V8 lets its heap grow to two or three times what is live: ~100 MB of peak RSS. Reads
 * (index, iteration, array methods) give fresh objects: a changed result is stored back by
 * assigning it (`list[i] = r`). Unreadable inputs stay objects (they are small).
 */
export async function packedResultList(): Promise<FileResult[]> {
  const { deserialize, serialize } = await import('node:v8'); // not on a one-file lint's start-up path
  const store: (FileResult | Buffer)[] = [];
  const unpack = (v: FileResult | Buffer | undefined): FileResult | undefined => (Buffer.isBuffer(v) ? (deserialize(v) as FileResult) : v);
  const index = (k: string | symbol): number => (typeof k === 'string' && /^(?:0|[1-9]\d*)$/.test(k) ? Number(k) : -1);
  return new Proxy(store, {
    get(t, k, receiver) {
      const i = index(k);
      if (i >= 0) return unpack(t[i]);
      if (k === Symbol.iterator) {
        return function* (): Generator<FileResult> {
          for (let j = 0; j < t.length; j++) yield unpack(t[j])!;
        };
      }
      return Reflect.get(t, k, receiver) as unknown;
    },
    set(t, k, v, receiver) {
      const i = index(k);
      if (i >= 0) {
        t[i] = isFatal(v as FileResult) ? (v as FileResult) : serialize(v);
        return true;
      }
      return Reflect.set(t, k, v, receiver);
    },
  }) as unknown as FileResult[];
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

/** `ext:.md` → 扩展名 .md; known codes in the locale; anything else (an OS message) as is. */
function skipReason(reason: string, locale: Locale): string {
  const W = messages(locale).batch;
  if (reason.startsWith('ext:')) return format(W.ext, { ext: reason.slice(4) });
  const os = /^([A-Z][A-Z0-9]+)[:,]/.exec(reason)?.[1]; // an OS message ("EACCES: permission denied, scandir …")
  return W.skip[reason] ?? (os && messages(locale).os[os]) ?? reason;
}

/** The end-of-batch summary (stderr), in the locale. */
export function batchSummary(t: BatchTally, skipped: SkippedInput[], locale: Locale, interrupted: boolean, seconds?: number, opts: { listFailed?: boolean } = {}): string {
  const W = messages(locale).batch;
  const out: string[] = [];
  if (interrupted) out.push(format(W.interrupted, { done: t.done, total: t.total }));
  const rate = seconds && seconds > 0 ? format(W.rate, { seconds: seconds.toFixed(1), rate: (t.done / seconds).toFixed(0) }) : '';
  out.push(format(W.summary, { read: t.read, errors: t.withErrors, warnings: t.withWarnings, failed: t.failed.length, skipped: skipped.length, rate }));
  if (t.failed.length && opts.listFailed !== false) {
    out.push(W.failedHead);
    for (const f of t.failed) out.push(`  ${f.message.startsWith(f.path) ? f.message : `${f.path}: ${f.message}`}`);
  }
  if (skipped.length) {
    out.push(W.skippedHead);
    for (const s of skipped) out.push(format(W.skippedItem, { path: s.path, reason: skipReason(s.reason, locale) }));
  }
  return terminalSafe(out.join('\n')) + '\n'; // paths and messages are shown, never obeyed (no control characters)
}


// ---- the CLI's batch run: signals, progress, tally ----

export interface CliBatchOptions {
  jobs: number;
  job: JobOptions;
  readStdin: (maxBytes: number) => Promise<Buffer>;
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Show the progress bar (already decided: TTY, --no-progress, more than one input). */
  progress: boolean;
  /** Write internal error stacks to stderr. */
  debug: boolean;
  /** Keep whole reports in `results` (formatters that draw tables); otherwise slim ones. */
  keepFull: boolean;
  /** convert: what each job encodes or writes ({@link ReportSink.plan}); null: the sink needs whole reports. */
  output?: OutputPlan | null;
  /** Jobs also return the cross-year slice of each report (`out.slice`). */
  slices?: boolean;
  /**
   * Each readable report, in input order (convert writes it out): whole when `keepFull` or
   * `output` is null, slim otherwise; `out` has its encoded chunk and slice.
   */
  onReport?: (index: number, r: LintedReport, out: JobOutcome) => void | Promise<void>;
  /** Install SIGINT/SIGTERM handlers for a clean stop (the real process, not in-process tests). */
  handleSignals?: boolean;
  /** Test hook: abort from outside. */
  signal?: AbortSignal;
  /** Time limit of one input in a worker thread (ms; default {@link DEFAULT_TIMEOUT_MS}). */
  timeoutMs?: number;
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
  // slim results of a large run wait for the lint report packed (whole reports, for -f html, stay objects)
  const results: FileResult[] = o.keepFull || inputs.length < PACK_FROM ? [] : await packedResultList();
  // jobs return whole reports only when something here draws tables or encodes whole reports
  const slim = !o.keepFull && o.output !== null;
  const job: JobOptions = { ...o.job, slim, slice: !!o.slices, ...(o.output ? { chunk: o.output.chunk, bytes: o.output.bytes } : {}) };
  try {
    bar?.render(true);
    await runBatch(inputs, {
      jobs: o.jobs,
      job,
      ...(o.output?.targets ? { targets: o.output.targets } : {}),
      readStdin: o.readStdin,
      signal: ac.signal,
      timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // GIA_MIN_PARALLEL: the work threshold for workers ({@link MIN_PARALLEL}), for tests and benchmarks
      ...(/^\d+$/.test(process.env.GIA_MIN_PARALLEL ?? '') ? { minParallel: Number(process.env.GIA_MIN_PARALLEL) } : {}),
      onStack: (_path, stack) => {
        if (!o.debug) return;
        bar?.clear();
        o.stderr.write(`${terminalSafe(stack)}\n`);
      },
      onResult: async (i, r, out) => {
        if (out.writeError) throw new GiaError('E_WRITE', out.writeError);
        if (!isFatal(r)) await o.onReport?.(i, r, out);
        tallyResult(tally, r);
        results.push(isFatal(r) || o.keepFull || slim ? r : slimReport(r));
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
