// `npm run bench`: start-up ratio of `gia-report lint` on the seed vs `node -e 0`, then the
// per-format reader benchmarks. Prints figures; asserts nothing (machines are shared and noisy).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seed = join(root, 'fixtures/akqi-2021/akqi-2021.txt');
const bin = join(root, 'bin/gia-report.js');
const runs = Number(process.env.BENCH_RUNS ?? 21);

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// interleave the two commands so both see the same machine load
const base = [];
const lint = [];
const load0 = loadavg()[0];
time(['-e', '0']);
time([bin, 'lint', seed]);
for (let i = 0; i < runs; i++) {
  base.push(time(['-e', '0']));
  lint.push(time([bin, 'lint', seed]));
}
const mb = median(base);
const ml = median(lint);
console.log(`start-up (${runs} runs each, median):`);
console.log(`  node -e 0                     ${mb.toFixed(1)} ms`);
console.log(`  gia-report lint <seed>        ${ml.toFixed(1)} ms`);
console.log(`  ratio                         ${(ml / mb).toFixed(2)}  (goal ≤ 1.75, bar 2.0)  load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);

for (const extra of ['readers.mjs', 'pdf.mjs', 'batch.mjs']) {
  const p = join(root, 'bench', extra);
  if (existsSync(p)) {
    console.log(`\n# bench/${extra}`);
    const r = spawnSync(process.execPath, [p], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
}
