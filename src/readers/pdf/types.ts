// Plain data between the PDF engine (engine.ts) and the layout code: page coordinates in points,
// origin at the top-left corner, y growing downwards (like pdfplumber's `top`/`bottom`).

/** One glyph: its Unicode text and loose box (font ascent to descent). */
export interface Glyph {
  ch: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** The glyph's advance box, left and right (spacing between glyphs is measured on it). */
  ax0: number;
  ax1: number;
  /** The baseline (y of the glyph's origin): glyphs of one line share it. */
  base: number;
  /** Font size in points (0: not asked of the engine; the layout measures glyph boxes). */
  size: number;
}

/** A straight horizontal or vertical segment: a ruling line or one side of a rectangle. */
export interface Edge {
  orient: 'h' | 'v';
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

export interface PdfPage {
  /** 0-based page index. */
  index: number;
  width: number;
  height: number;
  glyphs: Glyph[];
  edges: Edge[];
  /** Image objects on the page (a page of images and no glyphs is a scan). */
  images: number;
}

/** A box: x0, top, x1, bottom. */
export type Box = [number, number, number, number];
