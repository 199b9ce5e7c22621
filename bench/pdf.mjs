// PDF benchmark: ms per page to read a PDF (engine extraction + tables + paragraphs) and to analyse
// it (read + extract + lint), next to `pdftotext -layout` on the same file (poppler, C: the
// practical floor) when it is installed. The engine's one-time load (PDFium's WebAssembly) is
// printed separately: it is paid once per process or worker, not per file. Goal: per page
// ≤ 3 × pdftotext once loaded (printed, not asserted).
// Usage: npm run build && node bench/pdf.mjs [iterations]
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const { readBytes } = await import('../dist/readers/index.js');
const { analyzeBytes } = await import('../dist/engine/analyze.js');
const engine = await import('../dist/readers/pdf/engine.js');
const iterations = Number(process.argv[2] ?? 20);
const FILES = ['hongze-2024/hongze-2024.pdf', 'pingtan-gaj-2022/pingtan-gaj-2022.lo.pdf', 'pdf-lo/shanghai-office-2019.lo.docx.lo.pdf'];

const t0 = performance.now();
await engine.loadEngine();
console.log(`PDF engine load (PDFium WebAssembly, once per process/worker): ${(performance.now() - t0).toFixed(0)} ms`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const hasPdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;
if (!hasPdftotext) console.log('pdftotext not installed (Debian: poppler-utils): no floor printed');

console.log(`${'file'.padEnd(48)} pages  read ms/page  analyse ms/page  pdftotext ms/page  ratio`);
for (const f of FILES) {
  const path = fileURLToPath(new URL(`../fixtures/${f}`, import.meta.url));
  const bytes = readFileSync(path);
  const doc = await readBytes(bytes, path);
  const pages = Math.max(...doc.tokens.map((t) => t.pos.page ?? 0), ...doc.paragraphs.map((p) => p.pos.page ?? 0));
  for (let i = 0; i < 3; i++) await analyzeBytes(bytes, path); // warm-up
  const read = [];
  const full = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    await readBytes(bytes, path);
    read.push(performance.now() - t);
    t = performance.now();
    await analyzeBytes(bytes, path);
    full.push(performance.now() - t);
  }
  let floor = NaN;
  if (hasPdftotext) {
    const runs = [];
    for (let i = 0; i < Math.min(iterations, 10); i++) {
      const t = performance.now();
      spawnSync('pdftotext', ['-layout', path, '/dev/null']);
      runs.push(performance.now() - t);
    }
    floor = median(runs) / pages;
  }
  const r = median(read) / pages;
  const a = median(full) / pages;
  console.log(`${f.padEnd(48)} ${String(pages).padStart(5)}  ${r.toFixed(1).padStart(12)}  ${a.toFixed(1).padStart(15)}  ${Number.isNaN(floor) ? '—'.padStart(17) : floor.toFixed(1).padStart(17)}  ${Number.isNaN(floor) ? '—' : (a / floor).toFixed(2)}  (goal ≤ 3)`);
}
console.log('(pdftotext time includes its process start-up, as a user running it pays)');
