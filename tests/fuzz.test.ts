// Short fuzz campaign per reader and for the table mapper (the long one: `npm run fuzz -- --runs N`).
// Generators and the property live in bench/fuzz-lib.mjs, shared with the runner.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { campaign, cpuClock, READERS } from '../bench/fuzz-lib.mjs';
import { fuzzApi as api, fuzzSeeds as seeds } from './helpers/fuzz-api.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);

describe('fuzz: a report or one clear GiaError, never another exception or a hang', () => {
  for (const reader of READERS) {
    it(`${reader}: ${RUNS} cases`, async () => {
      const res = await campaign(api, seeds, reader, { runs: RUNS, seed: 20240601, chunk: RUNS, maxMs: 5000, clock: cpuClock }); // CPU time: a loaded machine slows a case without failing it
      expect(res.failures.map((f) => `${f.problem} (seed ${f.seed})`)).toEqual([]);
      expect(res.runs).toBe(RUNS);
    }, 120_000);
  }
});

describe('the long-campaign runner (bench/fuzz.mjs)', () => {
  it('a case that takes the peak memory above the bound fails, names the figure, and ends the campaign for a fresh process', async () => {
    let mb = 100;
    const res = await campaign(api, seeds, 'mapper', { runs: 50, seed: 1, chunk: 50, memoryMb: () => (mb += 100), maxMb: 512 });
    expect(res.memoryExceeded).toBe(true);
    expect(res.failures).toHaveLength(1);
    expect(res.failures[0]!.problem).toBe('peak memory 600 MB (bound 512 MB)');
    expect(res.runs).toBe(4); // 200 before the first case, then 300 … 600: the fourth crossed the bound
    expect(res.peakMb).toBe(600);
  });

  it('--help prints the options and runs nothing; an unknown option is a usage error (exit 2)', async () => {
    const { spawnSync } = await import('node:child_process');
    const fuzz = resolve(__dirname, '../bench/fuzz.mjs');
    const help = spawnSync(process.execPath, [fuzz, '--help'], { encoding: 'utf8', timeout: 20_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run fuzz -- /);
    expect(help.stdout).toMatch(/--max-mb MB/);
    expect(help.stdout).not.toMatch(/^fuzz: \d+ cases per reader/m); // no campaign banner
    const bad = spawnSync(process.execPath, [fuzz, '--runz', '5'], { encoding: 'utf8', timeout: 20_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('fuzz: unknown argument --runz');
  });
});
