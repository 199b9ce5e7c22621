// Short fuzz campaign per reader and for the table mapper (the long one: `npm run fuzz -- --runs N`).
// Generators and the property live in bench/fuzz-lib.mjs, shared with the runner.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { campaign, loadSeeds, READERS, type FuzzApi } from '../bench/fuzz-lib.mjs';
import { analyzeBytes } from '../src/engine/analyze.js';
import { GiaError } from '../src/errors.js';
import { fatalText } from '../src/i18n/index.js';
import { formatList } from '../src/readers/index.js';
import { mapTables } from '../src/extract/map.js';
import { TEMPLATES } from '../src/templates/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const api = {
  analyzeBytes,
  GiaError,
  mapTables,
  templates: TEMPLATES,
  // as the CLI renders it (cli/job.ts errorResult)
  fatalMessage: (e: GiaError, locale: 'zh-CN' | 'en') => fatalText(e.code, { formats: formatList(locale), ...e.data }, locale),
} as unknown as FuzzApi;
const seeds = loadSeeds(resolve(__dirname, '..'));

describe('fuzz: a report or one clear GiaError, never another exception or a hang', () => {
  for (const reader of READERS) {
    it(`${reader}: ${RUNS} cases`, async () => {
      const res = await campaign(api, seeds, reader, { runs: RUNS, seed: 20240601, chunk: RUNS, maxMs: 5000 });
      expect(res.failures.map((f) => `${f.problem} (seed ${f.seed})`)).toEqual([]);
      expect(res.runs).toBe(RUNS);
    }, 120_000);
  }
});
