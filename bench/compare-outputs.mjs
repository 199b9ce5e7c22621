#!/usr/bin/env node
// Byte-identical outputs before and after a change that should not change behaviour (issue 11).
//
//   node bench/compare-outputs.mjs --write before.json            # hash this checkout's outputs
//   node bench/compare-outputs.mjs --check before.json            # hash again and compare
//   node bench/compare-outputs.mjs --bin /other/checkout/bin/gia-report.js --write main.json
//
// Every fixture input (fixtures/**, not the expected values, notes, schemas and the made-up
// template's report) goes through
// lint -f json/sarif/stylish/html (zh-CN and en) and convert --to json, csv long, csv wide and
// xlsx, one input at a time; then all inputs at once (cross-year findings, one wide CSV, one
// summary workbook, one JSON Lines file), and --help. Each output is hashed (SHA-256) with the exit code; an
// xlsx is hashed as the XML of its parts minus docProps/core.xml (creation time), i.e. its cells,
// styles, merges, notes and links. The fixtures are read from this checkout and the commands run
// from its root, so the paths in the outputs are the same whichever build runs them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const bin = resolve(opt('--bin') ?? join(root, 'bin/gia-report.js'));
const writeTo = opt('--write');
const checkAgainst = opt('--check');
if (!writeTo && !checkAgainst) {
  console.error('usage: node bench/compare-outputs.mjs [--bin path/to/bin/gia-report.js] (--write out.json | --check before.json)');
  process.exit(2);
}

const SKIP = /(\.md|\.expected\.json|\.mjs)$/;
function inputs(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === '_make' || name === 'schemas' || name === 'made-up-template') continue;
      out.push(...inputs(p));
    } else if (!SKIP.test(name)) out.push(relative(root, p));
  }
  return out;
}
const files = inputs(join(root, 'fixtures'));

