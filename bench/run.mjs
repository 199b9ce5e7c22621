// `npm run bench [-- options]`: every figure of issue 16, each next to a floor measured in the same
// run and the ratio, with os.loadavg() beside it. Prints figures; asserts nothing (machines are
// shared and noisy: compare ratios and CPU seconds, not wall-clock rates, between runs).
//
//   --files N        files per format for the batch runs (default 10 000, as issue 16 asks;
//                    `--files 2000` for a quicker run)
//   --only LIST      sections, comma-separated: startup, cpu, throughput, memory, peers, readers, pdf
//                    (default: all)
//   --formats LIST   text,html,docx,pdf (default: all four; pdf has no in-process floor, so no cpu line)
//   --pdf-files N    PDF files for the throughput and memory runs (default: --files; a PDF costs ~10×
//                    a text report)
//   --runs N         alternated start-up runs of each command (default 21)
//   --sample N       files per format for the in-process CPU figures (default 500)
//   --peer-files N   HTML pages given to each Python peer (default 200)
//   --keep           leave the generated corpora in $TMPDIR/gia-bench (reused by the next run)
//
// Sections:
//   startup     `gia-report lint seed.txt` wall ÷ `node -e 0` wall, medians of N alternated runs
//   cpu         CPU per report in one process (reader, whole analysis) ÷ the format's floor, and
//               for HTML the whole batch run's CPU per page ÷ the htmlparser2 floor over all N pages
//   throughput  `convert DIR --to csv -o all.csv` (default options) per format: reports/s, CPU-s per
//               report, the 2-core ceiling that CPU allows, peak RSS (the long-CSV memory row)
//   peers       the same HTML pages through bench/peers/*.py (BeautifulSoup, pandas, bare lxml)
//   memory      peak RSS for every other output: -o DIR, .jsonl, wide CSV, .xlsx, lint -f json
//               (last: the longest section; every figure is printed as soon as it is measured)
//   readers     bench/readers.mjs; pdf: bench/pdf.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/gia-report.js');
const seed = join(root, 'fixtures/akqi-2021/akqi-2021.txt');
const { values: opt } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    only: { type: 'string', default: 'startup,readers,pdf,cpu,throughput,memory,peers' },
    formats: { type: 'string', default: 'text,html,docx,pdf' },
    'pdf-files': { type: 'string' },
    runs: { type: 'string', default: '21' },
    sample: { type: 'string', default: '500' },
    'peer-files': { type: 'string', default: '200' },
    keep: { type: 'boolean', default: !!process.env.BENCH_KEEP },
    work: { type: 'string', default: join(tmpdir(), 'gia-bench') },
  },
});
const N = Number(opt.files);
const only = new Set(opt.only.split(','));
const formats = opt.formats.split(',').filter((f) => ['text', 'html', 'docx', 'pdf'].includes(f));
/** Files of each format in the batch runs. */
const count = (f) => (f === 'pdf' && opt['pdf-files'] ? Number(opt['pdf-files']) : N);
const work = opt.work;
const jobs = availableParallelism();
const hasTime = existsSync('/usr/bin/time');

const started = Date.now();
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const ms = (x) => (Number.isFinite(x) ? x.toFixed(2) : '?');
const mb = (x) => (Number.isFinite(x) ? x.toFixed(0) : '?');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '?');
const summary = [];
/** prints a figure now and keeps it for the summary at the end */
function figure(line) {
  console.log(`  ${line}`);
  summary.push(line);
}

/** Runs a command under /usr/bin/time -v: wall s, CPU s (user + sys, all threads), peak RSS MB, status. */
function timed(cmd, { cwd = root } = {}) {
  const t0 = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', ...cmd], { encoding: 'utf8', cwd, maxBuffer: 1 << 28 })
    : spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', cwd, maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const num = (re) => {
    const m = re.exec(r.stderr ?? '');
    return m ? Number(m[1]) : NaN;
  };
  const cpu = num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/);
  return { wall, cpu, rss: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const gia = (args) => timed([process.execPath, bin, ...args, '--no-progress']);
const json = (r, what) => {
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    console.log(`  ${what} failed (exit ${r.status}): ${(r.stderr ?? '').split('\n').filter((l) => l && !/^\s/.test(l)).slice(-3).join(' | ')}`);
    return null;
  }
};

console.log(`gia-report bench: Node ${process.version}, ${jobs} cores (default --jobs ${jobs}), --files ${N}, load average ${load()}`);
if (!hasTime) console.log('  (no /usr/bin/time: CPU seconds and peak RSS are not measured)');

