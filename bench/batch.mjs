// Kept for old recipes: the batch figures of `npm run bench` alone (whole-run throughput, CPU per
// report and peak RSS for every output). Options as bench/run.mjs, e.g. `node bench/batch.mjs --files 2000`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
if (!args.some((a) => a.startsWith('--only'))) args.push('--only', 'cpu,throughput,memory');
const r = spawnSync(process.execPath, [fileURLToPath(new URL('run.mjs', import.meta.url)), ...args], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
