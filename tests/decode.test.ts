// Byte decoding (src/readers/decode.ts) and line splitting.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { bomOf, canonicalEncoding, decodeBytes, splitLines } from '../src/readers/decode.js';

const TEXT = '阿合奇县人民政府2021年政府信息公开\n\t（一）予以公开\n\t4\n';

describe('decodeBytes', () => {
  it('UTF-8 without BOM: no note', () => {
    const d = decodeBytes(Buffer.from(TEXT, 'utf8'), 'x');
    expect(d).toEqual({ text: TEXT, encoding: 'utf-8', notes: [] });
  });
  it('UTF-8 with BOM: BOM removed, noted', () => {
    const d = decodeBytes(Buffer.from('\ufeff' + TEXT, 'utf8'), 'x');
    expect(d.text).toBe(TEXT);
    expect(d.encoding).toBe('utf-8');
    expect(d.notes).toEqual([{ code: 'bom', data: { encoding: 'utf-8' } }]);
  });
  it('UTF-16LE and BE with BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()]);
    expect(decodeBytes(le, 'x')).toMatchObject({ text: TEXT, encoding: 'utf-16le' });
    expect(decodeBytes(be, 'x')).toMatchObject({ text: TEXT, encoding: 'utf-16be' });
  });
  it('UTF-16 without BOM, Chinese text: guessed from where the NULs fall', () => {
    const long = TEXT.repeat(20);
    const le = decodeBytes(Buffer.from(long, 'utf16le'), 'x');
    expect(le).toMatchObject({ text: long, encoding: 'utf-16le' });
    expect(le.notes).toEqual([{ code: 'encoding-guessed', data: { encoding: 'utf-16le' } }]);
    expect(decodeBytes(Buffer.from(long, 'utf16le').swap16(), 'x')).toMatchObject({ text: long, encoding: 'utf-16be' });
  });
  it('GB18030 and GBK when not valid UTF-8 (decoded as GB18030, noted)', () => {
    for (const enc of ['gb18030', 'gbk']) {
      const d = decodeBytes(iconv.encode(TEXT, enc), 'x');
      expect(d.text).toBe(TEXT);
      expect(d.encoding).toBe('gb18030');
      expect(d.notes).toEqual([{ code: 'encoding-guessed', data: { encoding: 'gb18030' } }]);
    }
  });
  it('a declared charset is used; a wrong one falls back', () => {
    expect(decodeBytes(iconv.encode(TEXT, 'gbk'), 'x', 'gb2312')).toMatchObject({ text: TEXT, encoding: 'gb18030', notes: [] });
    const d = decodeBytes(iconv.encode(TEXT, 'gbk'), 'x', 'utf-8');
    expect(d.text).toBe(TEXT);
    expect(d.notes[0]).toMatchObject({ code: 'encoding-guessed', data: { declared: 'utf-8' } });
  });
  it('binary data is E_BINARY', () => {
    const bin = Uint8Array.from({ length: 600 }, (_, i) => (i * 37 + (i >> 3)) % 256);
    expect(() => decodeBytes(bin, 'x.bin')).toThrow(expect.objectContaining({ code: 'E_BINARY' }));
  });
});

describe('helpers', () => {
  it('bomOf', () => {
    expect(bomOf(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(bomOf(Uint8Array.from([0x41]))).toBeNull();
  });
  it('canonicalEncoding', () => {
    expect(canonicalEncoding('GB2312')).toBe('gb18030');
    expect(canonicalEncoding('"gbk"')).toBe('gb18030');
    expect(canonicalEncoding('UTF8')).toBe('utf-8');
    expect(canonicalEncoding('big5')).toBe('big5');
    expect(canonicalEncoding('no-such')).toBeNull();
  });
  it('splitLines on CR, LF, CRLF and mixes', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\r\n\r\nb')).toEqual(['a', '', 'b']);
  });
});