// ---- start-up -------------------------------------------------------------------------------
if (only.has('startup')) {
  const runs = Number(opt.runs);
  console.log(`\n# start-up: \`gia-report lint seed.txt\` vs \`node -e 0\`, ${runs} alternated runs each, median wall`);
  const wall = (args) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const la = load();
  wall(['-e', '0']);
  wall([bin, 'lint', seed]);
  const base = [];
  const lint = [];
  for (let i = 0; i < runs; i++) {
    base.push(wall(['-e', '0']));
    lint.push(wall([bin, 'lint', seed]));
  }
  figure(`start-up: lint seed.txt ${median(lint).toFixed(1)} ms ÷ node -e 0 ${median(base).toFixed(1)} ms = ${ratio(median(lint), median(base))}× (goal ≤ 1.75, bar 2.0; min ÷ min ${ratio(Math.min(...lint), Math.min(...base))})  load ${la} → ${load()}`);
}

for (const extra of ['readers', 'pdf']) {
  const p = join(root, 'bench', `${extra}.mjs`);
  if (only.has(extra) && existsSync(p)) {
    console.log(`\n# bench/${extra}.mjs  (load ${load()})`);
    spawnSync(process.execPath, [p], { stdio: 'inherit' });
  }
}

// ---- corpora ----------------------------------------------------------------------------------
const needCorpora = ['cpu', 'throughput', 'memory', 'peers'].some((s) => only.has(s));
const corpora = {};
if (needCorpora) {
  mkdirSync(work, { recursive: true });
  console.log(`\n# corpora: ${N} files of each format in ${work}${formats.includes('pdf') && count('pdf') !== N ? ` (PDF: ${count('pdf')})` : ''}`);
  for (const f of formats) {
    const t0 = Date.now();
    const c = corpus(work, f, count(f));
    corpora[f] = c;
    c.list = join(work, `${f}-${count(f)}.list`);
    writeFileSync(c.list, c.files.join('\n') + '\n');
    c.sampleList = join(work, `${f}-${count(f)}.sample.list`);
    writeFileSync(c.sampleList, c.files.slice(0, Math.min(count(f), Number(opt.sample))).join('\n') + '\n');
    console.log(`  ${f}: ${c.reused ? 'reused' : `generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`}`);
  }
}
const cpuOf = (format, mode, list) => json(timed([process.execPath, join(root, 'bench/cpu.mjs'), format, mode, list]), `bench/cpu.mjs ${format} ${mode}`);

// ---- CPU per report in one process ------------------------------------------------------------
const steady = {};
if (only.has('cpu')) {
  console.log(`\n# CPU per report in one process, steady state (first ${Math.min(N, Number(opt.sample))} files, best of 3 alternated passes)`);
  const floorName = { html: 'htmlparser2 Parser, empty handler', docx: 'unzip document.xml + htmlparser2 xmlMode, empty handler', text: 'read + UTF-8 decode + split lines' };
  for (const f of formats) {
    if (!floorName[f]) continue; // PDF: no floor of its own here (bench/pdf.mjs has the engine's figures)
    const la = load();
    const s = cpuOf(f, 'steady', corpora[f].sampleList);
    if (!s) continue;
    steady[f] = s;
    figure(`${f} in process: reader ${ms(s.read)} ms (${ratio(s.read, s.floor)}× floor), read + extract + lint ${ms(s.analyze)} ms (${ratio(s.analyze, s.floor)}× floor); floor (${floorName[f]}) ${ms(s.floor)} ms  load ${la}`);
  }
}

// ---- throughput: N files -> one CSV, default options --------------------------------------------
const GOALS = { html: 350, text: 1000, docx: 150 };
const through = {};
if (only.has('throughput') || only.has('cpu')) {
  console.log(`\n# whole run: convert DIR --to csv -o all.csv, ${N} files, default options (--jobs ${jobs})`);
  for (const f of formats) {
    const la = load();
    const out = join(work, `all-${f}.csv`);
    const r = gia(['convert', corpora[f].dir, '--to', 'csv', '-o', out]);
    rmSync(out, { force: true });
    through[f] = r;
    const per = (r.cpu / count(f)) * 1000;
    figure(
      `${f} → one CSV, ${count(f)} files: ${(count(f) / r.wall).toFixed(0)} reports/s wall (${GOALS[f] ? `goal ≥ ${GOALS[f]} on 2 idle cores` : 'no goal'}), ${ms(per)} CPU-ms per report` +
        ` = 2-core ceiling ${Number.isFinite(per) ? ((2 * 1000) / per).toFixed(0) : '?'}/s; ${r.wall.toFixed(1)} s, ${ms(r.cpu)} CPU-s, peak RSS ${mb(r.rss)} MB, exit ${r.status}` +
        (steady[f] ? `; ÷ in-process analysis ${ratio(per, steady[f].analyze)}×` : '') +
        `  load ${la} → ${load()}`,
    );
  }
  if (only.has('cpu') && corpora.html && through.html) {
    const la = load();
    const fl = cpuOf('html', 'floor', corpora.html.list);
    if (fl) {
      const per = (through.html.cpu / N) * 1000;
      figure(`HTML CPU per page over ${N} pages: gia-report whole run ${ms(per)} ms ÷ floor (read + decode + htmlparser2 Parser, empty handler, same files) ${ms(fl.floor)} ms = ${ratio(per, fl.floor)}× (goal ≤ 2.5)  load ${la}`);
    }
  }
}

