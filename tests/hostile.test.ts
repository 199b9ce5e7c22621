// Hostile files: zip bombs (honest and lying sizes), XML entities, scripts, network references,
// archive names as paths, garbage in every format, deep nesting; and the fatal messages they give.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import net from 'node:net';
import { strToU8, zipSync } from 'fflate';
import { analyzeBytes } from '../src/engine/analyze.js';
import { readBytes } from '../src/readers/index.js';
import { GiaError } from '../src/errors.js';
import { docxOf } from '../bench/fuzz-lib.mjs';
import { runCli } from './helpers/cli.js';

const FIX = resolve(__dirname, '../fixtures');
const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(join(FIX, p)));

async function giaError(p: Promise<unknown>): Promise<GiaError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GiaError) return e;
    throw new Error(`expected a GiaError, got ${(e as Error)?.stack ?? e}`);
  }
  throw new Error('expected a GiaError, got a report');
}

// ---------------------------------------------------------------------------------------------
// a zip written by hand, so the central directory can say anything

function u16(v: number): number[] {
  return [v & 255, (v >>> 8) & 255];
}
function u32(v: number): number[] {
  return [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
}

/** One deflated entry `word/document.xml` (plus a small .rels) with `declared` as its size. */
function zipWith(deflated: Uint8Array, declared: number): Uint8Array {
  const name = strToU8('word/document.xml');
  const local = [...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(8), ...u16(0), ...u16(0), ...u32(0), ...u32(deflated.length), ...u32(declared), ...u16(name.length), ...u16(0)];
  const central = [...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(8), ...u16(0), ...u16(0), ...u32(0), ...u32(deflated.length), ...u32(declared), ...u16(name.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0)];
  const cdOffset = local.length + name.length + deflated.length;
  const cdSize = central.length + name.length;
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(1), ...u16(1), ...u32(cdSize), ...u32(cdOffset), ...u16(0)];
  const out = new Uint8Array(cdOffset + cdSize + end.length);
  let p = 0;
  for (const part of [local, name, deflated, central, name, end]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

/** `mb` MiB of zeros, deflated as a stream (never held uncompressed). */
async function deflatedZeros(mb: number): Promise<Uint8Array> {
  const z = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  z.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((res) => z.on('end', res));
  const zero = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mb; i++) if (!z.write(zero)) await new Promise((res) => z.once('drain', res));
  z.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe('zip bombs', () => {
  let bomb: Uint8Array;
  beforeAll(async () => {
    bomb = await deflatedZeros(1024); // 1 GiB of zeros → ~1 MB
  }, 60_000);

  it('1 GiB of zeros in ~1 MB (honest sizes): E_ZIP_BOMB in under a second, little memory', async () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const docx = zipWith(bomb, 1024 * 1024 * 1024);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const e = await giaError(analyzeBytes(docx, 'bomb.docx'));
    const ms = performance.now() - t0;
    expect(e.code).toBe('E_ZIP_BOMB');
    expect(ms).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024);
  });

  it('the same bomb declaring 1 000 bytes (a lying central directory): E_ZIP_BOMB in under a second', async () => {
    const docx = zipWith(bomb, 1000);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const e = await giaError(analyzeBytes(docx, 'liar.docx'));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e.code).toBe('E_ZIP_BOMB');
    expect(String(e.data.reason)).toMatch(/more than the 1000 bytes/);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024);
  });

  it('the committed fixture docx-bad/zip-bomb.docx', async () => {
    expect((await giaError(analyzeBytes(fixture('docx-bad/zip-bomb.docx'), 'z.docx'))).code).toBe('E_ZIP_BOMB');
  });
});

// ---------------------------------------------------------------------------------------------

