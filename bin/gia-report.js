#!/usr/bin/env node
// Process shell: runs the CLI and sets the exit code. All logic lives in dist/cli/main.js.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
