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
      if (contents.includes('import.meta.url')) {
        const rel = relative(root, args.path).split('\\').join('/');
        contents = contents.replaceAll('import.meta.url', `__giaDistUrl(${JSON.stringify(rel)})`);
      }
      return { contents, loader: 'js' };
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
    plugins: [metaUrl],
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
  writeFileSync(file, code.replace(/\bimport\((?=")/g, '__giaImport('));
}

// code caches: made after running each bundle once on the fixtures, so the functions a lint or a
// batch job uses are compiled into the cache too (V8 caches what has been compiled so far)
const { loadBundle, cacheFile } = await import(pathToFileURL(join(root, 'bin/_bundle.js')).href);
const io = { stdout: { write: () => true, isTTY: false }, stderr: { write: () => true, isTTY: false }, env: {}, cwd: root };
const fixtures = ['fixtures/akqi-2021/akqi-2021.txt', 'fixtures/shanghai-office-2019/shanghai-office-2019.html'];
{
  const b = loadBundle('cli', { noCache: true });
  for (const f of fixtures) await b.exports.main(['lint', join(root, f)], io);
  write('cli', b.script.createCachedData());
}
{
  const b = loadBundle('worker', { noCache: true });
  for (const f of fixtures) await b.exports.analyzeOne?.(readFileSync(join(root, f)), f, {});
  write('worker', b.script.createCachedData());
}

function write(name, data) {
  const file = cacheFile(name);
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
}
console.log(`bundle: ${readdirSync(out).join(', ')}`);
