// Writer registry: every `convert --to` format is one Writer object in WRITERS (textlint's
// builtinFormatterList). The CLI drives each the same way (src/cli/sinks.ts): per-input files
// (`-o DIR`), a combined output streamed report by report (`frame`), one whose head needs every
// report (`gather`), or one built from every whole report (`whole`). A new format: one writer file
// exporting its Writer, and one line in WRITERS.
//
// A writer's object is cheap to load (the lint start-up path imports this file): its libraries
// (the CSV writer, exceljs) are loaded by `prepare`, which runs before `encode`, `frame` or `gather`
// in the main thread and in each worker thread.
import type { LintedReport, Locale } from '../types.js';

/** A writer's options, as plain data (worker threads get a copy). */
export interface WriterOptions {
  locale: Locale;
  /** --bom */
  bom: boolean;
  /** --pretty */
  pretty: boolean;
  /** --layout */
  layout: string;
  /** --header: machine keys or labels for people. */
  header: 'keys' | 'labels';
  /** stdout is a terminal (a lone JSON report shown there stays indented). */
  tty: boolean;
  /** Base of the relative file names a writer shows (the xlsx sheets). */
  cwd: string;
}

/** A piece of an output: text, or UTF-8 bytes encoded by a worker. */
export type Piece = string | Uint8Array;

/** Where a combined output goes: stdout, or the absolute path of the output file. */
export type Target = 'stdout' | string;

/**
 * How a combined output streamed report by report is framed: each report is encoded as `part`
 * (by its job, in a worker or here), and the encoded pieces go through `add` in input order; `end`
 * closes the output.
 */
export interface Frame {
  part: string;
  add(chunk: Piece): Piece[];
  end(): string;
}

/** A report of a gathered output read back: its final result and its template's values. */
export interface GatheredRow {
  r: LintedReport;
  values: (number | null)[];
}

/**
 * A combined output whose head needs every report (wide CSV: the columns depend on the templates
 * present; the xlsx summary). Each report's template values wait in a temporary file; `finish` gets
 * the templates of all the reports and the rows read back with their final results (slim,
 * cross-year findings included) and gives the output in pieces; `again` iterates those results once
 * more. null: write nothing.
 */
export interface Gather {
  finish(ids: string[], rows: AsyncIterable<GatheredRow>, again: () => Iterable<LintedReport>): AsyncIterable<string | Uint8Array> | null;
}

export interface Writer {
  /** `--to NAME`. */
  name: string;
  /** Extension of the per-input files under `-o DIR`. */
  ext: string;
  /** Output file extensions that name this format (`-o all.jsonl`); the first is the one suggested. */
  extensions: string[];
  /** `--layout` values it takes (default: `long` only). */
  layouts?: string[];
  /** Bytes that a terminal must not get (refused on a TTY stdout). */
  binary?: boolean;
  /** Loads what `encode`, `frame` and `gather` need, so `encode` can be synchronous. */
  prepare?(o: WriterOptions): Promise<void>;
  /**
   * The text of one report as `part` (after `prepare`): `one` is the whole per-input file; other
   * parts are the writer's own, named by its `frame`. Plain data in, text out: a worker runs it.
   * A writer without `encode` has its per-input files made by `whole` in the main thread.
   */
  encode?(r: LintedReport, part: string, o: WriterOptions): string;
  /**
   * {@link encode}'s text as UTF-8 bytes, in an ArrayBuffer of their own (a worker transfers them),
   * when the writer builds them more cheaply than encoding the text; undefined: use `encode`.
   */
  encodeBytes?(r: LintedReport, part: string, o: WriterOptions): Uint8Array | undefined;
  /** The whole output of some whole reports (a per-input file when there is no `encode`; a combined output without `frame` or `gather`). null: write nothing. */
  whole?(rs: LintedReport[], o: WriterOptions): Promise<string | Uint8Array | null>;
  /** A combined output streamed report by report (memory bounded); undefined: not for these options. */
  frame?(target: Target, o: WriterOptions, inputs: number): Frame | undefined;
  /** A combined output whose head needs every report; undefined: not for these options. */
  gather?(o: WriterOptions, inputs: number): Gather | undefined;
}

/** The part a gathered output's reports are encoded as: one JSON line `[templateId, ...values]` (src/cli/job.ts). */
export const VALUES_PART = 'values';

// ---- the built-in writers ----

let csv: typeof import('./csv.js') | undefined;
let xlsx: typeof import('./xlsx.js') | undefined;
let PassThrough: typeof import('node:stream').PassThrough | undefined;

/** The extension of a path's last name, as node:path's extname gives it (a leading dot is not one). */
function extOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/** Two more spaces at the start of every line (JSON text has no raw newline inside strings). */
export const indentJson = (s: string): string => s.replace(/^/gm, '  ');
/** The inverse of {@link indentJson}. */
export const unindentJson = (s: string): string => s.replace(/^ {2}/gm, '');

export const pieceText = (p: Piece): string => (typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('utf8'));

let reportJson: typeof import('./json.js').reportJson | undefined;
const prettyJson = (r: LintedReport): string => JSON.stringify(reportJson!(r), null, 2);

