// CSV wide layout: one line per report, one column per cell key in template order; parsed back.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CSV_WIDE_META, CSV_WIDE_READING, csvWideHeader, csvWidePieces, toCsvLong, toCsvWide } from '../src/writers/csv.js';
import { templateKeys, templateValues, unionKeys, valueOfKey } from '../src/layout/keys.js';
import { GIA_2021 } from '../src/templates/gia-2021.js';
import { GIA_2019 } from '../src/templates/gia-2019.js';
import type { LintedReport } from '../src/types.js';
import { analyzeText, expectedCells, expectedOf, fixturePath, fixtureText } from './helpers/report.js';

async function akqi(): Promise<LintedReport> {
  return analyzeText(fixtureText('akqi-2021', 'akqi-2021.txt'), {}, fixturePath('akqi-2021', 'akqi-2021.txt'));
}

describe('csv --layout wide', () => {
  it('has the metadata columns, then every cell key of the template in template order', async () => {
    const csv = toCsvWide([await akqi()]);
    const rows = parse(csv) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.slice(0, CSV_WIDE_META.length)).toEqual(['file', 'organ', 'year', 'template', 'errors', 'warnings']);
    const keys = rows[0]!.slice(CSV_WIDE_META.length, -CSV_WIDE_READING.length);
    expect(keys).toEqual(templateKeys(GIA_2021));
    expect(rows[0]!.slice(-CSV_WIDE_READING.length)).toEqual(['reading.proactive', 'reading.proactive.by', 'reading.requests', 'reading.requests.by', 'reading.appeals', 'reading.appeals.by']);
    expect(keys).toHaveLength(10 + 175 + 15);
    expect(keys.slice(0, 3)).toEqual(['proactive.regulations.issued', 'proactive.regulations.repealed', 'proactive.regulations.inForce']);
    expect(keys).toContain('requests.received.total');
    expect(keys).toContain('requests.denied.stateSecret.natural');
    expect(keys.at(-1)).toBe('appeals.cases.afterReview.total');
  });

  it('values equal the hand-checked expected JSON (blank stays empty)', async () => {
    const r = await akqi();
    const [head, row] = parse(toCsvWide([r]), { cast: false }) as string[][];
    const byKey = Object.fromEntries(head!.map((k, i) => [k, row![i]]));
    expect(byKey.organ).toBe('阿合奇县人民政府');
    expect(byKey.year).toBe('2021');
    expect(byKey.template).toBe('gia-2021');
    expect(byKey.errors).toBe('0');
    const cells = expectedCells(expectedOf('akqi-2021'));
    expect(cells.length).toBe(200);
    for (const [t, rw, c, v] of cells) {
      const got = byKey[`${t}.${rw}.${c}`];
      expect(got, `${t}.${rw}.${c}`).toBe(v === null ? '' : String(v));
    }
    expect(byKey['proactive.fees.amount']).toBe('879.127651');
    // the seed is one cell per line: read by word order, every cell its own
    expect([byKey['reading.requests'], byKey['reading.requests.by']]).toEqual(['exact', 'tokens']);
  });

  it('gives each table\'s reading so a researcher can filter (glued digits split by the identities: inferred)', async () => {
    const r = await analyzeText(fixtureText('pingtan-2019', 'pingtan-2019.glued.txt'));
    const [head, row] = parse(toCsvWide([r]), { cast: false }) as string[][];
    const byKey = Object.fromEntries(head!.map((k, i) => [k, row![i]]));
    expect(r.tables.requests!.reading).toEqual({ by: 'glued-identities', confidence: 'inferred' });
    expect([byKey['reading.requests'], byKey['reading.requests.by']]).toEqual(['inferred', 'glued-identities']);
  });

  it('writes blank cells as empty fields, not 0', async () => {
    const text = fixtureText('akqi-2021', 'akqi-2021.txt').replace(/(行政强制\n)\t5\n/, '$1\tabc\n');
    const r = await analyzeText(text);
    expect(r.tables.proactive!.values.coercion!.decisions).toBeNull();
    const [head, row] = parse(toCsvWide([r])) as string[][];
    expect(row![head!.indexOf('proactive.coercion.decisions')]).toBe('');
  });

  it('one line per report; mixed templates use the union of keys, gia-2021 first', async () => {
    const r21 = await akqi();
    const r19 = { ...r21, template: { ...r21.template, id: 'gia-2019' }, source: { ...r21.source, path: 'other.txt' } } as LintedReport;
    const header = csvWideHeader([r19, r21]);
    expect(header.slice(CSV_WIDE_META.length, -CSV_WIDE_READING.length)).toEqual(unionKeys(['gia-2021', 'gia-2019']));
    const k21 = templateKeys(GIA_2021);
    expect(header.slice(CSV_WIDE_META.length, CSV_WIDE_META.length + k21.length)).toEqual(k21);
    for (const k of templateKeys(GIA_2019)) expect(header).toContain(k);
    const rows = parse(toCsvWide([r19, r21])) as string[][];
    expect(rows).toHaveLength(3);
    // The 2019 row has no value for 2021-only keys such as proactive.regulations.issued.
    expect(rows[1]![header.indexOf('proactive.regulations.issued')]).toBe('');
    expect(rows[2]![header.indexOf('proactive.regulations.issued')]).toBe('0');
  });

  it('quotes by csv-stringify (commas, quotes, newlines in the organ survive) and the BOM is optional', async () => {
    const r = await akqi();
    const odd = { ...r, meta: { ...r.meta, organ: '某县,"人民"\n政府' } } as LintedReport;
    const csv = toCsvWide([odd], { bom: true });
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(toCsvWide([odd]).startsWith('\ufeff')).toBe(false);
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[1]![1]).toBe('某县,"人民"\n政府');
  });

  it('long stays the default layout and is unchanged', async () => {
    const rows = parse(toCsvLong([await akqi()])) as string[][];
    expect(rows[0]).toEqual(['file', 'organ', 'year', 'template', 'table', 'row', 'column', 'row_label', 'column_label', 'value', 'raw']);
    expect(rows).toHaveLength(1 + 200);
  });
});

