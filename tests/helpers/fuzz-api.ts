// The code under test as the fuzz suites inject it into bench/fuzz-lib.mjs (on src/), and the seeds.
import { resolve } from 'node:path';
import { loadSeeds, type FuzzApi } from '../../bench/fuzz-lib.mjs';
import { analyzeBytes } from '../../src/engine/analyze.js';
import { GiaError } from '../../src/errors.js';
import { fatalText } from '../../src/i18n/index.js';
import { formatList } from '../../src/readers/index.js';
import { mapTables } from '../../src/extract/map.js';
import { TEMPLATES } from '../../src/templates/index.js';

export const fuzzApi = {
  analyzeBytes,
  GiaError,
  mapTables,
  templates: TEMPLATES,
  // as the CLI renders it (cli/job.ts errorResult)
  fatalMessage: (e: GiaError, locale: 'zh-CN' | 'en') => fatalText(e.code, { formats: formatList(locale), ...e.data }, locale),
} as unknown as FuzzApi;

export const fuzzSeeds = loadSeeds(resolve(__dirname, '../..'));
