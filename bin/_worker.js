// Entry of a batch worker thread when the CLI runs from its bundle: the worker's bundle with its code
// cache (bin/_bundle.js), else the worker module of dist/.
'use strict';
const { loadBundle } = require('./_bundle.js');

if (!loadBundle('worker')) import('../dist/cli/worker.js');
