// The command-line shell: options, reading inputs, formatting and writing. Returns the exit code.
import { Command, CommanderError, Option } from 'commander';
import { extname, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { InputFormat, LintedReport, Locale, Severity } from '../types.js';
import { isFatal } from '../types.js';
import { GiaError, isGiaError } from '../errors.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import { INPUT_FORMATS, formatList } from '../readers/index.js';
import { fatalText, format, isLocale, messages, type Catalogue } from '../i18n/index.js';
import { en } from '../i18n/en.js';
import { commanderMessage, localizeHelp } from './commander.js';
import type { RuleSettings } from '../engine/lint.js';
import { FORMAT_NAMES, loadFormatter, loadPieces } from '../formatters/index.js';
import { loadPaint } from '../formatters/stylish.js';
import { terminalSafe } from '../text/terminal.js';
import { RULES, findRule } from '../rules/index.js';
import { TEMPLATES } from '../templates/index.js';
import { TOOL } from '../version.js';
import { assertNotInput, removeTempFilesSync, takeStaleRemoved, isDirectoryTarget, writeFileAtomic, writePieces } from './io.js';
import { collectInputs, type InputSpec, type SkippedInput } from './inputs.js';
import { DIAGNOSTIC_ONLY_FORMATS, runCliBatch, signalExitCode, type CliBatchRun } from './batch.js';
import { defaultJobs } from './schedule.js';
import { createReportSink, type OutputPlan } from './sinks.js';
import { batchSummary } from './summary.js';
import type { ResultStore } from './results.js';
import { WRITERS, writerByName, writerOfExtension, type Piece, type Writer, type WriterOptions } from '../writers/index.js';
import { DEFAULT_TIMEOUT_MS, DEFAULT_WORKER_MEMORY_MB, unpackSlice, type PackedSlice } from './job.js';
import { shouldShowProgress } from './progress.js';

/** What the CLI needs from the process, so tests can run main() in-process. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads standard input; may stop (and return what it has) once more than `maxBytes` arrived. */
  readStdin: (maxBytes: number) => Promise<Buffer>;
}

/** Exit code of a run whose reader closed the pipe: as a program stopped by SIGPIPE (128 + 13). */
const CLOSED_PIPE_EXIT = 141;

/**
 * `gia-report lint … | head`: once the reader has closed the pipe, stdout (or stderr) fails with
 * EPIPE; the run stops at once, quietly (no stack trace), leaving no temporary file behind.
 */
function exitQuietlyOnClosedPipe(): void {
  for (const s of [process.stdout, process.stderr]) {
    if (s.listenerCount('error') > 0) continue; // installed by an earlier main() in this process
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      removeTempFilesSync();
      process.exit(CLOSED_PIPE_EXIT);
    });
  }
}

function defaultIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async (maxBytes) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const c of process.stdin) {
        chunks.push(c as Buffer);
        total += (c as Buffer).length;
        if (total > maxBytes) break; // over the limit: the caller refuses it, without reading the rest
      }
      return Buffer.concat(chunks);
    },
  };
}

interface CommonOpts {
  filesFrom?: string;
  null?: boolean;
  shard?: string;
  locale: string;
  template: string;
  inputFormat?: string;
  format: string[];
  quiet?: boolean;
  maxWarnings?: string;
  rule?: string[];
  color?: boolean;
  debug?: boolean;
  jobs?: string;
  progress?: boolean;
  maxInputSize?: string;
  maxCells?: string;
  maxMemory?: string;
  timeout?: string;
}

const LINT_FORMATS = FORMAT_NAMES;

/** A usage error: `why` keys the catalogue's `bad` messages (rendered in the user's locale); `reason` is the English. */
function bad(why: keyof Catalogue['bad'], data: Record<string, string | number> = {}): GiaError {
  return new GiaError('E_BAD_OPTION', { ...data, why, reason: format(en.bad[why], data) });
}

/** Renders a fatal error as one line in the locale. */
export function fatalMessage(e: GiaError, locale: Locale): string {
  return fatalText(e.code, { ...e.data, formats: formatList(locale) }, locale);
}

function parseRules(specs: string[] | undefined): RuleSettings {
  const out: RuleSettings = {};
  for (const s of specs ?? []) {
    const m = /^([\w-]+)=(error|warning|info|off)$/.exec(s);
    if (!m) throw bad('ruleSpec', { value: s });
    const rule = findRule(m[1]!);
    if (!rule) throw bad('ruleUnknown', { value: m[1]! });
    out[rule.id] = m[2] as Severity | 'off';
  }
  return out;
}

