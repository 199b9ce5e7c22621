// Shared by the vitest fuzz suites (tests/fuzz*.test.ts, on src/), the hostile-input tests and the
// long-campaign runner (bench/fuzz.mjs, on dist/): generators of hostile input per reader, the
// property every input must satisfy, and hand-written hostile archives (rawZip, ratioLieDocx,
// manyParagraphsDocx). Plain Node ESM on purpose: the code under test is injected as `api`.
//
// Property (readers): analyzeBytes either returns a report with diagnostics or throws a GiaError
// whose message is one line that names the file; never any other exception, never slower than
// `maxMs` (a hang detector, not a speed test).
// Property (mapper): mapTables never throws on any token stream and returns every table of the template.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, zlibSync, strToU8, strFromU8 } from 'fflate';
import { constants as zlibConstants, deflateRawSync, crc32 as zlibCrc32 } from 'node:zlib';

export const READERS = ['text', 'html', 'docx', 'mapper'];
/** Readers the long runner also knows (`--reader pdf`): slower per case, not in the unit-test campaign. */
export const RUNNER_READERS = [...READERS, 'pdf'];

/** The real fixtures the mutations start from. */
export function loadSeeds(root) {
  const f = (p) => new Uint8Array(readFileSync(join(root, 'fixtures', p)));
  return {
    text: [f('akqi-2021/akqi-2021.txt'), f('shanghai-office-2019/shanghai-office-2019.lo.txt'), f('municipal-2024-excerpt/municipal-2024-excerpt.pdftext.txt')],
    html: [f('shanghai-office-2019/shanghai-office-2019.html'), f('html-webpage/shanghai-office-2019.page.html')],
    docx: [f('shanghai-office-2019/shanghai-office-2019.lo.docx'), f('docx-merged/shanghai-office-2019.merged.docx')],
    pdf: [f('pdf-lo/shanghai-office-2019.lo.docx.lo.pdf'), f('pingtan-gaj-2022/pingtan-gaj-2022.lo.pdf'), f('hongze-2024/hongze-2024.pdf')],
  };
}

// ---------------------------------------------------------------------------------------------
// byte mutations

const mutation = fc.oneof(
  fc.record({ op: fc.constant('truncate'), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('flip'), at: fc.double({ min: 0, max: 1, noNaN: true }), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('insert'), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ op: fc.constant('delete'), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.integer({ min: 1, max: 2048 }) }),
  fc.record({ op: fc.constant('repeat'), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.integer({ min: 1, max: 512 }), times: fc.integer({ min: 2, max: 20 }) }),
);

/** Applies mutations to a copy of `seed`. */
export function mutate(seed, ops) {
  let b = seed;
  for (const m of ops) {
    const at = Math.min(b.length, Math.floor(m.at * b.length));
    switch (m.op) {
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'flip':
        if (at < b.length) {
          b = b.slice();
          b[at] ^= m.xor;
        }
        break;
      case 'insert':
        b = concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case 'delete':
        b = concat([b.subarray(0, at), b.subarray(at + m.len)]);
        break;
      case 'repeat': {
        const piece = b.subarray(at, at + m.len);
        b = concat([b.subarray(0, at), ...Array(m.times).fill(piece), b.subarray(at)]);
        break;
      }
    }
  }
  return b;
}

export function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const enc = (s) => strToU8(s);

// ---------------------------------------------------------------------------------------------
// words: report labels, numbers, odd characters

function labelPool(templates) {
  const out = new Set(['总计', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '本年新收政府信息公开申请数量', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '2021年', '年度报告', '政府信息公开工作年度报告']);
  for (const t of Object.values(templates ?? {})) {
    for (const tb of t.tables ?? []) {
      for (const a of tb.anchors ?? []) out.add(a);
      for (const r of tb.rows ?? []) {
        out.add(r.label);
        for (const a of r.aliases ?? []) out.add(a);
      }
      for (const c of tb.columns ?? []) out.add(c.label);
    }
  }
  return [...out];
}

