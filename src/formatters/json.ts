// `-f json`: the diagnostics of every file, with file names; same fields as convert's diagnostics.
// Rendered file by file ({@link jsonPieces}): a 10 000-file run never holds the whole object tree
// or one huge string; the pieces joined are exactly JSON.stringify({ schemaVersion, tool, files }, null, 2).
import { relative } from 'node:path';
import type { FormatContext, Formatter, ResultList } from './types.js';
import type { FileResult } from '../types.js';
import { isFatal, resultPath } from '../types.js';
import { diagnosticJson } from '../writers/json.js';
import { SCHEMA_VERSION, TOOL } from '../version.js';
import { arrayPieces } from './_array-pieces.js';

/** The entry of one file in the `files` array. */
function fileJson(r: FileResult, ctx: FormatContext): object {
  const file = relative(ctx.cwd, resultPath(r)) || resultPath(r);
  if (isFatal(r)) return { file, fatal: r.fatal, diagnostics: [] };
  const diags = ctx.quiet ? r.diagnostics.filter((d) => d.severity === 'error') : r.diagnostics;
  return {
    file,
    template: r.template.id,
    meta: { organ: r.meta.organ, year: r.meta.year, published: r.meta.published },
    counts: r.counts,
    diagnostics: diags.map((d) => diagnosticJson(d, file)),
  };
}

/**
 * The report in pieces, one per file (plus head and tail), in order. An element of the `files`
 * array is its own pretty JSON indented by four spaces (JSON text has no raw newline inside strings).
 */
export function* jsonPieces(results: ResultList, ctx: FormatContext): Generator<string> {
  yield* arrayPieces({ schemaVersion: SCHEMA_VERSION, tool: TOOL, files: [] }, 'files', 2, (function* () {
    for (const r of results) yield [fileJson(r, ctx)];
  })());
}

export const json: Formatter = (results, ctx) => [...jsonPieces(results, ctx)].join('');
