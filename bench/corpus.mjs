// Bench corpora, generated OUTSIDE the repository from the fixtures, every copy different:
// text (the akqi-2021 seed), HTML (shanghai-office-2019.html inside a ~110 KB government page: head
// with styles and scripts, 60-link navigation, hidden footer padding) and .docx
// (shanghai-office-2019.lo.docx re-zipped with fflate). Each copy gets its own organ name; one in ten
// also gets one table cell changed (a report with lint errors, roughly the real-world rate). PDF:
// numbered copies of two LibreOffice prints of the fixtures (makePdf).
// Imports nothing from src. A corpus is reused when a complete one of the same size and generator
// version is already in the directory (`npm run bench -- --keep` leaves them there).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (p) => join(root, 'fixtures', p);

/** deterministic pseudo-random numbers, one stream per corpus */
function lcg(seed) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/**
 * Varies a report like a real corpus does: every copy gets its own organ name; with probability 0.1
 * one table cell gets different figures (a report with lint errors, as about one in ten real
 * reports). (Changing many cells at random makes every report fail several identities, which costs
 * ~10× more in the rules: not realistic.)
 */
function vary(s, re, i, rnd) {
  let out = s.replace(/阿合奇县|上海市人民政府办公厅/g, (m) => `${m.slice(0, 2)}${i}${m.slice(2)}`);
  if (rnd() < 0.1) {
    const hits = [...out.matchAll(re)];
    const m = hits[Math.floor(rnd() * hits.length)];
    if (m) out = out.slice(0, m.index) + `${m[1]}${Number(m[2]) + 1 + Math.floor(rnd() * 9)}${m[3]}` + out.slice(m.index + m[0].length);
  }
  return out;
}

const sub = (dir, i) => {
  const d = join(dir, `d${String(i % 20).padStart(2, '0')}`);
  if (i < 20) mkdirSync(d, { recursive: true });
  return d;
};
const name = (prefix, i, ext) => `${prefix}${String(i).padStart(5, '0')}.${ext}`;

function makeText(dir, count) {
  const seedText = readFileSync(fixture('akqi-2021/akqi-2021.txt'), 'utf8');
  const rnd = lcg(42);
  for (let i = 0; i < count; i++) writeFileSync(join(sub(dir, i), name('r', i, 'txt')), vary(seedText, /(\t)(\d+)(\n)/g, i, rnd));
}

function makeHtml(dir, count) {
  const body = readFileSync(fixture('shanghai-office-2019/shanghai-office-2019.html'), 'utf8')
    .replace(/^[\s\S]*?<body[^>]*>/i, '')
    .replace(/<\/body>[\s\S]*$/i, '');
  // a realistic government page around it: head with styles and scripts, navigation, footer, ~110 KB
  const nav = Array.from({ length: 60 }, (_, k) => `<li class="nav-item"><a href="/col/col${k}/index.html" target="_blank">栏目${k}</a></li>`).join('\n');
  const pad = (kb) => `<div class="footer-links" style="display:none">${'<span class="x">政务公开 信息公开指南 依申请公开</span>'.repeat(Math.ceil((kb * 1024) / 60))}</div>`;
  const head = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开工作年度报告</title><style>${'.c{margin:0}'.repeat(300)}</style><script>var s=${JSON.stringify('x'.repeat(4000))};</script></head><body><div id="header"><ul class="nav">${nav}</ul></div><div id="content">`;
  const rnd = lcg(42);
  for (let i = 0; i < count; i++) {
    let page = `${head}${vary(body, /(>)(\d+)(<)/g, i, rnd)}</div>`;
    page += pad(Math.max(0, 110 - page.length / 1024)) + '</body></html>';
    writeFileSync(join(sub(dir, i), name('p', i, 'html')), page);
  }
}

function makeDocx(dir, count) {
  const files = unzipSync(readFileSync(fixture('shanghai-office-2019/shanghai-office-2019.lo.docx')));
  const xml = new TextDecoder().decode(files['word/document.xml']);
  const rnd = lcg(42);
  for (let i = 0; i < count; i++) {
    const out = { ...files, 'word/document.xml': new TextEncoder().encode(vary(xml, /(<w:t(?: [^>]*)?>)(\d+)(<\/w:t>)/g, i, rnd)) };
    writeFileSync(join(sub(dir, i), name('w', i, 'docx')), zipSync(out, { level: 6 }));
  }
}

/**
 * PDF: the two complete LibreOffice prints of the fixtures (Shanghai from its .docx, Pingtan from its
 * HTML: ruled tables, tables across pages), alternating, each copy with its number in a comment after
 * `%%EOF` (its own bytes and sha256; the text of a PDF cannot be varied without rewriting its content
 * streams, so copies of one print read the same organ and cells).
 */
function makePdf(dir, count) {
  const prints = PDF_PRINTS.map((p) => readFileSync(fixture(p)));
  for (let i = 0; i < count; i++) {
    const src = prints[i % prints.length];
    writeFileSync(join(sub(dir, i), name('f', i, 'pdf')), Buffer.concat([src, Buffer.from(`%gia-bench copy ${i}\n`)]));
  }
}
const PDF_PRINTS = ['pdf-lo/shanghai-office-2019.lo.docx.lo.pdf', 'pdf-lo/pingtan-gaj-2022.html.lo.pdf'];

export const FORMATS = {
  text: { make: makeText, ext: 'txt', fixture: 'akqi-2021/akqi-2021.txt' },
  html: { make: makeHtml, ext: 'html', fixture: 'shanghai-office-2019/shanghai-office-2019.html' },
  docx: { make: makeDocx, ext: 'docx', fixture: 'shanghai-office-2019/shanghai-office-2019.lo.docx' },
  pdf: { make: makePdf, ext: 'pdf', fixture: PDF_PRINTS[0], fixtures: PDF_PRINTS },
};

/** Version of a corpus: this generator's source and the fixture it copies. */
function version(format) {
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const f of FORMATS[format].fixtures ?? [FORMATS[format].fixture]) h.update(readFileSync(fixture(f)));
  return h.digest('hex').slice(0, 16);
}

/**
 * Directory holding `count` generated files of `format` under `work` (made, or reused when complete),
 * and the sorted list of its files.
 */
export function corpus(work, format, count) {
  const dir = join(work, `${format}-${count}`);
  const stamp = `${dir}.complete`; // beside the directory: the CLI walks the directory
  const v = version(format);
  const reused = existsSync(stamp) && readFileSync(stamp, 'utf8') === v;
  if (!reused) {
    rmSync(stamp, { force: true });
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    FORMATS[format].make(dir, count);
    writeFileSync(stamp, v);
  }
  const prefix = { text: 'r', html: 'p', docx: 'w', pdf: 'f' }[format];
  const files = Array.from({ length: count }, (_, i) => join(dir, `d${String(i % 20).padStart(2, '0')}`, name(prefix, i, FORMATS[format].ext)));
  return { dir, files, reused };
}
