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
