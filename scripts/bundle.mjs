// Builds the single-file bundles of the CLI and of its worker (esbuild, from tsc's dist/) and their
// V8 code caches: bin/gia-report.js loads dist/bundle/cli.cjs through vm.Script with the cache, so
// `gia-report lint file` compiles almost nothing at start-up (Node 20 has no module compile cache).
// Run by `npm run build` / `npm install` (prepare) after tsc. Heavy or ESM-only packages (exceljs,
// mammoth, the PDF engine) stay outside the bundle and load from node_modules when a command needs them.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'bundle');
const EXTERNAL = ['exceljs', 'mammoth', '@embedpdf/pdfium', 'pdfjs-dist', 'pdfjs-dist/*'];

// each module's import.meta.url is the URL of its own file (in dist/ or node_modules/: version.ts and
// sarif.ts find package.json from there, batch.ts its worker), not the bundle's
const metaUrl = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      let contents = await readFile(args.path, 'utf8');
      // the tool's name and version, read from package.json at start-up by dist/version.js: inlined
      // (the bundle is rebuilt by every build, and by prepare on install and publish)
      contents = contents.replace(/createRequire\(import\.meta\.url\)\((['"])\.\.\/package\.json\1\)/g, () => {
        const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
        return `(${JSON.stringify({ name, version })})`;
      });
      if (contents.includes('import.meta.url')) {
        const rel = relative(root, args.path).split('\\').join('/');
        contents = contents.replaceAll('import.meta.url', `__giaDistUrl(${JSON.stringify(rel)})`);
      }
      return { contents, loader: 'js' };
    });
  },
};
// Built-in modules the CLI may not need on a given run (a `lint file.txt` never spawns a process, starts
// a worker or inflates a zip): each is a stand-in whose properties load the real module when first
// read, so `node:child_process` (commander imports it for executable subcommands; it pulls in net and
// dgram), `node:fs/promises` (readline and the streams), `node:crypto` (~20 internal modules) and the
// others cost nothing until used. Only modules used as namespaces of functions and constants are
// listed: a class extended or called at module initialisation (events, stream) would load at once.
const LAZY = /^(?:node:)?(child_process|crypto|fs\/promises|os|tty|zlib|worker_threads|v8|readline|perf_hooks)$/;
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: LAZY }, (args) => (args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: LAZY.exec(args.path)[1], namespace: 'lazy-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => {
      const keys = Object.keys(await import(`node:${args.path}`)).filter((k) => k !== 'default');
      return {
        contents: `let m;const load=()=>m||(m=require("node:${args.path}"));for(const k of ${JSON.stringify(keys)})Object.defineProperty(exports,k,{enumerable:true,get:()=>load()[k]});`,
        loader: 'js',
      };
    });
  },
};
// the bundle is dist/bundle/NAME.cjs: the project's root is two levels up
const banner = `"use strict";const __giaDistUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", "..", rel)).href;`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
for (const [name, entry] of [
  ['cli', 'cli/main.js'],
  ['worker', 'cli/worker.js'],
]) {
  await build({
    entryPoints: [join(dist, entry)],
    outfile: join(out, `${name}.cjs`),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    plugins: [lazyBuiltins, metaUrl],
    // the global `performance` is a getter that loads perf_hooks (~20 internal modules); the bundle
    // only ever subtracts two performance.now() readings, which process.hrtime gives as well
    inject: [join(root, 'scripts/bundle-performance.mjs')],
    banner: { js: banner },
    logLevel: 'warning',
    legalComments: 'none',
    // less source to read and hash at start-up; identifiers kept, so --debug stacks stay readable
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // dynamic imports left in the bundle (externals, node: built-ins) go through the loader's import():
  // a vm.Script has no module loader of its own
  const file = join(out, `${name}.cjs`);
  const code = readFileSync(file, 'utf8');
  // ASCII only (bin/_bundle.js reads it as latin1: a one-byte string, no UTF-8 decoding): esbuild
  // escapes strings but keeps non-ASCII characters of regular expressions; \uXXXX means the same
  // code unit there (BMP and surrogate halves alike, with or without the u flag)
  if (/\\[^\x00-\x7f]/.test(code)) throw new Error(`${name}.cjs: a backslash before a non-ASCII character; the ASCII escaping below would change it`);
  const ascii = code.replace(/\bimport\((?=")/g, '__giaImport(').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, ascii);
}

// code caches: made after running each bundle once on the fixtures, so the functions a lint or a
// batch job uses are compiled into the cache too (V8 caches what has been compiled so far)
const { loadBundle, cacheFile } = await import(pathToFileURL(join(root, 'bin/_bundle.js')).href);
const io = { stdout: { write: () => true, isTTY: false }, stderr: { write: () => true, isTTY: false }, env: {}, cwd: root };
// The CLI's cache holds what `lint file.txt` runs, no more: V8 deserialises the whole cache before the
// first line runs, and the HTML and docx readers' functions made it half as large again (742 → 495 KB,
// ~5 % of the start-up's CPU). They compile when first used; a batch's workers have them cached.
const TEXT = 'fixtures/akqi-2021/akqi-2021.txt';
const fixtures = [TEXT, 'fixtures/shanghai-office-2019/shanghai-office-2019.html', 'fixtures/shanghai-office-2019/shanghai-office-2019.lo.docx'];
{
  const b = loadBundle('cli', { noCache: true });
  await b.exports.main(['lint', join(root, TEXT)], io);
  write('cli', b.script.createCachedData());
}
{
  const b = loadBundle('worker', { noCache: true });
  for (const f of fixtures) await b.exports.analyzeOne(readFileSync(join(root, f)), f, {});
  write('worker', b.script.createCachedData());
}

function write(name, data) {
  const file = cacheFile(name);
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
}
console.log(`bundle: ${readdirSync(out).join(', ')}`);
