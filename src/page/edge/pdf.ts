// The page's src/readers/pdf/index.ts: the PDF engine (PDFium as WebAssembly, ~7 MB) is not in the
// page (its budget is 2 MB). A PDF is still recognised by the reader registry; reading it throws
// this, and the page says to use the command line.
import type { SourceDoc } from '../../types.js';

export class PdfNotInPage extends Error {
  constructor(readonly file: string) {
    super(`${file}: PDF needs the command line`);
    this.name = 'PdfNotInPage';
  }
}

export async function readPdf(_bytes: Uint8Array, ctx: { path: string }): Promise<SourceDoc> {
  throw new PdfNotInPage(ctx.path);
}
