// docx reader: OOXML tables (gridSpan, vMerge, gridBefore/After, nested), paragraphs, bad input,
// and mammoth as an independent oracle for paragraph and cell texts.
import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import * as cheerio from 'cheerio';
import { zipSync, strToU8 } from 'fflate';
import { analyzeBytes } from '../src/engine/analyze.js';
import { readBytes, detectFormat } from '../src/readers/index.js';
import { readDocx, parseDocumentXml } from '../src/readers/docx.js';
import { buildDoc } from '../src/readers/_grid.js';
import { GiaError } from '../src/errors.js';
import type { Grid, LintedReport, SourceDoc } from '../src/types.js';
import { expectedOf, fixtureBytes } from './helpers/report.js';

const bytes = (p: string): Uint8Array => fixtureBytes(p);
const EXPECTED = expectedOf('shanghai-office-2019') as unknown as {
  template: string;
  requests: Record<string, Record<string, number | null>>;
  appeals: Record<string, Record<string, number | null>>;
};
const LO = 'shanghai-office-2019/shanghai-office-2019.lo.docx';
const MERGED = 'docx-merged/shanghai-office-2019.merged.docx';
const base = (path: string) => ({ path, sha256: '0', bytes: 0 });

function expectShanghai(r: LintedReport): void {
  for (const t of ['requests', 'appeals'] as const) {
    for (const [row, cols] of Object.entries(EXPECTED[t])) expect(r.tables[t]!.values[row], `${t}.${row}`).toEqual(cols);
  }
}

const CONTENT_TYPES = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const tc = (t: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${p(t)}</w:tc>`;

async function expectGiaError(run: () => Promise<unknown>, code: string): Promise<GiaError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(GiaError);
    expect((e as GiaError).code).toBe(code);
    return e as GiaError;
  }
  throw new Error(`expected ${code}`);
}

describe('document.xml structure', () => {
  it('honours gridSpan, vMerge restart/continue/bare, gridBefore and gridAfter', () => {
    const xml = doc(
      `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
        `<w:tr>${tc('A', '<w:vMerge w:val="restart"/>')}${tc('B', '<w:gridSpan w:val="2"/>')}</w:tr>` +
        `<w:tr>${tc('', '<w:vMerge/>')}${tc('C')}${tc('D')}</w:tr>` +
        `<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>${tc('E')}</w:tr>` +
        `</w:tbl>`,
    );
    const { grids, tokens } = buildDoc(parseDocumentXml(xml, 'x.docx'));
    const g = grids[0]!;
    expect(g.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['A', 'B', ''],
      ['', 'C', 'D'],
      ['', 'E', ''],
    ]);
    expect(g.rows[0]![0]!.rowSpan).toBe(2);
    expect(g.rows[1]![0]).toMatchObject({ origin: false, originRow: 0, originCol: 0 });
    expect(g.rows[2]![0]!.originRow).toBe(-1); // gridBefore: no cell there
    expect(tokens.map((t) => [t.text, t.pos.gridRow, t.pos.gridCol])).toEqual([
      ['A', 0, 0],
      ['B', 0, 1],
      ['C', 1, 1],
      ['D', 1, 2],
      ['E', 2, 1],
    ]);
    expect(tokens[4]!.pos.path).toBe('w:tbl[1]/w:tr[3]/w:tc[1]');
  });

  it('reads w:t, w:tab, w:br; ignores w:del, w:instrText and properties', () => {
    const xml = doc(
      `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>甲</w:t></w:r><w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙 &amp; 丁</w:t></w:r>` +
        `<w:del w:id="1"><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r><w:ins w:id="2"><w:r><w:t>增</w:t></w:r></w:ins></w:p>`,
    );
    const { paragraphs } = buildDoc(parseDocumentXml(xml, 'x.docx'));
    expect(paragraphs).toEqual([{ text: '甲\t乙\n丙 & 丁增', pos: { path: 'w:body/w:p[1]' } }]);
  });

  it('expands nested tables in document order without repeating their text', () => {
    const xml = doc(`${p('前')}<w:tbl><w:tr><w:tc>${p('外')}<w:tbl><w:tr>${tc('内')}${tc('7')}</w:tr></w:tbl></w:tc>${tc('右')}</w:tr></w:tbl>${p('后')}`);
    const { grids, tokens } = buildDoc(parseDocumentXml(xml, 'x.docx'));
    expect(grids.map((g) => g.rows[0]!.map((c) => c.text))).toEqual([
      ['外', '右'],
      ['内', '7'],
    ]);
    expect(tokens.map((t) => `${t.text}:${t.pos.tableIndex ?? '-'}`)).toEqual(['前:-', '外:-', '内:1', '7:1', '右:0', '后:-']);
  });
});