describe('XML entities in .docx are never expanded or fetched', () => {
  const body = (t: string): string => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;
  const withDoctype = (doctype: string, t: string): Uint8Array => {
    const x = `<?xml version="1.0"?>${doctype}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body(t)}</w:body></w:document>`;
    return zipSync({ 'word/document.xml': strToU8(x) });
  };

  it('billion laughs: fast, nothing expanded', async () => {
    const lol = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
    const t0 = performance.now();
    const doc = await readBytes(withDoctype(`<!DOCTYPE lolz [${lol}]>`, '&lol9;'), 'lol.docx');
    expect(performance.now() - t0).toBeLessThan(1000);
    const text = doc.paragraphs.map((p) => p.text).join('\n');
    expect(text).not.toMatch(/lollol/);
  });

  it('an external entity (file:///etc/passwd) is not read', async () => {
    const doc = await readBytes(withDoctype('<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '&x;'), 'xxe.docx');
    const text = doc.paragraphs.map((p) => p.text).join('\n') + doc.tokens.map((t) => t.text).join('\n');
    expect(text).not.toMatch(/root:/);
    if (existsSync('/etc/passwd')) expect(text).not.toContain(readFileSync('/etc/passwd', 'utf8').split('\n')[0]!);
  });
});

describe('nothing is executed or fetched', () => {
  const calls: string[] = [];
  const realConnect = net.Socket.prototype.connect;
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      calls.push(`connect ${JSON.stringify(args[0])}`);
      return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect;
    globalThis.fetch = (async (u: unknown) => {
      calls.push(`fetch ${String(u)}`);
      throw new Error('no network');
    }) as typeof fetch;
  });
  afterAll(() => {
    net.Socket.prototype.connect = realConnect;
    globalThis.fetch = realFetch;
  });

  it('<script>, event handlers and javascript: URLs never run; remote references are never fetched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-hostile-'));
    const marker = join(dir, 'pwned.txt');
    const js = `globalThis.__giaPwned = 1; require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`;
    const page = readFileSync(join(FIX, 'shanghai-office-2019/shanghai-office-2019.html'), 'utf8').replace(
      /<body[^>]*>/i,
      (b) =>
        `${b.replace('>', ` onload="${js}">`)}<script>${js}</script><img src="http://127.0.0.1:9/x.png" onerror="${js}"><iframe src="http://127.0.0.1:9/"></iframe>` +
        `<link rel="stylesheet" href="http://127.0.0.1:9/s.css"><a href="javascript:${js}">x</a><svg onload="${js}"></svg>`,
    );
    const r = await analyzeBytes(strToU8(page), 'page.html');
    expect(r.diagnostics).toBeDefined();
    expect((globalThis as { __giaPwned?: number }).__giaPwned).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
    expect(r.paragraphs.map((p) => p.text).join('\n')).not.toContain('__giaPwned');
    expect(calls).toEqual([]);
  });

  it('a .docx with external relationships and hostile entry names: nothing fetched, no file written', async () => {
    const rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://127.0.0.1:9/x.png" TargetMode="External"/></Relationships>';
    const cwdEvil = resolve('evil-from-zip.txt');
    const docx = docxOf('<w:p><w:r><w:t>总计</w:t></w:r></w:p>', {
      '_rels/.rels': strToU8(rels),
      '../../evil-from-zip.txt': strToU8('x'),
      'evil-from-zip.txt': strToU8('x'),
      '/tmp/evil-from-zip.txt': strToU8('x'),
    });
    await analyzeBytes(docx, 'ext.docx').catch((e) => {
      if (!(e instanceof GiaError)) throw e;
    });
    expect(calls).toEqual([]);
    for (const p of [cwdEvil, resolve('../../evil-from-zip.txt'), '/tmp/evil-from-zip.txt']) expect(existsSync(p)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe('garbage in any format: one clear GiaError', () => {
  const random = (n: number, seed: number): Uint8Array => {
    const b = new Uint8Array(n);
    let x = seed;
    for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    return b;
  };
  it.each([
    { name: 'random.docx', bytes: random(5000, 1), code: 'E_CORRUPT_DOCX' },
    { name: 'random.txt', bytes: random(5000, 2), code: 'E_BINARY' },
    { name: 'random-with-pk.docx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...random(3000, 3)]), code: 'E_CORRUPT_DOCX' },
    { name: 'empty.txt', bytes: new Uint8Array(0), code: 'E_EMPTY' },
    { name: 'empty.docx', bytes: new Uint8Array(0), code: 'E_EMPTY' },
    { name: 'image.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]), code: 'E_BINARY' },
    { name: 'truncated.docx', bytes: fixture('docx-bad/truncated.docx'), code: 'E_CORRUPT_DOCX' },
  ])('$name → $code', async ({ name, bytes, code }) => {
    const e = await giaError(analyzeBytes(bytes, name));
    expect(e.code).toBe(code);
    expect(e.data.file).toBe(name);
  });

  it('every truncation of the LibreOffice .docx gives a report or a GiaError', async () => {
    const docx = fixture('shanghai-office-2019/shanghai-office-2019.lo.docx');
    for (let n = 0; n < docx.length; n += 97) {
      await analyzeBytes(docx.subarray(0, n), 't.docx').catch((e) => {
        if (!(e instanceof GiaError)) throw new Error(`${n} bytes: ${(e as Error).stack}`);
      });
    }
  });
});

describe('deep nesting', () => {
  it('200 000 nested <div>s: E_TOO_LARGE (maxDepth) quickly, no stack overflow', async () => {
    const html = `<html><body>${'<div>'.repeat(200_000)}总计 1${'</div>'.repeat(200_000)}</body></html>`;
    const t0 = performance.now();
    const e = await giaError(analyzeBytes(strToU8(html), 'deep.html'));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e.code).toBe('E_TOO_LARGE');
    expect(String(e.data.reason)).toMatch(/maxDepth/);
  });

  it('200 000 nested <div>s never closed, then stray end tags', async () => {
    const html = `<html><body>${'<div>'.repeat(200_000)}${'</span>'.repeat(100_000)}</body></html>`;
    expect((await giaError(analyzeBytes(strToU8(html), 'open.html'))).code).toBe('E_TOO_LARGE');
  });

  it('a raised maxDepth that exhausts the stack is still E_TOO_LARGE, not a RangeError', async () => {
    const html = `<html><body>${'<div>'.repeat(10_000)}总计 1</body></html>`;
    expect((await giaError(analyzeBytes(strToU8(html), 'deeper.html', { limits: { maxDepth: 1e6 } }))).code).toBe('E_TOO_LARGE');
  });

  it('200 000 nested tables in a .docx: E_TOO_LARGE', async () => {
    const body = `${'<w:tbl><w:tr><w:tc>'.repeat(70_000)}<w:p/>${'</w:tc></w:tr></w:tbl>'.repeat(70_000)}`;
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
    const docx = zipSync({ 'word/document.xml': [strToU8(xml), { level: 0 }] }); // stored: deflated, it would be refused as a bomb
    const e = await giaError(analyzeBytes(docx, 'deep.docx'));
    expect(e.code).toBe('E_TOO_LARGE');
    expect(String(e.data.reason)).toMatch(/maxDepth/);
  });
});

// ---------------------------------------------------------------------------------------------

const cli = (args: string[]) => runCli(args);

describe('fatal messages: name the file, say what to do, no stack trace without --debug', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gia-hostile-cli-'));
  const files: [string, Uint8Array | string][] = [
    ['empty.txt', ''],
    ['binary.txt', new Uint8Array([0, 1, 2, 3, 0, 0, 255, 0])],
    ['garbage.docx', 'not a zip at all'],
    ['truncated.docx', fixture('docx-bad/truncated.docx')],
    ['bomb.docx', fixture('docx-bad/zip-bomb.docx')],
    ['deep.html', `<html><body>${'<div>'.repeat(5000)}</body></html>`],
    ['letter.txt', '关于开会的通知\n'],
  ];
  for (const [name, data] of files) writeFileSync(join(dir, name), data);
  const paths = [...files.map(([n]) => join(dir, n)), join(dir, 'missing.txt')];

  for (const locale of ['zh-CN', 'en']) {
    it(`${locale}: one line per file, naming it`, async () => {
      const r = await cli(['lint', '--locale', locale, '--no-color', ...paths]);
      expect(r.code).toBe(2);
      const all = r.out + r.err;
      expect(all).not.toMatch(/\n\s+at /);
      expect(all).not.toMatch(/\{\w+\}|undefined|\[object/);
      for (const p of paths) {
        const line = all.split('\n').find((l) => l.includes(p) && l.trim() !== p);
        expect(line, p).toBeDefined();
      }
    });
  }

  it('a too-large file says which limit and how to raise it', async () => {
    const r = await cli(['lint', '--locale', 'en', '--max-input-size', '0.001', join(FIX, 'akqi-2021/akqi-2021.txt')]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/akqi-2021\.txt exceeds a limit \(input size: 8983 bytes, limit 1049 bytes \(maxInputBytes; raise it with --max-input-size <MB>\)\)/);
  });

  it('--debug still gives one line for a user error (stack traces are for internal errors)', async () => {
    const r = await cli(['lint', '--debug', join(dir, 'empty.txt')]);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain('empty.txt');
  });
});
