// Issue 12 class 1: flattened web text, any mix of spacing styles inside one table. Variants derived
// from the real pingtan-gaj-2024 page text: other numbers consistent with the identities, and each
// row's cells written spaced, glued, glued after a space, or with irregular spaces. Whatever the mix,
// a value is the true one or null with a reading finding: never a wrong number, never an error.
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import { GIA_2021 } from '../src/templates/gia-2021.js';
import { GIA_2019 } from '../src/templates/gia-2019.js';
import type { RowDef } from '../src/types.js';
import type { LintedReport } from '../src/types.js';
import { expectedOf, fixtureText, mismatches } from './helpers/report.js';

const SKELETON = fixtureText('pingtan-gaj-2024', 'pingtan-gaj-2024.mixed.txt');
const REQ = GIA_2021.tables.find((t) => t.key === 'requests')!;
const COLS = REQ.columns.map((c) => c.key);

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Values = { requests: Record<string, number[]>; appeals: number[] };

/** Table 三 and 四 values that satisfy every identity: mostly zeros, some small and some large counts. */
function consistent(rand: () => number, rows: RowDef[] = REQ.rows): Values {
  const count = () => {
    const x = rand();
    return x < 0.6 ? 0 : x < 0.85 ? 1 + Math.floor(rand() * 9) : x < 0.97 ? 10 + Math.floor(rand() * 90) : 100 + Math.floor(rand() * 900);
  };
  const withTotal = (parts: number[]) => [...parts, parts.reduce((a, b) => a + b, 0)];
  const results = rows.filter((r) => !['received', 'carriedOver', 'resultsTotal', 'carriedForward'].includes(r.key));
  const req: Record<string, number[]> = {};
  for (const r of results) req[r.key] = withTotal(COLS.slice(0, 6).map(() => (rand() < 0.5 ? 0 : count())));
  const resultsTotal = COLS.map((_, c) => results.reduce((a, r) => a + req[r.key]![c]!, 0));
  const forward = withTotal(COLS.slice(0, 6).map(() => (rand() < 0.7 ? 0 : count())));
  const over = withTotal(COLS.slice(0, 6).map((_, c) => Math.min(rand() < 0.7 ? 0 : count(), resultsTotal[c]! + forward[c]!)));
  req.received = COLS.map((_, c) => resultsTotal[c]! + forward[c]! - over[c]!);
  req.carriedOver = over;
  req.resultsTotal = resultsTotal;
  req.carriedForward = forward;
  const group = () => withTotal([0, 0, 0, 0].map(() => (rand() < 0.6 ? 0 : count())));
  return { requests: req, appeals: [...group(), ...group(), ...group()] };
}

type Style = 'spaced' | 'glued' | 'spaceGlued' | 'irregular' | 'lineGlued' | 'lineSpaced';
const STYLES: Style[] = ['spaced', 'glued', 'spaceGlued', 'irregular', 'lineGlued', 'lineSpaced'];

function render(v: number[], style: Style, rand: () => number): string {
  const s = v.map(String);
  switch (style) {
    case 'spaced':
      return ' ' + s.join(' ') + (rand() < 0.3 ? ' ' : '');
    case 'glued':
      return s.join('');
    case 'spaceGlued':
      return ' ' + s.join('') + (rand() < 0.5 ? ' ' : '');
    case 'lineGlued':
      return '\n' + s.join('') + (rand() < 0.5 ? '\n' : '');
    case 'lineSpaced':
      return '\n' + s.join(' ') + '\n';
    case 'irregular':
      return ' ' + s.map((x, i) => (i === 0 ? x : (rand() < 0.5 ? ' ' : '') + x)).join('');
  }
}

