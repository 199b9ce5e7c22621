// Formatter contract: (results, ctx) => string. Formatters never write or read the environment.
import type { FileResult, Locale } from '../types.js';

export interface FormatContext {
  locale: Locale;
  /** Use ANSI colours (decided by the CLI: a TTY and no NO_COLOR). */
  color: boolean;
  /** Base for relative file names. */
  cwd: string;
  /** Errors only. */
  quiet: boolean;
  /** --max-warnings (null: no limit): the verdict line agrees with the exit code. */
  maxWarnings?: number | null;
  /** Colour functions (chalk's, loaded by the caller when `color` is on). */
  paint?: import('./stylish.js').Paint;
}

export type Formatter = (results: FileResult[], ctx: FormatContext) => string;

/** Results read in order, once or more (an array, or the CLI's store of a large run: src/cli/results.ts). */
export type ResultList = Iterable<FileResult> & { readonly length: number };

/** A format rendered file by file: the pieces joined are the formatter's text (large runs write them as they come). */
export type Pieces = (results: ResultList, ctx: FormatContext) => Iterable<string>;
