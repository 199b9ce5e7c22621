#!/usr/bin/env node
// Break-even of worker threads per input format (issue 16): from how many inputs does a batch
// finish sooner in two worker threads than in this thread? Measured in CPU time (the machine is
// shared: wall time follows the other load), both ways alternated in one run:
//   C1(N): CPU-s of `convert DIR -o all.jsonl --jobs 1` (in this thread),
//   C2(N): CPU-s of the same with `--jobs 2` and GIA_MIN_PARALLEL=0 (always two workers),
// fitted as s + a·N. On two idle cores the in-thread run takes ≈ C1 of wall time and the worker run
// ≈ s + (C2 − s) / 2 (the process's start-up s is serial, the rest shared by two busy cores), so
// workers pay from N* = (S − s) / (2a₁ − a₂). Note: a small batch of HTML, docx or PDF runs in one
// isolation worker even with --jobs 1 (issue 15), so for those formats C1 already pays one worker.
// Prints the fits and N* per format, with the load average; the thresholds in src/cli/schedule.ts
// (MIN_PARALLEL_FILES) come from these figures.
//
//   node bench/break-even.mjs [--sizes 16,64,256] [--rounds 2] [--only text,html,docx,pdf]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/gia-report.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('--sizes', '16,64,256').split(',').map(Number);
const rounds = Number(opt('--rounds', '2'));
const only = opt('--only', 'text,html,docx,pdf').split(',');
const work = join(tmpdir(), 'gia-break-even');
mkdirSync(work, { recursive: true });
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

/** A directory of n PDFs (copies of the LibreOffice-made fixtures, in turn). */
function pdfCorpus(n) {
  const dir = join(work, `pdf-${n}`);
  if (existsSync(dir) && readdirSync(dir).length === n) return { dir };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const src = join(root, 'fixtures/pdf-lo');
  const pdfs = readdirSync(src).filter((f) => f.endsWith('.pdf'));
  for (let i = 0; i < n; i++) copyFileSync(join(src, pdfs[i % pdfs.length]), join(dir, `p${String(i).padStart(5, '0')}.pdf`));
  return { dir };
}

function cpuOf(argv, env) {
  const out = join(work, 'all.jsonl');
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, 'convert', ...argv, '-o', out, '--no-progress'], { encoding: 'utf8', env: { ...process.env, ...env } });
  rmSync(out, { force: true });
  const num = (re) => Number(re.exec(r.stderr)?.[1]);
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}: ${r.stderr.slice(-400)}`);
  return num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/);
}

/** Least-squares line through (x, y): { s, a } with y ≈ s + a·x. */
function fit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((p, x) => p + x, 0) / n;
  const my = ys.reduce((p, y) => p + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const a = sxy / sxx;
  return { s: my - a * mx, a };
}

console.log(`break-even of 2 worker threads vs this thread, CPU-s (user + sys, all threads), sizes ${sizes.join('/')}, ${rounds} alternated rounds (min), load ${load()}`);
for (const format of only) {
  const xs = [];
  const one = [];
  const two = [];
  for (const n of sizes) {
    const dir = format === 'pdf' ? pdfCorpus(n).dir : corpus(work, format, n).dir;
    let c1 = Infinity;
    let c2 = Infinity;
    for (let k = 0; k < rounds; k++) {
      c1 = Math.min(c1, cpuOf([dir, '--jobs', '1'], {}));
      c2 = Math.min(c2, cpuOf([dir, '--jobs', '2'], { GIA_MIN_PARALLEL: '0' }));
    }
    xs.push(n);
    one.push(c1);
    two.push(c2);
    console.log(`  ${format.padEnd(4)} N=${String(n).padStart(4)}: in-thread ${c1.toFixed(2)} CPU-s, 2 workers ${c2.toFixed(2)} CPU-s (workers pay when C2 + s < 2·C1)  load ${load()}`);
  }
  const f1 = fit(xs, one);
  const f2 = fit(xs, two);
  const denom = 2 * f1.a - f2.a;
  const star = denom > 0 ? Math.max(0, (f2.s - f1.s) / denom) : Infinity;
  console.log(
    `  ${format.padEnd(4)} fit: in-thread ${f1.s.toFixed(2)} s + ${(f1.a * 1000).toFixed(1)} ms/file; 2 workers ${f2.s.toFixed(2)} s + ${(f2.a * 1000).toFixed(1)} ms/file → break-even N* ≈ ${Number.isFinite(star) ? star.toFixed(0) : '∞ (workers never pay)'} files`,
  );
}
