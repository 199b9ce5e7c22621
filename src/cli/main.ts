// The command-line shell: options, reading inputs, formatting and writing. Returns the exit code.
import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import type { FileResult, InputFormat, LintedReport, Locale, Severity } from '../types.js';
import { isFatal } from '../types.js';
import { GiaError, isGiaError } from '../errors.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import { FATAL, format, isLocale } from '../i18n/index.js';
import { INPUT_FORMATS, formatList } from '../readers/index.js';
import { countSeverities, sortDiagnostics, type RuleSettings } from '../engine/lint.js';
import { FORMAT_NAMES, loadFormatter, loadPieces } from '../formatters/index.js';
import { loadPaint } from '../formatters/stylish.js';
import { RULES, findRule } from '../rules/index.js';
import { TEMPLATES } from '../templates/index.js';
import { TOOL } from '../version.js';
import { assertNotInput, collectInputs, isDirectoryTarget, writeFileAtomic, writePieces, type InputSpec, type SkippedInput } from './io.js';
import {
  DIAGNOSTIC_ONLY_FORMATS,
  batchSummary,
  createReportSink,
  csvLongEncoder,
  defaultJobs,
  jsonEncoder,
  runCliBatch,
  signalExitCode,
  type CliBatchRun,
  type OutputPlan,
  type Piece,
  type ReportEncoder,
} from './batch.js';
import { unpackSlice, type PackedSlice } from './job.js';
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
}

const LINT_FORMATS = FORMAT_NAMES;

function bad(reason: string): GiaError {
  return new GiaError('E_BAD_OPTION', { reason });
}

/** Renders a fatal error as one line in the locale. */
export function fatalMessage(e: GiaError, locale: Locale): string {
  return format(FATAL[e.code][locale], { file: '', reason: '', formats: formatList(locale), ...e.data });
}

function parseRules(specs: string[] | undefined): RuleSettings {
  const out: RuleSettings = {};
  for (const s of specs ?? []) {
    const m = /^([\w-]+)=(error|warning|info|off)$/.exec(s);
    if (!m) throw bad(`--rule ${s} (expected ID=error|warning|info|off)`);
    const rule = findRule(m[1]!);
    if (!rule) throw bad(`--rule ${m[1]}: no such rule (see: gia-report rules)`);
    out[rule.id] = m[2] as Severity | 'off';
  }
  return out;
}

/** `-f stylish -f sarif=out.sarif`: the formatter and where its output goes (undefined = terminal). */
function parseFormats(specs: string[]): { name: string; file?: string }[] {
  return specs.map((s) => {
    const [name, ...rest] = s.split('=');
    if (!LINT_FORMATS.includes(name!)) throw bad(`--format ${name} (one of: ${LINT_FORMATS.join(', ')})`);
    return rest.length ? { name: name!, file: rest.join('=') } : { name: name! };
  });
}

function validateCommon(o: CommonOpts): { locale: Locale; maxWarnings: number | null } {
  if (!isLocale(o.locale)) throw bad(`--locale ${o.locale} (zh-CN or en)`);
  if (o.template !== 'auto' && !TEMPLATES[o.template]) throw bad(`--template ${o.template} (auto, ${Object.keys(TEMPLATES).join(', ')})`);
  if (o.inputFormat && !INPUT_FORMATS.includes(o.inputFormat)) throw bad(`--input-format ${o.inputFormat} (${INPUT_FORMATS.slice(0, -1).join(', ')} or ${INPUT_FORMATS.at(-1)})`);
  let maxWarnings: number | null = null;
  if (o.maxWarnings !== undefined) {
    if (!/^\d+$/.test(o.maxWarnings)) throw bad(`--max-warnings ${o.maxWarnings} (a whole number)`);
    maxWarnings = Number(o.maxWarnings);
  }
  return { locale: o.locale, maxWarnings };
}

