// Hostile things named as inputs (issue 15, 4 and 5): devices, FIFOs, links to them, files whose
// size `stat` does not tell; each refused with one line and exit 2, memory bounded, never a hang.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ROOT, spawnCli } from './helpers/spawn.js';
import { readInput, readInputSync } from '../src/cli/io.js';

const TEXT = readFileSync(join(ROOT, 'fixtures/akqi-2021/akqi-2021.txt'));
const tmp = (): string => mkdtempSync(join(tmpdir(), 'gia-hostile-in-'));

/** The "unreadable" lines of a stylish report. */
const unreadable = (out: string): string[] => out.split('\n').filter((l) => /^\s+unreadable /.test(l));

describe('devices', { timeout: 60_000 }, () => {
  it.each(['/dev/zero', '/dev/urandom'])('%s named on the command line: one line, exit 2, nothing read (heap capped at 64 MB)', (dev) => {
    const r = spawnCli(['lint', dev, '--locale', 'en'], { heapMb: 64 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(unreadable(r.out)).toEqual([`  unreadable  ${dev} is not a regular file (a device) and is not read: give a report file.`]);
    expect(r.peakMb).toBeLessThan(200);
  });

  it('the Chinese message', () => {
    const r = spawnCli(['lint', '/dev/zero'], { heapMb: 64 });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/\/dev\/zero 不是普通文件（设备文件），不予读取：请给出报告文件。/);
  });

  it('a glob match or a folder entry that links to /dev/zero is skipped as not a regular file; the report next to it is read', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), TEXT);
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    symlinkSync('/dev/urandom', join(dir, 'random.html'));
    for (const arg of [join(dir, '*'), dir]) {
      const r = spawnCli(['convert', arg, '--locale', 'en'], { heapMb: 64 });
      expect(r.signal).toBeNull();
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).source.path).toMatch(/a\.txt$/);
      expect(r.err).toMatch(/zero\.txt \(not a regular file\)/);
      expect(r.err).toMatch(/random\.html \(not a regular file\)/);
      expect(r.peakMb).toBeLessThan(200);
    }
  });
});

describe('FIFOs', { timeout: 60_000 }, () => {
  it('a FIFO named on the command line is refused at once with one line (no writer: opening it would block forever)', () => {
    const dir = tmp();
    const fifo = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    expect(statSync(fifo).isFIFO()).toBe(true);
    // spawnSync's own timeout stops a hang (the test then fails on the signal), no wall-clock assertion
    const r = spawnCli(['lint', fifo, join(dir, 'pipe.txt'), '--locale', 'en'], { heapMb: 64, timeoutMs: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(unreadable(r.out)[0]).toBe(`  unreadable  ${fifo} is not a regular file (a named pipe, FIFO) and is not read: give a report file.`);
  });

  it('a FIFO among glob matches is never opened (the glob lists only files): the report next to it is read', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), TEXT);
    execFileSync('mkfifo', [join(dir, 'b.txt')]);
    const r = spawnCli(['convert', join(dir, '*.txt'), '--locale', 'en'], { heapMb: 64, timeoutMs: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).source.path).toMatch(/a\.txt$/);
  });
});

describe('the bounded reader stops at the limit whatever stat says', () => {
  // /proc files are regular files of size 0 whose reads give data
  const proc = '/proc/self/status';
  it.runIf(statSync(proc, { throwIfNoEntry: false })?.size === 0)('a file stat calls empty is still read within the size limit (async and sync)', async () => {
    await expect(readInput(proc, undefined, 100)).rejects.toMatchObject({ code: 'E_TOO_LARGE', data: { limit: 'maxInputBytes' } });
    expect(() => readInputSync(proc, 100)).toThrow(expect.objectContaining({ code: 'E_TOO_LARGE' }));
    const all = await readInput(proc, undefined, 1 << 20);
    expect(Buffer.from(all).toString('latin1')).toMatch(/^Name:/);
    expect(Buffer.from(readInputSync(proc, 1 << 20)).toString('latin1')).toMatch(/^Name:/);
  });

  it('a regular file at the limit is read whole; one byte over is refused', async () => {
    const f = join(tmp(), 'x.txt');
    writeFileSync(f, Buffer.alloc(3000, 'a'));
    expect((await readInput(f, undefined, 3000)).length).toBe(3000);
    expect(readInputSync(f, 3000).length).toBe(3000);
    await expect(readInput(f, undefined, 2999)).rejects.toMatchObject({ code: 'E_TOO_LARGE' });
    expect(() => readInputSync(f, 2999)).toThrow(expect.objectContaining({ code: 'E_TOO_LARGE' }));
  });
});

describe('an unreadable file without an extension, named explicitly, is an input error', () => {
  it('binary content: exit 2 with its line (a folder walk skips it instead)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'noext'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 7, 8, 0]));
    const r = spawnCli(['lint', join(dir, 'noext'), '--locale', 'en']);
    expect(r.code).toBe(2);
    expect(unreadable(r.out)).toHaveLength(1);
    expect(unreadable(r.out)[0]).toMatch(/noext is not a text file \(binary data\)/);
    writeFileSync(join(dir, 'a.txt'), TEXT);
    const walk = spawnCli(['convert', dir, '--locale', 'en']);
    expect(walk.code).toBe(0);
    expect(walk.err).toMatch(/noext \(binary content\)/);
  });
});

