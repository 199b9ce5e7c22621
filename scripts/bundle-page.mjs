// Builds the offline page, dist/page/gia-report.html: one self-contained HTML file (its script and
// style inline, guarded by a Content-Security-Policy of `default-src 'none'` plus their hashes) that
// lints reports in the browser with the same src/ as the CLI. Run by `npm run build` after tsc
// (the style sheet of the HTML lint report is read from dist/formatters/html.js).
//
// The pure core reads bytes; only its edges touch Node, and the page swaps them for browser
// stand-ins (src/page/edge/): node:zlib → fflate, node:buffer and the global Buffer → the `buffer`
// package, node:crypto's sha256 → @noble/hashes, node:path and node:module → the few calls the core
// makes, node:stream → a class the page never constructs, the PDF reader → a stand-in saying PDF needs the command line (PDFium's 7 MB of WebAssembly
// do not fit the page's 2 MB). Any other Node module reaching the page fails the build.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const edge = join(src, 'page', 'edge');
const outDir = join(root, 'dist', 'page');
const outFile = join(outDir, 'gia-report.html');
/** The budget of the issue (17): 2 MB without PDF. */
const MAX_BYTES = 2 * 1024 * 1024;

const EDGES = {
  'node:zlib': 'zlib.ts',
  'node:buffer': 'buffer.ts',
  'node:crypto': 'crypto.ts',
  'node:path': 'path.ts',
  'node:module': 'module.ts',
  'node:stream': 'stream.ts',
};

const edges = {
  name: 'page-edges',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => {
      const file = EDGES[args.path];
      if (file) return { path: join(edge, file) };
      return { errors: [{ text: `${args.path} (imported by ${args.importer.slice(root.length + 1)}) has no browser stand-in: it must not reach the page` }] };
    });
    // the PDF reader's engine stays out of the page: its entry is replaced by the stand-in
    b.onLoad({ filter: /[\\/]src[\\/]readers[\\/]pdf[\\/]index\.ts$/ }, () => ({ contents: readFileSync(join(edge, 'pdf.ts'), 'utf8'), loader: 'ts', resolveDir: join(src, 'readers', 'pdf') }));
  },
};

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const result = await build({
  entryPoints: [join(src, 'page', 'main.ts')],
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'iife',
  // regular expressions with lookbehind (src/extract) need Safari 16.4
  target: ['chrome100', 'edge100', 'firefox100', 'safari16.4'],
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  plugins: [edges],
  inject: [join(edge, 'buffer.ts')],
  // exceljs's browser build without its polyfills (the target browsers have what they add)
  alias: { exceljs: 'exceljs/dist/exceljs.bare.min.js' },
  define: {
    __GIA_PACKAGE__: JSON.stringify({ name: pkg.name, version: pkg.version }),
    'import.meta.url': '"about:blank"',
    'process.env.NODE_ENV': '"production"',
    global: 'globalThis',
  },
  metafile: true,
});
// The script sits inside <script>: nothing in it may close the element (esbuild escapes "</script"
// in strings) or open an HTML comment, after which a "<script" would hide the real end tag. esbuild
// never prints "<!--" as code, so it is in a string, a template or a regular expression, where
// "\x3c" is the same "<".
const js = result.outputFiles[0].text.replaceAll('<!--', '\\x3c!--');
for (const bad of [/<\/script/i, /<!--/]) if (bad.test(js)) throw new Error(`page bundle contains ${bad}: it would break the inline <script>`);

const { CSS: reportCss } = await import(pathToFileURL(join(root, 'dist', 'formatters', 'html.js')).href);
const { zhCN } = await import(pathToFileURL(join(root, 'dist', 'i18n', 'zh-CN.js')).href);
const css = `${reportCss}\n${readFileSync(join(src, 'page', 'page.css'), 'utf8')}`;
if (/<\/style/i.test(css)) throw new Error('page style contains </style');

const hash = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
// nothing may be fetched: no connect-src, font-src, frame-src...; images only as data: / blob: (none are used now)
const csp = [`default-src 'none'`, `script-src ${hash(js)}`, `style-src ${hash(css)}`, `img-src data: blob:`, `base-uri 'none'`, `form-action 'none'`].join('; ');
const escAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const fill = { CSP: escAttr(csp), GENERATOR: escAttr(`${pkg.name} ${pkg.version}`), TITLE: escAttr(zhCN.page.title), NOSCRIPT: escAttr(zhCN.page.noscript), CSS: css, JS: js };
const shell = readFileSync(join(src, 'page', 'shell.html'), 'utf8');
// filled in one pass, so a placeholder-like text inside the script is left alone
const page = shell.replace(/\{\{(\w+)\}\}/g, (m, k) => (k in fill ? fill[k] : m));
const bytes = Buffer.byteLength(page);
if (bytes > MAX_BYTES) throw new Error(`offline page: ${bytes} bytes, over the ${MAX_BYTES}-byte budget`);

mkdirSync(outDir, { recursive: true });
writeFileSync(`${outFile}.tmp`, page);
renameSync(`${outFile}.tmp`, outFile);
if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  console.log(await analyzeMetafile(result.metafile, { verbose: false }));
}
console.log(`page: dist/page/gia-report.html, ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes; budget ${MAX_BYTES / 1024 / 1024} MB)`);
