// PDF reader: the engine (engine.ts, loaded on the first PDF) gives glyphs and ruling edges per page;
// the layout (layout.ts) turns them into paragraphs and tables; buildDoc makes the same SourceDoc as
// the HTML and docx readers, with page and box in every position.
import type { SourceDoc } from '../../types.js';
import type { ReadContext } from '../reader.js';
import { GiaError } from '../../errors.js';
import { CellBudget } from '../../limits.js';
import { buildDoc } from '../_grid.js';
import { extractPages } from './engine.js';
import { layoutPages } from './layout.js';

export async function readPdf(bytes: Uint8Array, ctx: ReadContext): Promise<SourceDoc> {
  const { pages } = await extractPages(bytes, ctx.path, ctx.limits);
  const glyphs = pages.reduce((n, p) => n + p.glyphs.length, 0);
  if (glyphs === 0) {
    const scanned = pages.filter((p) => p.images > 0).length;
    if (scanned > 0) throw new GiaError('E_PDF_SCANNED', { file: ctx.path, pages: pages.length });
    throw new GiaError('E_CORRUPT_PDF', { file: ctx.path, reason: pages.length ? 'no text on any page' : 'no pages' });
  }
  const { blocks } = layoutPages(pages);
  const built = buildDoc(blocks, new CellBudget(ctx.path, ctx.limits.maxCells));
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
