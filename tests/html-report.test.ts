// -f html: the page structure (parsed with cheerio/slim) and, in headless Chromium, what a person sees.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio/slim';
import { html } from '../src/formatters/html.js';
import { loadFormatter } from '../src/formatters/index.js';
import type { FileResult, LintedReport } from '../src/types.js';
import { analyzeText, fixturePath, fixtureText } from './helpers/report.js';

function seed(text: string, anchor: string, from: string, to: string): string {
  const i = text.indexOf(anchor);
  const j = text.indexOf(from, i);
  if (i < 0 || j < 0) throw new Error(`seed: ${anchor} not found`);
  return text.slice(0, j) + to + text.slice(j + from.length);
}

/** akqi-2021 with 一、本年新收 自然人 5 → 6 and 行政强制 unreadable (a blank-cell warning). */
async function seeded(): Promise<LintedReport> {
  let t = fixtureText('akqi-2021', 'akqi-2021.txt');
  t = seed(t, '一、本年新收政府信息公开申请数量', '\t5\n', '\t6\n');
  t = seed(t, '行政强制', '\t5\n', '\tabc\n');
  return analyzeText(t, {}, fixturePath('akqi-2021', 'akqi-2021-defect.txt'));
}

const ctx = { locale: 'zh-CN' as const, color: false, cwd: fixturePath(), quiet: false };

async function page(): Promise<{ text: string; report: LintedReport }> {
  const report = await seeded();
  const results: FileResult[] = [report, { path: fixturePath('nope.txt'), fatal: { code: 'E_NOT_FOUND', message: '找不到文件 nope.txt：请检查路径。' } }];
  return { text: html(results, ctx), report };
}

describe('html formatter', () => {
  it('is registered and self-contained (no scripts, no external resources)', async () => {
    expect(await loadFormatter('html')).toBe(html);
    const { text } = await page();
    const $ = load(text);
    expect($('script').length).toBe(0);
    expect($('link').length).toBe(0);
    expect($('style').length).toBe(1);
    expect(text).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect($('meta[charset]').attr('charset')).toBe('utf-8');
  });

  it('summarises files, errors and warnings at the top', async () => {
    const { text, report } = await page();
    const $ = load(text);
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
    expect($('.summary .n-files b').text()).toBe('2');
    expect($('.summary .n-error b').text()).toBe(String(errors));
    expect($('.summary .n-warning b').text()).toBe(String(warnings));
    expect($('.fatal').text()).toContain('nope.txt');
  });

  it('draws the three tables in the official layout', async () => {
    const $ = load((await page()).text);
    const tables = $('section#report-0 table.gia');
    expect(tables.map((_, t) => $(t).attr('data-table')).get()).toEqual(['proactive', 'requests', 'appeals']);
    const req = $('table[data-table="requests"]');
    expect(req.find('th').first().attr('rowspan')).toBe('3');
    expect(req.find('th').first().attr('colspan')).toBe('3');
    expect(req.find('th:contains("申请人情况")').attr('colspan')).toBe('7');
    expect(req.find('th:contains("三、本年度办理结果")').attr('rowspan')).toBe(String(2 + 8 + 3 + 5 + 3 + 1));
    expect(req.find('th:contains("（三）不予公开")').attr('rowspan')).toBe('8');
    const app = $('table[data-table="appeals"]');
    expect(app.find('th:contains("行政诉讼")').attr('colspan')).toBe('10');
    expect(app.find('th:contains("未经复议直接起诉")').attr('colspan')).toBe('5');
    const pro = $('table[data-table="proactive"]');
    expect(pro.find('th.caption').first().text()).toBe('第二十条第（一）项');
    expect(pro.find('td[data-key="proactive.fees.amount"]').text()).toBe('879.127651');
    // A blank cell is drawn empty, not 0.
    expect(pro.find('td[data-key="proactive.coercion.decisions"]').text()).toBe('');
    expect(req.find('td[data-key]').length).toBe(175);
  });

  it('highlights the cells named by diagnostics and lists their messages under the table', async () => {
    const { text, report } = await page();
    const $ = load(text);
    const total = $('td[data-key="requests.received.total"]');
    expect(total.hasClass('cell-error')).toBe(true);
    expect(total.attr('title')).toContain('总计');
    for (const row of ['received', 'carriedOver', 'resultsTotal', 'carriedForward']) {
      expect($(`td[data-key="requests.${row}.natural"]`).hasClass('cell-error'), row).toBe(true);
    }
    expect($('td[data-key="requests.granted.natural"]').hasClass('cell-error')).toBe(false);
    const coercion = report.diagnostics.find((d) => d.table === 'proactive' && d.row === 'coercion')!;
    expect($('td[data-key="proactive.coercion.decisions"]').hasClass(`cell-${coercion.severity}`)).toBe(true);
    const msgs = $('table[data-table="requests"]').next('ul.msgs');
    expect(msgs.find('li').length).toBe(report.diagnostics.filter((d) => d.table === 'requests').length);
    expect(msgs.text()).toContain('GIA302');
    const href = msgs.find('a').first().attr('href')!;
    expect($(href.replace(/\./g, '\\.')).length).toBe(1);
  });

  it('escapes every text it shows', async () => {
    const report = await seeded();
    const evil = { ...report, meta: { ...report.meta, organ: '<script>alert(1)</script>&' } } as LintedReport;
    const text = html([evil], ctx);
    expect(text).not.toContain('<script>alert(1)</script>');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
  });
});

// ----- headless Chromium (Debian's chromium package, driven by playwright-core) -----

const CHROMIUM = '/usr/bin/chromium';
/** Runs in the page: the computed background colour of an element. */
const bgColor = (el: unknown): string =>
  (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor;
const haveChromium = existsSync(CHROMIUM);
const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
if (!haveChromium && !inCI) {
  console.warn(`html-report browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium); it is required when CI is set`);
}

describe.skipIf(!haveChromium && !inCI)('html report in headless Chromium', () => {
  it('shows the highlighted cells; saves a screenshot', { timeout: 60_000 }, async () => {
    // In CI a missing browser fails here instead of being skipped.
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required when CI is set: apt-get install -y chromium`).toBe(true);
    const { chromium } = await import('playwright-core');
    const dir = mkdtempSync(join(tmpdir(), 'gia-html-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, (await page()).text);
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 1000 },
    });
    try {
      const p = await context.newPage();
      const external: string[] = [];
      p.on('request', (r) => {
        if (!r.url().startsWith('file:')) external.push(r.url());
      });
      await p.goto(`file://${file}`);
      const errorCell = p.locator('td.cell-error[data-key="requests.received.total"]');
      await expect(errorCell.isVisible()).resolves.toBe(true);
      const bg = await errorCell.evaluate(bgColor);
      expect(bg).toBe('rgb(255, 199, 206)');
      const warnCell = p.locator('td.cell-warning[data-key="proactive.coercion.decisions"]');
      await expect(warnCell.isVisible()).resolves.toBe(true);
      expect(await warnCell.evaluate(bgColor)).toBe('rgb(255, 230, 153)');
      expect(await p.locator('td.cell-error').count()).toBe(5);
      // Scroll the defect into view, then screenshot the page.
      await p.locator('table[data-table="requests"]').scrollIntoViewIfNeeded();
      const shot = join(dir, 'report.png');
      await p.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
      console.log(`html report screenshot: ${shot}`);
      expect(external).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
