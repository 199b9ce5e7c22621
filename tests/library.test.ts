// The library entry point (src/index.ts): analyze, lint and convert without the CLI; the CLI's
// `main` is not part of it. Counts are computed once, on the result, and kept by the run-level step.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import * as api from '../src/index.js';
import { analyze, convert, countSeverities, isFatal, lint } from '../src/index.js';

const fixture = (p: string): Uint8Array => readFileSync(fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url)));

describe('the library entry point', () => {
  it('does not export the CLI', () => {
    expect('main' in api).toBe(false);
    expect(typeof api.analyze).toBe('function');
    expect(typeof api.lint).toBe('function');
    expect(typeof api.convert).toBe('function');
  });

  it('lint: every input in order, an unreadable one as a one-line error, the cross-year findings of the run included', async () => {
    const results = await lint([
      { bytes: fixture('cross-year/akqi-2022.derived.txt'), path: 'akqi-2022.txt' },
      { bytes: new Uint8Array([0, 1, 2, 3, 0, 0, 0, 9]), path: 'noise.bin' },
      { bytes: fixture('cross-year/akqi-2021.txt'), path: 'akqi-2021.txt' },
    ]);
    expect(results.map((r) => (isFatal(r) ? r.path : r.source.path))).toEqual(['akqi-2022.txt', 'noise.bin', 'akqi-2021.txt']);
    const bad = results[1]!;
    expect(isFatal(bad) && bad.fatal.code).toBe('E_BINARY');
    expect(isFatal(bad) && bad.fatal.message).not.toMatch(/\{\w+\}/);
    const r2022 = results[0]!;
    if (isFatal(r2022)) throw new Error('unreadable');
    expect(r2022.diagnostics.filter((d) => d.ruleId === 'GIA402').map((d) => d.column)).toEqual(['natural', 'total']);
    expect(r2022.diagnostics.filter((d) => d.ruleId === 'GIA403').map((d) => d.row)).toEqual(['normativeDocs']);
    // counts on the result, kept up to date when the run-level findings came in
    expect(r2022.counts).toEqual(countSeverities(r2022.diagnostics));
    expect(r2022.counts.warning).toBeGreaterThanOrEqual(2);
  });

  it('lint takes the rule settings of the run-level rules too', async () => {
    const results = await lint(
      [
        { bytes: fixture('cross-year/akqi-2022.derived.txt'), path: 'akqi-2022.txt' },
        { bytes: fixture('cross-year/akqi-2021.txt'), path: 'akqi-2021.txt' },
      ],
      { rules: { 'cross-year-carry': 'off' } },
    );
    const ids = results.flatMap((r) => (isFatal(r) ? [] : r.diagnostics.map((d) => d.ruleId)));
    expect(ids).not.toContain('GIA402');
    expect(ids).toContain('GIA403');
  });

  it('convert: JSON, CSV long and wide, xlsx', async () => {
    const r = await analyze(fixture('akqi-2021/akqi-2021.txt'), 'akqi-2021.txt');
    expect(r.counts).toEqual(countSeverities(r.diagnostics));
    const one = JSON.parse((await convert([r], 'json')) as string) as { template: string; tables: { requests: { values: { received: { total: number } } } } };
    expect(one.template).toBe('gia-2021');
    expect(one.tables.requests.values.received.total).toBe(5);
    const two = JSON.parse((await convert([r, r], 'json')) as string) as unknown[];
    expect(two).toHaveLength(2);
    const long = (await convert([r], 'csv')) as string;
    expect(long.split('\n')[0]).toMatch(/^file,/);
    expect(long).toContain('requests,received,total');
    const wide = ((await convert([r], 'csv-wide')) as string).split('\n');
    expect(wide[0]!.split(',')).toContain('requests.received.total');
    const book = (await convert([r], 'xlsx')) as Uint8Array;
    expect(Object.keys(unzipSync(book))).toContain('xl/workbook.xml');
  });
});
