// Scheduling a batch: runs every input in this thread or in worker threads and hands the results
// to the caller in input order (whatever the parallelism). Each input is one job (src/cli/job.ts):
// read, analyse, encode, and for -o DIR write its output, all in the worker; the main thread
// receives small outcomes. Small batches run here, what could exhaust this thread in a one-input
// isolation worker.
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { FileResult } from '../types.js';
import { isFatal } from '../types.js';
import { detectFormat, formatByName, readCost } from '../readers/index.js';
import { JobState, SEND_EVERY, deadWorkerResult, errorResult, maxInputBytes, prepareChunk, workerMemoryMb, runJob, type Job, type JobOptions, type JobOutcome } from './job.js';
import type { InputSpec } from './inputs.js';
import { readInput, registerTemp, tempNameFor, unregisterTemp } from './io.js';

/**
 * Below this much work ({@link workUnits}) everything runs in this thread, for formats without a
 * measured break-even ({@link MIN_PARALLEL_FILES}) and when a test sets the threshold.
 */
export const MIN_PARALLEL = 128;

/**
 * Inputs of one format from which two worker threads finish a batch sooner than this thread, on
 * two idle cores. `node bench/break-even.mjs` (CPU-s of `convert -o all.jsonl`, `--jobs 1` vs
 * forced `--jobs 2`, 16 and 128 files, load average 30–45 from other jobs; in-thread s + a·N vs
 * two workers S + a₂·N; workers pay from N* = (S − s) / (2a − a₂)):
 * - text: 0.20 s + 6.7 ms/file vs 0.28 s + 9.6 ms/file → N* ≈ 21 (a worker's start-up and JIT
 *   warm-up, and ~40 % more CPU per file in workers: messages, two JITs); 64 here, for margin;
 * - HTML 0.60 s + 12.6 ms vs 0.47 s + 15.4 ms, docx 0.45 s + 18.6 ms vs 0.39 s + 21.4 ms, PDF
 *   1.90 s + 45 ms vs 1.56 s + 49 ms → N* ≈ 0: a small batch of these already runs in one isolation
 *   worker (issue 15), so a second worker pays at once; 8 here (a few inputs: one worker is enough).
 * A mixed batch runs in workers when its inputs add up to one break-even (Σ 1 / N_format ≥ 1).
 * On a machine whose cores are busy with other work, workers do not pay at any size (issue 16
 * measured 800 text files slower with --jobs 2): `--jobs 1` is the user's choice there.
 */
export const MIN_PARALLEL_FILES: Record<string, number> = { text: 64, html: 8, docx: 8, pdf: 8 };

/** Whether a batch's inputs add up to enough work for worker threads ({@link MIN_PARALLEL_FILES}). */
export function paysForWorkers(inputs: InputSpec[]): boolean {
  let share = 0;
  for (const i of inputs) {
    const f = formatByName(i.path);
    const n = f !== undefined ? MIN_PARALLEL_FILES[f] : undefined;
    share += n ? 1 / n : readCost(i.path) / MIN_PARALLEL;
    if (share >= 1 - 1e-9) return true; // N × (1 / N) may fall short of 1 by a rounding
  }
  return false;
}

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
  /** Work ({@link workUnits}) below which no worker is started (default: the per-format break-even, {@link paysForWorkers}). */
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
  const enough = o.minParallel !== undefined ? workUnits(inputs) >= o.minParallel : paysForWorkers(inputs);
  const parallel = jobs > 1 && enough && !inputs.some((i) => i.path === '-');
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
function workerOptions(job: JobOptions, state?: JobState): { workerData: unknown; resourceLimits: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } } {
  return { workerData: { giaWorker: job, ...(state ? { giaState: state.buffer } : {}) }, resourceLimits: { maxOldGenerationSizeMb: workerMemoryMb(job), maxYoungGenerationSizeMb: WORKER_YOUNG_MB } };
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
    w.on('message', (ms: JobOutcome[]) => {
      for (const m of ms) this.settle(m);
    });
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
  /** The job it is on, in shared memory. */
  state: JobState;
  /** Inputs sent without an outcome yet, in the order the worker works on them. */
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
  const perWorker = 2 * SEND_EVERY; // jobs queued in one worker: it never waits for the next path, even right after sending a batch
  const window = n * perWorker * 2; // results held for ordering, at most
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

    /**
     * The time limit of the job a worker is on: armed while it has jobs; when it fires, the job in
     * progress (shared memory, {@link JobState}) is stopped if it has run that long, else the timer
     * waits for the rest of that job's time (outcomes come in batches, not one per job).
     */
    const armTimer = (slot: Slot, ms = o.timeoutMs): void => {
      clearTimeout(slot.timer);
      if (!o.timeoutMs || slot.posted.length === 0) return;
      slot.timer = setTimeout(() => {
        const now = slot.state.get();
        const left = now.id >= 0 ? o.timeoutMs! - (Date.now() - now.since) : o.timeoutMs!;
        if (left > 0) return armTimer(slot, left);
        slot.timedOut = true;
        void slot.worker.terminate();
      }, ms);
    };

    const spawn = (): Slot => {
      const state = JobState.create();
      const worker = new Worker(url, workerOptions(job, state));
      const slot: Slot = { worker, state, posted: [] };
      worker.on('message', (ms: JobOutcome[]) => {
        for (const m of ms) {
          const k = slot.posted.indexOf(m.id);
          if (k >= 0) slot.posted.splice(k, 1);
          const t = tempOf(m.id);
          if (t) unregisterTemp(t);
          ready.set(m.id, m);
        }
        armTimer(slot);
        deliver();
      });
      let reason = '';
      worker.on('error', (e) => {
        reason = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : e.message;
      });
      worker.on('exit', () => {
        clearTimeout(slot.timer);
        if (!slots.delete(slot) || finished) return;
        // the job it was on (shared memory; between jobs: the first one without an outcome) is reported, the others run again
        const on = slot.state.get().id;
        const culprit = on >= 0 && slot.posted.includes(on) ? on : slot.posted[0];
        if (culprit !== undefined) {
          const t = tempOf(culprit);
          if (t) {
            rmSync(t, { force: true });
            unregisterTemp(t);
          }
          settle(deadWorkerOutcome(culprit, inputs[culprit]!.path, slot.timedOut ? 'time' : reason || 'worker stopped', o));
        }
        queue.unshift(...slot.posted.filter((id) => id !== culprit));
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