const sha = (b) => createHash('sha256').update(b).digest('hex');
function hashFile(p) {
  if (!existsSync(p)) return 'absent';
  const bytes = readFileSync(p);
  if (!p.endsWith('.xlsx')) return sha(bytes);
  const parts = unzipSync(new Uint8Array(bytes));
  const h = createHash('sha256');
  for (const name of Object.keys(parts).sort()) {
    if (name === 'docProps/core.xml') continue;
    h.update(name + '\0').update(parts[name]).update('\0');
  }
  return 'xlsx:' + h.digest('hex');
}
/** Hashes of every file under dir, by relative path. */
function hashDir(dir) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = hashFile(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function run(argv) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd: root, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', TZ: 'UTC' } });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

/** The run summary's duration and rate vary from run to run: masked. */
const untimed = (s) => s.replace(/用时 [\d.]+ 秒（\d+ 个\/秒）/g, '用时 T').replace(/ in [\d.]+ s \(\d+\/s\)/g, ' in T');
const tmp = mkdtempSync(join(tmpdir(), 'gia-compare-'));
const jobs = [];
/** A command and what to hash after it: its stdout, stderr, exit code and the files it wrote. */
function job(name, argv, outputs = []) {
  jobs.push(async () => {
    const r = await run(argv.map((a) => a.replaceAll('$T', join(tmp, name.replace(/[^\w.-]+/g, '_')))));
    const entry = { code: r.code, stdout: sha(r.stdout), stderr: sha(untimed(r.stderr.toString().replaceAll(tmp, '$TMP'))) };
    for (const o of outputs) {
      const p = o.replaceAll('$T', join(tmp, name.replace(/[^\w.-]+/g, '_')));
      entry[o] = statSync(p, { throwIfNoEntry: false })?.isDirectory() ? hashDir(p) : hashFile(p);
    }
    return [name, entry];
  });
}

for (const f of files) {
  for (const locale of ['zh-CN', 'en']) {
    job(`${f} lint ${locale}`, ['--locale', locale, 'lint', '--no-progress', '--no-color', '-f', 'stylish', '-f', 'json=$T.json', '-f', 'sarif=$T.sarif', '-f', 'html=$T.html', f], [
      '$T.json',
      '$T.sarif',
      '$T.html',
    ]);
  }
  job(`${f} convert json`, ['convert', '--no-progress', '--no-color', '--to', 'json', f]);
  job(`${f} convert csv long`, ['convert', '--no-progress', '--no-color', '--to', 'csv', f]);
  job(`${f} convert csv long en`, ['--locale', 'en', 'convert', '--no-progress', '--no-color', '--to', 'csv', f]);
  job(`${f} convert csv wide`, ['convert', '--no-progress', '--no-color', '--to', 'csv', '--layout', 'wide', f]);
  job(`${f} convert xlsx`, ['convert', '--no-progress', '--no-color', '--to', 'xlsx', '-o', '$T.xlsx', f], ['$T.xlsx']);
}
// all inputs at once: cross-year findings, combined outputs, one output per input
// (fixtures/made-up-template is left out: its report is in a format only its test registers)
const all = readdirSync(join(root, 'fixtures')).sort().filter((d) => d !== 'made-up-template' && statSync(join(root, 'fixtures', d)).isDirectory()).map((d) => `fixtures/${d}`);
job('all lint', ['lint', '--no-progress', '--no-color', '-f', 'stylish', '-f', 'json=$T.json', '-f', 'sarif=$T.sarif', '-f', 'html=$T.html', ...all], ['$T.json', '$T.sarif', '$T.html']);
job('all lint en', ['--locale', 'en', 'lint', '--no-progress', '--no-color', '-f', 'json', ...all]);
job('all convert jsonl', ['convert', '--no-progress', '--no-color', '--to', 'json', '-o', '$T.jsonl', ...all], ['$T.jsonl']);
job('all convert json array', ['convert', '--no-progress', '--no-color', '--to', 'json', '-o', '$T.json', ...all], ['$T.json']);
job('all convert csv long', ['convert', '--no-progress', '--no-color', '--to', 'csv', '-o', '$T.csv', ...all], ['$T.csv']);
job('all convert csv wide', ['convert', '--no-progress', '--no-color', '--to', 'csv', '--layout', 'wide', '--bom', '-o', '$T.csv', ...all], ['$T.csv']);
job('all convert xlsx summary', ['convert', '--no-progress', '--no-color', '--to', 'xlsx', '-o', '$T.xlsx', ...all], ['$T.xlsx']);
job('all convert json dir', ['convert', '--no-progress', '--no-color', '--to', 'json', '-o', '$T.d/', ...all], ['$T.d']);
job('all convert csv dir', ['convert', '--no-progress', '--no-color', '--to', 'csv', '-o', '$T.d/', ...all], ['$T.d']);
job('all convert xlsx dir', ['convert', '--no-progress', '--no-color', '--to', 'xlsx', '-o', '$T.d/', ...all], ['$T.d']);
// the other framings and per-input encodings (stdout JSON Lines, indented array, CSV with BOM and labels, per-input wide CSV and indented JSON)
job('all convert json stdout', ['convert', '--no-progress', '--no-color', '--to', 'json', ...all]);
job('all convert json pretty array', ['convert', '--no-progress', '--no-color', '--to', 'json', '--pretty', '-o', '$T.json', ...all], ['$T.json']);
job('all convert csv long stdout labels bom', ['--locale', 'en', 'convert', '--no-progress', '--no-color', '--to', 'csv', '--bom', '--header', 'labels', ...all]);
job('all convert csv wide stdout labels', ['convert', '--no-progress', '--no-color', '--to', 'csv', '--layout', 'wide', '--header', 'labels', ...all]);
job('all convert csv wide dir', ['convert', '--no-progress', '--no-color', '--to', 'csv', '--layout', 'wide', '--bom', '-o', '$T.d/', ...all], ['$T.d']);
job('all convert json pretty dir', ['convert', '--no-progress', '--no-color', '--to', 'json', '--pretty', '-o', '$T.d/', ...all], ['$T.d']);
job('rules', ['rules']);
job('help', ['--help']);
job('lint help', ['lint', '--help']);
job('convert help', ['convert', '--help']);
job('rules en', ['--locale', 'en', 'rules']);

const results = {};
let next = 0;
const width = Math.max(1, Math.min(2, availableParallelism()));
await Promise.all(
  Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const [name, entry] = await jobs[next++]();
      results[name] = entry;
    }
  }),
);
rmSync(tmp, { recursive: true, force: true });
const sorted = Object.fromEntries(Object.keys(results).sort().map((k) => [k, results[k]]));

if (writeTo) {
  writeFileSync(writeTo, JSON.stringify(sorted, null, 1) + '\n');
  console.log(`${Object.keys(sorted).length} runs over ${files.length} fixture inputs hashed into ${writeTo}`);
}
if (checkAgainst) {
  const before = JSON.parse(readFileSync(checkAgainst, 'utf8'));
  const diffs = [];
  for (const k of new Set([...Object.keys(before), ...Object.keys(sorted)])) {
    const a = JSON.stringify(before[k]);
    const b = JSON.stringify(sorted[k]);
    if (a !== b) diffs.push(`${k}\n  before ${a}\n  after  ${b}`);
  }
  if (diffs.length) {
    console.log(`${diffs.length} of ${Object.keys(sorted).length} runs differ:\n${diffs.join('\n')}`);
    process.exit(1);
  }
  console.log(`identical: ${Object.keys(sorted).length} runs over ${files.length} fixture inputs (stdout, stderr, exit code, every file written)`);
}
