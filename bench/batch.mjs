// Batch throughput and memory: generates corpora OUTSIDE the repository (os.tmpdir()/gia-bench)
// from the fixtures with varied numbers, then runs bin/gia-report.js on each with the default
// --jobs and reports reports/second and peak RSS (/usr/bin/time -v when present; otherwise a
// wrapper process that reads its child's resourceUsage). Imports nothing from src.
// BENCH_SCALE=0.1 for a quick run. Goals (issue 16, 2 cores, 10 000 files → one CSV): HTML ≥ 350/s, text ≥ 1000/s, docx ≥ 150/s; HTML CPU/page ≤ 2.5× the htmlparser2 floor;
// peak RSS ≤ 300 MB at 10 000 files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/gia-report.js');
const work = join(tmpdir(), 'gia-bench');
const scale = Number(process.env.BENCH_SCALE ?? 1);
const n = (k) => Math.max(10, Math.round(k * scale));

// deterministic pseudo-random numbers
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

/**
 * Varies a report like a real corpus does: every copy gets different figures in one table cell
 * with probability 0.1 (a report with lint errors, as about one in ten real reports), the
 * others keep consistent tables and differ in their organ name. (Changing many cells at random
 * makes every report fail several identities, which costs ~10× more in the rules: not realistic.)
 */
function vary(s, re, i) {
  let out = s.replace(/阿合奇县|上海市人民政府办公厅/g, (m) => `${m.slice(0, 2)}${i}${m.slice(2)}`);
  if (rnd() < 0.1) {
    const hits = [...out.matchAll(re)];
    const m = hits[Math.floor(rnd() * hits.length)];
    if (m) out = out.slice(0, m.index) + `${m[1]}${Number(m[2]) + 1 + Math.floor(rnd() * 9)}${m[3]}` + out.slice(m.index + m[0].length);
  }
  return out;
}

function makeText(dir, count) {
  const seedText = readFileSync(join(root, 'fixtures/akqi-2021/akqi-2021.txt'), 'utf8');
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `d${i % 20}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `r${i}.txt`), vary(seedText, /(\t)(\d+)(\n)/g, i));
  }
}

function makeHtml(dir, count) {
  const src = join(root, 'fixtures/shanghai-office-2019/shanghai-office-2019.html');
  if (!existsSync(src)) return false;
  const body = readFileSync(src, 'utf8').replace(/^[\s\S]*?<body[^>]*>/i, '').replace(/<\/body>[\s\S]*$/i, '');
  // a realistic government page around it: head with styles and scripts, navigation, footer, ~110 KB
  const nav = Array.from({ length: 60 }, (_, k) => `<li class="nav-item"><a href="/col/col${k}/index.html" target="_blank">栏目${k}</a></li>`).join('\n');
  const pad = (kb) => `<div class="footer-links" style="display:none">${'<span class="x">政务公开 信息公开指南 依申请公开</span>'.repeat(Math.ceil((kb * 1024) / 60))}</div>`;
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `d${i % 20}`);
    mkdirSync(sub, { recursive: true });
    let page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开工作年度报告</title><style>${'.c{margin:0}'.repeat(300)}</style><script>var s=${JSON.stringify('x'.repeat(4000))};</script></head><body><div id="header"><ul class="nav">${nav}</ul></div><div id="content">${vary(body, /(>)(\d+)(<)/g, i)}</div>`;
    page += pad(Math.max(0, 110 - page.length / 1024)) + '</body></html>';
    writeFileSync(join(sub, `p${i}.html`), page);
  }
  return true;
}

function makeDocx(dir, count) {
  const src = join(root, 'fixtures/shanghai-office-2019/shanghai-office-2019.lo.docx');
  if (!existsSync(src)) return false;
  const files = unzipSync(readFileSync(src));
  const xml = new TextDecoder().decode(files['word/document.xml']);
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `d${i % 20}`);
    mkdirSync(sub, { recursive: true });
    const out = { ...files, 'word/document.xml': new TextEncoder().encode(vary(xml, /(<w:t(?: [^>]*)?>)(\d+)(<\/w:t>)/g, i)) };
    writeFileSync(join(sub, `w${i}.docx`), zipSync(out, { level: 6 }));
  }
  return true;
}

const hasTime = existsSync('/usr/bin/time');

/** Runs the CLI; returns seconds, peak RSS (MB) and the exit status. */
function run(args) {
  const t0 = process.hrtime.bigint();
  let r;
  let rssMb;
  let cpu = NaN;
  if (hasTime) {
    r = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    rssMb = m ? Number(m[1]) / 1024 : NaN;
    const u = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
    const sy = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
    cpu = u && sy ? Number(u[1]) + Number(sy[1]) : NaN;
  } else {
    const wrapper = `const r=require('child_process').spawnSync(process.execPath,${JSON.stringify([bin, ...args])},{stdio:'ignore'});` + `process.stdout.write(JSON.stringify({s:r.status,u:process.resourceUsage()}))`;
    // resourceUsage of the wrapper includes its waited-for child in maxRSS on Linux (RUSAGE_CHILDREN is separate): use the child's via /proc when possible
    r = spawnSync(process.execPath, ['-e', wrapper], { encoding: 'utf8' });
    rssMb = NaN;
    try {
      rssMb = JSON.parse(r.stdout).u.maxRSS / 1024;
    } catch {}
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, rssMb, cpu, status: r.status };
}