/** --max-input-size <MB> and --max-cells <n> → reader limits (src/limits.ts); unset ones keep the defaults. */
function parseLimits(o: CommonOpts): Partial<Limits> {
  const out: Partial<Limits> = {};
  if (o.maxInputSize !== undefined) {
    if (!/^\d+(?:\.\d+)?$/.test(o.maxInputSize) || Number(o.maxInputSize) <= 0) throw bad(`--max-input-size ${o.maxInputSize} (megabytes, a number > 0)`);
    out.maxInputBytes = Math.round(Number(o.maxInputSize) * 1024 * 1024);
  }
  if (o.maxCells !== undefined) {
    if (!/^\d+$/.test(o.maxCells) || Number(o.maxCells) < 1) throw bad(`--max-cells ${o.maxCells} (a whole number ≥ 1)`);
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
 * Reads and analyses every input (in worker threads for large batches, see batch.ts); one bad
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
    job: { analyze, locale },
    readStdin: io.readStdin,
    stderr: io.stderr,
    progress: shouldShowProgress(io.stderr, o.progress !== false, inputs.length),
    debug: !!o.debug,
    keepFull: !formats.every((f) => DIAGNOSTIC_ONLY_FORMATS.has(f.name)),
    ...(plan !== undefined ? { output: plan } : {}),
    slices: inputs.length > 1,
    handleSignals: io.stderr === process.stderr,
    onReport: async (i, r, out) => {
      if (out.slice) slices.set(i, out.slice);
      await onReport?.(i, r, out.chunk);
    },
  });
  if (slices.size > 1) {
    const order = [...slices.keys()];
    const { crossYearDiagnosticsOf } = await import('../analysis/cross-year.js');
    const extra = crossYearDiagnosticsOf(
      order.map((i) => {
        const p = slices.get(i)!;
        return { organ: p.organ, year: p.year, report: () => unpackSlice(p) };
      }),
      locale,
      rules,
    );
    order.forEach((i, k) => {
      if (extra[k]!.length === 0) return;
      const res = run.results[i];
      if (!res || isFatal(res)) return;
      const before = countSeverities(res.diagnostics);
      res.diagnostics = sortDiagnostics([...res.diagnostics, ...extra[k]!], res);
      run.results[i] = res; // the list keeps results packed: store the changed one back
      const after = countSeverities(res.diagnostics);
      if (!before.error && after.error) run.tally.withErrors++;
      if (!before.warning && after.warning) run.tally.withWarnings++;
    });
  }
  return run;
}

function parseJobs(v: string | undefined): number {
  if (v === undefined) return defaultJobs();
  if (!/^\d+$/.test(v) || Number(v) < 1) throw bad(`--jobs ${v} (a whole number ≥ 1)`);
  return Number(v);
}

/**
 * The batch summary on stderr: for several inputs or an interrupted run; for convert also when
 * files were skipped (lint's stylish report has its own summary for a single input).
 */
