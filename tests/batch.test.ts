// Batch engine units: input expansion, safe output paths, ordering across worker threads,
// streamed combined outputs equal to the one-shot writers, the progress renderer.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mirroredPath, planMirroredOutputs } from '../src/cli/io.js';
import { collectInputs, globBase, sniffUnsupported } from '../src/cli/inputs.js';
import { MIN_PARALLEL_FILES, paysForWorkers, runBatch } from '../src/cli/schedule.js';
import { slimReport } from '../src/cli/job.js';
import { csvWriter, jsonWriter, pieceText, type Writer, type WriterOptions } from '../src/writers/index.js';
import { ProgressBar, formatDuration, shouldShowProgress } from '../src/cli/progress.js';
import { analyzeBytes } from '../src/engine/analyze.js';
import { toCsvLong } from '../src/writers/csv.js';
import { reportJson } from '../src/writers/json.js';
import type { FileResult, LintedReport } from '../src/types.js';

const SEED = resolve(__dirname, '../fixtures/akqi-2021/akqi-2021.txt');
const SEED_TEXT = readFileSync(SEED, 'utf8');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'gia-batch-'));
}

/** A tree with reports, unsupported files, an extension-less report and a binary file. */
function corpus(): string {
  const d = tmp();
  mkdirSync(join(d, 'a', 'b'), { recursive: true });
  writeFileSync(join(d, 'a', 'one.txt'), SEED_TEXT);
  writeFileSync(join(d, 'a', 'b', 'two.txt'), SEED_TEXT);
  writeFileSync(join(d, 'README.md'), '# notes');
  writeFileSync(join(d, 'noext'), SEED_TEXT);
  writeFileSync(join(d, 'blob'), Buffer.from([0, 1, 2, 3, 0, 0, 7]));
  return d;
}

describe('collectInputs', () => {
  it('walks directories in name order, sniffs extension-less files, skips the rest with a reason', async () => {
    const d = corpus();
    const { inputs, skipped } = await collectInputs([d]);
    expect(inputs.map((i) => i.rel)).toEqual(['a/b/two.txt', 'a/one.txt', 'noext']);
    expect(skipped.map((s) => [s.path.slice(d.length + 1), s.reason])).toEqual([
      ['README.md', 'ext:.md'],
      ['blob', 'binary'],
    ]);
  });

  it('expands quoted globs itself, relative to the glob base, sorted', async () => {
    const d = corpus();
    const { inputs } = await collectInputs([join(d, 'a', '**', '*.txt')]);
    expect(inputs.map((i) => i.rel)).toEqual(['b/two.txt', 'one.txt']);
    expect(globBase('reports/2021/**/*.txt')).toBe('reports/2021');
    expect(globBase('*.txt')).toBe('.');
  });

  it('walks a symlink loop once and terminates', async () => {
    const d = corpus();
    symlinkSync(d, join(d, 'a', 'b', 'loop')); // a/b/loop → d
    symlinkSync('nowhere', join(d, 'dangling.txt'));
    const { inputs, skipped } = await collectInputs([d, d]);
    expect(inputs.map((i) => i.rel)).toEqual(['a/b/two.txt', 'a/one.txt', 'noext']);
    expect(skipped.find((s) => s.path.endsWith('dangling.txt'))?.reason).toBe('broken-symlink');
  });

  it('takes explicitly named files and stdin as given', async () => {
    const { inputs } = await collectInputs(['-', SEED, '/no/such/file.txt']);
    expect(inputs.map((i) => i.path)).toEqual(['-', SEED, '/no/such/file.txt']);
  });

  it('sniffUnsupported: supported extension, extension-less text and HTML accepted; binary refused', () => {
    const d = tmp();
    writeFileSync(join(d, 'page'), '<!doctype html><html><body><p>x</p></body></html>');
    writeFileSync(join(d, 'empty'), '');
    expect(sniffUnsupported(join(d, 'page'))).toBeNull();
    expect(sniffUnsupported(join(d, 'empty'))).toBe('empty');
    expect(sniffUnsupported(join(d, 'x.pdf'))).toBeNull(); // PDFs are read
    expect(sniffUnsupported(join(d, 'x.odt'))).toBe('odt'); // refused formats are listed with their hint
  });
});

