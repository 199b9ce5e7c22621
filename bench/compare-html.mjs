// Compares what two builds read from HTML: every HTML fixture, variants of them (upper-case tags,
// entities, CRLF, no charset, nesting, unfinished markup, non-UTF-8), the bench page, and fuzz cases
// of bench/fuzz-lib.mjs (fixed seed). For each input the SourceDoc of readBytes and the report of
// analyzeBytes are serialised and compared byte for byte (an error compares by code and message).
// Usage: node bench/compare-html.mjs REF_DIST [fuzz cases, default 2000]
//   REF_DIST: the dist/ of the reference build (e.g. a copy of main's dist/ made before a change).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { arbitraryFor, loadSeeds } from './fuzz-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const refDir = process.argv[2];
if (!refDir) {
  console.error('usage: node bench/compare-html.mjs REF_DIST [fuzzCases]');
  process.exit(2);
}
const runs = Number(process.argv[3] ?? 2000);
const load = async (dist) => ({
  read: (await import(pathToFileURL(join(dist, 'readers/index.js')).href)).readBytes,
  analyze: (await import(pathToFileURL(join(dist, 'engine/analyze.js')).href)).analyzeBytes,
});
const ref = await load(refDir);
const cur = await load(join(root, 'dist'));
const templates = (await import(pathToFileURL(join(root, 'dist/templates/index.js')).href));

const enc = (s) => new Uint8Array(Buffer.from(s, 'utf8'));
const cases = [];
function walk(d) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.x?html?$/i.test(n)) cases.push({ name: p.slice(root.length + 1), bytes: new Uint8Array(readFileSync(p)) });
  }
}
walk(join(root, 'fixtures'));
const fixtures = cases.length;

