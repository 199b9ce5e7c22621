// The batch CLI end to end, spawned like a user runs it (bin/gia-report.js → dist): inputs,
// outputs, exit codes, determinism across --jobs, path safety, SIGKILL/SIGINT atomicity.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin/gia-report.js');
const SEED_TEXT = readFileSync(join(ROOT, 'fixtures/akqi-2021/akqi-2021.txt'), 'utf8');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'gia-cli-batch-'));
}

/** GIA_MIN_PARALLEL=8: worker threads from 8 inputs on (the default threshold weighs the work), so `--jobs 2` here runs workers. */
function cli(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GIA_MIN_PARALLEL: '8' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** n seed reports with different organ names (and so different outputs) in nested folders. */
function corpus(n: number, dir = tmp()): string {
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `g${i % 3}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `r${String(i).padStart(4, '0')}.txt`), SEED_TEXT.replace(/阿合奇县/g, `测试${i}县`));
  }
  return dir;
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

describe('inputs', () => {
  it('directory + quoted glob + stdin in one run; unsupported files skipped and listed', () => {
    const d = corpus(4);
    writeFileSync(join(d, 'notes.md'), '# x');
    const r = cli(['--locale', 'en', 'convert', join(d, 'g0'), `${d}/g1/*.txt`, '-', '--input-format', 'text', '--no-progress'], { input: SEED_TEXT });
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((j) => j.source.path)).toEqual([join(d, 'g0/r0000.txt'), join(d, 'g0/r0003.txt'), join(d, 'g1/r0001.txt'), '-']);
    const r2 = cli(['--locale', 'en', 'lint', d, '--no-progress']);
    expect(r2.err).toContain('Skipped (unsupported):');
    expect(r2.err).toContain('notes.md (extension .md)');
    expect(r2.err).toContain('Batch summary: 4 report(s) read');
  });

  it('a symlink loop is walked once', () => {
    const d = corpus(2);
    symlinkSync(d, join(d, 'g0', 'loop'));
    const r = cli(['convert', d, '--no-progress']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(2);
  });
});

describe('mixed good and bad files', () => {
  it('exit 2, every readable report still converted, failures listed with their reason', () => {
    const d = corpus(10);
    writeFileSync(join(d, 'g0', 'empty.txt'), '');
    writeFileSync(join(d, 'g1', 'bad.docx'), 'not a zip');
    const out = join(tmp(), 'out');
    const r = cli(['--locale', 'en', 'convert', d, '-o', out + '/', '--jobs', '2', '--no-progress']);
    expect(r.code).toBe(2);
    expect(files(out).filter((f) => f.endsWith('.json'))).toHaveLength(10);
    expect(r.err).toMatch(/2 could not be read/);
    expect(r.err).toContain('empty.txt');
    expect(r.err).toContain('bad.docx');
  });
});

describe('determinism', () => {
  it('--jobs 2 and --jobs 1 give byte-identical outputs (JSON Lines, CSV, lint json)', () => {
    const d = corpus(30);
    for (const args of [['convert', d], ['convert', d, '--to', 'csv'], ['lint', d, '-f', 'json']]) {
      const a = cli([...args, '--jobs', '1']);
      const b = cli([...args, '--jobs', '2']);
      expect(b.code).toBe(a.code);
      expect(b.out).toBe(a.out);
      expect(b.out.length).toBeGreaterThan(1000);
    }
  }, 60_000);
});

describe('determinism of written files', () => {
  it('--jobs 2 (workers encode and write) and --jobs 1 write byte-identical files: -o DIR, .jsonl, .json, .csv, wide .csv', () => {
    const d = corpus(30);
    const o = tmp();
    const outs = (j: string) => {
      const base = join(o, `j${j}`);
      for (const [args, name] of [
        [['-o', join(base, 'dir') + '/'], 'dir'],
        [['-o', join(base, 'dircsv') + '/', '--to', 'csv', '--bom'], 'dircsv'],
        [['-o', join(base, 'dirwide') + '/', '--to', 'csv', '--layout', 'wide'], 'dirwide'],
        [['-o', join(base, 'all.jsonl')], 'all.jsonl'],
        [['-o', join(base, 'all.json')], 'all.json'],
        [['-o', join(base, 'all.csv'), '--to', 'csv', '--bom', '--locale', 'en'], 'all.csv'],
        [['-o', join(base, 'wide.csv'), '--to', 'csv', '--layout', 'wide'], 'wide.csv'],
      ] as const) {
        expect(cli(['convert', d, ...args, '--jobs', j, '--no-progress']).code, name).toBe(0);
      }
      return files(base).map((f) => [f, readFileSync(join(base, f), 'utf8')]);
    };
    const one = outs('1');
    const two = outs('2');
    expect(one.length).toBe(3 * 30 + 4);
    expect(two).toEqual(one);
  }, 120_000);

  it('a lone readable report among unreadable ones: the same object from workers (.json file and stdout, compact and --pretty)', () => {
    const d = corpus(1);
    for (let i = 0; i < 12; i++) writeFileSync(join(d, `e${i}.txt`), '');
    const o = tmp();
    const a = cli(['convert', d, '-o', join(o, 'a.json'), '--jobs', '1']);
    const b = cli(['convert', d, '-o', join(o, 'b.json'), '--jobs', '2']);
    expect([a.code, b.code]).toEqual([2, 2]);
    const text = readFileSync(join(o, 'a.json'), 'utf8');
    expect(readFileSync(join(o, 'b.json'), 'utf8')).toBe(text);
    expect(text.startsWith('{"schemaVersion"')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(cli(['convert', d, '--jobs', '2']).out).toBe(text);
    const p = cli(['convert', d, '-o', join(o, 'p.json'), '--jobs', '2', '--pretty']);
    expect(p.code).toBe(2);
    const pretty = readFileSync(join(o, 'p.json'), 'utf8');
    expect(pretty).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    expect(cli(['convert', d, '--jobs', '2', '--pretty']).out).toBe(pretty);
  });
});

describe('outputs', () => {
  it('-o DIR: one compact JSON report per file, indented with --pretty', () => {
    const d = corpus(3);
    const o = tmp();
    expect(cli(['convert', d, '-o', join(o, 'c') + '/', '--jobs', '2']).code).toBe(0);
    expect(cli(['convert', d, '-o', join(o, 'p') + '/', '--jobs', '1', '--pretty']).code).toBe(0);
    const out = files(join(o, 'c'));
    expect(out.length).toBe(3);
    for (const f of out) {
      const compact = readFileSync(join(o, 'c', f), 'utf8');
      expect(compact.endsWith('}\n')).toBe(true);
      expect(compact.trimEnd().includes('\n')).toBe(false);
      expect(readFileSync(join(o, 'p', f), 'utf8')).toBe(JSON.stringify(JSON.parse(compact), null, 2) + '\n');
    }
  });

  it('-o DIR mirrors relative paths; -o FILE .jsonl/.json/.csv combine', () => {
    const d = corpus(9);
    const o = tmp();
    expect(cli(['convert', d, '-o', join(o, 'dir') + '/', '--no-progress']).code).toBe(0);
    expect(files(join(o, 'dir'))).toEqual(files(d).map((f) => f.replace(/\.txt$/, '.json')));
    expect(cli(['convert', d, '-o', join(o, 'all.jsonl')]).code).toBe(0);
    expect(readFileSync(join(o, 'all.jsonl'), 'utf8').trim().split('\n')).toHaveLength(9);
    expect(cli(['convert', d, '-o', join(o, 'all.json')]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(o, 'all.json'), 'utf8'))).toHaveLength(9);
    expect(cli(['convert', d, '--to', 'csv', '-o', join(o, 'all.csv')]).code).toBe(0);
    expect(readFileSync(join(o, 'all.csv'), 'utf8').match(/^file,organ/gm)).toHaveLength(1);
    expect(readdirSync(o).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  it('refuses to write over an input (file and directory targets), writing nothing', () => {
    const d = tmp();
    writeFileSync(join(d, 'a.txt'), SEED_TEXT);
    writeFileSync(join(d, 'a.json'), SEED_TEXT); // a text report named .json, given explicitly
    const r1 = cli(['convert', join(d, 'a.txt'), '-o', join(d, 'a.txt')]);
    expect(r1.code).toBe(2);
    expect(readFileSync(join(d, 'a.txt'), 'utf8')).toBe(SEED_TEXT);
    // a text report named r.json, converted into its own folder: r.json → r.json
    const r2 = cli(['convert', join(d, 'a.json'), '-o', d + '/']);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('a.json');
    expect(readFileSync(join(d, 'a.json'), 'utf8')).toBe(SEED_TEXT);
    expect(readdirSync(d).sort()).toEqual(['a.json', 'a.txt']);
  });

  it('`..` in input paths cannot escape -o DIR', () => {
    const base = tmp();
    const deep = join(base, 'in', 'x', 'y');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(base, 'in', 'r.txt'), SEED_TEXT);
    const out = join(base, 'out');
    // glob with .. in it, and an explicit ../ path: outputs land inside out/
    const r = cli(['convert', '../../r.txt', '../../../in/*.txt', '-o', out + '/'], { cwd: deep });
    expect(r.code).toBe(0);
    expect(files(out)).toEqual(['r.txt.json', 'r.txt~2.json']);
    expect(files(base).filter((f) => !f.startsWith('out/'))).toEqual(['in/r.txt']);
  });
});

describe('progress', () => {
  it('non-TTY stderr or --no-progress: no progress output', () => {
    const d = corpus(10);
    for (const extra of [[], ['--no-progress']]) {
      const r = cli(['--locale', 'en', 'lint', d, ...extra]);
      expect(r.err).not.toContain('\r');
      expect(r.err).not.toContain('\x1b[K');
    }
  });
});

describe('combined outputs that need every report first (wide CSV, xlsx summary)', () => {
  it('wide CSV: -o FILE and stdout equal the CSV of the same reports; no temporary left beside the output', async () => {
    const { toCsvWide } = await import('../src/writers/csv.js');
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const d = corpus(20);
    const o = tmp();
    const file = join(o, 'wide.csv');
    expect(cli(['convert', d, '--to', 'csv', '--layout', 'wide', '-o', file, '--jobs', '2', '--no-progress']).code).toBe(0);
    const paths = files(d).map((f) => join(d, f));
    const reports = await Promise.all(paths.map(async (p) => analyzeBytes(readFileSync(p), p, {})));
    const expected = toCsvWide(reports);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(readdirSync(o)).toEqual(['wide.csv']);
    expect(cli(['convert', d, '--to', 'csv', '--layout', 'wide', '--jobs', '2']).out).toBe(expected);
  }, 60_000);

  it('xlsx: several inputs give one summary workbook with a row per report; no temporary left', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const d = corpus(12);
    writeFileSync(join(d, 'empty.txt'), ''); // unreadable: no row
    const o = tmp();
    const file = join(o, 'book.xlsx');
    expect(cli(['convert', d, '--to', 'xlsx', '-o', file, '--jobs', '2', '--no-progress']).code).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题']);
    const s = wb.getWorksheet('汇总')!;
    expect(s.rowCount).toBe(14); // two head rows (labels, keys), then a row per report
    expect(s.getRow(3).getCell(2).value).toBe('测试0县人民政府');
    expect(readdirSync(o)).toEqual(['book.xlsx']);
  }, 60_000);

  it('cross-year findings count in the wide CSV and appear on the workbook\'s 问题 sheet', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const o = tmp();
    const args = ['convert', join(ROOT, 'fixtures/cross-year'), '--locale', 'en', '--no-progress'];
    const csv = cli([...args, '--to', 'csv', '--layout', 'wide']).out;
    const line = csv.split('\n').find((l) => l.includes('akqi-2022'))!;
    expect(line.split(',').slice(4, 6)).toEqual(['0', '2']); // errors 0; warnings: GIA402 × 2 (GIA403 and GIA108 are info)
    expect(cli([...args, '--to', 'xlsx', '-o', join(o, 'b.xlsx')]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(o, 'b.xlsx')) as unknown as ArrayBuffer);
    const rules = wb.getWorksheet('问题')!.getColumn(2).values.slice(2);
    expect(rules).toContain('GIA402');
    expect(rules).toContain('GIA403');
  }, 60_000);

  it('SIGINT while gathering a wide CSV: exit 130, neither the output nor a temporary is left', async () => {
    const d = corpus(300);
    const o = tmp();
    const child = spawn(process.execPath, [BIN, '--locale', 'en', 'convert', d, '--to', 'csv', '--layout', 'wide', '-o', join(o, 'wide.csv'), '--jobs', '2', '--no-progress'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const t0 = Date.now();
    while (Date.now() - t0 < 30_000) {
      await new Promise((r) => setTimeout(r, 10));
      if (readdirSync(o).some((f) => f.endsWith('.tmp'))) break; // the values are being kept
    }
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    expect(code, err).toBe(130);
    expect(readdirSync(o)).toEqual([]);
  }, 60_000);
});

describe('large runs (results kept packed from 64 inputs)', () => {
  it('lint -f json/sarif/stylish of 70 inputs with a consecutive-year pair: cross-year findings kept, same with 1 and 2 jobs', () => {
    const d = corpus(68);
    writeFileSync(join(d, 'a2021.txt'), readFileSync(join(ROOT, 'fixtures/cross-year/akqi-2021.txt')));
    writeFileSync(join(d, 'a2022.txt'), readFileSync(join(ROOT, 'fixtures/cross-year/akqi-2022.derived.txt')));
    const o = tmp();
    const run = (j: string) => {
      const r = cli(['lint', d, '-f', 'stylish', '-f', `json=${join(o, `l${j}.json`)}`, '-f', `sarif=${join(o, `l${j}.sarif`)}`, '--jobs', j, '--no-progress']);
      expect(r.code).toBe(0);
      return [readFileSync(join(o, `l${j}.json`), 'utf8'), readFileSync(join(o, `l${j}.sarif`), 'utf8'), r.out.replace(/用时.*$/m, '')];
    };
    const one = run('1');
    expect(run('2')).toEqual(one);
    const report = JSON.parse(one[0]!) as { files: { file: string; diagnostics: { ruleId: string }[] }[] };
    expect(report.files).toHaveLength(70);
    expect(report.files.find((f) => f.file.endsWith('a2022.txt'))!.diagnostics.map((x) => x.ruleId)).toContain('GIA402');
    expect(one[2]).toContain('GIA402');
    // exit codes from the tally, cross-year findings included: the two GIA402 are the only warnings
    const code = (...args: string[]) => cli(['lint', d, '-f', `json=${join(o, 'x.json')}`, '--jobs', '2', '--no-progress', ...args]).code;
    expect(code('--rule', 'GIA402=error')).toBe(1);
    expect(code('--max-warnings', '1')).toBe(1);
    expect(code('--max-warnings', '2')).toBe(0);
  }, 120_000);

  it('convert to outputs that keep only the counts (long CSV, JSON Lines, -o DIR): cross-year findings still count in the exit code and the summary', () => {
    const d = corpus(68);
    writeFileSync(join(d, 'a2021.txt'), readFileSync(join(ROOT, 'fixtures/cross-year/akqi-2021.txt')));
    writeFileSync(join(d, 'a2022.txt'), readFileSync(join(ROOT, 'fixtures/cross-year/akqi-2022.derived.txt')));
    const o = tmp();
    const run = (out: string, j: string, ...args: string[]) => cli(['convert', d, '-o', join(o, out), '--jobs', j, '--no-progress', '--locale', 'en', ...args]);
    // the two GIA402 warnings of a2022 are the run's only warnings
    const csv = run('all.csv', '2');
    expect(csv.code).toBe(0);
    expect(csv.err).toMatch(/ 1 with warnings/);
    expect(run('all.csv', '2', '--rule', 'GIA402=error').code).toBe(1);
    expect(run('all.csv', '1', '--max-warnings', '1').code).toBe(1);
    expect(run('all.jsonl', '2', '--max-warnings', '1').code).toBe(1);
    expect(run('all.jsonl', '2', '--max-warnings', '2').code).toBe(0);
    expect(run('dir/', '2', '--rule', 'GIA402=error').code).toBe(1);
  }, 120_000);
});

describe('interruption', () => {
  /** Spawns convert -o DIR on a corpus and kills it after `after` outputs exist. */
  async function killMidway(signal: NodeJS.Signals, n: number): Promise<{ out: string; code: number | null; sig: NodeJS.Signals | null; err: string }> {
    const d = corpus(n);
    const out = join(tmp(), 'out');
    const child = spawn(process.execPath, [BIN, '--locale', 'en', 'convert', d, '-o', out + '/', '--jobs', '2', '--no-progress'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const t0 = Date.now();
    while (Date.now() - t0 < 30_000) {
      await new Promise((r) => setTimeout(r, 20));
      if (existsSync(out) && files(out).filter((f) => f.endsWith('.json')).length >= 20) break;
    }
    child.kill(signal);
    const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((res) => child.on('exit', (c, s) => res([c, s])));
    return { out, code, sig, err };
  }

  it('SIGKILL mid-way: every output present parses completely; temporaries are hidden .tmp files only', async () => {
    const { out, sig } = await killMidway('SIGKILL', 300);
    expect(sig).toBe('SIGKILL');
    const all = files(out);
    const outputs = all.filter((f) => !/(^|\/)\./.test(f));
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.length).toBeLessThan(300);
    for (const f of outputs) {
      expect(f).toMatch(/\.json$/);
      expect(() => JSON.parse(readFileSync(join(out, f), 'utf8'))).not.toThrow();
    }
    for (const f of all.filter((x) => !outputs.includes(x))) expect(f).toMatch(/(^|\/)\.[^/]+\.tmp$/);
  }, 60_000);

  it('SIGINT mid-way: exit 130, no temporaries left, the summary says what was finished', async () => {
    const { out, code, err } = await killMidway('SIGINT', 300);
    expect(code).toBe(130);
    const all = files(out);
    expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of all) expect(() => JSON.parse(readFileSync(join(out, f), 'utf8'))).not.toThrow();
    expect(err).toMatch(/Interrupted: \d+ of 300 input\(s\) finished/);
  }, 60_000);
});
