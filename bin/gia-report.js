#!/usr/bin/env node
// Process shell: runs the CLI and sets the exit code. All logic lives in dist/cli/main.js, loaded
// from its single-file bundle with a V8 code cache when it is built (bin/_bundle.js), else as modules.
// CommonJS (bin/package.json): an ES module entry would start Node's ESM loader and build the
// `node:fs` facade, which loads fs/promises, readline and the streams — ~15 % of a `lint file.txt`.
'use strict';
const { loadBundle } = require('./_bundle.js');

const bundle = loadBundle('cli');
if (bundle) globalThis.__giaWorkerUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, '_worker.js')).href;
(bundle ? Promise.resolve(bundle.exports) : import('../dist/cli/main.js'))
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