describe('decoding (issue 15, 8)', () => {
  const AKQI = readFileSync(join(ROOT, 'fixtures/akqi-2021/akqi-2021.txt'), 'utf8');

  it('one GBK word in a UTF-8 file: UTF-8 with replacement, a GIA001 info on its line, the tables read as before', async () => {
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const iconv = (await import('iconv-lite')).default;
    const lines = AKQI.split('\n');
    const bytes = Buffer.concat([Buffer.from(lines.slice(0, 5).join('\n') + '\n' + lines[5], 'utf8'), iconv.encode('信息公开', 'gbk'), Buffer.from('\n' + lines.slice(6).join('\n'), 'utf8')]);
    const clean = await analyzeBytes(new Uint8Array(Buffer.from(AKQI, 'utf8')), 'akqi.txt', { locale: 'en' });
    const r = await analyzeBytes(new Uint8Array(bytes), 'akqi.txt', { locale: 'en' });
    expect(r.source.encoding).toBe('utf-8');
    expect(r.meta.organ).toBe(clean.meta.organ);
    expect(r.tables.requests!.values).toEqual(clean.tables.requests!.values);
    const notes = r.diagnostics.filter((d) => d.ruleId === 'GIA001');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.pos?.line).toBe(6);
    expect(notes[0]!.message).toMatch(/not valid UTF-8/);
  });

  it('a file that is GBK throughout is still read as GB18030', async () => {
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const iconv = (await import('iconv-lite')).default;
    const r = await analyzeBytes(new Uint8Array(iconv.encode(AKQI, 'gbk')), 'akqi.txt', { locale: 'en' });
    expect(r.source.encoding).toBe('gb18030');
    expect(r.meta.organ).toBe('阿合奇县人民政府');
    expect(r.diagnostics.some((d) => d.ruleId === 'GIA001' && /GB18030/i.test(d.message))).toBe(true);
  });

  it('<meta charset=utf-16> on an 8-bit page is read as UTF-8, as browsers do (WHATWG)', async () => {
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const page = readFileSync(join(ROOT, 'fixtures/shanghai-office-2019/shanghai-office-2019.html'), 'utf8');
    const clean = await analyzeBytes(new Uint8Array(Buffer.from(page)), 'p.html', { locale: 'en' });
    for (const label of ['utf-16', 'UTF-16LE', 'utf-16be']) {
      const r = await analyzeBytes(new Uint8Array(Buffer.from(`<meta charset="${label}">` + page)), 'p.html', { locale: 'en' });
      expect(r.source.encoding).toBe('utf-8');
      expect(r.meta.organ).toBe(clean.meta.organ);
      expect(r.tables.requests!.values).toEqual(clean.tables.requests!.values);
    }
  });
});

describe('temporaries of killed runs (issue 15, 8)', { timeout: 60_000 }, () => {
  it('are removed when writing into their directory, by the pid in their name, and the run says so; a live process\'s are kept', async () => {
    const { spawnSync } = await import('node:child_process');
    const { existsSync, mkdirSync, readdirSync } = await import('node:fs');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // has exited: its pid names no process now
    const dir = tmp();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(dir, 'a.txt'), TEXT);
    const stale = [join(out, `.a.json.${dead}.0123abcd.tmp`), join(dir, `.all.csv.${dead}.89abcdef.tmp`)];
    const live = join(out, `.b.json.${process.pid}.00000000.tmp`);
    for (const f of [...stale, live]) writeFileSync(f, 'partial');
    writeFileSync(join(out, '.notours.tmp'), 'x');
    let r = spawnCli(['convert', join(dir, 'a.txt'), '-o', out + '/', '--locale', 'en']);
    expect(r.code).toBe(0);
    expect(existsSync(stale[0]!)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['.b.json.' + process.pid + '.00000000.tmp', '.notours.tmp', 'a.json']);
    expect(r.err).toMatch(new RegExp(`removed 1 temporary file\\(s\\) left by an earlier run that was killed: .*\\.a\\.json\\.${dead}\\.0123abcd\\.tmp`));
    r = spawnCli(['convert', join(dir, 'a.txt'), '-o', join(dir, 'all.csv')]);
    expect(r.code).toBe(0);
    expect(existsSync(stale[1]!)).toBe(false);
    expect(r.err).toMatch(/已删除之前被中断的运行留下的 1 个临时文件/);
  });
});

describe("the tool's own -f html report in an input folder (issue 15, 8)", { timeout: 60_000 }, () => {
  it('is skipped by the next run over the folder, and refused with one line when named', () => {
    const { readdirSync } = require('node:fs') as typeof import('node:fs');
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), TEXT);
    const first = spawnCli(['lint', dir, '-f', `html=${join(dir, 'report.html')}`, '--locale', 'en']);
    expect(first.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'report.html']);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/<meta name="generator" content="gia-report /);
    const again = spawnCli(['convert', dir, '--locale', 'en']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).source.path).toMatch(/a\.txt$/); // one report: the folder's only annual report
    expect(again.err).toMatch(/report\.html \(a gia-report lint report\)/);
    const named = spawnCli(['lint', join(dir, 'report.html'), '--locale', 'en']);
    expect(named.code).toBe(2);
    expect(unreadable(named.out)).toEqual([`  unreadable  ${join(dir, 'report.html')} is a lint report written by gia-report (-f html), not an annual report: not read.`]);
  });
});
