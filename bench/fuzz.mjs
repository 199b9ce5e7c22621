// `npm run fuzz -- --runs N [--reader text,html,docx,mapper,pdf] [--minutes M] [--seed S] [--jobs J] [--out DIR] [--max-ms MS] [--max-mb MB]`
// (`--help` prints the options; an unknown one is an error, exit code 2)
// Long fuzz campaigns on the built dist/: each reader (and the table mapper) in a child process of
// its own, `--jobs` at a time. Every case must give a report or a one-line GiaError within --max-ms
// (5000) of CPU time (the process's CPU, so a busy machine slows a case without failing it); a
// child that makes no progress while it spends 60 s of CPU time (read from /proc/PID/stat; on a
// system without /proc, 60 s of wall time), or for 15 min of wall time whatever its CPU, is a hang:
// it is stopped, its case saved, and the campaign goes on in a new child. (CPU, not wall time: a
// niced campaign on a busy machine can wait minutes for a core without hanging.) Memory: a case fails when the child's peak resident set size
// (its high-water mark: V8 heap, buffers, the PDF engine's memory, everything) rises above
// --max-mb (512) while it runs, and the child's V8 heap is capped at --max-mb too, so a case that
// needs more dies with out-of-memory and is a failure; either way its input is saved and the
// campaign goes on in a new child. The case that set each reader's peak is printed with it.
// Prints cases, failures, time and peak memory per reader; failing inputs are saved under --out.
// Exit code 1 if anything failed.
import { fork } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const HANG_MS = 60_000;
/** No progress for this long in wall time is a hang even when the child spends no CPU (blocked). */
const HANG_WALL_MS = 15 * 60_000;
/** Linux's USER_HZ: the unit of utime/stime in /proc/PID/stat (100 on every Linux that Node runs on). */
const CLK_TCK = 100;

/** The child's CPU time in ms (user + system), or undefined without /proc. */
function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // fields after the command name, which is in parentheses and may contain spaces
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return undefined;
  }
}
/** A progress line per reader this often (a long campaign stopped early still tells how far it got). */
const PROGRESS_MS = 60_000;

async function api() {
  const dist = (p) => import(join(root, 'dist', p));
  const [{ analyzeBytes }, { GiaError }, { fatalText }, { mapTables }, { TEMPLATES }, { formatList }] = await Promise.all([
    dist('engine/analyze.js'),
    dist('errors.js'),
    dist('i18n/index.js'),
    dist('extract/map.js'),
    dist('templates/index.js'),
    dist('readers/index.js'),
  ]);
  return {
    analyzeBytes,
    GiaError,
    mapTables,
    templates: TEMPLATES,
    fatalMessage: (e, locale) => fatalText(e.code, { formats: formatList(locale), ...e.data }, locale),
  };
}

function caseBytes(reader, c) {
  if (reader === 'mapper') return new TextEncoder().encode(JSON.stringify(c));
  return c.bytes;
}