describe('output paths under -o DIR', () => {
  it('drops .., absolute and drive segments: nothing can leave the directory', () => {
    expect(mirroredPath('/out', '../../etc/passwd.txt', '.json')).toBe('/out/etc/passwd.json');
    expect(mirroredPath('/out', '/abs/x.html', '.csv')).toBe('/out/abs/x.csv');
    expect(mirroredPath('/out', 'C:\\w\\..\\r.docx', '.json')).toBe('/out/w/r.json');
    expect(mirroredPath('/out', '..', '.json')).toBe('/out/stdin.json');
  });

  it('plans unique names on collisions, refuses an input as output and symlinked escapes', async () => {
    const d = tmp();
    const out = join(d, 'out');
    mkdirSync(out);
    const inputs = [
      { path: join(d, 'a.txt'), rel: 'a.txt' },
      { path: join(d, 'a.html'), rel: 'a.html' },
      { path: join(d, 'x', 'b.txt'), rel: 'b.txt' },
    ];
    expect((await planMirroredOutputs(out, inputs, '.json')).map((p) => p.slice(out.length + 1))).toEqual(['a.txt.json', 'a.html.json', 'b.json']);

    writeFileSync(join(out, 'r.json'), '{}');
    await expect(planMirroredOutputs(out, [{ path: join(out, 'r.json'), rel: 'r.json' }], '.json')).rejects.toMatchObject({ code: 'E_OUTPUT_IS_INPUT' });

    const elsewhere = tmp();
    symlinkSync(elsewhere, join(out, 'sub'));
    await expect(planMirroredOutputs(out, [{ path: SEED, rel: 'sub/seed.txt' }], '.json')).rejects.toMatchObject({ code: 'E_WRITE' });
  });
});

async function seedReports(n: number): Promise<LintedReport[]> {
  const out: LintedReport[] = [];
  for (let i = 0; i < n; i++) out.push(await analyzeBytes(new TextEncoder().encode(SEED_TEXT.replace('阿合奇县', `县${i}`)), `r${i}.txt`));
  return out;
}

const WO: WriterOptions = { locale: 'zh-CN', bom: false, pretty: false, layout: 'long', header: 'keys', tty: false, cwd: process.cwd() };

/** A combined output of `rs` through writer `w`'s frame, each report encoded as the frame's part (what the sink and the jobs do). */
function framed(w: Writer, target: string, o: WriterOptions, rs: LintedReport[]): string {
  const f = w.frame!(target, o, rs.length)!;
  return rs.map((r) => f.add(w.encode!(r, f.part, o)).map(pieceText).join('')).join('') + f.end();
}

describe('streamed combined outputs equal the one-shot writers', () => {
  it('JSON array, JSON Lines, stdout: compact by default, indented with --pretty or a lone report on a terminal', async () => {
    const rs = await seedReports(3);
    await jsonWriter.prepare!(WO);
    const run = (target: string, k: number, style: { pretty?: boolean; tty?: boolean } = {}): string => framed(jsonWriter, target, { ...WO, ...style }, rs.slice(0, k));
    const line = (r: LintedReport): string => JSON.stringify(reportJson(r));
    expect(run('all.json', 3)).toBe(`[\n${rs.map(line).join(',\n')}\n]\n`);
    expect(JSON.parse(run('all.json', 3))).toEqual(rs.map(reportJson));
    expect(run('all.json', 1)).toBe(line(rs[0]!) + '\n');
    expect(run('all.json', 0)).toBe('[]\n');
    expect(run('all.json', 3, { pretty: true })).toBe(JSON.stringify(rs.map(reportJson), null, 2) + '\n');
    expect(run('all.json', 1, { pretty: true })).toBe(JSON.stringify(reportJson(rs[0]!), null, 2) + '\n');
    expect(run('all.json', 0, { pretty: true })).toBe('[]\n');
    expect(run('all.jsonl', 3)).toBe(rs.map((r) => line(r) + '\n').join(''));
    expect(run('all.jsonl', 3, { pretty: true })).toBe(rs.map((r) => line(r) + '\n').join(''));
    expect(run('stdout', 2)).toBe(rs.slice(0, 2).map((r) => line(r) + '\n').join(''));
    expect(run('stdout', 2, { tty: true })).toBe(rs.slice(0, 2).map((r) => line(r) + '\n').join(''));
    expect(run('stdout', 1)).toBe(line(rs[0]!) + '\n');
    expect(run('stdout', 1, { tty: true })).toBe(JSON.stringify(reportJson(rs[0]!), null, 2) + '\n');
    expect(run('stdout', 1, { pretty: true })).toBe(JSON.stringify(reportJson(rs[0]!), null, 2) + '\n');
  });

  it('long CSV: header and BOM once', async () => {
    const rs = await seedReports(3);
    const o = { ...WO, bom: true };
    await csvWriter.prepare!(o);
    expect(framed(csvWriter, 'all.csv', o, rs)).toBe(toCsvLong(rs, { bom: true }));
    expect(framed(csvWriter, 'all.csv', o, [])).toBe(toCsvLong([], { bom: true }));
  });

  it('slim reports keep what diagnostic formatters read', async () => {
    const [r] = await seedReports(1);
    const s = slimReport(r!);
    expect(s.diagnostics).toBe(r!.diagnostics);
    expect(s.source).toBe(r!.source);
    expect(Object.keys(s.tables)).toEqual([]);
  });
});

