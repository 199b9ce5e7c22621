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
    // the suspect both findings name (一、本年新收 自然人 6 → 5) is the cell drawn as wrong
    const suspect = $('td[data-key="requests.received.natural"]');
    expect(suspect.hasClass('cell-error')).toBe(true);
    expect(suspect.hasClass('mark-fix')).toBe(true);
    expect(suspect.attr('title')).toContain('现为 6，应为 5');
    const total = $('td[data-key="requests.received.total"]');
    expect(total.hasClass('cell-identity')).toBe(true);
    expect(total.hasClass('mark-fix')).toBe(false);
    expect(total.attr('title')).toContain('勾稽关系不成立');
    for (const row of ['carriedOver', 'resultsTotal', 'carriedForward']) {
      expect($(`td[data-key="requests.${row}.natural"]`).hasClass('cell-identity'), row).toBe(true);
    }
    expect($('td[data-key="requests.granted.natural"]').hasClass('cell-error')).toBe(false);
    // a blank cell (blank-cell finding): the one light blank style, not a warning; its label is not marked
    const coercion = $('td[data-key="proactive.coercion.decisions"]');
    expect(coercion.hasClass('cell-blank')).toBe(true);
    expect(coercion.hasClass('cell-warning')).toBe(false);
    expect(coercion.attr('title')).toContain('空白单元格');
    expect($('th[data-key="proactive.coercion"]').attr('class')).toBe('label');
    const msgs = $('table[data-table="requests"]').next('ol.msgs');
    expect(msgs.find('li').length).toBe(report.diagnostics.filter((d) => d.table === 'requests').length);
    expect(msgs.text()).toContain('GIA302');
    const href = msgs.find('li:contains("GIA302") > a').first().attr('href')!;
    expect(href).toBe('#r0-requests.received.natural'); // the message leads to the cell to correct
    expect($(href.replace(/\./g, '\\.')).length).toBe(1);
  });

  it('予以公开/自然人 4 → 5: marks the suspect the message names, not the totals', async () => {
    const t = seed(fixtureText('akqi-2021', 'akqi-2021.txt'), '（一）予以公开', '\t4\n', '\t5\n');
    const report = await analyzeText(t, {}, fixturePath('akqi-2021', 'akqi-granted.txt'));
    const $ = load(html([report], ctx));
    const suspect = $('td[data-key="requests.granted.natural"]');
    expect(suspect.hasClass('cell-error')).toBe(true);
    expect(suspect.attr('title')).toContain('请更正本格：现为 5，应为 4');
    for (const key of ['requests.granted.total', 'requests.resultsTotal.natural']) {
      const c = $(`td[data-key="${key}"]`);
      expect(c.hasClass('cell-error'), key).toBe(false);
      expect(c.hasClass('cell-identity'), key).toBe(true);
      expect(c.attr('title')).toContain('可能填错的是表三“（一）予以公开”行“自然人”列（现为 5，应为 4）');
    }
    // both messages lead to the suspect, and say where it is in the source
    const items = $('ol.msgs li').filter((_, li) => /GIA30[23]/.test($(li).text()));
    expect(items.length).toBe(2);
    items.each((_, li) => {
      expect($(li).children('a').attr('href')).toBe('#r0-requests.granted.natural');
      expect($(li).text()).toContain('现为 5，应为 4');
    });
    // the explanation is not only a tooltip: the cell shows the numbers of its findings, which the list carries
    const nums = suspect.find('sup.fn a').map((_, a) => $(a).text()).get();
    expect(nums.length).toBe(2);
    for (const n of nums) expect($(`ol.msgs li[value="${n}"]`).text()).toMatch(/GIA30[23]/);
  });

  it('opens a page of several files with an index: file, verdict, counts, link', async () => {
    const { text, report } = await page();
    const $ = load(text);
    const rows = $('table.index tr').slice(1);
    expect(rows.length).toBe(2);
    const first = rows.eq(0).find('td');
    expect(first.eq(0).find('a').attr('href')).toBe('#report-0');
    expect($(first.eq(0).find('a').attr('href')!).length).toBe(1);
    expect(first.eq(0).text()).toContain('akqi-2021-defect.txt');
    expect(first.eq(1).text()).toBe('有错误，需更正');
    expect(first.eq(2).text()).toBe(String(report.diagnostics.filter((d) => d.severity === 'error').length));
    expect(first.eq(3).text()).toBe(String(report.diagnostics.filter((d) => d.severity === 'warning').length));
    expect(rows.eq(1).find('td').eq(1).text()).toBe('无法读取');
    // one file: no index
    expect(load(html([report], ctx))('table.index').length).toBe(0);
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
      const errorCell = p.locator('td.cell-error[data-key="requests.received.natural"]');
      await expect(errorCell.isVisible()).resolves.toBe(true);
      const bg = await errorCell.evaluate(bgColor);
      expect(bg).toBe('rgb(255, 199, 206)');
      const blankCell = p.locator('td.cell-blank[data-key="proactive.coercion.decisions"]');
      await expect(blankCell.isVisible()).resolves.toBe(true);
      expect(await blankCell.evaluate(bgColor)).toBe('rgb(221, 235, 247)');
      expect(await p.locator('td.cell-error').count()).toBe(1); // only the cell to correct
      const identity = p.locator('td.cell-identity[data-key="requests.received.total"]');
      expect(await identity.evaluate(bgColor)).toBe('rgb(253, 238, 240)');
      expect(await p.locator('td.cell-identity').count()).toBe(4);
      // Scroll the defect into view, then screenshot the page.
      await p.locator('table[data-table="requests"]').scrollIntoViewIfNeeded();
      const shot = join(dir, 'report.png');
      await p.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
      console.log(`html report screenshot: ${shot}`);
      expect(external).toEqual([]);
      // in print, the numbers that tie a marked cell to its explanation stay visible (a tooltip does not print)
      await p.emulateMedia({ media: 'print' });
      const fn = p.locator('td[data-key="requests.received.natural"] sup.fn');
      await expect(fn.isVisible()).resolves.toBe(true);
      const n = (await fn.innerText()).split(',')[0]!;
      await expect(p.locator(`ol.msgs li[value="${n}"]`).first().isVisible()).resolves.toBe(true);
      expect(await errorCell.evaluate(bgColor)).toBe('rgb(255, 199, 206)');
      const pdf = join(dir, 'report.pdf');
      await p.pdf({ path: pdf, printBackground: false });
      expect(existsSync(pdf)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
