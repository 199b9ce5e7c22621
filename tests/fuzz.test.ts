// Short fuzz campaign per reader and for the table mapper (the long one: `npm run fuzz -- --runs N`).
// Generators and the property live in bench/fuzz-lib.mjs, shared with the runner.
import { describe, expect, it } from 'vitest';
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