describe('when worker threads pay (the measured break-even per format)', () => {
  const files = (n: number, ext: string) => Array.from({ length: n }, (_, i) => ({ path: `d/f${i}.${ext}`, rel: `f${i}.${ext}` }));
  it('a batch of one format from its break-even on; a mixed batch when its shares add up to one', () => {
    const t = MIN_PARALLEL_FILES.text!;
    const h = MIN_PARALLEL_FILES.html!;
    expect(paysForWorkers(files(t - 1, 'txt'))).toBe(false);
    expect(paysForWorkers(files(t, 'txt'))).toBe(true);
    expect(paysForWorkers(files(h - 1, 'html'))).toBe(false);
    expect(paysForWorkers(files(MIN_PARALLEL_FILES.docx!, 'docx'))).toBe(true);
    expect(paysForWorkers([...files(t / 2, 'txt'), ...files(h / 2, 'htm')])).toBe(true);
    expect(paysForWorkers([...files(t / 2 - 1, 'txt'), ...files(h / 2, 'html')])).toBe(false);
  });
});

describe('runBatch', () => {
  it('delivers in input order, identical with worker threads and in-process, bad files included', async () => {
    const d = tmp();
    const inputs: { path: string; rel: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const p = join(d, `r${String(i).padStart(2, '0')}.txt`);
      // every 7th file is empty (unreadable); sizes vary so workers finish out of order
      writeFileSync(p, i % 7 === 3 ? '' : SEED_TEXT.replace('阿合奇县', `县${i}`) + '\n'.repeat(i * 50));
      inputs.push({ path: p, rel: `r${i}.txt` });
    }
    inputs.push({ path: join(d, 'missing.txt'), rel: 'missing.txt' });
    const job = { analyze: { locale: 'zh-CN' as const }, locale: 'zh-CN' as const };
    const collect = async (jobs: number) => {
      const got: [number, FileResult][] = [];
      // minParallel 0: workers whatever the amount of work (the default threshold would keep 21 text files in this thread)
      const o = await runBatch(inputs, { jobs, job, minParallel: 0, onResult: (i, r) => void got.push([i, r]) });
      return { got, o };
    };
    const one = await collect(1);
    const two = await collect(2);
    expect(one.o.workers).toBe(0);
    expect(two.o.workers).toBe(2);
    expect(two.got.map(([i]) => i)).toEqual(inputs.map((_, i) => i));
    expect(JSON.stringify(two.got)).toBe(JSON.stringify(one.got));
    expect(two.got.filter(([, r]) => 'fatal' in r).map(([i]) => i)).toEqual([3, 10, 17, 20]);
  }, 30_000);

  it('stops on abort: no more results, reported as interrupted', async () => {
    const d = tmp();
    const inputs = Array.from({ length: 40 }, (_, i) => {
      const p = join(d, `r${i}.txt`);
      writeFileSync(p, SEED_TEXT);
      return { path: p, rel: `r${i}.txt` };
    });
    const ac = new AbortController();
    let n = 0;
    const o = await runBatch(inputs, {
      jobs: 2,
      job: { analyze: {}, locale: 'en' },
      minParallel: 0, // in worker threads
      signal: ac.signal,
      onResult: () => {
        if (++n === 5) ac.abort();
      },
    });
    expect(o.interrupted).toBe(true);
    expect(o.done).toBe(5);
    expect(n).toBe(5);
  }, 30_000);
});

