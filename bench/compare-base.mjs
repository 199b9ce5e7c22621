#!/usr/bin/env node
// CPU per report of this build against a base build (issue 12: "no benchmark regression above
// noise"), on the same inputs, in alternation so both see the same machine load.
//
//   npm run build && node bench/compare-base.mjs [--base 78868c6] [--rounds 8] [--scale 1]
//
// The base commit is built once into $TMPDIR/gia-base-<commit> (git archive, node_modules linked
// to this checkout's, tsc). Each round runs one child process per build (order alternating
// between rounds); a child warms up, then reads + extracts + lints each input N times
// (analyzeBytes, as bench/readers.mjs) and reports process.cpuUsage per report. The table gives
// the median over rounds per build, the ratio of the medians, and the range of the per-round
// ratios (the noise: a ratio whose range straddles 1.00 is no measurable change). Inputs are read
// from this checkout, so both builds see the same bytes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchPage } from './bench-page.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};

/** The inputs: name, path given to the reader, bytes, iterations per child at scale 1 (the page of bench/readers.mjs). */
function inputs() {
  const fx = (p) => readFileSync(join(root, 'fixtures', p));
  return [
    { name: 'text', path: 'akqi-2021.txt', bytes: fx('akqi-2021/akqi-2021.txt'), n: 200 },
    { name: 'glued text', path: 'pingtan-2019.glued.txt', bytes: fx('pingtan-2019/pingtan-2019.glued.txt'), n: 150 },
    { name: 'HTML page', path: 'report.html', bytes: benchPage(root), n: 120 },
    { name: 'docx', path: 'report.docx', bytes: fx('shanghai-office-2019/shanghai-office-2019.lo.docx'), n: 60 },
  ];
}

if (args[0] === '--child') {
  // child: node compare-base.mjs --child DIST SCALE → one JSON line {name: cpu ms per report}
  const dist = args[1];
  const scale = Number(args[2]);
  const { analyzeBytes } = await import(pathToFileURL(join(dist, 'engine/analyze.js')).href);
  const out = {};
  for (const c of inputs()) {
    const bytes = new Uint8Array(c.bytes);
    for (let i = 0; i < 30; i++) await analyzeBytes(bytes, c.path);
    const n = Math.max(5, Math.round(c.n * scale));
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) await analyzeBytes(bytes, c.path);
    const d = process.cpuUsage(c0);
    out[c.name] = (d.user + d.system) / 1000 / n;
  }
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

const commit = opt('--base', '78868c6');
const rounds = Number(opt('--rounds', 8));
const scale = Number(opt('--scale', 1));
const baseDir = join(tmpdir(), `gia-base-${commit}`);
if (!existsSync(join(baseDir, 'dist/engine/analyze.js'))) {
  console.log(`building ${commit} into ${baseDir} …`);
  mkdirSync(baseDir, { recursive: true });
  execFileSync('sh', ['-c', `git -C "${root}" archive ${commit} | tar -x -C "${baseDir}"`], { stdio: 'inherit' });
  linkModules();
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(baseDir, 'tsconfig.json')], { stdio: 'inherit' });
}
linkModules(); // a base built earlier may link into a checkout deleted since

/**
 * The base's node_modules: a link to this checkout's. A link whose target is gone (the checkout
 * that built the base was removed) is made again; a real directory is left alone.
 */
function linkModules() {
  const link = join(baseDir, 'node_modules');
  let st;
  try {
    st = lstatSync(link);
  } catch {
    st = null;
  }
  if (st && !st.isSymbolicLink()) return;
  if (st && existsSync(link)) return; // a live link (existsSync follows it)
  if (st) {
    console.log(`${link}: its target is gone; linking ${join(root, 'node_modules')}`);
    unlinkSync(link);
  }
  symlinkSync(join(root, 'node_modules'), link);
}
const builds = [
  { name: `base ${commit}`, dist: join(baseDir, 'dist') },
  { name: 'this build', dist: join(root, 'dist') },
];
const load0 = loadavg()[0];
const samples = builds.map(() => []);
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? [0, 1] : [1, 0];
  for (const b of order) {
    const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', builds[b].dist, String(scale)], { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${builds[b].name}: child exited ${res.status}\n${res.stderr}`);
    samples[b].push(JSON.parse(res.stdout.trim().split('\n').pop()));
  }
  process.stderr.write(`round ${r + 1}/${rounds} load ${loadavg()[0].toFixed(1)}\n`);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`CPU per report (read + extract + lint, ms; median of ${rounds} alternated rounds; load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)})`);
console.log(`${'input'.padEnd(12)} ${builds[0].name.padStart(14)} ${builds[1].name.padStart(11)}  ratio  per-round ratios`);
for (const name of Object.keys(samples[0][0])) {
  const a = median(samples[0].map((s) => s[name]));
  const b = median(samples[1].map((s) => s[name]));
  const per = samples[0].map((s, i) => samples[1][i][name] / s[name]).sort((x, y) => x - y);
  const q = (p) => per[Math.min(per.length - 1, Math.floor(p * per.length))];
  console.log(`${name.padEnd(12)} ${a.toFixed(2).padStart(14)} ${b.toFixed(2).padStart(11)}  ${(b / a).toFixed(2)}   ${per[0].toFixed(2)}–${per[per.length - 1].toFixed(2)} (middle half ${q(0.25).toFixed(2)}–${q(0.75).toFixed(2)})`);
}
