// PDF reader: the engine (engine.ts, loaded on the first PDF) gives glyphs and ruling edges per page;
// the layout (layout.ts) turns them into paragraphs and tables; buildDoc makes the same SourceDoc as
// the HTML and docx readers, with page and box in every position.
import type { SourceDoc } from '../../types.js';
import type { ReadContext } from '../reader.js';
import { GiaError } from '../../errors.js';
import { CellBudget } from '../../limits.js';
import { buildDoc } from '../_grid.js';
import { extractPages } from './engine.js';
import { layoutPages, layoutText } from './layout.js';
import { readText } from '../text.js';

export async function readPdf(bytes: Uint8Array, ctx: ReadContext): Promise<SourceDoc> {
  const { pages } = await extractPages(bytes, ctx.path, ctx.limits);
  const glyphs = pages.reduce((n, p) => n + p.glyphs.length, 0);
  if (glyphs === 0) {
    const scanned = pages.filter((p) => p.images > 0).length;
    if (scanned > 0) throw new GiaError('E_PDF_SCANNED', { file: ctx.path, pages: pages.length });
    throw new GiaError('E_CORRUPT_PDF', { file: ctx.path, reason: pages.length ? 'no text on any page' : 'no pages' });
  }
  const { blocks, tables, loose } = layoutPages(pages);
  if (tables === 0) return positional(pages, ctx);
  const built = buildDoc(blocks, new CellBudget(ctx.path, ctx.limits.maxCells));
  // cells of a table without ruling lines were placed by their position, not read from a cell
  for (const t of built.tokens) if (t.pos.tableIndex !== undefined && loose.has(t.pos.tableIndex)) t.by = 'columns';
  return {
    path: ctx.path,
    format: 'pdf',
    encoding: 'utf-8',
    sha256: ctx.sha256,
    bytes: ctx.bytes,
    paragraphs: built.paragraphs,
    tokens: built.tokens,
    grids: built.grids,
    notes: [],
  };
}

/**
 * A PDF without ruling lines (tables drawn without borders, or no tables): its text laid out like
 * `pdftotext -layout` and read by the text reader's positional column method, each position then
 * given the page, its line on that page and the line's box (so a finding says 第3页第12行).
 */
function positional(pages: Parameters<typeof layoutText>[0], ctx: ReadContext): SourceDoc {
  const { text, lines } = layoutText(pages);
  const doc = readText(text, { path: ctx.path, encoding: 'utf-8', sha256: ctx.sha256, bytes: ctx.bytes, notes: [] }, ctx.limits);
  const place = (pos: { line?: number; page?: number; bbox?: [number, number, number, number] }): void => {
    const l = pos.line !== undefined ? lines[pos.line - 1] : undefined;
    if (l) {
      pos.page = l.page;
      pos.line = l.line;
      pos.bbox = l.bbox;
    }
  };
  for (const t of doc.tokens) place(t.pos);
  for (const p of doc.paragraphs) place(p.pos);
  return { ...doc, format: 'pdf', encoding: 'utf-8' };
}
