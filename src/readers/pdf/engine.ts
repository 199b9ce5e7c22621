// The PDF engine behind the PDF reader: PDFium (Chrome's PDF engine) compiled to WebAssembly, from
// @embedpdf/pdfium. Everything engine-specific is in this file: it turns a PDF's bytes into pages
// of positioned glyphs and ruling-line edges (plain data, see ./types.ts), so the engine can be
// swapped without touching the layout code. The module (7 MB of WebAssembly) is loaded on the first
// PDF read and kept for the process (or worker): a second PDF pays nothing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { init as InitFn } from '@embedpdf/pdfium';
import { GiaError } from '../../errors.js';
import { tooLarge, type Limits } from '../../limits.js';
import type { Edge, Glyph, PdfPage } from './types.js';

type Pdfium = Awaited<ReturnType<typeof InitFn>>;

let loading: Promise<Pdfium> | null = null;
/** Milliseconds the engine took to load (0 until loaded): printed by the benchmark. */
export let engineLoadMs = 0;

/** Loads PDFium once per process; later calls return the same instance. */
export function loadEngine(): Promise<Pdfium> {
  if (!loading) {
    loading = (async () => {
      const t0 = performance.now();
      const { init } = await import('@embedpdf/pdfium');
      const require = createRequire(import.meta.url);
      const wasmBinary = readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm'));
      const m = await init({ wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer });
      m.PDFiumExt_Init();
      engineLoadMs = performance.now() - t0;
      return m;
    })();
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** Drops the instance (after a hostile file grew its memory): the next PDF loads a fresh one. */
function discardEngine(): void {
  loading = null;
}

// FPDF_GetLastError codes
const FPDF_ERR_PASSWORD = 4;
const FPDF_ERR_SECURITY = 5;
// page object types
const OBJ_TEXT = 1;
const OBJ_PATH = 2;
const OBJ_IMAGE = 3;
const OBJ_FORM = 5;
// path segment types
const SEG_LINETO = 0;
const SEG_MOVETO = 2;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function mul(m: Matrix, n: Matrix): Matrix {
  // m applied first, then n (row-vector convention of PDF: p' = p × m × n)
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

const HOT = ['FPDFText_GetUnicode', 'FPDFText_IsGenerated', 'FPDFText_GetLooseCharBox', 'FPDFText_GetCharBox', 'FPDFText_GetCharOrigin', 'FPDFPath_GetPathSegment', 'FPDFPathSegment_GetPoint', 'FPDFPathSegment_GetType', 'FPDFPathSegment_GetClose', 'FPDFPageObj_GetType', 'FPDFPageObj_GetMatrix', 'FPDFPath_GetDrawMode', 'FPDFPageObj_GetFillColor', 'FPDFPath_CountSegments', 'FPDFPageObj_GetClipPath', 'FPDFClipPath_CountPaths', 'FPDFClipPath_CountPathSegments', 'FPDFClipPath_GetPathSegment', 'FPDFFormObj_CountObjects', 'FPDFFormObj_GetObject', 'FPDFPage_GetObject'] as const;
type Hot = Record<(typeof HOT)[number], (...args: number[]) => number>;

/**
 * The per-glyph and per-path-segment functions, called straight on the WebAssembly exports: the
 * package's wrappers (cwrap → ccall → a name lookup and argument checks on every call) took a
 * quarter of the reading time. Falls back to the wrapper when an export is missing.
 */
function direct(m: Pdfium): Hot {
  const exports = (m.pdfium as unknown as { wasmExports: Record<string, unknown> }).wasmExports;
  const out = {} as Hot;
  for (const name of HOT) {
    const f = exports[name];
    out[name] = typeof f === 'function' ? (f as (...a: number[]) => number) : (...a: number[]) => (m as unknown as Record<string, (...b: number[]) => number>)[name]!(...a);
  }
  return out;
}

export interface EngineResult {
  pages: PdfPage[];
}

/**
 * Extracts every page's glyphs (Unicode, loose box) and the straight path segments (ruling lines,
 * rectangle borders) in top-left page coordinates (points, y down). Limits hold while reading:
 * pages, page objects, engine memory (decompressed content lives there) and time.
 */
export async function extractPages(bytes: Uint8Array, file: string, limits: Limits): Promise<EngineResult> {
  const m = await loadEngine();
  const P = m.pdfium as typeof m.pdfium & { HEAPU8: Uint8Array };
  const heap = (): ArrayBuffer => P.HEAPU8.buffer as ArrayBuffer;
  const pdf = direct(m);
  const started = performance.now();
  const dataPtr = P.wasmExports.malloc(bytes.length);
  if (!dataPtr) throw tooLarge(file, 'maxPdfMemoryBytes', 'PDF engine memory', null, limits.maxPdfMemoryBytes);
  P.HEAPU8.set(bytes, dataPtr);
  const scratch = P.wasmExports.malloc(64);
  let doc = 0;
  let grown = false;
  try {
    doc = m.FPDF_LoadMemDocument(dataPtr, bytes.length, '');
    if (!doc) {
      const err = m.FPDF_GetLastError();
      if (err === FPDF_ERR_PASSWORD || err === FPDF_ERR_SECURITY) throw new GiaError('E_ENCRYPTED', { file });
      throw new GiaError('E_CORRUPT_PDF', { file, reason: err === 3 ? 'not a PDF or damaged' : `PDFium error ${err}` });
    }
    const nPages = m.FPDF_GetPageCount(doc);
    if (nPages > limits.maxPdfPages) throw tooLarge(file, 'maxPdfPages', 'pages', nPages, limits.maxPdfPages);
    let objects = 0;
    const pages: PdfPage[] = [];
    // views of the scratch block, made again only when the engine's memory has grown (a new buffer)
    let viewsOf: ArrayBuffer | null = null;
    let v64 = new Float64Array(0);
    let v32 = new Float32Array(0);
    let vu32 = new Uint32Array(0);
    const views = (): void => {
      const b = heap();
      if (b === viewsOf) return;
      viewsOf = b;
      v64 = new Float64Array(b, scratch, 4);
      v32 = new Float32Array(b, scratch, 8);
      vu32 = new Uint32Array(b, scratch, 8);
    };
    const f64 = (): Float64Array => (views(), v64);
    const f32 = (): Float32Array => (views(), v32);
    const u32 = (): Uint32Array => (views(), vu32);
    const checkBudget = (): void => {
      if (P.HEAPU8.length > limits.maxPdfMemoryBytes) {
        grown = true;
        throw tooLarge(file, 'maxPdfMemoryBytes', 'PDF engine memory (decompressed content)', P.HEAPU8.length, limits.maxPdfMemoryBytes);
      }
      const ms = performance.now() - started;
      if (ms > limits.maxPdfMillis) throw tooLarge(file, 'maxPdfMillis', 'reading time in ms', Math.round(ms), limits.maxPdfMillis);
    };
    for (let pi = 0; pi < nPages; pi++) {
      const page = m.FPDF_LoadPage(doc, pi);
      if (!page) throw new GiaError('E_CORRUPT_PDF', { file, reason: `page ${pi + 1} cannot be read` });
      try {
        const width = m.FPDF_GetPageWidthF(page);
        const height = m.FPDF_GetPageHeightF(page);
        const glyphs: Glyph[] = [];
        const edges: Edge[] = [];
        let images = 0;
        const tp = m.FPDFText_LoadPage(page);
        if (tp) {
          try {
            const n = m.FPDFText_CountChars(tp);
            objects += n;
            if (objects > limits.maxPdfObjects) throw tooLarge(file, 'maxPdfObjects', 'PDF objects (glyphs and paths)', null, limits.maxPdfObjects);
            for (let i = 0; i < n; i++) {
              const cp = pdf.FPDFText_GetUnicode(tp, i);
              if (cp === 0 || cp === 0x20 || cp === 0x0d || cp === 0x0a || cp === 0x09 || cp === 0xa0 || cp === 0x3000 || cp === 0xfffe || cp === 0xffff) continue;
              if (pdf.FPDFText_IsGenerated(tp, i) === 1) continue;
              if (!pdf.FPDFText_GetLooseCharBox(tp, i, scratch)) continue;
              const r = f32(); // FS_RECTF: left, top, right, bottom (PDF space, y up)
              const left = r[0]!;
              const top = r[1]!;
              const right = r[2]!;
              const bottom = r[3]!;
              if (!(right >= left) || !(top >= bottom)) continue;
              let ch: string;
              try {
                ch = String.fromCodePoint(cp);
              } catch {
                continue;
              }
              // the glyph's ink box (GetCharBox) where it has one: the loose box can be far off
              // (WPS's stacked vertical labels: 200 pt tall, shifted by a whole cell)
              let ix0 = left;
              let ix1 = right;
              let itop = height - top;
              let ibottom = height - bottom;
              if (pdf.FPDFText_GetCharBox(tp, i, scratch, scratch + 8, scratch + 16, scratch + 24)) {
                const b = f64(); // left, right, bottom, top
                if (b[1]! > b[0]! && b[3]! > b[2]!) {
                  ix0 = b[0]!;
                  ix1 = b[1]!;
                  // thin glyphs (一, －, ·): keep at least a third of the loose height around the ink
                  const mid = height - (b[2]! + b[3]!) / 2;
                  const half = Math.max((b[3]! - b[2]!) / 2, Math.min(top - bottom, 24) / 6);
                  itop = mid - half;
                  ibottom = mid + half;
                }
              }
              let base = height - bottom;
              if (pdf.FPDFText_GetCharOrigin(tp, i, scratch, scratch + 8)) base = height - f64()[1]!;
              glyphs.push({ ch, x0: ix0, x1: ix1, ax0: left, ax1: right, top: itop, bottom: ibottom, base, size: 0 });
            }
          } finally {
            m.FPDFText_ClosePage(tp);
          }
        }
        const walk = (container: number, count: number, get: (i: number) => number, parent: Matrix): void => {
          objects += count;
          if (objects > limits.maxPdfObjects) throw tooLarge(file, 'maxPdfObjects', 'PDF objects (glyphs and paths)', null, limits.maxPdfObjects);
          for (let i = 0; i < count; i++) {
            if ((i & 4095) === 4095) checkBudget(); // time and memory hold inside a page of many objects too
            const obj = get(i);
            if (!obj) continue;
            const type = pdf.FPDFPageObj_GetType(obj);
            if (type === OBJ_IMAGE) {
              images++;
              continue;
            }
            if (type !== OBJ_PATH && type !== OBJ_FORM) continue;
            let mat = IDENTITY;
            if (pdf.FPDFPageObj_GetMatrix(obj, scratch)) {
              const a = f32();
              mat = [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!];
            }
            const full = mul(mat, parent);
            if (type === OBJ_FORM) {
              walk(obj, pdf.FPDFFormObj_CountObjects(obj), (k) => pdf.FPDFFormObj_GetObject(obj, k), full);
              continue;
            }
            pathEdges(obj, full);
          }
          void container;
        };
        const pathEdges = (obj: number, mat: Matrix): void => {
          if (!pdf.FPDFPath_GetDrawMode(obj, scratch, scratch + 4)) return;
          const u = u32();
          const fillMode = u[0]!;
          const stroke = u[1]! !== 0;
          if (!fillMode && !stroke) return; // invisible (clipping helpers)
          if (!stroke && pdf.FPDFPageObj_GetFillColor(obj, scratch, scratch + 4, scratch + 8, scratch + 12)) {
            const c = u32();
            if ((c[0]! > 235 && c[1]! > 235 && c[2]! > 235) || c[3] === 0) return; // white or transparent fill: a background, not a line
          }
          const n = pdf.FPDFPath_CountSegments(obj);
          if (n > 100_000) return;
          const clip = clipRect(obj);
          let sx = 0;
          let sy = 0;
          let px = 0;
          let py = 0;
          let has = false;
          const add = (x0: number, y0: number, x1: number, y1: number): void => {
            const a = [x0 * mat[0] + y0 * mat[2] + mat[4], x0 * mat[1] + y0 * mat[3] + mat[5]] as const;
            const b = [x1 * mat[0] + y1 * mat[2] + mat[4], x1 * mat[1] + y1 * mat[3] + mat[5]] as const;
            const dx = Math.abs(a[0] - b[0]);
            const dy = Math.abs(a[1] - b[1]);
            if (dy < 0.5 && dx >= 0.5) {
              const y = (a[1] + b[1]) / 2;
              let x0 = Math.min(a[0], b[0]);
              let x1 = Math.max(a[0], b[0]);
              if (clip) {
                // only the visible part of a ruling counts; a ruling cut by a side of the clip is noted,
                // so the side can close the table (the border beyond it was clipped away)
                if (y < clip[1] || y > clip[3] || x1 <= clip[0] || x0 >= clip[2]) return;
                if (x0 < clip[0]) {
                  x0 = clip[0];
                  cutAt(clip[0], height - y);
                }
                if (x1 > clip[2]) {
                  x1 = clip[2];
                  cutAt(clip[2], height - y);
                }
                if (x1 - x0 < 0.5) return;
              }
              edges.push({ orient: 'h', x0, x1, top: height - y, bottom: height - y });
            } else if (dx < 0.5 && dy >= 0.5) {
              const x = (a[0] + b[0]) / 2;
              let y0 = Math.min(a[1], b[1]);
              let y1 = Math.max(a[1], b[1]);
              if (clip) {
                if (x < clip[0] || x > clip[2] || y1 <= clip[1] || y0 >= clip[3]) return;
                y0 = Math.max(y0, clip[1]);
                y1 = Math.min(y1, clip[3]);
                if (y1 - y0 < 0.5) return;
              }
              edges.push({ orient: 'v', x0: x, x1: x, top: height - y1, bottom: height - y0 });
            }
          };
          for (let i = 0; i < n; i++) {
            const seg = pdf.FPDFPath_GetPathSegment(obj, i);
            if (!seg || !pdf.FPDFPathSegment_GetPoint(seg, scratch, scratch + 4)) continue;
            const pt = f32();
            const x = pt[0]!;
            const y = pt[1]!;
            const t = pdf.FPDFPathSegment_GetType(seg);
            if (t === SEG_MOVETO || !has) {
              sx = px = x;
              sy = py = y;
              has = true;
            } else {
              if (t === SEG_LINETO) add(px, py, x, y);
              px = x;
              py = y;
            }
            if (pdf.FPDFPathSegment_GetClose(seg) && (px !== sx || py !== sy)) {
              add(px, py, sx, sy);
              px = sx;
              py = sy;
            }
          }
        };
        // A path's clip, when it is one axis-aligned rectangle (PDF space: x0, y0, x1, y1), else null.
        // Browsers clip the page to its printable area: a table wider than that loses its right-hand
        // border (drawn wholly outside, so not drawn at all) while its rulings run into the clip.
        const clipRect = (obj: number): [number, number, number, number] | null => {
          const cp = pdf.FPDFPageObj_GetClipPath(obj);
          if (!cp || pdf.FPDFClipPath_CountPaths(cp) !== 1) return null;
          const k = pdf.FPDFClipPath_CountPathSegments(cp, 0);
          if (k < 4 || k > 5) return null;
          const xs: number[] = [];
          const ys: number[] = [];
          for (let i = 0; i < k; i++) {
            const seg = pdf.FPDFClipPath_GetPathSegment(cp, 0, i);
            if (!seg || !pdf.FPDFPathSegment_GetPoint(seg, scratch, scratch + 4)) return null;
            const pt = f32();
            xs.push(pt[0]!);
            ys.push(pt[1]!);
          }
          const r: [number, number, number, number] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
          // every corner on the rectangle's outline: axis-aligned
          for (let i = 0; i < k; i++) if (!((Math.abs(xs[i]! - r[0]) < 0.01 || Math.abs(xs[i]! - r[2]) < 0.01) && (Math.abs(ys[i]! - r[1]) < 0.01 || Math.abs(ys[i]! - r[3]) < 0.01))) return null;
          return r[2] - r[0] > 1 && r[3] - r[1] > 1 ? r : null;
        };
        const cuts = new Map<number, number[]>(); // clip side x → tops of the horizontal rulings it cut
        const cutAt = (x: number, top: number): void => {
          const key = Math.round(x * 100) / 100;
          (cuts.get(key) ?? cuts.set(key, []).get(key)!).push(top);
        };
        walk(page, m.FPDFPage_CountObjects(page), (k) => pdf.FPDFPage_GetObject(page, k), IDENTITY);
        // a side of the clip that cut horizontal rulings closes them there: between two cut rulings
        // it is the table's visible border. Not in a band where text reaches that side (closer than
        // 1.5 pt: less than a browser's cell padding): there the content is cut too (Chromium drops
        // the glyphs beyond the clip), a closed cell would hold part of a number, so that row's cell
        // stays open (unread, reported) instead.
        for (const [x, tops] of cuts) {
          const ys = [...new Set(tops.map((t) => Math.round(t * 4) / 4))].sort((p, q) => p - q);
          for (let i = 0; i + 1 < ys.length; i++) {
            const top = ys[i]!;
            const bottom = ys[i + 1]!;
            if (glyphs.some((g) => g.bottom > top && g.top < bottom && g.ax0 < x + 1.5 && g.ax1 > x - 1.5)) continue;
            edges.push({ orient: 'v', x0: x, x1: x, top, bottom });
          }
        }
        // text objects are counted through their glyphs above; OBJ_TEXT needs nothing here
        void OBJ_TEXT;
        pages.push({ index: pi, width, height, glyphs, edges, images });
      } finally {
        m.FPDF_ClosePage(page);
      }
      checkBudget();
    }
    return { pages };
  } finally {
    if (doc) m.FPDF_CloseDocument(doc);
    P.wasmExports.free(scratch);
    P.wasmExports.free(dataPtr);
    if (grown || P.HEAPU8.length > limits.maxPdfMemoryBytes / 2) discardEngine();
  }
}