function wordArb(labels) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...labels) },
    { weight: 4, arbitrary: fc.oneof(fc.nat({ max: 100000 }).map(String), fc.constantFrom('0', '-', '—', '/', '无', '1,234', '3.5', '12万元', '-5', '１２', '1e9', '99999999999999999999', 'NaN', '')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ufeff', '\u200b', '\u00a0', '\u3000', '\t', '|', '│', '\r', '\ud800', '&amp;', '&#0;', '&#x110000;', '<', '>', '"') },
  );
}

// ---------------------------------------------------------------------------------------------
// text

function textArbs(seeds, labels) {
  const word = wordArb(labels);
  const line = fc.array(word, { maxLength: 8 }).chain((ws) => fc.constantFrom('\t', ' ', '|', '', '  ', '\u3000').map((sep) => ws.join(sep)));
  const doc = fc.tuple(fc.array(line, { maxLength: 200 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol));
  return fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((b) => ({ name: 'random.txt', bytes: b })),
    fc.tuple(fc.constantFrom(...seeds.text), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([s, ops]) => ({ name: 'mutated.txt', bytes: mutate(s, ops) })),
    doc.map((s) => ({ name: 'lines.txt', bytes: enc(s) })),
    // real lines shuffled and repeated
    fc.tuple(fc.constantFrom(...seeds.text), fc.array(fc.nat(), { maxLength: 300 })).map(([s, picks]) => {
      const ls = strFromU8(s).split('\n');
      return { name: 'shuffled.txt', bytes: enc(picks.map((k) => ls[k % ls.length]).join('\n')) };
    }),
    // a huge cell in the seed
    fc.tuple(fc.constantFrom(...seeds.text), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('1', '中', ' ', '\t', '9中', '（一）'), fc.integer({ min: 1000, max: 100000 })).map(([s, at, unit, n]) => ({
      name: 'huge-cell.txt',
      bytes: mutate(s, [{ op: 'insert', at, bytes: enc(unit.repeat(n)) }]),
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// HTML

const SPANS = ['0', '1', '2', '3', '1000', '-1', '2;', ' 3', 'abc', '99999999999', '1e3', '', '0x10', '+2', '2.5'];
const TAGS = ['div', 'p', 'span', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'br', 'b', 'a', 'font', 'o:p', 'script', 'style', 'nav', 'form', 'li', 'ul', 'h1', 'caption', 'iframe', 'svg', 'template', 'select', 'textarea'];

function htmlArbs(seeds, labels) {
  const word = wordArb(labels);
  const attrs = fc.record(
    { rowspan: fc.constantFrom(...SPANS), colspan: fc.constantFrom(...SPANS), onclick: fc.constant('globalThis.__giaFuzzPwned=1'), style: fc.constant('x') },
    { requiredKeys: [] },
  );
  const { node } = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: 4, withCrossShrink: true },
      word.map((w) => ({ text: w })),
      fc.record({ tag: fc.constantFrom(...TAGS), attrs, kids: fc.array(tie('node'), { maxLength: 6 }), close: fc.boolean() }),
    ),
  }));
  const esc = (s) => s.replace(/&(?!#?\w+;)/g, '&amp;').replace(/</g, '&lt;');
  const render = (n) => {
    if ('text' in n) return esc(n.text);
    const a = Object.entries(n.attrs).map(([k, v]) => ` ${k}="${v}"`).join('');
    return `<${n.tag}${a}>${n.kids.map(render).join('')}${n.close ? `</${n.tag}>` : ''}`;
  };
  // a table of random spans with label/number cells
  const table = fc
    .array(fc.array(fc.record({ text: word, rowspan: fc.option(fc.constantFrom(...SPANS)), colspan: fc.option(fc.constantFrom(...SPANS)), th: fc.boolean() }), { maxLength: 12 }), { maxLength: 40 })
    .map((rows) => {
      const tr = rows.map((cells) => `<tr>${cells.map((c) => `<${c.th ? 'th' : 'td'}${c.rowspan !== null ? ` rowspan="${c.rowspan}"` : ''}${c.colspan !== null ? ` colspan="${c.colspan}"` : ''}>${esc(c.text)}</td>`).join('')}</tr>`).join('\n');
      return `<table>${tr}</table>`;
    });
  return fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((b) => ({ name: 'random.html', bytes: concat([enc('<html><body>'), b]) })),
    fc.tuple(fc.constantFrom(...seeds.html), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([s, ops]) => ({ name: 'mutated.html', bytes: mutate(s, ops) })),
    fc.array(node, { maxLength: 8 }).map((ns) => ({ name: 'tree.html', bytes: enc(`<!DOCTYPE html><html><body>${ns.map(render).join('')}</body></html>`) })),
    fc.tuple(fc.array(word, { maxLength: 5 }), fc.array(table, { minLength: 1, maxLength: 3 })).map(([ps, ts]) => ({
      name: 'tables.html',
      bytes: enc(`<html><body>${ps.map((p) => `<p>${esc(p)}</p>`).join('')}${ts.join('<p>表</p>')}</body></html>`),
    })),
    // deep nesting of one tag, closed or not
    fc.tuple(fc.constantFrom('div', 'span', 'table', 'td', 'b', 'p', 'tr'), fc.integer({ min: 1, max: 5000 }), fc.boolean()).map(([tag, n, close]) => ({
      name: 'deep.html',
      bytes: enc(`<html><body>${`<${tag}>`.repeat(n)}总计 1${close ? `</${tag}>`.repeat(n) : ''}</body></html>`),
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// docx

const CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A .docx (valid zip) around a document.xml body. */
export function docxOf(bodyXml, extra = {}) {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${bodyXml}</w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': enc(CT), '_rels/.rels': enc(RELS), 'word/document.xml': enc(xml), ...extra });
}

function docxArbs(seeds, labels) {
  const word = wordArb(labels);
  const xesc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/[\ud800-\udfff]/g, '');
  const val = fc.constantFrom(...SPANS, 'restart', 'continue', '64', '65', '100000');
  const para = fc.array(word, { maxLength: 3 }).map((ws) => `<w:p>${ws.map((w) => `<w:r><w:t>${xesc(w)}</w:t></w:r>`).join('<w:r><w:tab/></w:r>')}</w:p>`);
  const { block } = fc.letrec((tie) => ({
    block: fc.oneof({ depthSize: 'small', maxDepth: 2, withCrossShrink: true }, para, tie('tbl')),
    tbl: fc
      .array(
        fc.record({
          before: fc.option(val),
          cells: fc.array(fc.record({ span: fc.option(val), vmerge: fc.option(fc.constantFrom('restart', 'continue', '')), body: fc.array(tie('block'), { maxLength: 2 }) }), { maxLength: 8 }),
        }),
        { maxLength: 20 },
      )
      .map(
        (rows) =>
          `<w:tbl>${rows
            .map(
              (r) =>
                `<w:tr>${r.before !== null ? `<w:trPr><w:gridBefore w:val="${r.before}"/></w:trPr>` : ''}${r.cells
                  .map(
                    (c) =>
                      `<w:tc><w:tcPr>${c.span !== null ? `<w:gridSpan w:val="${c.span}"/>` : ''}${c.vmerge !== null ? (c.vmerge ? `<w:vMerge w:val="${c.vmerge}"/>` : '<w:vMerge/>') : ''}</w:tcPr>${c.body.join('') || '<w:p/>'}</w:tc>`,
                  )
                  .join('')}</w:tr>`,
            )
            .join('')}</w:tbl>`,
      ),
  }));
  const docXmlOf = (b) => {
    try {
      return strFromU8(unzipSync(b)['word/document.xml']);
    } catch {
      return '';
    }
  };
  const realXml = seeds.docx.map(docXmlOf).filter(Boolean).map((s) => enc(s));
  return fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((b) => ({ name: 'random.docx', bytes: concat([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), b]) })),
    fc.tuple(fc.constantFrom(...seeds.docx), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([s, ops]) => ({ name: 'mutated.docx', bytes: mutate(s, ops) })),
    fc.array(block, { maxLength: 6 }).map((bs) => ({ name: 'random-ooxml.docx', bytes: docxOf(bs.join('')) })),
    // a real document.xml, mutated, in a valid zip
    fc.tuple(fc.constantFrom(...realXml), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([x, ops]) => ({
      name: 'mutated-xml.docx',
      bytes: zipSync({ '[Content_Types].xml': enc(CT), '_rels/.rels': enc(RELS), 'word/document.xml': mutate(x, ops) }),
    })),
    // random bytes as document.xml, with hostile names beside it
    fc.uint8Array({ maxLength: 2048 }).map((b) => ({ name: 'random-xml.docx', bytes: zipSync({ '../../evil.txt': enc('x'), '/etc/evil': enc('x'), 'word/document.xml': b }) })),
  );
}

// ---------------------------------------------------------------------------------------------
// pdf: the real PDFs mutated (bytes, and inside their uncompressed structure), random bytes after a header,
// pages drawn from scratch (text, ruling lines, grids), decompression and page-count bombs

/**
 * A one-page PDF around a content stream (objects written out with a correct xref table; PDFium
 * repairs a wrong one anyway). `filter`: the stream as FlateDecode (a decompression bomb when the
 * content is large and repetitive). Writes PDF, does not parse it.
 */
export function pdfOf(content, { flate = false, pages = 1 } = {}) {
  const data = flate ? zlibSync(content, { level: 9 }) : content;
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(' ');
  const objs = [
    enc('<< /Type /Catalog /Pages 2 0 R >>'),
    enc(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`),
    concat([enc(`<< /Length ${data.length}${flate ? ' /Filter /FlateDecode' : ''} >>\nstream\n`), data, enc('\nendstream')]),
    ...Array.from({ length: pages }, () => enc('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>')),
  ];
  const parts = [enc('%PDF-1.7\n')];
  const offsets = [];
  let at = parts[0].length;
  objs.forEach((o, i) => {
    offsets.push(at);
    const piece = concat([enc(`${i + 1} 0 obj\n`), o, enc('\nendobj\n')]);
    parts.push(piece);
    at += piece.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(enc(xref));
  return concat(parts);
}

function pdfArbs(seeds, labels) {
  const header = enc('%PDF-1.7\n');
  const word = wordArb(labels);
  const esc = (s) => s.replace(/[\\()]/g, '\\$&').replace(/[^\x20-\x7e]/g, '?');
  // content streams: text at positions and ruling lines, as a table would be drawn
  const op = fc.oneof(
    fc.tuple(fc.integer({ min: -100, max: 700 }), fc.integer({ min: -100, max: 900 }), word).map(([x, y, w]) => `BT /F1 10 Tf ${x} ${y} Td (${esc(w)}) Tj ET`),
    fc.tuple(fc.integer({ min: 0, max: 595 }), fc.integer({ min: 0, max: 842 }), fc.integer({ min: -600, max: 600 }), fc.integer({ min: -1, max: 1 })).map(([x, y, l, v]) => (v ? `${x} ${y} m ${x} ${y + l} l S` : `${x} ${y} m ${x + l} ${y} l S`)),
    fc.tuple(fc.integer({ min: 0, max: 595 }), fc.integer({ min: 0, max: 842 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 3 })).map(([x, y, w, h]) => `${x} ${y} ${w} ${h} re f`),
    fc.constantFrom('q', 'Q', '2 0 0 2 0 0 cm', '0 0 0 rg', '1 1 1 rg', 'W n', '[] 0 d', '0.5 w'),
  );
  const grid = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 40 })).map(([rows, cols]) => {
    const out = [];
    for (let r = 0; r <= rows; r++) out.push(`50 ${800 - r * 12} m ${50 + cols * 12} ${800 - r * 12} l S`);
    for (let c = 0; c <= cols; c++) out.push(`${50 + c * 12} 800 m ${50 + c * 12} ${800 - rows * 12} l S`);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push(`BT /F1 6 Tf ${52 + c * 12} ${802 - (r + 1) * 12} Td (${(r * c) % 100}) Tj ET`);
    return out.join('\n');
  });
  // weights: the bombs cost seconds each and are one family, so one case in ~40 (they were one in seven: 90 % of a campaign's time)
  const w = (weight, arbitrary) => ({ weight, arbitrary });
  return fc.oneof(
    w(6, fc.uint8Array({ maxLength: 4096 }).map((b) => ({ name: 'random.pdf', bytes: concat([header, b]) }))),
    w(6, fc.tuple(fc.constantFrom(...seeds.pdf), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([s, ops]) => ({ name: 'mutated.pdf', bytes: mutate(s, ops) }))),
    // cut anywhere after the header (a truncated download)
    w(6, fc.tuple(fc.constantFrom(...seeds.pdf), fc.double({ min: 0, max: 1, noNaN: true })).map(([s, at]) => ({ name: 'truncated.pdf', bytes: s.slice(0, Math.max(9, Math.floor(at * s.length))) }))),
    // pages drawn from scratch: text at positions, ruling lines, filled rectangles, ruled grids
    w(6, fc.array(op, { maxLength: 200 }).map((ops) => ({ name: 'drawn.pdf', bytes: pdfOf(enc(ops.join('\n'))) }))),
    w(6, grid.map((g) => ({ name: 'grid.pdf', bytes: pdfOf(enc(g), { flate: true }) }))),
    // a decompression bomb (a few KB inflating to 1–3 MB of one repeated path: 60 000–240 000
    // path objects on one page) and page-count bombs (over maxPdfPages: refused before any page is read)
    w(1, fc.integer({ min: 1, max: 4 }).map((k) => ({ name: 'flate-bomb.pdf', bytes: pdfOf(enc('0 0 m 1 1 l S\n'.repeat(k * 60_000 + 10)), { flate: true }) }))),
    w(3, fc.constantFrom(150, 2001, 5000).map((n) => ({ name: 'pages.pdf', bytes: pdfOf(enc('BT /F1 10 Tf 50 800 Td (x) Tj ET'), { pages: n }) }))),
  );
}

// ---------------------------------------------------------------------------------------------
// mapper

function mapperArb(labels) {
  const word = wordArb(labels);
  const tok = fc.record({
    text: word,
    kind: fc.constantFrom('text', 'value', 'blank', 'gap', 'text', 'value'),
    standalone: fc.boolean(),
    rowSpan: fc.option(fc.integer({ min: -1, max: 1000 })),
    line: fc.integer({ min: 0, max: 100000 }),
  });
  return fc.array(tok, { maxLength: 400 }).map((ts) =>
    ts.map((t) => {
      const o = { text: t.text, kind: t.kind, pos: { line: t.line } };
      if (t.standalone) o.standalone = true;
      if (t.rowSpan !== null) o.rowSpan = t.rowSpan;
      return o;
    }),
  );
}

/** The arbitrary of one reader's cases. */
export function arbitraryFor(reader, seeds, api) {
  const labels = labelPool(api.templates);
  switch (reader) {
    case 'text':
      return textArbs(seeds, labels);
    case 'html':
      return htmlArbs(seeds, labels);
    case 'docx':
      return docxArbs(seeds, labels);
    case 'mapper':
      return mapperArb(labels);
    case 'pdf':
      return pdfArbs(seeds, labels);
  }
  throw new Error(`unknown reader ${reader}`);
}

// ---------------------------------------------------------------------------------------------
// the property

/**
 * Checks one case; returns null when it holds, else a one-line description of the failure.
 * `api`: { analyzeBytes, GiaError, fatalMessage(e, locale), mapTables, templates }.
 * `clock`: milliseconds; wall time by default, {@link cpuClock} for a bound that holds on a busy machine.
 */
export async function checkCase(api, reader, c, { maxMs = 5000, clock = () => performance.now() } = {}) {
  const t0 = clock();
  let problem = null;
  try {
    if (reader === 'mapper') {
      for (const tpl of Object.values(api.templates)) {
        const out = api.mapTables(c, tpl);
        for (const t of tpl.tables) if (!out[t.key]) problem = `mapTables lost table ${t.key}`;
      }
    } else {
      const r = await api.analyzeBytes(c.bytes, c.name);
      if (!r || !Array.isArray(r.diagnostics)) problem = 'analyzeBytes returned no diagnostics';
    }
  } catch (e) {
    if (reader === 'mapper') problem = `mapTables threw ${e?.name}: ${e?.message}`;
    else if (!(e instanceof api.GiaError)) problem = `threw ${e?.name ?? typeof e}: ${String(e?.message ?? e).split('\n')[0]}`;
    else {
      for (const loc of ['zh-CN', 'en']) {
        const msg = api.fatalMessage(e, loc);
        if (/\n/.test(msg)) problem = `${e.code} message is not one line`;
        else if (/\{\w+\}/.test(msg)) problem = `${e.code} message has an unfilled placeholder: ${msg}`;
        else if (e.code !== 'E_BAD_OPTION' && !msg.includes(c.name)) problem = `${e.code} message does not name the file: ${msg}`;
      }
    }
  }
  const ms = clock() - t0;
  if (!problem && ms > maxMs) problem = `took ${Math.round(ms)} ms (bound ${maxMs} ms)`;
  if (!problem && globalThis.__giaFuzzPwned !== undefined) problem = 'input script ran';
  return problem;
}

/** CPU time of this process in milliseconds (all its threads): a time bound that a busy machine does not break. */
export const cpuClock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** This process's peak resident set size so far, in MB (a high-water mark: it never goes down). */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/**
 * Runs `runs` cases of one reader in chunks (a failure ends its chunk, the campaign goes on) and
 * reports the figures. `onCase(c)` is called before each case (the runner's hang watchdog).
 * `memoryMb()`, read after each case: the process's peak memory so far ({@link peakRssMb}); a case
 * that raises it is the worst so far (kept), and one that raises it above `maxMb` fails and ends
 * the campaign early (`memoryExceeded`: a high-water mark does not come down, so the runner goes
 * on in a fresh process).
 */
export async function campaign(api, seeds, reader, { runs, seed = Date.now() >>> 0, chunk = 500, maxMs = 5000, clock, onCase, onFailure, deadline, memoryMb, maxMb } = {}) {
  const arb = arbitraryFor(reader, seeds, api);
  let done = 0;
  const failures = [];
  const peak = { mb: memoryMb ? memoryMb() : 0, name: null };
  let memoryExceeded = false;
  for (let k = 0; done < runs && !memoryExceeded; k++) {
    if (deadline && Date.now() > deadline) break;
    const n = Math.min(chunk, runs - done);
    let last = null;
    const details = await fc.check(
      fc.asyncProperty(arb, async (c) => {
        onCase?.(c);
        last = await checkCase(api, reader, c, { maxMs, clock });
        if (memoryMb) {
          const mb = memoryMb();
          if (mb > peak.mb) {
            peak.mb = mb;
            peak.name = c?.name ?? null;
            if (maxMb && mb > maxMb) {
              memoryExceeded = true;
              last ??= `peak memory ${Math.round(mb)} MB (bound ${maxMb} MB)`;
            }
          }
        }
        return last === null;
      }),
      { numRuns: n, seed: (seed + k) | 0, endOnFailure: true },
    );
    done += details.numRuns;
    if (details.failed) {
      const c = details.counterexample?.[0];
      const f = { reader, seed: (seed + k) | 0, problem: last ?? String(details.errorInstance ?? 'failed'), case: c };
      failures.push(f);
      onFailure?.(f);
    }
  }
  return { reader, runs: done, failures, peakMb: peak.mb, peakCase: peak.name, memoryExceeded };
}

// ---------------------------------------------------------------------------------------------
// hostile inputs generated on demand (issue 15), small to store and fast to build: used by
// tests/hostile-memory.test.ts and by the docx cases above (a ratio-lie archive of a few MB)

const u16 = (v) => [v & 255, (v >>> 8) & 255];
const u32 = (v) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];

function crc32(b) {
  if (typeof zlibCrc32 === 'function') return zlibCrc32(b) >>> 0;
  let c = ~0;
  for (let i = 0; i < b.length; i++) {
    c ^= b[i];
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/**
 * A zip written by hand so every header can say anything. `entries`: { name, data (deflated
 * bytes or stored bytes), method (8 or 0), crc, size (uncompressed, real), cdSize / cdOriginal
 * (what the central directory claims), descriptor (the data-descriptor flag: local sizes 0,
 * sizes after the data) }.
 */
export function rawZip(entries) {
  const parts = [];
  const central = [];
  let off = 0;
  for (const e of entries) {
    const name = enc(e.name);
    const flag = e.descriptor ? 0x08 : 0;
    const local = [...u32(0x04034b50), ...u16(20), ...u16(flag), ...u16(e.method), ...u16(0), ...u16(0), ...u32(e.descriptor ? 0 : e.crc), ...u32(e.descriptor ? 0 : e.data.length), ...u32(e.descriptor ? 0 : e.size), ...u16(name.length), ...u16(0)];
    const head = new Uint8Array([...local, ...name]);
    const desc = e.descriptor ? new Uint8Array([...u32(0x08074b50), ...u32(e.crc), ...u32(e.data.length), ...u32(e.size)]) : new Uint8Array(0);
    central.push(
      new Uint8Array([
        ...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(flag), ...u16(e.method), ...u16(0), ...u16(0), ...u32(e.crc),
        ...u32(e.cdSize ?? e.data.length), ...u32(e.cdOriginal ?? e.size), ...u16(name.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(off),
        ...name,
      ]),
    );
    parts.push(head, e.data, desc);
    off += head.length + e.data.length + desc.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(cdSize), ...u32(off), ...u16(0)]);
  return concat([...parts, ...central, end]);
}

const deflated = (name, bytes, extra = {}) => ({ name, data: new Uint8Array(deflateRawSync(bytes, { level: 9 })), method: 8, crc: crc32(bytes), size: bytes.length, ...extra });

/**
 * Issue 15 item 1: the entry has the data-descriptor flag and the central directory claims a
 * compressed size of 1 % of its ~199 MiB (`mb`), so a ratio check that trusts the declared sizes
 * passes; the real deflated data is ~0.2 MB (1 : ~1 000). Built in milliseconds without holding the
 * inflated bytes: a 1 MiB paragraph (one long run of text) is deflated once with a full flush (a
 * block boundary that forgets the window) and that piece repeated `mb` times between the
 * deflated head and tail: one valid deflate stream of the whole document.
 */
export function ratioLieDocx(mb = 199) {
  const FULL = { finishFlush: zlibConstants.Z_FULL_FLUSH, level: 9 };
  const head = enc(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>`);
  const tail = enc('</w:body></w:document>');
  const open = '<w:p><w:r><w:t>';
  const close = '</w:t></w:r></w:p>';
  const para = enc(open + 'x'.repeat(1048576 - open.length - close.length) + close);
  const piece = deflateRawSync(para, FULL);
  const data = concat([deflateRawSync(head, FULL), ...Array(mb).fill(piece), deflateRawSync(tail, { level: 9 })]);
  let crc = zlibCrc32(head);
  for (let i = 0; i < mb; i++) crc = zlibCrc32(para, crc);
  crc = zlibCrc32(tail, crc) >>> 0;
  const size = head.length + mb * para.length + tail.length;
  const doc = { name: 'word/document.xml', data, method: 8, crc, size, descriptor: true, cdOriginal: size, cdSize: Math.ceil(size / 100) }; // "1 : 100", the most the ratio limit allows
  return rawZip([deflated('[Content_Types].xml', enc('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')), deflated('_rels/.rels', enc(RELS)), doc]);
}

/**
 * An honest .docx (true sizes, ratio within 1 : 100) whose document.xml is ~`mb` MiB of short
 * paragraphs with varied text: a large but legal document, for memory bounds while parsing.
 */
export function manyParagraphsDocx(mb = 20) {
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>`;
  const tail = '</w:body></w:document>';
  const parts = [head];
  let len = head.length;
  let x = 12345;
  while (len < mb * 1048576) {
    x = (x * 1103515245 + 12345) >>> 0;
    const p = `<w:p><w:r><w:t>第${x % 100000}段 ${(x >>> 8) % 9973}</w:t></w:r></w:p>`;
    parts.push(p);
    len += p.length * 1.4;
  }
  parts.push(tail);
  const xml = enc(parts.join(''));
  return rawZip([deflated('_rels/.rels', enc(RELS)), deflated('word/document.xml', xml)]);
}
