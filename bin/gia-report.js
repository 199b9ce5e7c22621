#!/usr/bin/env node
// Process shell: runs the CLI and sets the exit code. All logic lives in dist/cli/main.js, loaded
// from its single-file bundle with a V8 code cache when it is built (bin/_bundle.js), else as modules.
import { loadBundle } from './_bundle.js';

const bundle = loadBundle('cli');
if (bundle) globalThis.__giaWorkerUrl = new URL('./_worker.js', import.meta.url).href;
const { main } = bundle ? bundle.exports : await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
