// Reader benchmark: median time per report to read + extract + lint, in one process after warm-up.
// Inputs: the shanghai HTML report inside a padded full web page (~110 KB) and the ~16 KB
// LibreOffice .docx. Goals on the reference machine: HTML <= 5 ms, docx <= 8 ms (printed, not asserted).
// The machine is shared: CPU time per report (process.cpuUsage over the timed runs) is printed too.
// Usage: npm run build && node bench/readers.mjs [iterations]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchPage } from './bench-page.mjs';

const { analyzeBytes } = await import('../dist/engine/analyze.js');
const fx = (p) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url));

const html = benchPage(fileURLToPath(new URL('..', import.meta.url))); // the page padded to ~110 KB (bench/bench-page.mjs)
const docx = fx('shanghai-office-2019/shanghai-office-2019.lo.docx');

const iterations = Number(process.argv[2] ?? 200);

async function bench(name, bytes, path) {
  for (let i = 0; i < 30; i++) await analyzeBytes(bytes, path); // warm-up (JIT, lazy imports)
  const times = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await analyzeBytes(bytes, path);
    times.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000 / iterations; // all threads (GC helpers included)
  times.sort((a, b) => a - b);
  const med = times[times.length >> 1];
  const p90 = times[Math.floor(times.length * 0.9)];
  console.log(`${name.padEnd(6)} ${(bytes.length / 1024).toFixed(0).padStart(4)} KB  median ${med.toFixed(2)} ms  p90 ${p90.toFixed(2)} ms  CPU ${cpu.toFixed(2)} ms/report  (${iterations} runs)`);
  return med;
}

const h = await bench('html', html, 'report.html');
const d = await bench('docx', docx, 'report.docx');
console.log(`goals: html <= 5 ms (${h <= 5 ? 'met' : 'NOT met'}), docx <= 8 ms (${d <= 8 ? 'met' : 'NOT met'})`);