/** CPU seconds and peak RSS of any command (/usr/bin/time). */
function timed(cmd) {
  if (!hasTime) return { cpu: NaN, rssMb: NaN };
  const r = spawnSync('/usr/bin/time', ['-v', ...cmd], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 28 });
  const u = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sy = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { cpu: u && sy ? Number(u[1]) + Number(sy[1]) : NaN, rssMb: m ? Number(m[1]) / 1024 : NaN, status: r.status };
}

const jobs = availableParallelism();
console.log(`batch benchmark: default --jobs = ${jobs}, corpora in ${work}${scale !== 1 ? `, BENCH_SCALE=${scale}` : ''}`);
console.log('  (wall-clock rates depend on other load on the machine; reports per CPU-second do much less)');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
// issue 16: whole run, default options, 10 000 files of each format -> one CSV
const cases = [
  { name: 'text', count: n(10000), make: makeText, goal: 1000 },
  { name: 'html (~110 KB)', count: n(10000), make: makeHtml, goal: 350 },
  { name: 'docx', count: n(10000), make: makeDocx, goal: 150 },
];
const rows = [];
for (const c of cases) {
  const key = c.name.split(' ')[0];
  const dir = join(work, key);
  mkdirSync(dir, { recursive: true });
  if (c.make(dir, c.count) === false) {
    console.log(`  ${c.name}: fixture missing, skipped`);
    continue;
  }
  const csv = join(work, `all-${key}.csv`);
  const la = load();
  const r = run(['convert', dir, '--to', 'csv', '-o', csv, '--no-progress']);
  rows.push({ name: `convert --to csv -o all.csv, ${c.name}`, count: c.count, ...r, goal: c.goal, load: la });
  if (key === 'html') {
    // the floor, measured now on the same files: htmlparser2's Parser with an empty handler
    // (read each file, decode it, parse it), CPU per page
    const floorScript = `import { Parser } from 'htmlparser2'; import { readdirSync, readFileSync } from 'node:fs'; import { join } from 'node:path';
      let n = 0; const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else { new Parser({}).end(readFileSync(p).toString('utf8')); n++; } } };
      walk(${JSON.stringify(dir)}); console.log(n);`;
    const f = timed([process.execPath, '--input-type=module', '-e', floorScript]);
    const gia = r.cpu / c.count;
    const floor = f.cpu / c.count;
    console.log(`  HTML CPU per page: gia-report ${(gia * 1000).toFixed(2)} ms, floor (htmlparser2 Parser, empty handler) ${(floor * 1000).toFixed(2)} ms: ratio ${(gia / floor).toFixed(2)} (goal <= 2.5)  load ${la}`);
  }
}
// memory: 10 000 text files, every output (peak RSS goal <= 300 MB)
{
  const la = load();
  const dir = join(work, 'text10k');
  mkdirSync(dir, { recursive: true });
  makeText(dir, n(10000));
  rows.push({ name: 'convert -o DIR, 10k text', count: n(10000), load: la, ...run(['convert', dir, '-o', join(work, 'outdir') + '/', '--no-progress']) });
  rows.push({ name: 'convert -o all.jsonl, 10k text', count: n(10000), ...run(['convert', dir, '-o', join(work, 'all.jsonl'), '--no-progress']) });
  rows.push({ name: 'convert --to csv -o all.csv, 10k text', count: n(10000), ...run(['convert', dir, '--to', 'csv', '-o', join(work, 'all.csv'), '--no-progress']) });
  rows.push({ name: 'lint -f json > file, 10k text', count: n(10000), ...run(['lint', dir, '-f', `json=${join(work, 'lint.json')}`, '--no-progress']) });
  rows.push({ name: 'convert --layout wide -o wide.csv, 10k', count: n(10000), ...run(['convert', dir, '--to', 'csv', '--layout', 'wide', '-o', join(work, 'wide.csv'), '--no-progress']) });
  rows.push({ name: 'convert --to xlsx -o book.xlsx, 10k text', count: n(10000), ...run(['convert', dir, '--to', 'xlsx', '-o', join(work, 'book.xlsx'), '--no-progress']) });
}
for (const r of rows) {
  const rate = r.count / r.seconds;
  console.log(
    `  ${r.name.padEnd(40)} ${String(r.count).padStart(6)} files  ${r.seconds.toFixed(1).padStart(6)} s  ${rate.toFixed(0).padStart(6)}/s` +
      `${r.goal ? ` (goal ≥ ${r.goal})` : ''}${r.load ? `  load ${r.load}` : ''}  CPU ${Number.isNaN(r.cpu) ? '?' : r.cpu.toFixed(1)} s (${Number.isNaN(r.cpu) ? '?' : (r.count / r.cpu).toFixed(0)}/CPU-s)  peak RSS ${Number.isNaN(r.rssMb) ? '?' : r.rssMb.toFixed(0)} MB  exit ${r.status}`,
  );
}
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