/** Replaces the digits after `label` (searched from `from`) with `run`; returns the text and where to go on. */
function replaceRun(text: string, label: string, from: number, run: string): [string, number] {
  const at = text.indexOf(label, from);
  if (at < 0) throw new Error(`no ${label}`);
  const start = at + label.length;
  let len = /^[\d \n]*/.exec(text.slice(start))![0].length;
  // the numbering of the next label ("…00000002.其他…") stays with it
  if (/^[.．、]/.test(text.slice(start + len)) && /\d$/.test(text.slice(start, start + len))) len--;
  return [text.slice(0, start) + run + text.slice(start + len), start + run.length];
}

function derive(values: Values, styleOf: (row: string) => Style, rand: () => number, skeleton = SKELETON, rows: RowDef[] = REQ.rows): string {
  let text = skeleton;
  let at = text.indexOf('三、收到和处理政府信息公开申请情况');
  for (const r of rows) [text, at] = replaceRun(text, r.label, at, render(values.requests[r.key]!, styleOf(r.key), rand));
  // table 四's one row follows the last 总计 of its header, before section 五
  const head = text.lastIndexOf('总计', text.indexOf('五、存在的主要问题'));
  [text] = replaceRun(text, '总计', head, render(values.appeals, styleOf('cases'), rand));
  return text;
}

function expectedOfValues(v: Values) {
  const requests: Record<string, Record<string, number>> = {};
  for (const [k, row] of Object.entries(v.requests)) requests[k] = Object.fromEntries(COLS.map((c, i) => [c, row[i]!]));
  const cols = GIA_2021.tables.find((t) => t.key === 'appeals')!.rows[0]!.columns;
  return { requests, appeals: { cases: Object.fromEntries(cols.map((c, i) => [c, v.appeals[i]!])) } };
}

async function lint(text: string): Promise<LintedReport> {
  return analyzeBytes(Buffer.from(text, 'utf8'), 'variant.txt');
}

/** Cells read wrong (a number that is not the true one) and cells left null without a reading finding. */
function verdict(r: LintedReport, exp: ReturnType<typeof expectedOfValues>): { wrong: string[]; silentNull: string[]; nulls: number } {
  const wrong: string[] = [];
  const silentNull: string[] = [];
  let nulls = 0;
  for (const [t, rows] of Object.entries(exp)) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [c, v] of Object.entries(cols)) {
        const got = r.tables[t]!.values[row]![c];
        if (got === null) {
          nulls++;
          if (!r.diagnostics.some((d) => ['GIA002', 'GIA206'].includes(d.ruleId) && d.table === t && d.row === row)) silentNull.push(`${t}.${row}.${c}`);
        } else if (got !== v) wrong.push(`${t}.${row}.${c}: ${got} for ${v}`);
      }
    }
  }
  return { wrong, silentNull, nulls };
}

describe.each([
  ['pingtan-2019', 'pingtan-2019.glued.txt'],
  ['pingtan-czj-2021', 'pingtan-czj-2021.glued.txt'],
  ['pingtan-gaj-2022', 'pingtan-gaj-2022.glued.txt'],
  ['pingtan-gaj-2024', 'pingtan-gaj-2024.mixed.txt'],
])('real flattened page %s', (folder, file) => {
  it('reads to its expected values cell by cell, with no error finding and no reading failure', async () => {
    const r = await lint(fixtureText(folder, file));
    expect(mismatches(r, expectedOf(folder))).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    expect(r.diagnostics.filter((d) => ['GIA002', 'GIA105'].includes(d.ruleId)).map((d) => d.message)).toEqual([]);
  });
});

