// Short fuzz campaign of the PDF reader (mutated real PDFs, random bytes, drawn pages and grids,
// decompression and page-count bombs): a report or one clear GiaError, never another exception
// or a hang. The long one: `npm run fuzz -- --reader pdf --runs N`.
import { describe, expect, it } from 'vitest';
import { campaign, pdfOf } from '../bench/fuzz-lib.mjs';
import { readBytes } from '../src/readers/index.js';
import { fuzzApi as api, fuzzSeeds } from './helpers/fuzz-api.js';

const RUNS = Number(process.env.FUZZ_PDF_RUNS ?? 16);

describe('fuzz: PDF', () => {
  it(`pdf: ${RUNS} cases`, async () => {
    const res = await campaign(api, fuzzSeeds, 'pdf', { runs: RUNS, seed: 20240601, chunk: RUNS, maxMs: 60_000 }); // the bound of a hang is maxPdfMillis: a busy 2-core machine is slow, not hung
    expect(res.failures.map((f) => `${f.problem} (seed ${f.seed})`)).toEqual([]);
    expect(res.runs).toBe(RUNS);
  }, 300_000);

  it('the limits hold while reading: pages, objects, engine memory', async () => {
    const page = new TextEncoder().encode('BT /F1 10 Tf 50 800 Td (x) Tj ET');
    await expect(readBytes(pdfOf(page, { pages: 30 }), 'p.pdf', { limits: { maxPdfPages: 20 } })).rejects.toMatchObject({ code: 'E_TOO_LARGE', data: { limit: 'maxPdfPages' } });
    const lines = new TextEncoder().encode('0 0 m 1 1 l S\n'.repeat(20_000));
    await expect(readBytes(pdfOf(lines, { flate: true }), 'o.pdf', { limits: { maxPdfObjects: 5_000 } })).rejects.toMatchObject({ code: 'E_TOO_LARGE', data: { limit: 'maxPdfObjects' } });
    await expect(readBytes(pdfOf(page), 'm.pdf', { limits: { maxPdfMemoryBytes: 1024 } })).rejects.toMatchObject({ code: 'E_TOO_LARGE', data: { limit: 'maxPdfMemoryBytes' } });
    // and within them, the same hand-made PDF is read (its one glyph is no report: E_NO_TABLES)
    await expect(readBytes(pdfOf(page), 'ok.pdf')).resolves.toMatchObject({ format: 'pdf' });
  }, 120_000);
});
