// The CLI's batch run: every input through the scheduler (src/cli/schedule.ts), with signals
// (a clean stop on Ctrl-C), the progress bar, the tally and the results kept for the lint report.
import type { LintedReport } from '../types.js';
import { isFatal } from '../types.js';
import { GiaError } from '../errors.js';
import { terminalSafe } from '../text/terminal.js';
import { DEFAULT_TIMEOUT_MS, slimReport, type JobOptions, type JobOutcome } from './job.js';
import { runBatch } from './schedule.js';
import type { OutputPlan } from './sinks.js';
import { newTally, tallyResult, type BatchTally } from './summary.js';
import { SPILL_FROM, countStore, objectStore, spilledStore, type ResultStore } from './results.js';
import type { InputSpec } from './inputs.js';
import { removeTempFilesSync } from './io.js';

/** Lint formats that need only file, template, metadata and diagnostics of a report. */
export const DIAGNOSTIC_ONLY_FORMATS = new Set(['stylish', 'json', 'sarif']);

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
  /**
   * Nothing after the batch reads more of a report than its counts (convert without a lint report,
   * to an output that does not read the results back): jobs return thin reports and the results
   * keep only their counts ({@link countStore}).
   */
  countsOnly?: boolean;
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
  results: ResultStore;
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
  // slim results of a large run wait for the lint report in a temporary file (whole reports, for -f html, stay objects)
  const countsOnly = !!o.countsOnly && !o.keepFull;
  const results: ResultStore = countsOnly ? countStore() : o.keepFull || inputs.length < SPILL_FROM ? objectStore() : await spilledStore();
  // jobs return whole reports only when something here draws tables or encodes whole reports
  const slim = !o.keepFull && o.output !== null;
  const job: JobOptions = { ...o.job, slim, ...(countsOnly && slim ? { thin: true } : {}), slice: !!o.slices, ...(o.output ? { chunk: o.output.chunk, bytes: o.output.bytes } : {}) };
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
        results.push(isFatal(r) || o.keepFull || slim || countsOnly ? r : slimReport(r));
        bar?.tick(isFatal(r));
      },
    });
  } catch (e) {
    results.dispose();
    throw e;
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
