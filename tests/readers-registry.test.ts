// The reader registry: detection, extensions, --input-format and the format lists come from READERS.
import { describe, expect, it } from 'vitest';
import { READERS, SUPPORTED_EXTENSIONS, INPUT_FORMATS, detectFormat, formatList, readCost, readerFor, sniffReader } from '../src/readers/index.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('reader registry', () => {
  it('every reader has a unique format name and its extensions are walked', () => {
    const names = READERS.map((r) => r.format);
    expect(new Set(names).size).toBe(names.length);
    for (const r of READERS) for (const e of r.extensions) expect(SUPPORTED_EXTENSIONS.includes(e)).toBe(!r.skip); // refused formats are skipped with a hint
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual(['.docx', '.htm', '.html', '.pdf', '.shtml', '.text', '.txt', '.xhtml']);
  });

  it('content beats the name; the name breaks ties; text is the fallback', () => {
    expect(detectFormat(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'a.txt')).toBe('docx');
    expect(detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'a.docx')).toBe('doc');
    expect(detectFormat(enc('<!DOCTYPE html><p>x'), 'a.docx')).toBe('html');
    expect(detectFormat(enc('plain <p> one tag'), 'a.html')).toBe('html');
    expect(detectFormat(enc('plain <p> one tag'), 'a.txt')).toBe('text');
    expect(detectFormat(enc('not a zip'), 'a.docx')).toBe('docx');
    expect(detectFormat(enc('表二 收到和处理政府信息公开申请情况'), 'a')).toBe('text');
    expect(sniffReader(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), 'x').skip?.('x')).toBe('legacy-doc');
  });

  it('--input-format, the cost estimate and the format list read from the registry', () => {
    expect(INPUT_FORMATS).toEqual(READERS.filter((r) => r.selectable).map((r) => r.format));
    expect(INPUT_FORMATS).toEqual(expect.arrayContaining(['text', 'html', 'docx']));
    expect(readerFor('doc')?.selectable).toBe(false);
    expect(readCost('r/a.DOCX')).toBe(4);
    expect(readCost('a.html')).toBe(4);
    expect(readCost('a.txt')).toBe(1);
    expect(readCost('noext')).toBe(1);
    expect(formatList('zh-CN')).toMatch(/^\.txt、.*或 \.docx$/);
    expect(formatList('en')).toMatch(/^\.txt, .* or \.docx$/);
  });
});