describe('the shanghai report as .docx', () => {
  it('LibreOffice docx: tables 三/四 equal the expected JSON, cells carry grid positions', async () => {
    const r = await analyzeBytes(bytes(LO), 'shanghai.docx');
    expect(r.source).toMatchObject({ format: 'docx', encoding: 'utf-8' });
    expect(r.template.id).toBe(EXPECTED.template);
    expectShanghai(r);
    expect(r.tables.requests!.cells.received!.natural!.pos).toMatchObject({ tableIndex: 1, gridRow: 3, gridCol: 3, path: 'w:tbl[2]/w:tr[4]/w:tc[2]' });
    expect(r.meta).toMatchObject({ year: 2019, organ: '上海市人民政府办公厅', published: '2020-01-31' });
    expect(r.sections.every((s) => s.found)).toBe(true);
  });

  it('hand-written docx with gridBefore and bare vMerge rows: same values', async () => {
    const r = await analyzeBytes(bytes(MERGED), 'merged.docx');
    expectShanghai(r);
    // 1.属于国家秘密 sits in a gridBefore=1 row after （三）不予公开: its first value is grid column 3
    expect(r.tables.requests!.cells['denied.stateSecret']!.natural!.pos).toMatchObject({ tableIndex: 0, gridCol: 3 });
    const texts = r.paragraphs.map((x) => x.text);
    expect(texts).toContain('五、政府信息公开工作存在的主要问题及改进情况');
    expect(texts).toContain('继续\t改进\n工作。');
    expect(texts.join('')).not.toMatch(/已删除|PAGE/);
  });
});

// ---- mammoth as the oracle ----

interface Texts {
  paragraphs: string[];
  /** tables → rows → origin cell texts */
  tables: string[][][];
}
const squash = (s: string) => s.replace(/\s+/g, '');

async function mammothTexts(buf: Uint8Array): Promise<Texts & { $: cheerio.CheerioAPI }> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(buf) });
  const $ = cheerio.load(value);
  const paragraphs: string[] = [];
  const tables: string[][][] = [];
  $('body')
    .children()
    .each((_, el) => {
      const e = $(el);
      if (el.tagName === 'table') tables.push(e.find('tr').toArray().map((tr) => $(tr).children('td,th').toArray().map((td) => squash($(td).text()))));
      else if (el.tagName === 'ul' || el.tagName === 'ol') e.find('li').each((_, li) => void paragraphs.push(squash($(li).text())));
      else paragraphs.push(squash(e.text()));
    });
  return { paragraphs: paragraphs.filter(Boolean), tables, $ };
}

function ourTexts(d: SourceDoc): Texts {
  const rowsOf = (g: Grid) => g.rows.map((row, r) => row.filter((c) => c.origin && c.originRow === r).map((c) => squash(c.text)));
  return { paragraphs: d.paragraphs.map((x) => squash(x.text)).filter(Boolean), tables: d.grids!.map(rowsOf) };
}

describe('mammoth agrees on paragraph and cell texts', () => {
  for (const f of [LO, MERGED]) {
    it(f, async () => {
      const b = bytes(f);
      const [ours, theirs] = [ourTexts(await readDocx(b, base(f))), await mammothTexts(b)];
      expect(ours.paragraphs).toEqual(theirs.paragraphs);
      expect(ours.tables).toEqual(theirs.tables);
    });
  }

  it('differs where mammoth ignores w:gridBefore: a vMerge continuation joins the wrong cell', async () => {
    // row 2 has no cell in column 0 (gridBefore=1); its bare <w:vMerge/> sits in column 1, under Y
    const xml = doc(
      `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>` +
        `<w:tr>${tc('X')}${tc('Y', '<w:vMerge w:val="restart"/>')}</w:tr>` +
        `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('', '<w:vMerge/>')}</w:tr>` +
        `<w:tr>${tc('Z')}${tc('W')}</w:tr></w:tbl>`,
    );
    const z = zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(xml) });
    const g = (await readDocx(z, base('g.docx'))).grids![0]!;
    expect(g.rows[0]!.map((c) => [c.text, c.rowSpan])).toEqual([
      ['X', 1],
      ['Y', 2],
    ]);
    expect(g.rows[1]![1]).toMatchObject({ origin: false, originRow: 0, originCol: 1 });
    const { $ } = await mammothTexts(z);
    // mammoth counts the continuation as column 0 and stretches X instead
    expect($('td').first().text()).toBe('X');
    expect($('td').first().attr('rowspan')).toBe('2');
    expect($('td').eq(1).attr('rowspan')).toBeUndefined();
  });

  it('differs where mammoth ignores w:gridBefore: columns of the hand-written docx shift left', async () => {
    const b = bytes(MERGED);
    const ours = (await readDocx(b, base(MERGED))).grids![0]!;
    const { $ } = await mammothTexts(b);
    const label = '1.属于国家秘密';
    const our = ours.rows.flat().find((c) => c.origin && c.text === label)!;
    const td = $('td').filter((_, e) => squash($(e).text()) === label);
    const mammothCol = td
      .prevAll('td')
      .toArray()
      .reduce((n, e) => n + Number($(e).attr('colspan') ?? 1), 0);
    expect(our.originCol).toBe(2); // gridBefore 1 + （三）不予公开 in column 1
    expect(mammothCol).toBe(1);
  });
});