/** `-f stylish -f sarif=out.sarif`: the formatter and where its output goes (undefined = terminal). */
function parseFormats(specs: string[]): { name: string; file?: string }[] {
  return specs.map((s) => {
    const [name, ...rest] = s.split('=');
    if (!LINT_FORMATS.includes(name!)) throw bad('format', { value: name!, choices: LINT_FORMATS.join(', ') });
    return rest.length ? { name: name!, file: rest.join('=') } : { name: name! };
  });
}

function validateCommon(o: CommonOpts): { locale: Locale; maxWarnings: number | null } {
  if (!isLocale(o.locale)) throw bad('locale', { value: o.locale });
  if (o.template !== 'auto' && !TEMPLATES[o.template]) throw bad('template', { value: o.template, choices: ['auto', ...Object.keys(TEMPLATES)].join(', ') });
  if (o.inputFormat && !INPUT_FORMATS.includes(o.inputFormat)) throw bad('inputFormat', { value: o.inputFormat, choices: INPUT_FORMATS.join(', ') });
  let maxWarnings: number | null = null;
  if (o.maxWarnings !== undefined) {
    if (!/^\d+$/.test(o.maxWarnings)) throw bad('maxWarnings', { value: o.maxWarnings });
    maxWarnings = Number(o.maxWarnings);
  }
  return { locale: o.locale, maxWarnings };
}

/** --max-input-size <MB> and --max-cells <n> → reader limits (src/limits.ts); unset ones keep the defaults. */
function parseLimits(o: CommonOpts): Partial<Limits> {
  const out: Partial<Limits> = {};
  if (o.maxInputSize !== undefined) {
    if (!/^\d+(?:\.\d+)?$/.test(o.maxInputSize) || Number(o.maxInputSize) <= 0) throw bad('maxInputSize', { value: o.maxInputSize });
    out.maxInputBytes = Math.round(Number(o.maxInputSize) * 1024 * 1024);
  }
  if (o.maxCells !== undefined) {
    if (!/^\d+$/.test(o.maxCells) || Number(o.maxCells) < 1) throw bad('maxCells', { value: o.maxCells });
    out.maxCells = Number(o.maxCells);
  }
  return out;
}

function useColor(stream: { isTTY?: boolean }, env: CliIO['env'], flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY;
}

/**
 * Reads and analyses every input (in worker threads for large batches, see schedule.ts); one bad
 * file never stops the others. Results come in input order; `onReport` sees each readable report
 * as it is finished (convert streams it out: whole, or slim with the chunk its job encoded as
 * `plan` says), the returned results keep only what the lint formatters need.
 */
async function processAll(
  inputs: InputSpec[],
  o: CommonOpts,
  locale: Locale,
  io: CliIO,
  onReport?: (index: number, r: LintedReport, chunk?: Piece) => void | Promise<void>,
  plan?: OutputPlan | null,
  countsOnly = false,
): Promise<CliBatchRun> {
  const rules = parseRules(o.rule);
  const analyze = {
    locale,
    rules,
    ...(o.template !== 'auto' ? { template: o.template } : {}),
    ...(o.inputFormat ? { inputFormat: o.inputFormat as InputFormat } : {}),
    limits: parseLimits(o),
  };
  const formats = parseFormats(o.format.length ? o.format : ['stylish']);
  // the cross-year checks compare reports of one run: keep the few cells they need of each (the jobs cut them out)
  const slices = new Map<number, PackedSlice>();
  const run = await runCliBatch(inputs, {
    jobs: parseJobs(o.jobs),
    job: { analyze, locale, ...parseMemory(o) },
    ...parseTimeout(o),
    readStdin: io.readStdin,
    stderr: io.stderr,
    progress: shouldShowProgress(io.stderr, o.progress !== false, inputs.length),
    debug: !!o.debug,
    keepFull: !formats.every((f) => DIAGNOSTIC_ONLY_FORMATS.has(f.name)),
    ...(plan !== undefined ? { output: plan } : {}),
    countsOnly,
    slices: inputs.length > 1,
    handleSignals: io.stderr === process.stderr,
    onReport: async (i, r, out) => {
      if (out.slice) slices.set(i, out.slice);
      await onReport?.(i, r, out.chunk);
    },
  });
  if (slices.size > 1) {
    // the run-level step (cross-year rules): findings merged into the results, the tally kept
    const { finishRun } = await import('../engine/run.js');
    const entries = new Map([...slices].map(([i, p]) => [i, { organ: p.organ, year: p.year, slice: () => unpackSlice(p) }]));
    finishRun(entries, run.results, run.tally, { locale, rules }); // a packed store gives copies: finishRun stores changed ones back
  }
  return run;
}

