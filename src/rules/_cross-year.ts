// The templates' cross-year checks (Template.crossYear, as data) run as run-level rules: each
// year-N report against each year N−1 report of the same organ, for the checks of one rule that
// both reports' templates declare (same rule and cell). Shared by GIA402 and GIA403.
import type { CellRef, CrossYearCheck, CrossYearSlice, Template } from '../types.js';
import type { RunContext } from './define.js';
import { getTemplate } from '../templates/index.js';

const checkKey = (c: CrossYearCheck): string => `${c.rule}\u0000${c.cell.table}.${c.cell.row}.${c.cell.column}`;

/** The cells the cross-year checks of rule `name` read in `template` (this year's and last year's). */
export function crossYearCells(template: Template, name: string): CellRef[] {
  return template.crossYear.filter((c) => c.rule === name).flatMap((c) => [c.cell, c.prevCell, ...c.terms.map((t) => t.cell)]);
}

/** A file name without its folders ('/' or '\\' separated; rules stay free of node:path for the offline page). */
function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * Runs the cross-year checks of rule `name` over one organ's reports: a check is skipped when one
 * of its cells is blank, missing or unreadable; a finding points at this year's cell and relates
 * last year's, naming last year's file.
 */
export function runCrossYearChecks(ctx: RunContext<'mismatch'>, name: string): void {
  for (const curReport of ctx.reports) {
    for (const prevReport of ctx.reports) {
      if (prevReport.year !== curReport.year - 1) continue;
      const cur = curReport.slice();
      const prev = prevReport.slice();
      const prevChecks = new Set((getTemplate(prev.template.id)?.crossYear ?? []).map(checkKey));
      for (const check of getTemplate(cur.template.id)?.crossYear ?? []) {
        if (check.rule !== name || !prevChecks.has(checkKey(check))) continue;
        checkPair(ctx, cur, prev, check);
      }
    }
  }
}

function checkPair(ctx: RunContext<'mismatch'>, cur: CrossYearSlice, prev: CrossYearSlice, check: CrossYearCheck): void {
  const actual = ctx.value(cur, check.cell);
  if (actual === null) return;
  let expected = 0;
  const data: Record<string, string | number> = {};
  for (const term of check.terms) {
    const v = ctx.value(term.year === 'cur' ? cur : prev, term.cell);
    if (v === null) return;
    expected += term.sign * v;
    if (term.name) data[term.name] = v;
  }
  if (actual === expected) return;
  ctx.emit(cur, {
    messageId: 'mismatch',
    data: { ...data, prevFile: fileName(prev.path), prevYear: prev.year, file: fileName(cur.path), year: cur.year },
    table: check.cell.table,
    row: check.cell.row,
    column: check.cell.column,
    expected,
    actual,
    files: [prev.path],
    related: [{ ...check.prevCell, report: prev }],
  });
}
