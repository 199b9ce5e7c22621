// Inputs for batches driven by other engines (GNU parallel, xargs, Spark's RDD.pipe): --files-from
// FILE|- (one path per line, NUL-separated with -0) and a deterministic --shard K/N.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { fixtureBytes } from './helpers/report.js';

const SEED = Buffer.from(fixtureBytes('akqi-2021/akqi-2021.txt')).toString('utf8');

function corpus(n: number): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'gia-files-from-'));
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = join(dir, `r${i}.txt`);
    writeFileSync(p, SEED.replace(/阿合奇县/g, `测试${i}县`));
    paths.push(p);
  }
  return { dir, paths };
}

/** The `file` of each JSON Lines record on stdout. */
const filesOf = (out: string): string[] =>
  out
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { source: { path: string } }).source.path);

describe('--files-from and -0', () => {
  it('a list file (one path per line, CRLF and blank lines allowed) gives what the paths named give', async () => {
    const { dir, paths } = corpus(4);
    const list = join(dir, 'list.txt');
    writeFileSync(list, `${paths[0]}\r\n${paths[1]}\n\n${paths[2]}\n`);
    const a = await runCli(['convert', '--files-from', list, paths[3]!, '--jobs', '1']);
    const b = await runCli(['convert', paths[3]!, paths[0]!, paths[1]!, paths[2]!, '--jobs', '1']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(filesOf(a.out).length).toBe(4);
  });

  it('- reads the list from stdin; -0 splits it on NUL bytes (names with spaces and newlines)', async () => {
    const { dir } = corpus(0);
    const odd = join(dir, 'a b\nc.txt');
    writeFileSync(odd, SEED);
    const plain = join(dir, 'plain.txt');
    writeFileSync(plain, SEED.replace(/阿合奇县/g, '测试县'));
    const r = await runCli(['convert', '--files-from', '-', '-0', '--jobs', '1'], { stdin: `${odd}\0${plain}\0` });
    expect(r.code).toBe(0);
    expect(filesOf(r.out).length).toBe(2);
    expect(r.out).toContain(JSON.stringify(odd).slice(1, -1));
  });

  it('--files-from - with - as an input is a usage error; no input at all says which is missing', async () => {
    const r = await runCli(['--locale', 'en', 'convert', '--files-from', '-', '-'], { stdin: '' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--files-from - and - as an input both read stdin/);
    const none = await runCli(['--locale', 'en', 'lint']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no report given/);
  });
});

describe('--shard K/N', () => {
  it('shards partition the sorted input list, the same whatever the order of the arguments', async () => {
    const { paths } = corpus(7);
    const shuffled = [paths[4]!, paths[1]!, paths[6]!, paths[0]!, paths[3]!, paths[5]!, paths[2]!];
    const sorted = [...paths].sort();
    const got: string[][] = [];
    for (const k of [1, 2, 3]) {
      const a = await runCli(['convert', ...paths, '--shard', `${k}/3`, '--jobs', '1']);
      const b = await runCli(['convert', ...shuffled, '--shard', `${k}/3`, '--jobs', '1']);
      expect(a.code).toBe(0);
      expect(new Set(filesOf(b.out))).toEqual(new Set(filesOf(a.out)));
      got.push(filesOf(a.out));
    }
    expect(got.flat().sort()).toEqual(sorted);
    expect(got[0]).toEqual([sorted[0], sorted[3], sorted[6]]);
    expect(got[1]).toEqual([sorted[1], sorted[4]]);
  });

  it('a bad shard is a usage error', async () => {
    for (const s of ['0/3', '4/3', '1/0', 'a/b', '1']) {
      const r = await runCli(['--locale', 'en', 'lint', SEED.length ? 'x.txt' : '', '--shard', s]);
      expect(r.code, s).toBe(2);
      expect(r.err, s).toMatch(/--shard/);
    }
  });
});