/** --max-memory <MB>: the heap limit of the worker thread an input runs in (schedule.ts). */
function parseMemory(o: CommonOpts): { memoryMb?: number } {
  if (o.maxMemory === undefined) return {};
  if (!/^\d+$/.test(o.maxMemory) || Number(o.maxMemory) < 16) throw bad('maxMemory', { value: o.maxMemory });
  return { memoryMb: Number(o.maxMemory) };
}

/** --timeout <s>: the time limit of one input in a worker thread. */
function parseTimeout(o: CommonOpts): { timeoutMs?: number } {
  if (o.timeout === undefined) return {};
  if (!/^\d+(?:\.\d+)?$/.test(o.timeout) || Number(o.timeout) <= 0) throw bad('timeout', { value: o.timeout });
  return { timeoutMs: Math.max(1, Math.round(Number(o.timeout) * 1000)) };
}

function parseJobs(v: string | undefined): number {
  if (v === undefined) return defaultJobs();
  if (!/^\d+$/.test(v) || Number(v) < 1) throw bad('jobs', { value: v });
  return Number(v);
}

/**
 * The batch summary on stderr: for several inputs or an interrupted run; for convert also when
 * files were skipped (lint's stylish report has its own summary for a single input).
 */
function writeBatchSummary(run: CliBatchRun, skipped: SkippedInput[], locale: Locale, io: CliIO, command: 'lint' | 'convert', failedListed: boolean): void {
  if (run.tally.total > 1 || run.interrupted || (command === 'convert' && skipped.length)) {
    // the unreadable files are listed once: by the stylish report when it went to the terminal
    io.stderr.write(batchSummary(run.tally, skipped, locale, !!run.interrupted, run.seconds, { listFailed: !failedListed }));
  }
}

/**
 * 2 if any input could not be read, else 1 on errors (or too many warnings), else 0. From the
 * tally (cross-year findings included); the results are read only to count warnings for
 * --max-warnings (a large run's results are deserialised at each read: packedResultList).
 */
function exitCode(run: CliBatchRun, maxWarnings: number | null): number {
  if (run.tally.failed.length > 0) return 2;
  if (run.tally.withErrors > 0) return 1;
  if (maxWarnings === null) return 0;
  let warnings = 0;
  for (const r of run.results) if (!isFatal(r)) warnings += r.counts.warning;
  return warnings > maxWarnings ? 1 : 0;
}

/** `-f name=file` must not name an input (checked before anything is read or written). */
async function assertFormatFilesNotInputs(o: CommonOpts, inputs: InputSpec[], io: CliIO): Promise<void> {
  for (const f of parseFormats(o.format.length ? o.format : ['stylish'])) if (f.file) await assertNotInput(resolve(io.cwd, f.file), inputs);
}

/**
 * Writes the lint reports `specs` asks for (to `terminal`, or to their files, each then named on
 * stderr); true if a stylish report went to the terminal (it lists the unreadable files itself).
 */
async function emitReports(results: ResultStore, specs: string[], o: CommonOpts, locale: Locale, io: CliIO, terminal: CliIO['stdout'], maxWarnings: number | null): Promise<boolean> {
  let stylishShown = false;
  const wrote = (f: { name: string; file?: string }): void => {
    if (f.file) io.stderr.write(`${terminalSafe(format(messages(locale).wrote.report, { format: REPORT_NAMES[f.name] ?? f.name, file: f.file }))}\n`);
    else if (f.name === 'stylish') stylishShown = true;
  };
  for (const f of parseFormats(specs)) {
    const color = f.file ? false : useColor(terminal, io.env, o.color);
    const paint = await loadPaint(color);
    const ctx = { locale, color, paint, cwd: io.cwd, quiet: !!o.quiet, maxWarnings };
    const pieces = await loadPieces(f.name);
    if (pieces) {
      // rendered and written file by file: no whole-report string (10 000 files: ~40 MB of JSON, ~20 MB of stylish text)
      await writePieces(pieces(results, ctx), f.file ? resolve(io.cwd, f.file) : terminal);
      wrote(f);
      continue;
    }
    const formatter = (await loadFormatter(f.name))!;
    const text = formatter([...results], ctx);
    if (f.file) await writeFileAtomic(resolve(io.cwd, f.file), text);
    else terminal.write(text);
    wrote(f);
  }
  return stylishShown;
}