// ---- peers -----------------------------------------------------------------------------------------
if (only.has('peers') && corpora.html) {
  const P = Math.min(N, Number(opt['peer-files']));
  const list = join(work, `html-peers-${P}.list`);
  writeFileSync(list, corpora.html.files.slice(0, P).join('\n') + '\n');
  console.log(`\n# peers: the same ${P} HTML pages, CPU per page in one process (2-core ceiling = 2000 ÷ ms)`);
  const pythons = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean);
  const pyWith = (mods) => pythons.find((py) => spawnSync(py, ['-c', `import ${mods}`], { stdio: 'ignore' }).status === 0);
  const line = (name, per, la) => figure(`${name.padEnd(44)} ${ms(per).padStart(7)} ms/page  ceiling ${Number.isFinite(per) ? ((2 * 1000) / per).toFixed(0).padStart(5) : '    ?'}/s  load ${la}`);
  let la = load();
  const g = cpuOf('html', 'steady', list);
  if (g) {
    line('htmlparser2 Parser, empty handler (floor)', g.floor, la);
    line('gia-report: read + extract + lint', g.analyze, la);
  }
  for (const [script, mods] of [
    ['lxml_cells.py', 'lxml.html'],
    ['bs4_tables.py', 'bs4, lxml'],
    ['pandas_read_html.py', 'pandas, lxml'],
  ]) {
    const py = pyWith(mods);
    if (!py) {
      console.log(`  ${script}: no Python with ${mods} (Debian: apt-get install python3-bs4 python3-lxml python3-pandas)`);
      continue;
    }
    la = load();
    const r = json(timed([py, join(root, 'bench/peers', script), list]), script);
    if (r) line(`${r.peer} (${r.cells} cells)`, r.cpu_ms, la);
  }
}

// ---- memory: every output ------------------------------------------------------------------------
if (only.has('memory')) {
  console.log(`\n# peak RSS, ${N} files of each format${count('pdf') !== N && formats.includes('pdf') ? ` (PDF ${count('pdf')})` : ''}, every output (goal ≤ 300 MB; /usr/bin/time -v, all threads)`);
  const one = gia(['lint', seed]);
  figure(`floor: gia-report lint of one file, peak RSS ${mb(one.rss)} MB`);
  const outputs = [
    ['convert -o DIR/', (f) => ['convert', corpora[f].dir, '-o', join(work, 'out') + '/'], () => join(work, 'out')],
    ['convert -o all.jsonl', (f) => ['convert', corpora[f].dir, '-o', join(work, 'all.jsonl')], () => join(work, 'all.jsonl')],
    ['convert -o all.csv (long)', null],
    ['convert --layout wide -o wide.csv', (f) => ['convert', corpora[f].dir, '--to', 'csv', '--layout', 'wide', '-o', join(work, 'wide.csv')], () => join(work, 'wide.csv')],
    ['convert -o book.xlsx', (f) => ['convert', corpora[f].dir, '--to', 'xlsx', '-o', join(work, 'book.xlsx')], () => join(work, 'book.xlsx')],
    ['lint -f json=lint.json', (f) => ['lint', corpora[f].dir, '-f', `json=${join(work, 'lint.json')}`], () => join(work, 'lint.json')],
  ];
  for (const f of formats) {
    for (const [label, args, target] of outputs) {
      const la = load();
      let r;
      if (!args) {
        r = through[f] ?? gia(['convert', corpora[f].dir, '--to', 'csv', '-o', join(work, 'all.csv')]);
        rmSync(join(work, 'all.csv'), { force: true });
      } else {
        r = gia(args(f));
        rmSync(target(), { recursive: true, force: true });
      }
      figure(`${f.padEnd(4)} ${String(count(f)).padStart(5)} ${label.padEnd(34)} peak RSS ${mb(r.rss).padStart(4)} MB (${ratio(r.rss, one.rss)}× one file)  ${r.wall.toFixed(1)} s, ${ms(r.cpu)} CPU-s, exit ${r.status}  load ${la}`);
    }
  }
}

if (needCorpora && !opt.keep) {
  for (const f of formats) rmSync(corpora[f].dir, { recursive: true, force: true }), rmSync(`${corpora[f].dir}.complete`, { force: true });
}

console.log(`\n# summary (${((Date.now() - started) / 60000).toFixed(1)} min in all; load average now ${load()})`);
for (const l of summary) console.log(`  ${l}`);