// variants of each fixture
for (const c of cases.slice(0, fixtures)) {
  const s = Buffer.from(c.bytes).toString('utf8');
  if (s.includes('\ufffd')) continue; // not UTF-8 (gb2312 fixtures): used as they are
  const v = (tag, t) => cases.push({ name: `${c.name}#${tag}`, bytes: enc(t) });
  v('upper', s.replace(/<(\/?)([a-z][a-z0-9]*)/g, (m, sl, t) => `<${sl}${t.toUpperCase()}`));
  v('crlf', s.replace(/\n/g, '\r\n'));
  v('nocharset', s.replace(/<meta[^>]*charset[^>]*>/gi, ''));
  v('entities', s.replace(/一/g, '&#19968;').replace(/二/g, '&#x4e8c;').replace(/ /g, '&nbsp;').replace(/总/g, '&amp;总'));
  v('entities-bare', s.replace(/（/g, '&lt').replace(/）/g, '&gt x &copy &notin; &#; &#x; &#1114112; &#0;'));
  v('gbk', s);
  cases.push({ name: `${c.name}#gb18030`, bytes: new Uint8Array(iconv.encode(s.replace(/charset=["']?utf-8/i, 'charset=gb18030'), 'gb18030')) });
  v('truncated', s.slice(0, Math.floor(s.length * 0.6)) + '<td rowspan="2');
  v('unclosed', s.replace(/<\/(td|tr|p|div|span)>/g, ''));
  v('nested', s.replace(/<td([^>]*)>/, '<td$1><table><tr><td>内</td><td>1</td></tr></table>'));
  v('comments', s.replace(/<td>/g, '<td><!-- c --><?pi x?>').replace(/<\/p>/g, '<![CDATA[x]]></p>'));
  v('nul', s.replace(/<body>/, '<body>\u0000'));
  v('spans', s.replace(/<td/g, (m, at) => (at % 3 === 0 ? '<td rowspan="&#50;" colspan="1;"' : m)));
  v('links', s.replace(/<p([^>]*)>/g, '<p$1><a href="#">链接</a>'));
  v('skipped', s.replace(/<p([^>]*)>/g, '<p$1><script>var x="<td>1</td>";</script><style>p{}</style><noscript>n</noscript>'));
}
// deep and odd structures
for (const tag of ['div', 'span', 'table', 'td', 'tr', 'b', 'p', 'li']) cases.push({ name: `deep-${tag}`, bytes: enc(`<html><body>${`<${tag}>`.repeat(1500)}总计 1</body></html>`) });
cases.push({ name: 'text-only', bytes: enc('一、总体情况\n\n收到申请 12 件') });
cases.push({ name: 'stray-closes', bytes: enc('</p></div></td><p>a</p></br></br>b</p>') });
cases.push({ name: 'table-odd', bytes: enc('<table><caption>表</caption><div>x<table><tr><td>in</td></tr></table></div><tr>t<span>s</span><td>1</td>x<td>2</td></tr><form><tr><td>3</td></tr></form></table>') });

// the bench page (bench/readers.mjs), with its display:none padding visible (hidden elements are skipped now)
{
  const page = readFileSync(join(root, 'fixtures/html-webpage/shanghai-office-2019.page.html'), 'utf8');
  const menu = (i) => `<div class="menu" id="m${i}"><ul>${Array.from({ length: 12 }, (_, k) => `<li class="item"><a href="/channel/${i}/${k}.html" target="_blank" title="栏目${i}-${k}">政务公开栏目 ${i}-${k}</a></li>`).join('')}</ul></div>\n`;
  let pad = '';
  for (let i = 0; Buffer.byteLength(page + pad) < 110 * 1024; i++) pad += menu(i) + `<script>var c${i}=1;</script><style>.m${i}{}</style>\n`;
  cases.push({ name: 'bench-page', bytes: enc(page.replace('<div class="footer">', `${pad}<div class="footer">`)) });
}

// fuzz cases
const seeds = loadSeeds(root);
const arb = arbitraryFor('html', seeds, { templates: templates.TEMPLATES });
for (const c of fc.sample(arb, { seed: 1601, numRuns: runs })) cases.push({ name: `fuzz:${c.name}`, bytes: c.bytes });

// the limits checked while reading (issue 15), each at values around what the inputs hold: the same
// input must stop with the same E_TOO_LARGE (or read the same) in both builds
const limited = [];
{
  const some = cases.filter((c) => !c.name.startsWith('deep-')).slice(0, fixtures).concat(cases.filter((c) => c.name === 'bench-page' || c.name.endsWith('#nested') || c.name.endsWith('#links')));
  const values = {
    maxElements: [50, 300, 1000, 3000],
    maxParagraphs: [3, 20, 60, 150],
    maxTextChars: [100, 2000, 8000, 20000, 40000],
    maxCells: [10, 100, 300, 500],
    maxTables: [1, 2, 4],
    maxDepth: [3, 6, 10],
  };
  for (const c of some) for (const [k, vs] of Object.entries(values)) for (const v of vs) limited.push({ name: `${c.name} ${k}=${v}`, bytes: c.bytes, limits: { [k]: v } });
}

const show = async (f) => {
  try {
    return JSON.stringify(await f());
  } catch (e) {
    return `ERROR ${e?.code ?? ''} ${e?.message ?? e}`;
  }
};
let same = 0;
const diffs = [];
for (const c of cases) {
  const path = c.name.replace(/^.*\//, '').replace(/[#:]/g, '_');
  const p = /\.x?html?$/.test(path) ? path : `${path}.html`;
  const a = (await show(() => ref.read(c.bytes, p))) + (await show(() => ref.analyze(c.bytes, p)));
  const b = (await show(() => cur.read(c.bytes, p))) + (await show(() => cur.analyze(c.bytes, p)));
  if (a === b) same++;
  else diffs.push({ name: c.name, a, b });
}
const readLimited = (api, c) => import(pathToFileURL(join(api, 'readers/html.js')).href).then((m) => m.readHtml(c.bytes, { path: 'x.html', sha256: '0', bytes: c.bytes.length }, c.limits));
let sameLimited = 0;
for (const c of limited) {
  const a = await show(() => readLimited(refDir, c));
  const b = await show(() => readLimited(join(root, 'dist'), c));
  if (a === b) sameLimited++;
  else diffs.push({ name: c.name, a, b });
}
console.log(`${cases.length} inputs (${fixtures} fixtures) and ${limited.length} reads with small limits: ${same + sameLimited} identical, ${diffs.length} different`);
for (const d of diffs.slice(0, 10)) {
  let i = 0;
  while (i < d.a.length && d.a[i] === d.b[i]) i++;
  console.log(`- ${d.name}: at ${i}\n  ref: ${d.a.slice(Math.max(0, i - 80), i + 120)}\n  new: ${d.b.slice(Math.max(0, i - 80), i + 120)}`);
}
process.exitCode = diffs.length ? 1 : 0;
