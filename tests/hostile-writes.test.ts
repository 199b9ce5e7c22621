// Writes: only where the user asked (-o, -f name=file), never over an input, never outside the
// output directory whatever the input paths hold (.., absolute paths, symlinks).
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './helpers/cli.js';

const SEED = resolve(__dirname, '../fixtures/akqi-2021/akqi-2021.txt');

const cli = (args: string[], cwd: string) => runCli(args, { cwd });

/** Every file under `dir` (symlinks not followed) with its mtime. */
function snapshot(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(p, statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? -1);
    }
  };
  walk(dir);
  return out;
}

function changed(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([p, m]) => before.get(p) !== m).map(([p]) => p);
}

/** A sandbox: in/ (inputs, one nested), out/, outside/ (must stay untouched). */
function sandbox(): { root: string; input: string; nested: string; out: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'gia-writes-'));
  for (const d of ['in/sub', 'out', 'outside']) mkdirSync(join(root, d), { recursive: true });
  const input = join(root, 'in/report.txt');
  const nested = join(root, 'in/sub/report2.txt');
  copyFileSync(SEED, input);
  copyFileSync(SEED, nested);
  return { root, input, nested, out: join(root, 'out'), outside: join(root, 'outside') };
}

describe('outputs only where asked', () => {
  it('lint and convert without -o write nothing', async () => {
    const s = sandbox();
    const before = snapshot(s.root);
    expect((await cli(['lint', s.input], s.root)).code).toBe(0);
    expect((await cli(['convert', s.input], s.root)).code).toBe(0);
    expect(changed(before, snapshot(s.root))).toEqual([]);
  });

  it('-o DIR with relative, "..", and absolute input paths: everything lands inside DIR', async () => {
    const s = sandbox();
    const before = snapshot(s.root);
    // inputs with "..", absolute and a directory; -o relative to the CLI's cwd
    const args = ['convert', '-o', 'out/', `${s.root}/in/../in/report.txt`, s.nested, `${s.out}/../in/sub/../report.txt`, join(s.root, 'in')];
    const r = await cli(args, s.root);
    expect(r.code, r.err).toBe(0);
    const written = changed(before, snapshot(s.root));
    expect(written.length).toBeGreaterThan(0);
    for (const p of written) expect(p.startsWith(s.out + '/'), p).toBe(true);
  });

  it('-o DIR whose subdirectory is a symlink to outside: nothing is written outside', async () => {
    const s = sandbox();
    symlinkSync(s.outside, join(s.out, 'sub'));
    const before = snapshot(s.root);
    await cli(['convert', '-o', s.out + '/', join(s.root, 'in')], s.root);
    expect(readdirSync(s.outside)).toEqual([]);
    for (const p of changed(before, snapshot(s.root))) expect(p.startsWith(s.out + '/') && !p.startsWith(join(s.out, 'sub')), p).toBe(true);
  });
});

describe('never over an input', () => {
  it('-o naming the input', async () => {
    const s = sandbox();
    const text = readFileSync(s.input, 'utf8');
    const r = await cli(['convert', '-o', s.input, s.input], s.root);
    expect(r.code).toBe(2);
    expect(readFileSync(s.input, 'utf8')).toBe(text);
  });

  it('-o naming a symlink to the input', async () => {
    const s = sandbox();
    const link = join(s.out, 'link.json');
    symlinkSync(s.input, link);
    const text = readFileSync(s.input, 'utf8');
    const r = await cli(['convert', '-o', link, s.input], s.root);
    expect(r.code).toBe(2);
    expect(readFileSync(s.input, 'utf8')).toBe(text);
  });

  it('-f json=<input> (a lint report over an input)', async () => {
    const s = sandbox();
    const text = readFileSync(s.input, 'utf8');
    await cli(['lint', '-f', `json=${s.input}`, s.input], s.root);
    expect(readFileSync(s.input, 'utf8')).toBe(text);
  });

  it('-o DIR equal to the input directory: the .json outputs go beside, the inputs stay', async () => {
    const s = sandbox();
    const text = readFileSync(s.input, 'utf8');
    await cli(['convert', '-o', join(s.root, 'in') + '/', s.input], s.root);
    expect(readFileSync(s.input, 'utf8')).toBe(text);
    expect(existsSync(join(s.root, 'in/report.json'))).toBe(true);
  });
});