/** How a lint report is named in "已写入 … 报告". */
const REPORT_NAMES: Record<string, string> = { html: 'HTML', json: 'JSON', sarif: 'SARIF', stylish: 'stylish' };

/**
 * The inputs named on the command line and, with --files-from FILE|-, one path per line of FILE (or
 * stdin), NUL-separated with -0 (what `find -print0` and `xargs -0` use). No input at all: the
 * usage error commander gives for a missing argument.
 */
async function inputArgs(files: string[], o: CommonOpts, io: CliIO, cmd: Command): Promise<string[]> {
  if (o.filesFrom === undefined) {
    if (files.length === 0) (cmd as unknown as { missingArgument(name: string): never }).missingArgument('files');
    return files;
  }
  if (o.filesFrom === '-' && files.includes('-')) throw bad('filesFromStdin');
  const text = o.filesFrom === '-' ? (await io.readStdin(64 * 1024 * 1024)).toString('utf8') : (await readFile(resolve(io.cwd, o.filesFrom))).toString('utf8');
  const listed = text.split(o.null ? '\0' : /\r?\n/).filter((p: string) => p !== '');
  return [...files, ...listed];
}

/** --shard K/N: the inputs whose rank in the sorted input list is K-1 modulo N, in input order. */
function shardOf<T extends { path: string }>(inputs: T[], spec: string | undefined): T[] {
  if (spec === undefined) return inputs;
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const k = m ? Number(m[1]) : 0;
  const n = m ? Number(m[2]) : 0;
  if (!m || n < 1 || k < 1 || k > n) throw bad('shard', { value: spec });
  const order = inputs.map((_, i) => i).sort((a, b) => (inputs[a]!.path < inputs[b]!.path ? -1 : inputs[a]!.path > inputs[b]!.path ? 1 : a - b));
  const keep = new Set(order.filter((_, rank) => rank % n === k - 1));
  return inputs.filter((_, i) => keep.has(i));
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function addCommon(cmd: Command, H: Catalogue['help'], and: string): Command {
  const mb = DEFAULT_LIMITS.maxInputBytes / 1024 / 1024;
  return cmd
    .addOption(new Option('--template <id>', format(H.template, { choices: Object.keys(TEMPLATES).join(and) })).default('auto'))
    .addOption(new Option('--input-format <fmt>', format(H.inputFormat, { choices: INPUT_FORMATS.join(', ') })))
    .option('-f, --format <name[=file]>', format(H.format, { choices: LINT_FORMATS.join(', ') }), collect, [])
    .option('-q, --quiet', H.quiet)
    .option('--max-warnings <n>', H.maxWarnings)
    .option('--max-input-size <MB>', format(H.maxInputSize, { n: mb }))
    .option('--max-cells <n>', format(H.maxCells, { n: DEFAULT_LIMITS.maxCells }))
    .option('--max-memory <MB>', format(H.maxMemory, { n: DEFAULT_WORKER_MEMORY_MB }))
    .option('--timeout <s>', format(H.timeout, { n: DEFAULT_TIMEOUT_MS / 1000 }))
    .option('--rule <id=severity>', H.rule, collect, [])
    .option('--no-color', H.noColor)
    .option('--jobs <n>', format(H.jobs, { n: defaultJobs() }))
    .option('--no-progress', H.noProgress)
    .option('--files-from <file>', H.filesFrom)
    .option('-0, --null', H.null)
    .option('--shard <k/n>', H.shard);
}

/** The locale of messages before commander has parsed --locale (a bad value falls back to zh-CN). */
function localeOf(argv: string[]): Locale {
  let v: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--') return;
    if (a.startsWith('--locale=')) v = a.slice('--locale='.length);
    else if (argv[i - 1] === '--locale') v = a;
  });
  return v !== undefined && isLocale(v) ? v : 'zh-CN';
}