describe('convert --to csv --layout wide (CLI)', () => {
  it('writes one line per report; long stays the default', async () => {
    const { main } = await import('../src/cli/main.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const sink = join(mkdtempSync(join(tmpdir(), 'gia-csv-')), 'lint.json');
    const run = async (args: string[]): Promise<string> => {
      const out: string[] = [];
      const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => 0 }, env: {}, cwd: fixturePath(), readStdin: async () => Buffer.alloc(0) };
      const file = fixturePath('akqi-2021', 'akqi-2021.txt');
      expect(await main(['convert', file, file, '--to', 'csv', '-f', `json=${sink}`, ...args], io)).toBe(0);
      return out.join('');
    };
    const wide = parse(await run(['--layout', 'wide'])) as string[][];
    expect(wide).toHaveLength(3);
    expect(wide[0]!.slice(CSV_WIDE_META.length, -CSV_WIDE_READING.length)).toEqual(templateKeys(GIA_2021));
    const long = parse(await run([])) as string[][];
    expect(long[0]![4]).toBe('table');
    expect(long).toHaveLength(1 + 2 * 200);
  });
});

describe('csv --layout wide, streamed (combined output)', () => {
  async function text(pieces: AsyncIterable<string>): Promise<{ all: string; count: number }> {
    let all = '';
    let count = 0;
    for await (const p of pieces) {
      all += p;
      count++;
    }
    return { all, count };
  }
  async function* rowsOf(reports: LintedReport[]) {
    for (const r of reports) yield { r, values: templateValues(r) };
  }

  it('templateValues are the values of the template keys, in order', async () => {
    const r = await akqi();
    expect(templateValues(r)).toEqual(templateKeys(GIA_2021).map((k) => valueOfKey(r, k)));
  });

  // 1 500 reports: two pieces (the 1 000-line boundary crossed) at a size a busy machine runs in seconds
  it('csvWidePieces gives the text of toCsvWide, in pieces of 1 000 lines, mixed templates and BOM included', { timeout: 60_000 }, async () => {
    const a = await akqi();
    const b = await analyzeText(fixtureText('shanghai-office-2019', 'shanghai-office-2019.lo.txt'), {}, fixturePath('shanghai-office-2019', 'shanghai-office-2019.lo.txt'));
    expect(b.template.id).toBe('gia-2019');
    const reports = Array.from({ length: 1500 }, (_, i) => (i % 7 === 3 ? b : a));
    for (const bom of [false, true]) {
      const { all, count } = await text(csvWidePieces(['gia-2021', 'gia-2019'], rowsOf(reports), { bom }));
      expect(all).toBe(toCsvWide(reports, { bom }));
      expect(count).toBe(2);
      expect(parse(all, { bom: true })).toHaveLength(1501);
    }
  });

  it('no reports: the header of gia-2021, as toCsvWide([])', async () => {
    const { all } = await text(csvWidePieces([], rowsOf([])));
    expect(all).toBe(toCsvWide([]));
    expect(all.split('\n')[0]!.split(',').slice(CSV_WIDE_META.length, -CSV_WIDE_READING.length)).toEqual(templateKeys(GIA_2021));
  });
});
