// `npm run fuzz -- --runs N [--reader text,html,docx,mapper,pdf] [--minutes M] [--seed S] [--jobs J] [--out DIR] [--max-ms MS] [--max-mb MB]`
// Long fuzz campaigns on the built dist/: each reader (and the table mapper) in a worker thread,
// `--jobs` at a time. Every case must give a report or a one-line GiaError within --max-ms (5000);
// a worker that makes no progress for 60 s is a hang: it is stopped, its case saved, and the
// campaign goes on. Memory: each reader's worker has its heap capped at --max-mb (512), so a case
// that needs more stops with out-of-memory and is a failure (its input saved, the worker
// restarted); each case's memory when it ends (V8 heap in use + external buffers) is recorded and
// a case above --max-mb fails too; the worst case per reader is printed with its figure.
// Prints cases run and failures per reader; failing inputs are saved under --out.
// Exit code 1 if anything failed.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CASE_BYTES = 8 * 1024 * 1024;
const HANG_MS = 60_000;
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

if (!isMainThread) {
  // worker: one reader's campaign; the current case is mirrored into shared memory for the watchdog
  const { reader, runs, seed, maxMs, deadline, shared, maxMb } = workerData;
  const { getHeapStatistics } = await import('node:v8');
  const memoryMb = () => {
    const h = getHeapStatistics();
    return (h.used_heap_size + h.external_memory) / 1048576;
  };
  const counter = new Int32Array(shared, 0, 2); // [cases started, case length]
  const buf = new Uint8Array(shared, 8);
  const { campaign, loadSeeds } = await import('./fuzz-lib.mjs');
  const a = await api();
  const res = await campaign(a, loadSeeds(root), reader, {
    runs,
    seed,
    maxMs,
    deadline,
    memoryMb,
    maxMb,
    onCase: (c) => {
      const b = caseBytes(reader, c);
      const n = Math.min(b.length, buf.length);
      buf.set(b.subarray(0, n));
      Atomics.store(counter, 1, n);
      Atomics.add(counter, 0, 1);
    },
    onFailure: (f) => parentPort.postMessage({ type: 'failure', problem: f.problem, seed: f.seed, bytes: f.case ? caseBytes(reader, f.case) : null, name: f.case?.name }),
  });
  parentPort.postMessage({ type: 'done', runs: res.runs, peakMb: res.peakMb, peakCase: res.peakCase });
} else {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const runs = Number(opt('runs', 100_000));
  const readers = opt('reader', 'text,html,docx,mapper').split(',');
  const minutes = Number(opt('minutes', 0));
  const seed0 = Number(opt('seed', Date.now() % 1_000_000));
  const jobs = Number(opt('jobs', 2));
  const maxMs = Number(opt('max-ms', 5000));
  const maxMb = Number(opt('max-mb', 512));
  const out = opt('out', join(tmpdir(), `gia-fuzz-${process.pid}`));
  const results = new Map(readers.map((r) => [r, { runs: 0, failures: [], ms: 0, peakMb: 0, peakCase: null }]));
  console.log(`fuzz: ${runs} cases per reader (${readers.join(', ')}), seed ${seed0}, ${jobs} at a time${minutes ? `, at most ${minutes} min per reader` : ''}, memory bound ${maxMb} MB per case; failing inputs go to ${out}`);

  const save = (reader, k, bytes, name) => {
    if (!bytes) return null;
    mkdirSync(out, { recursive: true });
    const p = join(out, `${reader}-${k}-${name ?? 'case'}${reader === 'mapper' ? '.json' : ''}`);
    writeFileSync(p, bytes);
    return p;
  };

  /** Runs one reader to its target, restarting its worker after a hang. */
  const runReader = async (reader) => {
    const r = results.get(reader);
    const t0 = Date.now();
    const deadline = minutes ? t0 + minutes * 60_000 : 0;
    let attempt = 0;
    while (r.runs < runs && (!deadline || Date.now() < deadline)) {
      const shared = new SharedArrayBuffer(8 + CASE_BYTES);
      const counter = new Int32Array(shared, 0, 2);
      const seed = seed0 + attempt++ * 7919 + readers.indexOf(reader) * 100_003;
      // the heap cap is the memory bound: a case that needs more ends the worker with out-of-memory
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { reader, runs: runs - r.runs, seed, maxMs, deadline, shared, maxMb }, resourceLimits: { maxOldGenerationSizeMb: maxMb } });
      const finished = await new Promise((resolve) => {
        let last = -1;
        let lastAt = Date.now();
        let told = Date.now();
        const timer = setInterval(() => {
          const n = Atomics.load(counter, 0);
          if (Date.now() - told >= PROGRESS_MS) {
            told = Date.now();
            console.log(`  ${reader}: ${r.runs + n} cases so far, ${r.failures.length} failures, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
          }
          if (n !== last) {
            last = n;
            lastAt = Date.now();
            return;
          }
          if (Date.now() - lastAt > HANG_MS) {
            clearInterval(timer);
            const len = Atomics.load(counter, 1);
            const bytes = new Uint8Array(shared, 8, len).slice();
            const p = save(reader, r.failures.length, bytes, 'hang');
            r.failures.push({ problem: `no progress for ${HANG_MS / 1000} s (hang)`, file: p });
            r.runs += Math.max(0, n);
            void w.terminate();
            resolve(false);
          }
        }, 1000);
        w.on('message', (m) => {
          if (m.type === 'failure') {
            const p = save(reader, r.failures.length, m.bytes, m.name);
            r.failures.push({ problem: m.problem, seed: m.seed, file: p });
            console.log(`  ${reader}: FAIL ${m.problem}${p ? ` (${p})` : ''}`);
          } else if (m.type === 'done') {
            r.runs += m.runs;
            if (m.peakMb > r.peakMb) {
              r.peakMb = m.peakMb;
              r.peakCase = m.peakCase;
            }
            clearInterval(timer);
            resolve(true);
          }
        });
        w.on('error', (e) => {
          clearInterval(timer);
          // the case being run is in shared memory: save it (out of memory: it needed more than --max-mb)
          const bytes = new Uint8Array(shared, 8, Atomics.load(counter, 1)).slice();
          const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
          const p = save(reader, r.failures.length, bytes, oom ? 'oom' : 'crash');
          r.failures.push({ problem: oom ? `out of memory: a case needed more than ${maxMb} MB of heap` : `worker crashed: ${e.message}`, file: p });
          console.log(`  ${reader}: FAIL ${r.failures.at(-1).problem}${p ? ` (${p})` : ''}`);
          r.runs += Atomics.load(counter, 0);
          resolve(false);
        });
      });
      if (finished) break;
    }
    r.ms = Date.now() - t0;
    console.log(`  ${reader}: ${r.runs} cases, ${r.failures.length} failures, ${(r.ms / 1000).toFixed(0)} s, worst case held ${r.peakMb.toFixed(1)} MB`);
  };

  const queue = [...readers];
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      while (queue.length) await runReader(queue.shift());
    }),
  );
  console.log('\nreader   cases     failures  time     worst case memory');
  let failed = 0;
  for (const [reader, r] of results) {
    failed += r.failures.length;
    console.log(`${reader.padEnd(8)} ${String(r.runs).padStart(8)}  ${String(r.failures.length).padStart(8)}  ${`${(r.ms / 1000).toFixed(0)} s`.padEnd(7)}  ${r.peakMb.toFixed(1)} MB${r.peakCase ? ` (${r.peakCase})` : ''}`);
    for (const f of r.failures) console.log(`  - ${f.problem}${f.file ? ` → ${f.file}` : ''}`);
  }
  process.exitCode = failed ? 1 : 0;
}