if (process.argv[2] === '--child') {
  // child: one reader's campaign. Before each case its input is written to `current` (the parent
  // saves it after a crash or a hang; the file's changing mtime is also the watchdog's heartbeat).
  const { reader, runs, seed, maxMs, deadline, maxMb, current } = JSON.parse(process.argv[3]);
  const { campaign, cpuClock, loadSeeds, peakRssMb } = await import('./fuzz-lib.mjs');
  const a = await api();
  const seeds = loadSeeds(root);
  if (peakRssMb() > maxMb) {
    process.send({ type: 'fatal', problem: `the runner alone takes ${Math.round(peakRssMb())} MB, above --max-mb ${maxMb}` }, () => process.exit(0));
    await new Promise(() => {});
  }
  const fd = openSync(current, 'w');
  let told = 0;
  let started = 0;
  const res = await campaign(a, seeds, reader, {
    runs,
    seed,
    maxMs,
    clock: cpuClock,
    deadline,
    memoryMb: peakRssMb,
    maxMb,
    onCase: (c) => {
      const b = caseBytes(reader, c);
      writeSync(fd, b, 0, b.length, 0);
      ftruncateSync(fd, b.length);
      started++;
      if (Date.now() - told >= 5000) {
        told = Date.now();
        process.send({ type: 'progress', runs: started });
      }
    },
    onFailure: (f) => process.send({ type: 'failure', problem: f.problem, seed: f.seed, bytes: f.case ? caseBytes(reader, f.case) : null, name: f.case?.name }),
  });
  closeSync(fd);
  process.send({ type: 'done', runs: res.runs, peakMb: res.peakMb, peakCase: res.peakCase, restart: res.memoryExceeded }, () => process.exit(0));
} else {
  const { RUNNER_READERS } = await import('./fuzz-lib.mjs');
  const USAGE = `usage: npm run fuzz -- [--runs N] [--reader ${RUNNER_READERS.join(',')}] [--minutes M] [--seed S] [--jobs J] [--out DIR] [--max-ms MS] [--max-mb MB]
  --runs N      cases per reader (default 100000)
  --reader R,…  readers to fuzz (default text,html,docx,mapper; pdf is slower per case)
  --minutes M   stop each reader after M minutes even if its cases are not all run (default: no limit)
  --seed S      first seed (default: from the clock; printed, so a run can be repeated)
  --jobs J      readers fuzzed at once, each in its own process (default 2)
  --out DIR     where failing inputs are saved (default $TMPDIR/gia-fuzz-PID)
  --max-ms MS   a case that takes more CPU time than this fails (default 5000)
  --max-mb MB   a case that takes the process's peak memory (RSS) above this fails; also its heap cap (default 512)`;
  /** --name value pairs; --help prints the usage, anything else unknown is a usage error (exit 2). */
  const parsed = {};
  const NUMERIC = ['runs', 'minutes', 'seed', 'jobs', 'max-ms', 'max-mb'];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const name = a.startsWith('--') ? a.slice(2) : null;
    const value = argv[i + 1];
    const bad = (why) => {
      console.error(`fuzz: ${why}\n${USAGE}`);
      process.exit(2);
    };
    if (!name || ![...NUMERIC, 'reader', 'out'].includes(name)) bad(`unknown argument ${a}`);
    if (value === undefined || value.startsWith('--')) bad(`--${name} needs a value`);
    if (NUMERIC.includes(name) && !(Number.isFinite(Number(value)) && Number(value) >= 0)) bad(`--${name} takes a number, not ${value}`);
    parsed[name] = value;
    i++;
  }
  const opt = (name, dflt) => parsed[name] ?? dflt;
  const runs = Number(opt('runs', 100_000));
  const readers = opt('reader', 'text,html,docx,mapper').split(',');
  for (const r of readers) {
    if (!RUNNER_READERS.includes(r)) {
      console.error(`fuzz: unknown reader ${r} (known: ${RUNNER_READERS.join(', ')})\n${USAGE}`);
      process.exit(2);
    }
  }
  const minutes = Number(opt('minutes', 0));
  const seed0 = Number(opt('seed', Date.now() % 1_000_000));
  const jobs = Math.max(1, Number(opt('jobs', 2)));
  const maxMs = Number(opt('max-ms', 5000));
  const maxMb = Number(opt('max-mb', 512));
  const out = opt('out', join(tmpdir(), `gia-fuzz-${process.pid}`));
  mkdirSync(out, { recursive: true });
  const results = new Map(readers.map((r) => [r, { runs: 0, failures: [], ms: 0, peakMb: 0, peakCase: null }]));
  console.log(`fuzz: ${runs} cases per reader (${readers.join(', ')}), seed ${seed0}, ${jobs} at a time${minutes ? `, at most ${minutes} min per reader` : ''}, bounds per case ${maxMs} ms of CPU and ${maxMb} MB peak RSS; failing inputs go to ${out}`);

  const save = (reader, k, bytes, name) => {
    if (!bytes) return null;
    const p = join(out, `${reader}-${k}-${name ?? 'case'}${reader === 'mapper' ? '.json' : ''}`);
    writeFileSync(p, bytes);
    return p;
  };

  /** Runs one reader to its target, in a new child after a crash, a hang or a case over the memory bound. */
  const runReader = async (reader) => {
    const r = results.get(reader);
    const t0 = Date.now();
    const deadline = minutes ? t0 + minutes * 60_000 : 0;
    let attempt = 0;
    let told = Date.now();
    while (r.runs < runs && (!deadline || Date.now() < deadline)) {
      const seed = seed0 + attempt++ * 7919 + readers.indexOf(reader) * 100_003;
      const current = join(out, `.current-${reader}`);
      writeFileSync(current, '');
      const config = { reader, runs: runs - r.runs, seed, maxMs, deadline, maxMb, current };
      // the heap cap: a case that needs more ends the child with out-of-memory
      const child = fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify(config)], { execArgv: [`--max-old-space-size=${maxMb}`], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
      let progress = 0;
      await new Promise((resolve) => {
        let lastBeat = -1;
        let lastAt = Date.now();
        let lastCpu = cpuMsOf(child.pid);
        let ended = false;
        const finish = () => {
          ended = true;
          clearInterval(timer);
          resolve();
        };
        const timer = setInterval(() => {
          const beat = statSync(current, { throwIfNoEntry: false })?.mtimeMs ?? 0;
          if (Date.now() - told >= PROGRESS_MS) {
            told = Date.now();
            console.log(`  ${reader}: ${r.runs + progress} cases so far, ${r.failures.length} failures, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
          }
          const cpu = cpuMsOf(child.pid);
          if (beat !== lastBeat) {
            lastBeat = beat;
            lastAt = Date.now();
            lastCpu = cpu;
            return;
          }
          const wall = Date.now() - lastAt;
          const spent = cpu !== undefined && lastCpu !== undefined ? cpu - lastCpu : wall;
          if (spent > HANG_MS || wall > HANG_WALL_MS) {
            const p = save(reader, r.failures.length, readFileSync(current), 'hang');
            const what = spent > HANG_MS ? `${(spent / 1000).toFixed(0)} s of CPU` : `${(wall / 1000).toFixed(0)} s`;
            r.failures.push({ problem: `no progress for ${what} (hang)`, file: p });
            console.log(`  ${reader}: FAIL ${r.failures.at(-1).problem} (${p})`);
            r.runs += progress + 1;
            child.kill('SIGKILL');
            finish();
          }
        }, 1000);
        child.on('message', (m) => {
          if (m.type === 'progress') progress = m.runs;
          else if (m.type === 'fatal') {
            console.error(`fuzz: ${m.problem}`);
            process.exit(2);
          }
          else if (m.type === 'failure') {
            const p = save(reader, r.failures.length, m.bytes ?? null, m.name);
            r.failures.push({ problem: m.problem, seed: m.seed, file: p });
            console.log(`  ${reader}: FAIL ${m.problem}${p ? ` (${p})` : ''}`);
          } else if (m.type === 'done') {
            r.runs += m.runs;
            progress = 0;
            if (m.peakMb > r.peakMb) {
              r.peakMb = m.peakMb;
              r.peakCase = m.peakCase;
            }
            if (!m.restart) r.complete = true;
          }
        });
        child.on('exit', (code, signal) => {
          if (ended) return;
          if (code !== 0) {
            // the case being run is in `current`: save it (out of memory: it needed more than --max-mb of heap)
            const p = save(reader, r.failures.length, readFileSync(current), signal ? 'killed' : 'crash');
            r.failures.push({ problem: `child ended with ${signal ?? `exit code ${code}`} (out of memory above ${maxMb} MB of heap, or a crash)`, file: p });
            console.log(`  ${reader}: FAIL ${r.failures.at(-1).problem} (${p})`);
            r.runs += progress + 1;
          }
          finish();
        });
      });
      if (r.complete) break;
    }
    rmSync(join(out, `.current-${reader}`), { force: true });
    r.ms = Date.now() - t0;
    console.log(`  ${reader}: ${r.runs} cases, ${r.failures.length} failures, ${(r.ms / 1000).toFixed(0)} s, peak RSS ${r.peakMb.toFixed(0)} MB`);
  };

  const queue = [...readers];
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      while (queue.length) await runReader(queue.shift());
    }),
  );
  console.log('\nreader   cases     failures  time     peak RSS (the case that set it)');
  let failed = 0;
  for (const [reader, r] of results) {
    failed += r.failures.length;
    console.log(`${reader.padEnd(8)} ${String(r.runs).padStart(8)}  ${String(r.failures.length).padStart(8)}  ${`${(r.ms / 1000).toFixed(0)} s`.padEnd(7)}  ${r.peakMb.toFixed(0)} MB${r.peakCase ? ` (${r.peakCase})` : ''}`);
    for (const f of r.failures) console.log(`  - ${f.problem}${f.file ? ` → ${f.file}` : ''}`);
  }
  process.exitCode = failed ? 1 : 0;
}
