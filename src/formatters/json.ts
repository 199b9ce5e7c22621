// `-f json`: the diagnostics of every file, with file names; same fields as convert's diagnostics.
import { relative } from 'node:path';
import type { Formatter } from './types.js';
import { isFatal, resultPath } from '../types.js';
import { diagnosticJson } from '../writers/json.js';
import { SCHEMA_VERSION, TOOL } from '../version.js';
import { countSeverities } from '../engine/lint.js';

export const json: Formatter = (results, ctx) => {
  const files = results.map((r) => {
    const file = relative(ctx.cwd, resultPath(r)) || resultPath(r);
    if (isFatal(r)) return { file, fatal: r.fatal, diagnostics: [] };
    const diags = ctx.quiet ? r.diagnostics.filter((d) => d.severity === 'error') : r.diagnostics;
    return {
      file,
      template: r.template.id,
      meta: { organ: r.meta.organ, year: r.meta.year, published: r.meta.published },
      counts: countSeverities(r.diagnostics),
      diagnostics: diags.map((d) => diagnosticJson(d, file)),
    };
  });
  return JSON.stringify({ schemaVersion: SCHEMA_VERSION, tool: TOOL, files }, null, 2) + '\n';
};
