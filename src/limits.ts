// Resource limits for hostile or accidental huge input. Every reader checks the ones that apply and
// refuses a file that exceeds one with a one-line E_TOO_LARGE (or E_ZIP_BOMB) naming the limit and
// how to raise it, instead of running out of memory or time.
import { GiaError } from './errors.js';

export interface Limits {
  /** Largest input file, in bytes (CLI: --max-input-size, in MB). */
  maxInputBytes: number;
  /** .docx: most bytes all archive entries may inflate to together. */
  maxUncompressedBytes: number;
  /** .docx: most entries in the archive (more is treated as a zip bomb). */
  maxZipEntries: number;
  /** .docx: entries above this uncompressed size must compress no better than `minZipRatio`. */
  zipRatioGrace: number;
  /** .docx: compressed / uncompressed below this is a zip bomb. */
  minZipRatio: number;
  /** Most table grid positions across a document (HTML, .docx), or cells (tokens) of a text file (CLI: --max-cells). */
  maxCells: number;
  /** Deepest element nesting in HTML and .docx XML. */
  maxDepth: number;
  /** HTML: most elements (start tags, skipped ones included). */
  maxElements: number;
  /** HTML: most tables. */
  maxTables: number;
  /** HTML and .docx: most paragraphs kept (HTML: a table cell's lines count while it is read; .docx: every w:p, in cells too). */
  maxParagraphs: number;
  /** HTML and .docx: most characters of text kept (paragraphs and cells). */
  maxTextChars: number;
  /** Most lines in a text file. */
  maxLines: number;
  /** Longest line in a text file, in characters. */
  maxLineLength: number;
  /** PDF: most pages. */
  maxPdfPages: number;
  /** PDF: most glyphs and page objects (paths, images, forms) over the document. */
  maxPdfObjects: number;
  /** PDF: most memory the PDF engine may grow to (decompressed streams, fonts, pages), in bytes. */
  maxPdfMemoryBytes: number;
  /** PDF: longest reading time, in milliseconds (checked after each page). */
  maxPdfMillis: number;
}

const MB = 1024 * 1024;

/** Safe defaults: far above any real annual report, far below what would exhaust a machine. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxInputBytes: 50 * MB,
  maxUncompressedBytes: 200 * MB,
  maxZipEntries: 10_000,
  zipRatioGrace: 1 * MB,
  minZipRatio: 0.01,
  maxCells: 500_000,
  maxDepth: 2_000,
  maxElements: 2_000_000,
  maxTables: 10_000,
  maxParagraphs: 200_000,
  maxTextChars: 20_000_000,
  maxLines: 1_000_000,
  maxLineLength: 1_000_000,
  maxPdfPages: 2_000,
  maxPdfObjects: 1_000_000,
  maxPdfMemoryBytes: 1024 * MB,
  maxPdfMillis: 60_000,
});

/** The defaults overridden by the limits given (undefined entries keep the default). */
export function resolveLimits(given?: Partial<Limits>): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  if (given) {
    for (const [k, v] of Object.entries(given) as [keyof Limits, number | undefined][]) {
      if (v !== undefined && Number.isFinite(v) && v >= 0) out[k] = v;
    }
  }
  return out;
}

/** How a user raises each limit. */
const HOW: Record<keyof Limits, string> = {
  maxInputBytes: 'raise it with --max-input-size <MB>',
  maxUncompressedBytes: 'limits.maxUncompressedBytes in the API',
  maxZipEntries: 'limits.maxZipEntries in the API',
  zipRatioGrace: 'limits.zipRatioGrace in the API',
  minZipRatio: 'limits.minZipRatio in the API',
  maxCells: 'raise it with --max-cells <n>',
  maxDepth: 'limits.maxDepth in the API',
  maxElements: 'limits.maxElements in the API',
  maxTables: 'limits.maxTables in the API',
  maxParagraphs: 'limits.maxParagraphs in the API',
  maxTextChars: 'limits.maxTextChars in the API',
  maxLines: 'limits.maxLines in the API',
  maxLineLength: 'limits.maxLineLength in the API',
  maxPdfPages: 'limits.maxPdfPages in the API',
  maxPdfObjects: 'limits.maxPdfObjects in the API',
  maxPdfMemoryBytes: 'limits.maxPdfMemoryBytes in the API',
  maxPdfMillis: 'limits.maxPdfMillis in the API',
};

function human(n: number, bytes: boolean): string {
  if (!bytes) return String(n);
  return n >= MB ? `${(n / MB).toFixed(n % MB === 0 ? 0 : 1)} MB` : `${n} bytes`;
}

/**
 * The E_TOO_LARGE error for a limit: "input size 60.2 MB > limit 50 MB (maxInputBytes; raise it
 * with --max-input-size <MB>)". `actual` may be a lower bound ("more than").
 */
export function tooLarge(file: string, limit: keyof Limits, what: string, actual: number | null, value: number): GiaError {
  const bytes = limit === 'maxInputBytes' || limit === 'maxUncompressedBytes' || limit === 'maxPdfMemoryBytes';
  const got = actual === null ? `more than ${human(value, bytes)}` : human(actual, bytes);
  // `max`, `actual` (and `line`) let the catalogue say it in the user's language (i18n reasonText); `reason` stays for API users
  const line = /^line (\d+)/.exec(what)?.[1];
  return new GiaError('E_TOO_LARGE', { file, limit, max: value, ...(actual === null ? {} : { actual }), ...(line ? { line } : {}), reason: `${what}: ${got}, limit ${human(value, bytes)} (${limit}; ${HOW[limit]})` });
}

/** A countdown shared by the tables of one document; throws E_TOO_LARGE when it runs out. */
export class CellBudget {
  private left: number;
  constructor(
    private readonly file: string,
    private readonly limit: number,
  ) {
    this.left = limit;
  }
  spend(n: number): void {
    this.left -= n;
    if (this.left < 0) throw tooLarge(this.file, 'maxCells', 'table cells', null, this.limit);
  }
}