describe('progress', () => {
  it('shows only on a TTY, when enabled, for more than one input', () => {
    expect(shouldShowProgress({ write: () => 0, isTTY: true }, true, 2)).toBe(true);
    expect(shouldShowProgress({ write: () => 0, isTTY: false }, true, 2)).toBe(false);
    expect(shouldShowProgress({ write: () => 0, isTTY: true }, false, 2)).toBe(false);
    expect(shouldShowProgress({ write: () => 0, isTTY: true }, true, 1)).toBe(false);
  });

  it('renders done/total, rate, ETA and failures; throttles; clears', () => {
    let t = 0;
    let out = '';
    const bar = new ProgressBar({ write: (s: string) => (out += s), columns: 200 }, 10, { locale: 'en', now: () => t, intervalMs: 100, width: 10 });
    t = 1000;
    bar.tick(false);
    bar.tick(true);
    expect(bar.line()).toBe('██░░░░░░░░ 2/10 20% · 2.0/s · ETA 0:04 · 1 failed');
    const before = out.length;
    bar.tick(); // same instant: throttled
    expect(out.length).toBe(before);
    bar.clear();
    expect(out.endsWith('\r\x1b[K')).toBe(true);
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});

describe('result stores (results of large runs kept serialised)', () => {
  for (const kind of ['spilledStore', 'packedStore'] as const) {
    it(`${kind} gives back the same results, in order; a changed result is stored back with set`, async () => {
      const stores = await import('../src/cli/results.js');
      const reports = await seedReports(3);
      const fatal: FileResult = { path: 'x.txt', fatal: { code: 'E_EMPTY', message: 'x.txt: empty' } };
      const list = await stores[kind]();
      list.push(slimReport(reports[0]!));
      list.push(fatal);
      list.push(slimReport(reports[1]!));
      list.push(slimReport(reports[2]!));
      expect(list.length).toBe(4);
      expect(list.get(0)).toEqual(slimReport(reports[0]!));
      expect(list.get(0)).not.toBe(list.get(0)); // a fresh object at each read
      expect(list.get(1)).toEqual(fatal);
      expect([...list].map((r) => ('fatal' in r ? 'fatal' : r.meta.organ))).toEqual([reports[0]!.meta.organ, 'fatal', reports[1]!.meta.organ, reports[2]!.meta.organ]);
      expect([...list].filter((r) => 'fatal' in r)).toEqual([fatal]);
      const changed = list.get(2) as LintedReport;
      changed.diagnostics = [];
      expect((list.get(2) as LintedReport).diagnostics.length).toBeGreaterThan(0); // not stored yet
      list.set(2, changed);
      expect((list.get(2) as LintedReport).diagnostics).toEqual([]);
      expect(list.get(3)).toEqual(slimReport(reports[2]!));
      expect(list.get(9)).toBeUndefined();
      list.dispose();
    });
  }

  it('spilledStore: results beyond its write buffer are read back from its temporary file, which dispose removes', async () => {
    const { spilledStore } = await import('../src/cli/results.js');
    const dir = tmp();
    const list = await spilledStore(dir);
    const [r] = await seedReports(1);
    const n = 3000; // past the 1 MB write buffer
    for (let i = 0; i < n; i++) list.push({ ...slimReport(r!), source: { ...r!.source, path: `r${i}.txt` } });
    expect(readdirSync(dir).length).toBe(1);
    expect(statSync(join(dir, readdirSync(dir)[0]!)).size).toBeGreaterThan(0);
    expect((list.get(0) as LintedReport).source.path).toBe('r0.txt');
    expect((list.get(n - 1) as LintedReport).source.path).toBe(`r${n - 1}.txt`);
    expect([...list].map((x) => (x as LintedReport).source.path)).toEqual(Array.from({ length: n }, (_, i) => `r${i}.txt`));
    list.dispose();
    expect(readdirSync(dir)).toEqual([]);
  });
});