describe('bad .docx input', () => {
  const cases: [string, string][] = [
    ['docx-bad/truncated.docx', 'E_CORRUPT_DOCX'],
    ['docx-bad/not-a-zip.docx', 'E_CORRUPT_DOCX'],
    ['docx-bad/no-document.docx', 'E_CORRUPT_DOCX'],
    ['docx-bad/zip-bomb.docx', 'E_ZIP_BOMB'],
    ['docx-bad/legacy.doc', 'E_LEGACY_DOC'],
    ['docx-bad/encrypted.docx', 'E_ENCRYPTED'],
  ];
  for (const [f, code] of cases) {
    it(`${f} → ${code}`, async () => {
      const e = await expectGiaError(() => analyzeBytes(bytes(f), f), code);
      expect(e.data.file).toBe(f);
      if (code === 'E_CORRUPT_DOCX') expect(String(e.data.reason)).toMatch(/zip|word\/document\.xml/);
    });
  }
  it('an OLE file forced through the docx reader gets the same codes', async () => {
    await expectGiaError(() => readBytes(bytes('docx-bad/encrypted.docx'), 'e.docx', { inputFormat: 'docx' }), 'E_ENCRYPTED');
    await expectGiaError(() => readBytes(bytes('docx-bad/legacy.doc'), 'l.docx', { inputFormat: 'docx' }), 'E_LEGACY_DOC');
  });
  it('limits from the central directory: total size → E_TOO_LARGE, entry count → E_ZIP_BOMB', async () => {
    // the LibreOffice docx has 9 entries inflating to 209 280 bytes
    await expectGiaError(() => readDocx(bytes(LO), base('a.docx'), { maxUncompressedBytes: 100_000 }), 'E_TOO_LARGE');
    await expectGiaError(() => readDocx(bytes(LO), base('a.docx'), { maxZipEntries: 5 }), 'E_ZIP_BOMB');
    await expectGiaError(() => readDocx(bytes(LO), base('a.docx'), { maxDepth: 8 }), 'E_TOO_LARGE');
    await expectGiaError(() => readDocx(bytes(LO), base('a.docx'), { maxCells: 100 }), 'E_TOO_LARGE');
  });
  it('a zip whose document.xml is not XML of a document', async () => {
    const z = zipSync({ 'word/document.xml': strToU8('<html><body>no</body></html>') });
    await expectGiaError(() => readDocx(z, base('z.docx')), 'E_CORRUPT_DOCX');
  });
  it('a docx without extension is found by its content', async () => {
    expect(detectFormat(bytes(LO), 'report')).toBe('docx');
    const r = await analyzeBytes(bytes(LO), 'report');
    expect(r.source.format).toBe('docx');
    expectShanghai(r);
  });
});

describe('the main part named by _rels/.rels', () => {
  const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  it('follows the officeDocument relationship to another part (absolute target, single quotes, entities, prefixed elements)', async () => {
    const rels = `<?xml version="1.0"?><r:Relationships xmlns:r="http://schemas.openxmlformats.org/package/2006/relationships"><r:Relationship Id='a' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/image' Target='x.png'/><r:Relationship Id='b' Type='http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument' Target='/word/main&amp;1.xml'/></r:Relationships>`;
    const docx = zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': rels, 'word/main&1.xml': doc(p('主文档')), 'word/document.xml': doc(p('不是这个')) });
    const d = await readDocx(docx, base('m.docx'));
    expect(d.paragraphs.map((x) => x.text)).toEqual(['主文档']);
  });

  it('falls back to word/document.xml when the named part is missing, and says so when neither is there', async () => {
    const rels = RELS.replace('word/document.xml', 'word/gone.xml');
    const d = await readDocx(zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': rels, 'word/document.xml': doc(p('正文')) }), base('f.docx'));
    expect(d.paragraphs.map((x) => x.text)).toEqual(['正文']);
    const e = await expectGiaError(() => readDocx(zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': rels }), base('n.docx')), 'E_CORRUPT_DOCX');
    expect(e.message).toContain('word/gone.xml');
  });
});