/** Says which temporaries of killed earlier runs were removed while writing (io.ts removeStaleTemps). */
function tellStaleRemoved(io: CliIO, locale: Locale): void {
  const gone = takeStaleRemoved();
  if (gone.length) io.stderr.write(terminalSafe(format(messages(locale).io.staleRemoved, { n: gone.length, files: gone.join(', ') })) + '\n');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], ioIn?: Partial<CliIO>): Promise<number> {
  const io: CliIO = { ...defaultIO(), ...ioIn };
  if (io.stdout === process.stdout || io.stderr === process.stderr) exitQuietlyOnClosedPipe();
  let code = 0;
  let debug = argv.includes('--debug');
  const fallbackLocale: Locale = localeOf(argv);
  const M = messages(fallbackLocale);
  const H = M.help;

  const program = new Command('gia-report')
    .description(H.program)
    .usage(`${H.usage} ${H.usageCommand}`)
    .version(TOOL.version, '-V, --version', H.version)
    .helpOption('-h, --help', H.help)
    .addHelpCommand(false)
    .option('--locale <locale>', H.locale, 'zh-CN')
    .option('--debug', H.debug)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => {} })
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, ...localizeHelp(fallbackLocale) });

  const globals = (): { locale: string; debug?: boolean } => program.opts();

  addCommon(program.command('lint').description(H.lint).argument('[files...]', H.files).usage(`${H.usage} ${H.usageFiles}`).helpOption('-h, --help', H.help), H, M.verdict.and).action(async (args: string[], o: CommonOpts, cmd: Command) => {
    const all = { ...o, ...globals() };
    debug = !!all.debug;
    const { locale, maxWarnings } = validateCommon(all);
    parseFormats(all.format.length ? all.format : ['stylish']);
    const files = await inputArgs(args, all, io, cmd);
    const collected = await collectInputs(files);
    const inputs = shardOf(collected.inputs, all.shard);
    const skipped = collected.skipped;
    if (inputs.length === 0) throw bad('noFiles');
    await assertFormatFilesNotInputs(all, inputs, io);
    const run = await processAll(inputs, all, locale, io);
    try {
      const listed = await emitReports(run.results, all.format.length ? all.format : ['stylish'], all, locale, io, io.stdout, maxWarnings);
      writeBatchSummary(run, skipped, locale, io, 'lint', listed);
      code = run.interrupted ? signalExitCode(run.interrupted) : exitCode(run, maxWarnings);
    } finally {
      run.results.dispose();
    }
  });

  addCommon(program.command('convert').description(H.convert).argument('[files...]', H.files).usage(`${H.usage} ${H.usageFiles}`).helpOption('-h, --help', H.help), H, M.verdict.and)
    .addOption(new Option('--to <format>', H.to).choices(WRITERS.map((w) => w.name)))
    .option('-o, --output <path>', H.output)
    .addOption(new Option('--layout <layout>', H.layout).choices(['long', 'wide']).default('long'))
    .option('--bom', H.bom)
    .addOption(new Option('--header <kind>', H.header).choices(['keys', 'labels']).default('keys'))
    .option('--pretty', H.pretty)
    .action(async (args: string[], o: CommonOpts & ConvertOpts, cmd: Command) => {
      const all = { ...o, ...globals() };
      debug = !!all.debug;
      const { locale, maxWarnings } = validateCommon(all);
      parseFormats(all.format.length ? all.format : ['stylish']);
      const outputIsDir = !!all.output && (await isDirectoryTarget(all.output));
      const writer = outputWriter(all.to, all.output, outputIsDir);
      if (!(writer.layouts ?? ['long']).includes(all.layout)) throw bad('layoutWide');
      if (writer.binary && !all.output && io.stdout.isTTY) throw bad('xlsxTerminal', { format: writer.name, ext: writer.extensions[0] ?? writer.ext });
      const files = await inputArgs(args, all, io, cmd);
      const collected = await collectInputs(files);
      const inputs = shardOf(collected.inputs, all.shard);
      const skipped = collected.skipped;
      if (inputs.length === 0) throw bad('noFiles');
      await assertFormatFilesNotInputs(all, inputs, io);
      const out = all.output ? resolve(io.cwd, all.output) : undefined;
      if (out && !outputIsDir) await assertNotInput(out, inputs);
      // checks every output path before anything is read or written
      const sink = await createReportSink({ writer, options: writerOptions(all, locale, io), inputs, ...(out ? { output: out } : {}), outputIsDir, stdout: io.stdout });
      // the findings on stderr for a single input, or as -f asks; a batch gets its summary only
      const specs = all.format.length ? all.format : inputs.length === 1 ? ['stylish'] : [];
      let run: CliBatchRun;
      try {
        // no lint report and an output that does not read the results back: only their counts are kept (the exit code)
        const countsOnly = specs.length === 0 && !sink.readsResults;
        run = await processAll(inputs, all, locale, io, (i, r, chunk) => sink.write(i, r, chunk), sink.plan, countsOnly);
      } catch (e) {
        await sink.abort();
        throw e;
      }
      try {
        if (run.interrupted) await sink.abort();
        else await sink.close(run.results);
        const listed = await emitReports(run.results, specs, all, locale, io, io.stderr, maxWarnings);
        writeBatchSummary(run, skipped, locale, io, 'convert', listed);
        if (!specs.length && (run.tally.withErrors || run.tally.withWarnings)) io.stderr.write(`${messages(locale).batch.findingsHint}\n`);
        code = run.interrupted ? signalExitCode(run.interrupted) : exitCode(run, maxWarnings);
      } finally {
        run.results.dispose();
      }
    });

  program
    .command('rules')
    .description(H.rules)
    .usage(H.usage)
    .addOption(new Option('--format <fmt>', H.rulesFormat).choices(['text', 'json']).default('text'))
    .helpOption('-h, --help', H.help)
    .action((o: { format: string }) => {
      const { locale } = validateCommon({ ...globals(), template: 'auto', format: [] });
      if (o.format === 'json') {
        io.stdout.write(
          JSON.stringify(
            RULES.map((r) => ({ id: r.id, name: r.name, severity: r.severity, tags: r.tags, description: r.description[locale] })),
            null,
            2,
          ) + '\n',
        );
        return;
      }
      const L = messages(locale);
      const lines = [L.rulesList.head.join('\t'), ...RULES.map((r) => [r.id, r.name, L.severity[r.severity], r.description[locale]].join('\t'))];
      io.stdout.write(lines.join('\n') + '\n');
    });

  program
    .command('page')
    .description(H.page)
    .usage(H.usage)
    .option('-o, --output <file>', H.pageOutput, 'gia-report.html')
    .helpOption('-h, --help', H.help)
    .action(async (o: { output: string }) => {
      const { locale } = validateCommon({ ...globals(), template: 'auto', format: [] });
      const { writePage } = await import('./page.js');
      await writePage(o.output, locale, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    tellStaleRemoved(io, fallbackLocale);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      io.stderr.write(`gia-report: ${terminalSafe(format(M.fatal.E_BAD_OPTION, { reason: commanderMessage(e, fallbackLocale) }))}\n`);
      return 2;
    }
    if (isGiaError(e)) {
      io.stderr.write(`gia-report: ${terminalSafe(fatalMessage(e, fallbackLocale))}\n`);
      if (debug) io.stderr.write(`${e.stack}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr.write(`gia-report: ${terminalSafe(format(M.internal.short, { message: err.message }))}\n`);
    if (debug) io.stderr.write(`${err.stack}\n`);
    return 2;
  }
}

/**
 * The writer of --to, or the one the output file's extension names (`-o report.xlsx` writes a
 * workbook). A --to that contradicts the extension, or an extension no writer writes, is a usage
 * error; an output directory, stdout or a name without an extension take --to (default json).
 */
function outputWriter(to: string | undefined, output: string | undefined, outputIsDir: boolean): Writer {
  const named = writerByName(to ?? 'json')!; // commander checked --to against the registry
  if (!output || outputIsDir || output === '-') return named;
  const ext = extname(output).toLowerCase();
  if (!ext) return named;
  const implied = writerOfExtension(ext);
  if (!implied) throw bad('unknownExtension', { ext, file: output, choices: WRITERS.flatMap((w) => w.extensions).join(' ') });
  if (to && to !== implied.name) {
    const want = output.slice(0, output.length - ext.length) + (named.extensions[0] ?? named.ext);
    throw bad('toVsExtension', { to, ext, file: output, want });
  }
  return implied;
}

interface ConvertOpts {
  to?: string;
  output?: string;
  bom?: boolean;
  pretty?: boolean;
  layout: string;
  /** CSV header line: machine keys (the data contract) or labels for people. */
  header: 'keys' | 'labels';
}

/** The writer options of --bom, --pretty, --layout and --header (plain data: worker threads encode with them). */
function writerOptions(o: ConvertOpts, locale: Locale, io: CliIO): WriterOptions {
  return { locale, bom: !!o.bom, pretty: !!o.pretty, layout: o.layout, header: o.header ?? 'keys', tty: !!io.stdout.isTTY, cwd: io.cwd };
}