function writeBatchSummary(run: CliBatchRun, skipped: SkippedInput[], locale: Locale, io: CliIO, command: 'lint' | 'convert'): void {
  if (run.tally.total > 1 || run.interrupted || (command === 'convert' && skipped.length)) {
    io.stderr.write(batchSummary(run.tally, skipped, locale, !!run.interrupted, run.seconds));
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
  for (const r of run.results) if (!isFatal(r)) warnings += countSeverities(r.diagnostics).warning;
  return warnings > maxWarnings ? 1 : 0;
}

/** `-f name=file` must not name an input (checked before anything is read or written). */
async function assertFormatFilesNotInputs(o: CommonOpts, inputs: InputSpec[], io: CliIO): Promise<void> {
  for (const f of parseFormats(o.format.length ? o.format : ['stylish'])) if (f.file) await assertNotInput(resolve(io.cwd, f.file), inputs);
}

async function emitReports(results: FileResult[], o: CommonOpts, locale: Locale, io: CliIO, terminal: CliIO['stdout']): Promise<void> {
  for (const f of parseFormats(o.format.length ? o.format : ['stylish'])) {
    const color = f.file ? false : useColor(terminal, io.env, o.color);
    const paint = await loadPaint(color);
    const ctx = { locale, color, paint, cwd: io.cwd, quiet: !!o.quiet };
    const pieces = await loadPieces(f.name);
    if (pieces) {
      // rendered and written file by file: no whole-report string (10 000 files: ~40 MB of JSON, ~20 MB of stylish text)
      await writePieces(pieces(results, ctx), f.file ? resolve(io.cwd, f.file) : terminal);
      continue;
    }
    const formatter = (await loadFormatter(f.name))!;
    const text = formatter(results, ctx);
    if (f.file) await writeFileAtomic(resolve(io.cwd, f.file), text);
    else terminal.write(text);
  }
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function addCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option('--template <id>', '报告格式 / report format: auto, gia-2019, gia-2021').default('auto'))
    .addOption(new Option('--input-format <fmt>', `输入格式，不自动识别 / input format, skip detection: ${INPUT_FORMATS.join(', ')}`))
    .option('-f, --format <name[=file]>', `检查报告格式，可重复；=file 写入文件 / lint report format, repeatable; =file writes it to a file (${LINT_FORMATS.join(', ')})`, collect, [])
    .option('-q, --quiet', '只显示错误 / show errors only')
    .option('--max-warnings <n>', '警告超过 n 个时退出码为 1 / exit 1 when there are more than n warnings')
    .option('--max-input-size <MB>', `单个输入文件的大小上限（MB，默认 ${DEFAULT_LIMITS.maxInputBytes / 1024 / 1024}）/ largest input file in MB (default ${DEFAULT_LIMITS.maxInputBytes / 1024 / 1024})`)
    .option('--max-cells <n>', `每个文件的表格单元格上限（默认 ${DEFAULT_LIMITS.maxCells}）/ most table cells per file (default ${DEFAULT_LIMITS.maxCells})`)
    .option('--rule <id=severity>', '调整规则级别（error|warning|info|off），可重复 / set a rule\'s severity, repeatable', collect, [])
    .option('--no-color', '不使用颜色 / no colours')
    .option('--jobs <n>', `并行线程数（默认 ${defaultJobs()}）/ worker threads (default ${defaultJobs()})`)
    .option('--no-progress', '不显示进度条 / no progress bar');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], ioIn?: Partial<CliIO>): Promise<number> {
  const io: CliIO = { ...defaultIO(), ...ioIn };
  let code = 0;
  let debug = argv.includes('--debug');
  const localeArg = argv.find((a, i) => argv[i - 1] === '--locale' || a.startsWith('--locale='));
  const fallbackLocale: Locale = localeArg && isLocale(localeArg.replace(/^--locale=/, '')) ? (localeArg.replace(/^--locale=/, '') as Locale) : 'zh-CN';

  const program = new Command('gia-report')
    .description('政府信息公开工作年度报告的检查与转换工具 / validator and converter for government information disclosure annual reports')
    .version(TOOL.version, '-V, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .addHelpCommand(false)
    .option('--locale <locale>', '消息语言 / message language: zh-CN, en', 'zh-CN')
    .option('--debug', '出错时显示调用栈 / show stack traces on internal errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => {} })
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true });

  const globals = (): { locale: string; debug?: boolean } => program.opts();

  addCommon(
    program
      .command('lint')
      .description('检查年度报告：表格勾稽关系、结构、数值 / check reports: table identities, structure, values')
      .argument('<files...>', '报告文件或目录，- 表示标准输入 / report files or directories, - for stdin')
      .helpOption('-h, --help', '显示帮助 / show help'),
  ).action(async (files: string[], o: CommonOpts) => {
    const all = { ...o, ...globals() };
    debug = !!all.debug;
    const { locale, maxWarnings } = validateCommon(all);
    parseFormats(all.format.length ? all.format : ['stylish']);
    const { inputs, skipped } = await collectInputs(files);
    if (inputs.length === 0) throw bad(locale === 'zh-CN' ? '没有找到可读取的报告文件' : 'no report files found');
    await assertFormatFilesNotInputs(all, inputs, io);
    const run = await processAll(inputs, all, locale, io);
    await emitReports(run.results, all, locale, io, io.stdout);
    writeBatchSummary(run, skipped, locale, io, 'lint');
    code = run.interrupted ? signalExitCode(run.interrupted) : exitCode(run, maxWarnings);
  });

  addCommon(
    program
      .command('convert')
      .description('提取统计表为 JSON、CSV 或 XLSX，检查结果输出到标准错误 / extract the tables to JSON, CSV or XLSX; the lint report goes to stderr')
      .argument('<files...>', '报告文件或目录，- 表示标准输入 / report files or directories, - for stdin')
      .helpOption('-h, --help', '显示帮助 / show help'),
  )
    .addOption(new Option('--to <format>', '输出格式（xlsx 为官方表格样式，标出问题单元格）/ output format (xlsx: the official table layout, problem cells marked)').choices(['json', 'csv', 'xlsx']).default('json'))
    .option('-o, --output <path>', '输出文件或目录（默认标准输出；xlsx 多个输入写入一个汇总工作簿）/ output file or directory (default: stdout; xlsx with several inputs: one summary workbook)')
    .addOption(new Option('--layout <layout>', 'CSV 布局：long 每个单元格一行，wide 每份报告一行 / CSV layout: long, one line per cell; wide, one line per report').choices(['long', 'wide']).default('long'))
    .option('--bom', 'CSV 加 UTF-8 BOM（便于 Excel 打开）/ prefix CSV with a UTF-8 BOM for Excel')
    .action(async (files: string[], o: CommonOpts & ConvertOpts) => {
      const all = { ...o, ...globals() };
      debug = !!all.debug;
      const { locale, maxWarnings } = validateCommon(all);
      parseFormats(all.format.length ? all.format : ['stylish']);
      if (all.layout === 'wide' && all.to !== 'csv') throw bad(locale === 'zh-CN' ? `--layout wide 只用于 --to csv` : `--layout wide goes with --to csv`);
      if (all.to === 'xlsx' && !all.output && io.stdout.isTTY)
        throw bad(locale === 'zh-CN' ? '--to xlsx 不能输出到终端：请用 -o 指定 .xlsx 文件，或重定向标准输出' : '--to xlsx will not write to a terminal: give -o file.xlsx or redirect stdout');
      const { inputs, skipped } = await collectInputs(files);
      if (inputs.length === 0) throw bad(locale === 'zh-CN' ? '没有找到可读取的报告文件' : 'no report files found');
      await assertFormatFilesNotInputs(all, inputs, io);
      const out = all.output ? resolve(io.cwd, all.output) : undefined;
      const outputIsDir = !!all.output && (await isDirectoryTarget(all.output));
      if (out && !outputIsDir) await assertNotInput(out, inputs);
      // checks every output path before anything is read or written
      const sink = await createReportSink({ encoder: await encoderFor(all, locale, io, inputs.length), inputs, ...(out ? { output: out } : {}), outputIsDir, stdout: io.stdout });
      let run: CliBatchRun;
      try {
        run = await processAll(inputs, all, locale, io, (i, r, chunk) => sink.write(i, r, chunk), sink.plan);
      } catch (e) {
        await sink.abort();
        throw e;
      }
      if (run.interrupted) await sink.abort();
      else await sink.close(run.results);
      await emitReports(run.results, all, locale, io, io.stderr);
      writeBatchSummary(run, skipped, locale, io, 'convert');
      code = run.interrupted ? signalExitCode(run.interrupted) : exitCode(run, maxWarnings);
    });

  program
    .command('rules')
    .description('列出全部规则 / list every rule')
    .addOption(new Option('--format <fmt>', '输出格式 / output format').choices(['text', 'json']).default('text'))
    .helpOption('-h, --help', '显示帮助 / show help')
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
      const head = locale === 'zh-CN' ? ['编号', '名称', '默认级别', '说明'] : ['id', 'name', 'severity', 'description'];
      const lines = [head.join('\t'), ...RULES.map((r) => [r.id, r.name, r.severity, r.description[locale]].join('\t'))];
      io.stdout.write(lines.join('\n') + '\n');
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      const msg = e.message.replace(/^error: /, '');
      io.stderr.write(`gia-report: ${format(FATAL.E_BAD_OPTION[fallbackLocale], { reason: msg })}\n`);
      return 2;
    }
    if (isGiaError(e)) {
      io.stderr.write(`gia-report: ${fatalMessage(e, fallbackLocale)}\n`);
      if (debug) io.stderr.write(`${e.stack}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr.write(`gia-report: ${fallbackLocale === 'zh-CN' ? '内部错误' : 'internal error'}: ${err.message}\n`);
    if (debug) io.stderr.write(`${err.stack}\n`);
    return 2;
  }
}

interface ConvertOpts {
  to: 'json' | 'csv' | 'xlsx';
  output?: string;
  bom?: boolean;
  layout: 'long' | 'wide';
}

/**
 * How converted reports are encoded for --to / --layout. JSON and long CSV stream report by report;
 * wide CSV and the xlsx summary of several inputs keep each report's values in a temporary file
 * until the columns are known (bounded memory for combined outputs either way); the workbook of a
 * single input is built from the whole report.
 */
async function encoderFor(o: ConvertOpts, locale: Locale, io: CliIO, inputCount: number): Promise<ReportEncoder> {
  if (o.to === 'xlsx') {
    // exceljs is loaded only for this format
    const { toXlsx, writeSummaryXlsx } = await import('../writers/xlsx.js');
    const opts = { locale, cwd: io.cwd };
    const one = (r: LintedReport): Promise<Uint8Array> => toXlsx([r], opts);
    if (inputCount === 1) return { ext: '.xlsx', one, all: (rs) => (rs.length ? toXlsx(rs, opts) : null) };
    const { PassThrough } = await import('node:stream');
    return {
      ext: '.xlsx',
      one,
      gather: {
        finish: (ids, rows, again) => {
          if (ids.length === 0) return null; // no readable report: no workbook
          const out = new PassThrough();
          writeSummaryXlsx(ids, rows, out, opts, again).catch((e: unknown) => out.destroy(e as Error));
          return out;
        },
      },
    };
  }
  if (o.to === 'csv' && o.layout === 'wide') {
    const { toCsvWide, csvWidePieces } = await import('../writers/csv.js');
    const bom = !!o.bom;
    return { ext: '.csv', one: (r) => toCsvWide([r], { bom }), gather: { finish: (ids, rows) => csvWidePieces(ids, rows, { bom }) }, spec: { one: { kind: 'csv-wide', bom } } };
  }
  if (o.to === 'csv') return csvLongEncoder({ bom: !!o.bom, locale });
  return jsonEncoder();
}
