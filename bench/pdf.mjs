// PDF benchmark: ms per page to read a PDF (engine extraction + tables + paragraphs) and to analyse
// it (read + extract + lint), next to `pdftotext -layout` on the same file (poppler, C: the
// practical floor) when it is installed. The engine's one-time load (PDFium's WebAssembly) is
// printed separately: it is paid once per process or worker, not per file. Goal: per page
// ≤ 3 × pdftotext once loaded (printed, not asserted).
// Figures are CPU time (this process: process.cpuUsage; pdftotext: the children's CPU from
// /proc/self/stat), medians of wall time next to them; the load average is printed with them.
// Usage: npm run build && node bench/pdf.mjs [iterations]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const { readBytes } = await import('../dist/readers/index.js');
const { analyzeBytes } = await import('../dist/engine/analyze.js');
const engine = await import('../dist/readers/pdf/engine.js');
const iterations = Number(process.argv[2] ?? 20);
const FILES = [
  'hongze-2024/hongze-2024.pdf',
  'pingtan-gaj-2022/pingtan-gaj-2022.lo.pdf',
  'pdf-lo/shanghai-office-2019.lo.docx.lo.pdf',
  'pdf-lo/shanghai-office-2019.merged.docx.lo.pdf', // no ruling lines: tables from glyph positions
  'pdf-chrome/shanghai-office-2019.page.html.chrome.pdf',
];
/** CPU ms of this process so far. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** CPU ms of the waited-for children so far (Linux: cutime + cstime of /proc/self/stat, in clock ticks of 10 ms). */
const childCpu = () => {
  try {
    const s = readFileSync('/proc/self/stat', 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return NaN;
  }
};

const t0 = performance.now();
await engine.loadEngine();
console.log(`PDF engine load (PDFium WebAssembly, once per process/worker): ${(performance.now() - t0).toFixed(0)} ms`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const hasPdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;
if (!hasPdftotext) console.log('pdftotext not installed (Debian: poppler-utils): no floor printed');

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`${'file'.padEnd(54)} pages  read cpu ms/page  analyse cpu ms/page (wall)  pdftotext cpu ms/page (wall)  ratio (cpu)`);
for (const f of FILES) {
  const path = fileURLToPath(new URL(`../fixtures/${f}`, import.meta.url));
  const bytes = readFileSync(path);
  const doc = await readBytes(bytes, path);
  const pages = Math.max(...doc.tokens.map((t) => t.pos.page ?? 0), ...doc.paragraphs.map((p) => p.pos.page ?? 0));
  for (let i = 0; i < 3; i++) await analyzeBytes(bytes, path); // warm-up
  const full = [];
  let c0 = cpu();
  for (let i = 0; i < iterations; i++) await readBytes(bytes, path);
  const r = (cpu() - c0) / iterations / pages;
  c0 = cpu();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await analyzeBytes(bytes, path);
    full.push(performance.now() - t);
  }
  const a = (cpu() - c0) / iterations / pages;
  let floor = NaN;
  let floorWall = NaN;
  if (hasPdftotext) {
    const runs = [];
    const n = Math.max(10, iterations);
    const k0 = childCpu();
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      spawnSync('pdftotext', ['-layout', path, '/dev/null']);
      runs.push(performance.now() - t);
    }
    floor = (childCpu() - k0) / n / pages;
    floorWall = median(runs) / pages;
  }
  const aw = median(full) / pages;
  const fl = Number.isNaN(floor) ? '—'.padStart(28) : `${floor.toFixed(1)} (${floorWall.toFixed(1)})`.padStart(28);
  console.log(`${f.padEnd(54)} ${String(pages).padStart(5)}  ${r.toFixed(1).padStart(16)}  ${`${a.toFixed(1)} (${aw.toFixed(1)})`.padStart(26)}  ${fl}  ${Number.isNaN(floor) ? '—' : (a / floor).toFixed(2)}  (goal ≤ 3)`);
}
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('(pdftotext time includes its process start-up, as a user running it pays; ratio = analyse cpu / pdftotext cpu)');
