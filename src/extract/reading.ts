// How each table was read, and how sure that reading is (`tables.<t>.reading`). Pure: runs after
// the mapper, the glued-digit pass and the unreadable-row pass have settled every cell.
import type { ExtractedTable, FoundRow, ReadingConfidence, ReadingMethod, Template, Token } from '../types.js';

/** The method a token was placed by: its reader's mark, else grid for a table cell, tokens otherwise. */
export function tokenMethod(t: Token): ReadingMethod {
  return t.by ?? (t.pos.gridRow !== undefined ? 'grid' : 'tokens');
}

/** The method of a row from the tokens its cells (or, with none, its label) came from. */
export function rowMethod(tokens: Token[]): ReadingMethod {
  let by: ReadingMethod | undefined;
  for (const t of tokens) {
    const m = tokenMethod(t);
    if (m === 'columns' || m === 'glued-identities') return m;
    if (by === undefined || m === 'tokens') by = m;
  }
  return by ?? 'tokens';
}

/** A row split by the identities out of several candidate splits (a choice, not a reading). */
function chosen(fr: FoundRow): boolean {
  return fr.glue?.status === 'split' && (fr.glue.optionCount ?? 1) > 1;
}

/** A row whose cells could not be read (left null, reported by GIA002 or GIA206). */
function failed(fr: FoundRow): boolean {
  return fr.unread !== undefined || (fr.glue !== undefined && fr.glue.status !== 'split');
}

/**
 * Sets `reading` on every table that was found. `by`: glued-identities when a row's split was
 * chosen by the identities, else columns when any row was placed by position, grid when every row
 * came from a real table, tokens otherwise. `confidence`: partial when a row could not be read,
 * inferred when a row was decided by the identities, exact otherwise.
 */
export function assessReadings(tables: Record<string, ExtractedTable>, template: Template): void {
  for (const def of template.tables) {
    const t = tables[def.key];
    if (!t) continue;
    if (!t.found) {
      delete t.reading;
      continue;
    }
    const rows = def.rows.map((r) => t.rows[r.key]).filter((r): r is FoundRow => !!r);
    const methods = new Set(rows.map((r) => r.by ?? 'tokens'));
    let by: ReadingMethod = methods.has('columns') ? 'columns' : rows.length > 0 && methods.size === 1 && methods.has('grid') ? 'grid' : 'tokens';
    if (rows.some(chosen)) by = 'glued-identities';
    let confidence: ReadingConfidence = 'exact';
    if (rows.some(chosen)) confidence = 'inferred';
    if (rows.some(failed)) confidence = 'partial';
    t.reading = { by, confidence };
  }
}
