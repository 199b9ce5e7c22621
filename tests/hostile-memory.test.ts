// Hostile inputs of issue 15 that used to exhaust memory or stop a batch, run in a child process
// with a capped heap (an unbounded read fails the test with an out-of-memory crash) and their
// peak resident memory measured: one clear line each, exit 2, the other inputs of a batch done.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manyParagraphsDocx, ratioLieDocx } from '../bench/fuzz-lib.mjs';
import { ROOT, spawnCli } from './helpers/spawn.js';

const TEXT = readFileSync(join(ROOT, 'fixtures/akqi-2021/akqi-2021.txt'));
const DOCX = readFileSync(join(ROOT, 'fixtures/shanghai-office-2019/shanghai-office-2019.lo.docx'));
/** Peak RSS a hostile case may reach (the bound: a small test under 300 MB). */
const PEAK_MB = 300;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'gia-hostile-mem-'));
}

/** Every file under dir (relative), hidden ones included. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length + 1))
    .sort();
}

describe('the .docx ratio lie (issue 15, 1)', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = tmp();
    writeFileSync(join(dir, 'lie.docx'), ratioLieDocx());
  });

  it('is small: ~0.2 MB, its central directory claiming 1 : 100 for ~199 MB with the data-descriptor flag', () => {
    const b = readFileSync(join(dir, 'lie.docx'));
    expect(b.length).toBeLessThan(300 * 1024);
    // central directory entry of word/document.xml: flag 8, compressed = 1 % of the uncompressed size
    const cd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); // the last entry: word/document.xml
    expect(b.subarray(cd + 46, cd + 46 + 17).toString('latin1')).toBe('word/document.xml');
    expect(cd).toBeGreaterThan(0);
    expect(b.readUInt16LE(cd + 8) & 8).toBe(8);
    const size = b.readUInt32LE(cd + 20);
    const original = b.readUInt32LE(cd + 24);
    expect(original).toBeGreaterThan(190 * 1024 * 1024);
    expect(size / original).toBeGreaterThanOrEqual(0.01);
  });

  it('lint: one line naming the ratio limit, exit 2, bounded memory (heap capped at 256 MB)', () => {
    const r = spawnCli(['lint', join(dir, 'lie.docx'), '--locale', 'en']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    const lines = r.out.split('\n').filter((l) => /lie\.docx/.test(l) && /unreadable/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/suspicious compressed content .*word\/document\.xml.*1 : 100/);
    expect(r.err).not.toMatch(/internal error|heap|at .*\.js:\d+/);
    expect(r.peakMb).toBeLessThan(PEAK_MB);
  });
});

describe('one hostile input never stops a small batch (issue 15, 3)', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = tmp();
    writeFileSync(join(dir, 'a.txt'), TEXT);
    // a legal .docx (true sizes, ratio within the limit) that needs far more than 32 MB of heap to read
    writeFileSync(join(dir, 'big.docx'), manyParagraphsDocx(8));
    writeFileSync(join(dir, 'c.txt'), TEXT);
    writeFileSync(join(dir, 'd.docx'), DOCX);
    writeFileSync(join(dir, 'lie.docx'), ratioLieDocx());
  });

  it('an out-of-memory input is its own one-line error naming --max-memory; the others are converted; no temporary left', () => {
    const out = join(dir, 'out');
    const r = spawnCli(['convert', join(dir, 'a.txt'), join(dir, 'big.docx'), join(dir, 'c.txt'), join(dir, 'd.docx'), '-o', out + '/', '--max-memory', '32', '--locale', 'en', '--no-progress'], { heapMb: null });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(allFiles(out)).toEqual(['a.json', 'c.json', 'd.json']);
    for (const f of ['a.json', 'c.json', 'd.json']) expect(JSON.parse(readFileSync(join(out, f), 'utf8')).tables.requests).toBeDefined();
    const failed = r.err.split('\n').filter((l) => /big\.docx/.test(l) && /exceeds a limit/.test(l));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatch(/memory used while reading: more than 32 MB, limit 32 MB \(maxMemory; raise it with --max-memory <MB>\)/);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.err).toMatch(/3 report\(s\) read.*1 could not be read/);
    expect(r.peakMb).toBeLessThan(PEAK_MB);
  });

  it('one combined output: the other reports are in it, the hostile one is not, no temporary left', () => {
    const out = join(dir, 'all.jsonl');
    const r = spawnCli(['convert', join(dir, 'a.txt'), join(dir, 'lie.docx'), join(dir, 'big.docx'), join(dir, 'd.docx'), '-o', out, '--max-memory', '32', '--locale', 'en'], { heapMb: null });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: { path: string } });
    expect(lines.map((l) => l.source.path.replace(/^.*\//, ''))).toEqual(['a.txt', 'd.docx']);
    expect(allFiles(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(r.err).toMatch(/lie\.docx.*1 : 100/);
    expect(r.err).toMatch(/big\.docx exceeds a limit \(memory used while reading/);
    expect(r.peakMb).toBeLessThan(PEAK_MB);
  });

  it('an input over the time limit is its own one-line error naming --timeout; the text inputs are read', () => {
    const r = spawnCli(['lint', join(dir, 'a.txt'), join(dir, 'd.docx'), join(dir, 'c.txt'), '--timeout', '0.001', '--locale', 'en', '-f', 'json']);
    expect(r.code).toBe(2);
    const files = (JSON.parse(r.out) as { files: { file: string; fatal?: { message: string } }[] }).files;
    expect(files.map((f) => f.file.replace(/^.*\//, ''))).toEqual(['a.txt', 'd.docx', 'c.txt']);
    expect(JSON.stringify(files[1])).toMatch(/reading time: more than 0\.001 s, limit 0\.001 s \(timeout; raise it with --timeout <s>\)/);
    expect(JSON.stringify(files[0])).not.toMatch(/exceeds a limit/);
    expect(JSON.stringify(files[2])).not.toMatch(/exceeds a limit/);
    expect(files[0]!.fatal).toBeUndefined();
  });
});

describe('the ratio is checked against the bytes zlib really consumed', () => {
  it('an entry padded after its deflate stream (to look 1 : 95) is still a zip bomb', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const { rawZip } = await import('../bench/fuzz-lib.mjs');
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const xml = Buffer.alloc(8 * 1024 * 1024, '<w:p/>');
    const real = deflateRawSync(xml, { level: 9 });
    const padded = Buffer.concat([real, Buffer.alloc(Math.ceil(xml.length / 95) - real.length, 0x20)]);
    const docx = rawZip([{ name: 'word/document.xml', data: new Uint8Array(padded), method: 8, crc: 0, size: xml.length, descriptor: true }]);
    const e = await analyzeBytes(docx, 'padded.docx').then(
      () => null,
      (err: unknown) => err as { code: string; data: { limit: string; reason: string } },
    );
    expect(e?.code).toBe('E_ZIP_BOMB');
    expect(e?.data.limit).toBe('minZipRatio');
    expect(e?.data.reason).toMatch(new RegExp(`^word/document\\.xml: ${real.length} compressed bytes inflate to more than`));
  });
});

describe('what a .docx keeps is bounded while reading (paragraphs, characters), as for HTML', { timeout: 60_000 }, () => {
  it('refuses past maxParagraphs or maxTextChars with the limit named, before the document is built', async () => {
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const docx = manyParagraphsDocx(0.2); // ~3 500 short paragraphs, ~40 000 characters
    await expect(analyzeBytes(docx, 'many.docx', { limits: { maxParagraphs: 1000 } })).rejects.toMatchObject({ code: 'E_TOO_LARGE', data: { limit: 'maxParagraphs', max: 1000 } });
    await expect(analyzeBytes(docx, 'many.docx', { limits: { maxTextChars: 10_000 } })).rejects.toMatchObject({ code: 'E_TOO_LARGE', data: { limit: 'maxTextChars', max: 10_000 } });
    // within both: read (no tables in it: E_NO_TABLES, not a limit)
    await expect(analyzeBytes(docx, 'many.docx')).rejects.toMatchObject({ code: 'E_NO_TABLES' });
  });
});