/**
 * JSON: a per-input file compact on one line (indented with --pretty); `.jsonl` → JSON Lines;
 * `.json` → an array, one compact report per line (indented with --pretty; a lone report as an
 * object); stdout → JSON Lines for several reports, one object for one (indented on a terminal or
 * with --pretty). The first chunk is held until the second arrives, to know which (a lone one is
 * re-encoded: its JSON parsed back gives the same data, so the same text).
 */
export const jsonWriter: Writer = {
  name: 'json',
  ext: '.json',
  extensions: ['.json', '.jsonl'],
  async prepare() {
    reportJson ??= (await import('./json.js')).reportJson;
  },
  encode(r, part, o) {
    switch (part === 'one' ? (o.pretty ? 'pretty' : 'line') : part) {
      case 'pretty':
        return prettyJson(r) + '\n';
      case 'line':
        return JSON.stringify(reportJson!(r)) + '\n';
      case 'compact':
        return JSON.stringify(reportJson!(r));
      case 'item':
        return indentJson(prettyJson(r));
      default:
        throw new Error(`json: no part ${part}`);
    }
  },
  frame(target, o) {
    const mode = target === 'stdout' ? 'stdout' : extOf(target).toLowerCase() === '.jsonl' ? 'lines' : 'array';
    if (mode === 'lines') return { part: 'line', add: (c) => [c], end: () => '' };
    const pretty = o.pretty || (mode === 'stdout' && o.tty);
    const prettyItems = mode === 'array' && pretty;
    let n = 0;
    let held: Piece | null = null;
    return {
      part: mode === 'stdout' ? 'line' : prettyItems ? 'item' : 'compact',
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
    };
  },
};

/** CSV: long layout (one line per cell; streamed, the header once) or wide (one line per report; gathered: the columns depend on the templates present). */
export const csvWriter: Writer = {
  name: 'csv',
  ext: '.csv',
  extensions: ['.csv'],
  layouts: ['long', 'wide'],
  async prepare() {
    csv ??= await import('./csv.js');
  },
  encode(r, part, o) {
    const headerKind = o.header;
    if (o.layout === 'wide') return csv!.toCsvWide([r], { bom: o.bom, headerKind, locale: o.locale });
    // `one`: a per-input file (header, BOM); `row`: the report's lines in a combined output
    return part === 'one' ? csv!.toCsvLong([r], { bom: o.bom, header: true, locale: o.locale, headerKind }) : csv!.toCsvLong([r], { bom: false, header: false, locale: o.locale });
  },
  encodeBytes(r, part, o) {
    return o.layout === 'wide' || part === 'one' ? undefined : csv!.csvLongBytes(r, o.locale);
  },
  frame(target, o) {
    if (o.layout === 'wide') return undefined;
    const headerKind = o.header;
    let n = 0;
    return {
      part: 'row',
      add: (c) => (n++ === 0 ? [csv!.toCsvLong([], { bom: o.bom, header: true, locale: o.locale, headerKind }), c] : [c]),
      end: () => (n === 0 && target !== 'stdout' ? csv!.toCsvLong([], { bom: o.bom, locale: o.locale, headerKind }) : ''),
    };
  },
  gather(o) {
    if (o.layout !== 'wide') return undefined;
    return { finish: (ids, rows) => csv!.csvWidePieces(ids, rows, { bom: o.bom, headerKind: o.header, locale: o.locale }) };
  },
};

/** xlsx: one report → its tables in the official layout; several → a summary workbook (汇总, 问题), streamed through exceljs. */
export const xlsxWriter: Writer = {
  name: 'xlsx',
  ext: '.xlsx',
  extensions: ['.xlsx'],
  binary: true,
  async prepare() {
    xlsx ??= await import('./xlsx.js'); // exceljs itself is loaded by the first workbook
    PassThrough ??= (await import('node:stream')).PassThrough;
  },
  async whole(rs, o) {
    return rs.length ? xlsx!.toXlsx(rs, { locale: o.locale, cwd: o.cwd }) : null;
  },
  gather(o, inputs) {
    if (inputs === 1) return undefined; // the workbook of a single input is built from the whole report
    return {
      finish: (ids, rows, again) => {
        if (ids.length === 0) return null; // no readable report: no workbook
        const out = new PassThrough!();
        xlsx!.writeSummaryXlsx(ids, rows, out, { locale: o.locale, cwd: o.cwd }, again).catch((e: unknown) => out.destroy(e as Error));
        return out;
      },
    };
  },
};

/** The `--to` formats, in the order help and errors list them. */
export const WRITERS: Writer[] = [jsonWriter, csvWriter, xlsxWriter];

/** Adds a writer to the registry (what a line in {@link WRITERS} does; worker threads see only the built-in list). */
export function registerWriter(w: Writer): void {
  const at = WRITERS.findIndex((x) => x.name === w.name);
  if (at >= 0) WRITERS[at] = w;
  else WRITERS.push(w);
}

export function writerByName(name: string): Writer | undefined {
  return WRITERS.find((w) => w.name === name);
}

/** The writer an output file's extension names (`.jsonl` → json), if any. */
export function writerOfExtension(ext: string): Writer | undefined {
  const e = ext.toLowerCase();
  return WRITERS.find((w) => w.extensions.includes(e));
}
