// Loads a single-file bundle of dist/bundle (scripts/bundle.mjs) through vm.Script with its V8 code
// cache, or returns null when there is none or it is older than tsc's dist/ (then the caller imports
// dist/ as modules: slower to start, same behaviour). CommonJS, like the rest of bin/.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundleFile = (name) => join(__dirname, '..', 'dist', 'bundle', `${name}.cjs`);
const cacheFile = (name) => `${bundleFile(name)}.cache`;

/** { exports, script } of bundle `name`, or null. */
function loadBundle(name, { noCache = false } = {}) {
  const file = bundleFile(name);
  let src;
  try {
    // a bundle older than the module it was built from is stale (dist rebuilt since): not used
    if (statSync(file).mtimeMs < statSync(join(__dirname, '..', 'dist', 'cli', `${name === 'cli' ? 'main' : name}.js`)).mtimeMs) return null;
    src = readFileSync(file, 'latin1'); // scripts/bundle.mjs writes it ASCII-only: latin1 is the fast, exact read
  } catch {
    return null;
  }
  let cachedData;
  if (!noCache) {
    try {
      cachedData = readFileSync(cacheFile(name));
    } catch {
      // no cache: compiled from source
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __giaImport) {${src}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  // the bundle's dynamic imports (scripts/bundle.mjs rewrites them): resolved from here, as from dist/
  const giaImport = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), giaImport);
  return { exports: module.exports, script };
}

exports.loadBundle = loadBundle;
exports.cacheFile = cacheFile;
