// Hostile inputs generated on demand (issue 15), small to store and fast to build: used by
// tests/hostile-memory.test.ts and by the memory-bounded fuzz cases of bench/fuzz.mjs.
import { deflateRawSync, crc32 as zlibCrc32 } from 'node:zlib';

const u16 = (v) => [v & 255, (v >>> 8) & 255];
const u32 = (v) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
const enc = (s) => new TextEncoder().encode(s);

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

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
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const a of all) {
    out.set(a, p);
    p += a.length;
  }
  return out;
}

const deflated = (name, bytes, extra = {}) => ({ name, data: new Uint8Array(deflateRawSync(bytes, { level: 9 })), method: 8, crc: crc32(bytes), size: bytes.length, ...extra });

/**
 * A word/document.xml of about `mb` MiB (MiB = 1 048 576 bytes) of one-character paragraphs,
 * built from one repeated piece: deflates ~1 : 1000. The bytes are made once per size.
 */
function paragraphsXml(mb) {
  const para = '<w:p><w:r><w:t>x</w:t></w:r></w:p>';
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>`;
  const tail = '</w:body></w:document>';
  const n = Math.floor((mb * 1048576 - head.length - tail.length) / para.length);
  const out = Buffer.allocUnsafe(head.length + n * para.length + tail.length);
  let o = out.write(head, 0, 'latin1');
  const p = Buffer.from(para, 'latin1');
  // doubling copies: a few dozen memcpy calls for 199 MB
  p.copy(out, o);
  let filled = p.length;
  const total = n * p.length;
  while (filled < total) {
    const k = Math.min(filled, total - filled);
    out.copy(out, o + filled, o, o + k);
    filled += k;
  }
  o += total;
  out.write(tail, o, 'latin1');
  return out;
}

/**
 * Issue 15 item 1: the entry has the data-descriptor flag and the central directory claims a
 * compressed size of 1 % of its ~199 MB, so a ratio check that trusts the declared sizes passes;
 * the real deflated data is ~0.2 MB. (`mb`: the inflated size.)
 */
export function ratioLieDocx(mb = 199) {
  const xml = paragraphsXml(mb);
  const doc = deflated('word/document.xml', xml, { descriptor: true });
  doc.cdOriginal = xml.length;
  doc.cdSize = Math.ceil(xml.length / 100); // "1 : 100", the most the ratio limit allows
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