describe('flattened web text (pingtan-gaj-2024.mixed.txt)', () => {
  it('the real page reads to its expected values with no error finding', async () => {
    const r = await lint(SKELETON);
    expect(mismatches(r, expectedOf('pingtan-gaj-2024'))).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    expect(r.diagnostics.filter((d) => ['GIA002', 'GIA105', 'GIA206'].includes(d.ruleId)).map((d) => d.message)).toEqual([]);
  });

  it('the skeleton rebuilt with its own values and styles is the page itself (the deriver is faithful)', async () => {
    const exp = expectedOf('pingtan-gaj-2024') as unknown as { requests: Record<string, Record<string, number>>; appeals: { cases: Record<string, number> } };
    const v: Values = { requests: Object.fromEntries(Object.entries(exp.requests).map(([k, row]) => [k, COLS.map((c) => row[c]!)])), appeals: Object.values(exp.appeals.cases) };
    const text = derive(v, () => 'spaced', rng(1));
    const r = await lint(text);
    expect(mismatches(r, expectedOf('pingtan-gaj-2024'))).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5, 6])('every row spaced, numbers changed (seed %i): exact', async (seed) => {
    const rand = rng(seed);
    const v = consistent(rand);
    const r = await lint(derive(v, () => 'spaced', rand));
    const { wrong, nulls } = verdict(r, expectedOfValues(v));
    expect(wrong).toEqual([]);
    expect(nulls).toBe(0);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    expect(r.tables.requests!.reading).toEqual({ by: 'tokens', confidence: 'exact' });
  });

  it.each(STYLES.filter((s) => s !== 'spaced'))('every row %s: never a wrong number, a null always explained, no error', async (style) => {
    for (let seed = 10; seed < 18; seed++) {
      const rand = rng(seed);
      const v = consistent(rand);
      const text = derive(v, () => style, rand);
      const r = await lint(text);
      const { wrong, silentNull } = verdict(r, expectedOfValues(v));
      expect(wrong, `seed ${seed}`).toEqual([]);
      expect(silentNull, `seed ${seed}`).toEqual([]);
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), `seed ${seed}`).toEqual([]);
    }
  }, 120_000);

  it('spacing styles mixed row by row (24 variants): never a wrong number, no error, most cells read', async () => {
    let cells = 0;
    let read = 0;
    for (let seed = 100; seed < 124; seed++) {
      const rand = rng(seed);
      const v = consistent(rand);
      const styles = new Map<string, Style>();
      const text = derive(v, (row) => {
        if (!styles.has(row)) styles.set(row, STYLES[Math.floor(rand() * STYLES.length)]!);
        return styles.get(row)!;
      }, rand);
      const r = await lint(text);
      const { wrong, silentNull, nulls } = verdict(r, expectedOfValues(v));
      expect(wrong, `seed ${seed}`).toEqual([]);
      expect(silentNull, `seed ${seed}`).toEqual([]);
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), `seed ${seed}`).toEqual([]);
      cells += 175 + 15;
      read += 175 + 15 - nulls;
    }
    // glued rows of large numbers can be undecidable (left null, GIA206); most rows are not
    process.stdout.write(`flattened mixed variants: ${read}/${cells} cells read\n`);
    expect(read / cells).toBeGreaterThan(0.8);
  }, 120_000);
});

describe('flattened web text, 2019 format (pingtan-2019.glued.txt as the skeleton)', () => {
  const skeleton = fixtureText('pingtan-2019', 'pingtan-2019.glued.txt');
  const rows = GIA_2019.tables.find((t) => t.key === 'requests')!.rows;
  it('spacing styles mixed row by row (12 variants): never a wrong number, no error', async () => {
    for (let seed = 200; seed < 212; seed++) {
      const rand = rng(seed);
      const v = consistent(rand, rows);
      const styles = new Map<string, Style>();
      const text = derive(v, (row) => {
        if (!styles.has(row)) styles.set(row, STYLES[Math.floor(rand() * STYLES.length)]!);
        return styles.get(row)!;
      }, rand, skeleton, rows);
      const r = await lint(text);
      expect(r.template.id).toBe('gia-2019');
      const { wrong, silentNull } = verdict(r, expectedOfValues(v));
      expect(wrong, `seed ${seed}`).toEqual([]);
      expect(silentNull, `seed ${seed}`).toEqual([]);
      // table 二 of this page is undecidable glued digits (no identities): warnings, never errors
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), `seed ${seed}`).toEqual([]);
    }
  }, 120_000);
});
