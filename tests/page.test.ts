// The offline page (issue 17): dist/page/gia-report.html, built by `npm run build` from the same src/
// as the CLI. (1) The file itself: self-contained, its CSP, its size. (2) The page's own script, run
// in a bare JavaScript context (no Node globals: what a browser has), gives every fixture the same
// findings as `gia-report lint -f json`. (3) `gia-report page -o`. (4) In headless Chromium from
// file:// with the network cut: a docx with a seeded wrong cell → the finding, the marked cell and
// its note, the verdict, the downloads (the xlsx read back with exceljs), English, print, 200 % zoom.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import vm from 'node:vm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type ExcelJS from 'exceljs';
import type { FileResult, Locale } from '../src/types.js';
import { SCHEMA_VERSION } from '../src/version.js';
import { messages } from '../src/i18n/index.js';
import { WRITERS } from '../src/writers/index.js';
import { runCli } from './helpers/cli.js';
import { FIXTURES, fixturePath } from './helpers/report.js';

const ROOT = join(FIXTURES, '..');
const PAGE = join(ROOT, 'dist', 'page', 'gia-report.html');

function pageHtml(): string {
  expect(existsSync(PAGE), `${PAGE} is made by npm run build`).toBe(true);
  return readFileSync(PAGE, 'utf8');
}

function inline(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

interface PageApi {
  lintFiles(files: { name: string; bytes: Uint8Array }[], locale: Locale): Promise<FileResult[]>;
  lintJson(results: FileResult[], locale: Locale): string;
  download(name: string, reports: FileResult[], locale: Locale): Promise<string | Uint8Array>;
  downloadFormats(): { name: string; ext: string; binary: boolean }[];
  tool: { name: string; version: string };
}

/** The page's script in a fresh context with only what a browser page also has (no require, process, Buffer). */
function loadPage(): { api: PageApi; bytes: (b: Uint8Array) => Uint8Array; globals: string[] } {
  const [js] = inline(pageHtml(), 'script');
  const ctx = vm.createContext({ TextDecoder, TextEncoder, setTimeout, clearTimeout, queueMicrotask, console });
  vm.runInContext(js!, ctx);
  // bytes made in the page's realm: its `instanceof Uint8Array` checks see them as their own
  const make = vm.runInContext('(n) => new Uint8Array(n)', ctx) as (n: number) => Uint8Array;
  const globals = vm.runInContext('Object.keys(globalThis)', ctx) as string[];
  return {
    api: (ctx as unknown as { giaPage: PageApi }).giaPage,
    bytes: (b) => {
      const u = make(b.length);
      u.set(b);
      return u;
    },
    globals,
  };
}

/** Every fixture a user could give the tool (the schemas and the fixture-making scripts are not inputs). */
function fixtureInputs(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'schemas') walk(p);
      } else if (/\.(txt|html?|docx|pdf)$/i.test(name)) out.push(p);
    }
  };
  walk(FIXTURES);
  return out;
}

/** akqi-style seeding in a real Word document: shanghai-office-2019's 一、本年新收 自然人 821 → 822. */
function seededDocx(): Uint8Array {
  const z = unzipSync(readFileSync(fixturePath('shanghai-office-2019', 'shanghai-office-2019.lo.docx')));
  const xml = strFromU8(z['word/document.xml']!);
  expect(xml.split('<w:t>821</w:t>')).toHaveLength(2);
  z['word/document.xml'] = strToU8(xml.replace('<w:t>821</w:t>', '<w:t>822</w:t>'));
  return zipSync(z);
}

describe('the offline page file', () => {
  it('is one self-contained file under 2 MB, its script and style allowed by hash under default-src none', () => {
    const html = pageHtml();
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;|&apos;/g, "'");
    expect(csp).toBeDefined();
    const directives = Object.fromEntries(csp!.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    const sha = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
    const scripts = inline(html, 'script');
    const styles = inline(html, 'style');
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(directives['script-src']).toEqual([sha(scripts[0]!)]);
    expect(directives['style-src']).toEqual([sha(styles[0]!)]);
    for (const d of ['connect-src', 'font-src', 'frame-src', 'worker-src', 'media-src', 'object-src']) expect(directives[d]).toBeUndefined();
    expect(html).not.toMatch(/\s(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<(?:link|iframe|object|embed|img)\b/i);
    // nothing of Node left in the script; the PDF engine is not in it
    expect(scripts[0]).not.toMatch(/require\(["']node:|pdfium\.wasm|wasmBinary/);
    expect(html).toMatch(/<html lang="zh-CN" data-gia-locale="zh-CN">/);
  });

  it('the README says its size', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const said = /\*\*(\d+\.\d\d) MB\*\* \(budget 2 MB/.exec(readme);
    expect(said, 'README: "**N.NN MB** (budget 2 MB" in the offline page section').not.toBeNull();
    expect(Math.abs(Number(said![1]) - Buffer.byteLength(pageHtml()) / 1024 / 1024)).toBeLessThanOrEqual(0.05);
  });

  it('runs without Node: the engine is there, in a context with a browser page\'s globals only', () => {
    const { api, globals } = loadPage();
    expect(Object.keys(api).sort()).toEqual(['download', 'downloadFormats', 'lintFiles', 'lintJson', 'tool']);
    // a download button for every writer of the registry
    expect(api.downloadFormats().map((f) => f.name)).toEqual(WRITERS.map((w) => w.name));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(api.tool).toEqual({ name: pkg.name, version: pkg.version });
    expect(globals).not.toContain('Buffer');
    expect(globals).not.toContain('process');
  });
});

describe('the page and the CLI give the same findings', () => {
  const page = loadPage();
  const inputs = fixtureInputs();

  it('covers the fixtures of every format', () => {
    const exts = new Set(inputs.map((p) => p.replace(/^.*\./, '').toLowerCase()));
    expect([...exts].sort()).toEqual(['docx', 'html', 'pdf', 'txt']);
    expect(inputs.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of inputs.filter((p) => !p.endsWith('.pdf'))) {
    const name = basename(file);
    it(`${relative(FIXTURES, file)}: lint -f json (zh-CN)`, { timeout: 120_000 }, async () => {
      // the CLI reads the path it is given; -f json names the file relative to cwd: the bare name, as in the page
      const cli = await runCli(['lint', file, '-f', 'json'], { cwd: dirname(file) });
      const results = await page.api.lintFiles([{ name, bytes: page.bytes(readFileSync(file)) }], 'zh-CN');
      // messages of unreadable files name the path the CLI was given: the page knows the name only
      expect(page.api.lintJson(results, 'zh-CN')).toBe(cli.out.split(file).join(name));
    });
  }

  it('English too, and several files at once (the cross-year checks between them)', { timeout: 120_000 }, async () => {
    const dir = fixturePath('cross-year');
    const names = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
    expect(names.length).toBeGreaterThanOrEqual(2);
    const cli = await runCli(['--locale', 'en', 'lint', ...names.map((n) => join(dir, n)), '-f', 'json', '--jobs', '1'], { cwd: dir });
    const results = await page.api.lintFiles(
      names.map((n) => ({ name: n, bytes: page.bytes(readFileSync(join(dir, n))) })),
      'en',
    );
    const out = page.api.lintJson(results, 'en');
    expect(out).toBe(names.reduce((t, n) => t.split(join(dir, n)).join(n), cli.out));
    expect(out).toMatch(/GIA40[23]/); // the pair is compared
  });

  it('a PDF: the page says to use the command line (its engine is not in the page)', async () => {
    const pdfs = inputs.filter((p) => p.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
    for (const locale of ['zh-CN', 'en'] as const) {
      const results = await page.api.lintFiles(
        pdfs.map((p) => ({ name: basename(p), bytes: page.bytes(readFileSync(p)) })),
        locale,
      );
      for (const [i, r] of results.entries()) {
        expect(r).toMatchObject({ path: basename(pdfs[i]!), fatal: { code: 'E_PDF_CLI' } });
        expect((r as { fatal: { message: string } }).fatal.message).toContain(`gia-report lint "${basename(pdfs[i]!)}"`);
      }
    }
  });

  it('its JSON and CSV downloads are the files convert writes, for one report and for several', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-page-dl-'));
    const inputs = [fixturePath('akqi-2021', 'akqi-2021.txt'), fixturePath('shanghai-office-2019', 'shanghai-office-2019.lo.docx')];
    const results = await page.api.lintFiles(
      inputs.map((p) => ({ name: basename(p), bytes: page.bytes(readFileSync(p)) })),
      'zh-CN',
    );
    const named = (t: string): string => inputs.reduce((x, p) => x.split(p).join(basename(p)), t);
    for (const [to, flag] of [['json', '--pretty'], ['csv', '--bom']] as const) {
      const one = await runCli(['convert', inputs[1]!, '--to', to, flag], { cwd: dir });
      expect(await page.api.download(to, [results[1]!], 'zh-CN'), to).toBe(named(one.out));
      const all = await runCli(['convert', ...inputs, '-o', `all.${to}`, flag, '--jobs', '1'], { cwd: dir });
      expect(all.code).toBe(0);
      expect(await page.api.download(to, results, 'zh-CN'), `${to} of two`).toBe(named(readFileSync(join(dir, `all.${to}`), 'utf8')));
    }
  });

  it('the schema version of its JSON is the CLI\'s', async () => {
    const results = await page.api.lintFiles([{ name: 'a.txt', bytes: page.bytes(readFileSync(fixturePath('akqi-2021', 'akqi-2021.txt'))) }], 'zh-CN');
    expect(JSON.parse(page.api.lintJson(results, 'zh-CN')).schemaVersion).toBe(SCHEMA_VERSION);
  });
});

describe('gia-report page', () => {
  it('writes the shipped page (-o, atomically), in English with --locale en, to stdout with -o -', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-page-cli-'));
    const r = await runCli(['page', '-o', 'out/x.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^已写入离线检查页面 out\/x\.html（\d+\.\d MB）/);
    expect(readFileSync(join(dir, 'out', 'x.html'), 'utf8')).toBe(pageHtml());
    expect(readdirSync(join(dir, 'out'))).toEqual(['x.html']); // no temporary left
    const en = await runCli(['--locale', 'en', 'page', '-o', 'en.html'], { cwd: dir });
    expect(en.code).toBe(0);
    expect(en.err).toMatch(/^Wrote the offline page en\.html/);
    const enHtml = readFileSync(join(dir, 'en.html'), 'utf8');
    expect(enHtml).toMatch(/<html lang="en" data-gia-locale="en">/);
    expect(enHtml.replace('<html lang="en" data-gia-locale="en">', '<html lang="zh-CN" data-gia-locale="zh-CN">')).toBe(pageHtml());
    const def = await runCli(['page'], { cwd: dir });
    expect(def.code).toBe(0);
    expect(existsSync(join(dir, 'gia-report.html'))).toBe(true);
    const std = await runCli(['page', '-o', '-'], { cwd: dir });
    expect(std.out).toBe(pageHtml());
  });

  it('bin/gia-report.js (the bundled CLI) finds the shipped page too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-page-bin-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'gia-report.js'), 'page', '-o', 'p.html'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'p.html'), 'utf8')).toBe(pageHtml());
  });

  it('bad flags: one line, exit 2', async () => {
    const r = await runCli(['page', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('--bogus');
    const w = await runCli(['page', '-o', join(fixturePath('akqi-2021', 'akqi-2021.txt'), 'x.html')]);
    expect(w.code).toBe(2);
    expect(w.err.trim().split('\n')).toHaveLength(1);
  });
});

// ----- headless Chromium (Debian's chromium package, driven by playwright-core) -----

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
if (!haveChromium && !inCI) console.warn(`page browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium); it is required when CI is set`);

/** A cell as the page's script sees it (the tests' TypeScript has no DOM types). */
interface El {
  childNodes: { textContent: string | null }[];
}
/** Waits until the page's verdict line says `text`. */
const verdictIs = (text: string): string => `document.getElementById('verdict')?.textContent === ${JSON.stringify(text)}`;

/** Where the screenshot of the result is kept (the closing note describes it). */
const SCREENSHOT = join(tmpdir(), 'gia-report-page', 'page-result.png');

describe.skipIf(!haveChromium && !inCI)('the offline page in headless Chromium', () => {
  it('file://, network cut: a seeded wrong cell is found, marked, explained; downloads; English; print; 200 % zoom', { timeout: 300_000 }, async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required when CI is set: apt-get install -y chromium`).toBe(true);
    const { chromium } = await import('playwright-core');
    const dir = mkdtempSync(join(tmpdir(), 'gia-page-'));
    // the page as `gia-report page -o` writes it (byte for byte the shipped dist/page copy, checked above)
    const made = await runCli(['page', '-o', 'gia-report.html'], { cwd: dir });
    expect(made.code).toBe(0);
    const file = join(dir, 'gia-report.html');
    expect(readFileSync(file, 'utf8')).toBe(pageHtml());
    const input = join(dir, '年度报告.docx');
    writeFileSync(input, seededDocx());
    // what the CLI says about the same file
    const cli = JSON.parse((await runCli(['lint', input, '-f', 'json'], { cwd: dir })).out) as { files: { diagnostics: { ruleId: string; severity: string; message: string; hint?: string; row?: string; column?: string }[] }[] };
    const errors = cli.files[0]!.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.ruleId).sort()).toEqual(['GIA301', 'GIA302']);
    const stylish = (await runCli(['lint', input], { cwd: dir })).out.trim().split('\n');
    const cliVerdict = stylish[stylish.length - 1]!;
    const cliVerdictEn = (await runCli(['--locale', 'en', 'lint', input], { cwd: dir })).out.trim().split('\n').pop()!;
    /** convert's output for the input; the page knows the file by its name only, the CLI by the path it was given. */
    const convert = async (...args: string[]): Promise<string> => (await runCli(['convert', input, ...args], { cwd: dir })).out.split(input).join(basename(input));

    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      offline: true,
      acceptDownloads: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 1000 },
    });
    const requests: string[] = [];
    const problems: string[] = [];
    try {
      // any request that is not the file itself (or a blob: download the page makes) fails the test
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      context.on('request', (r) => {
        if (!/^(file|blob|data):/.test(r.url())) requests.push(r.url());
      });
      const p = await context.newPage();
      p.setDefaultTimeout(120_000);
      p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      p.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      await p.goto(`file://${file}`);
      await expect(p.locator('h1').innerText()).resolves.toBe(messages('zh-CN').page.title);
      await expect(p.locator('.privacy').innerText()).resolves.toBe(messages('zh-CN').page.privacy);

      await p.setInputFiles('#files', input);
      const verdict = p.locator('#verdict');
      await verdict.waitFor({ state: 'visible' });
      await expect(verdict.innerText()).resolves.toBe(cliVerdict);
      expect(cliVerdict).toMatch(/^✖ 有 2 个错误/);
      // the verdict has the focus: a keyboard user starts from it
      await expect(p.evaluate(`document.activeElement.id`)).resolves.toBe('verdict');

      // the findings: the CLI's messages and fixes
      const items = await p.locator('ol.msgs li').allInnerTexts();
      for (const d of cli.files[0]!.diagnostics) {
        const li = items.find((t) => t.includes(d.message));
        expect(li, d.message).toBeDefined();
        expect(li).toContain(d.ruleId);
        if (d.hint && d.severity !== 'info') expect(li).toContain(d.hint);
      }
      // the cell to correct, marked in the official layout of 表三
      const cell = p.locator('table[data-table="requests"] td.cell-error[data-key="requests.received.natural"]');
      await expect(cell.isVisible()).resolves.toBe(true);
      await expect(p.locator('td.cell-error').count()).resolves.toBe(1);
      expect(await cell.evaluate((el) => (el as unknown as El).childNodes[0]!.textContent)).toBe('822'); // then the numbers of its findings
      await expect(cell.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(255, 199, 206)');
      // its note: shown when the cell gets the keyboard focus (a Tab stop; the many blank cells are not)
      await expect(cell.getAttribute('tabindex')).resolves.toBe('0');
      expect(await p.locator('td.cell-blank[title]').count()).toBeGreaterThan(50);
      await expect(p.locator('td.cell-blank:not(.cell-identity):not(.cell-candidate)[tabindex]').count()).resolves.toBe(0);
      await cell.focus();
      const note = p.locator('.table-block', { has: p.locator('table[data-table="requests"]') }).locator('.cell-note');
      const noteText = (await note.textContent()) ?? '';
      expect(noteText).toContain('请更正本格：现为 822，应为 821');
      expect(noteText).toContain('GIA301');
      expect(noteText).toBe(`${messages('zh-CN').page.note}：${await cell.getAttribute('title')}`);

      await p.locator('table[data-table="requests"]').scrollIntoViewIfNeeded();
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await p.screenshot({ path: join(dir, 'page.png'), fullPage: true });
      copyFileSync(join(dir, 'page.png'), SCREENSHOT);
      console.log(`offline page screenshot: ${SCREENSHOT}`);

      // downloads: the xlsx with the marked cell (read back with exceljs), the JSON and the CSV as convert writes them
      const section = p.locator('#report-0');
      const save = async (kind: string): Promise<string> => {
        const [dl] = await Promise.all([p.waitForEvent('download'), section.locator(`button[data-dl="${kind}"]`).click()]);
        const to = join(dir, `dl.${kind}`);
        await dl.saveAs(to);
        expect(dl.suggestedFilename()).toBe(`年度报告.${kind}`);
        return to;
      };
      const xlsx = await save('xlsx');
      const ExcelJSmod = (await import('exceljs')).default as unknown as typeof ExcelJS;
      const wb = new ExcelJSmod.Workbook();
      await wb.xlsx.readFile(xlsx);
      const marked: { v: unknown; note: string }[] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((c) => {
            const f = c.fill as { type?: string; fgColor?: { argb?: string } } | undefined;
            if (f?.type === 'pattern' && f.fgColor?.argb === 'FFFFC7CE' && ws.name !== '问题') {
              const n = c.note as string | { texts?: { text: string }[] } | undefined;
              marked.push({ v: c.value, note: typeof n === 'string' ? n : (n?.texts ?? []).map((t) => t.text).join('') });
            }
          }),
        ),
      );
      expect(marked).toHaveLength(1);
      expect(marked[0]!.v).toBe(822);
      expect(marked[0]!.note).toContain('请更正本格：现为 822，应为 821');
      const json = await save('json');
      expect(readFileSync(json, 'utf8')).toBe(await convert('--to', 'json', '--pretty'));
      const csv = await save('csv');
      expect(readFileSync(csv, 'utf8')).toBe(await convert('--to', 'csv', '--bom'));

      // English: the same findings in English, as `--locale en lint` says them
      await p.locator('#lang').click();
      await p.waitForFunction(verdictIs(cliVerdictEn));
      await expect(p.locator('html').getAttribute('lang')).resolves.toBe('en');
      await expect(p.locator('h1').innerText()).resolves.toBe(messages('en').page.title);
      await expect(p.locator('td.cell-error[data-key="requests.received.natural"]').count()).resolves.toBe(1);
      await p.locator('#lang').click();
      await p.waitForFunction(verdictIs(cliVerdict));

      // keyboard: Tab from the top reaches the language switch, the file input, the verdict's downloads
      await p.locator('h1').click(); // the starting point of sequential focus navigation
      const order: string[] = [];
      for (let i = 0; i < 8; i++) {
        await p.keyboard.press('Tab');
        order.push(
          await p.evaluate<string>(`(() => {
            const a = document.activeElement;
            return a ? a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + (a.dataset.dl ? '[' + a.dataset.dl + ']' : '') : '';
          })()`),
        );
      }
      expect(order.slice(0, 2)).toEqual(['button#lang', 'input#files']);
      expect(order).toContain('button[xlsx]');

      // 200 % zoom (a 1280 px window shows 640 CSS px): nothing wider than the window but the tables' own scroll boxes
      await p.setViewportSize({ width: 640, height: 900 });
      const widths = await p.evaluate<{ page: number; view: number }>(`({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth })`);
      expect(widths.page).toBeLessThanOrEqual(widths.view + 1);
      await p.setViewportSize({ width: 1280, height: 1000 });

      // print: the controls are gone, the verdict, the tables and the marked cell stay
      await p.emulateMedia({ media: 'print' });
      await expect(p.locator('#pick').isVisible()).resolves.toBe(false);
      await expect(p.locator('#report-0 .downloads').isVisible()).resolves.toBe(false);
      await expect(verdict.isVisible()).resolves.toBe(true);
      await expect(cell.isVisible()).resolves.toBe(true);
      await p.pdf({ path: join(dir, 'page.pdf') });
      expect(statSync(join(dir, 'page.pdf')).size).toBeGreaterThan(10_000);

      await p.emulateMedia({ media: 'screen' });

      // dropped on the page: a text report with 一、本年新收 自然人 5 → 6
      const text = readFileSync(fixturePath('akqi-2021', 'akqi-2021.txt'), 'utf8');
      const at = text.indexOf('\t5\n', text.indexOf('一、本年新收政府信息公开申请数量'));
      const seededText = text.slice(0, at) + '\t6\n' + text.slice(at + 3);
      writeFileSync(join(dir, 'akqi.txt'), seededText);
      const textVerdict = (await runCli(['lint', join(dir, 'akqi.txt')], { cwd: dir })).out.trim().split('\n').pop()!;
      const dataTransfer = await p.evaluateHandle(
        ([bytes, name]) => {
          const g = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: unknown[], name: string) => unknown };
          const dt = new g.DataTransfer();
          dt.items.add(new g.File([new Uint8Array(bytes as number[])], name as string));
          return dt;
        },
        [[...Buffer.from(seededText)], 'akqi.txt'] as const,
      );
      await p.dispatchEvent('body', 'drop', { dataTransfer });
      await p.waitForFunction(verdictIs(textVerdict));
      await expect(p.locator('td.cell-error[data-key="requests.received.natural"]').count()).resolves.toBe(1);
      await expect(p.locator('#report-0 > h2').innerText()).resolves.toBe('akqi.txt');

      // several files at once, a PDF among them: the index, the PDF's one line, the downloads of all of them
      const pdf = join(dir, 'hongze-2024.pdf');
      copyFileSync(fixturePath('hongze-2024', 'hongze-2024.pdf'), pdf);
      await p.setInputFiles('#files', [input, join(dir, 'akqi.txt'), pdf]);
      await p.locator('table.index').waitFor({ state: 'visible' });
      await expect(verdict.innerText()).resolves.toMatch(/^✖ 有 \d+ 个错误，另有 1 个文件无法读取/);
      await expect(p.locator('#report-2 .fatal').innerText()).resolves.toContain('gia-report lint "hongze-2024.pdf"');
      await expect(p.locator('table.index tr').count()).resolves.toBe(1 + 3);
      const [all] = await Promise.all([p.waitForEvent('download'), p.locator('.actions button[data-dl="xlsx"]').click()]);
      expect(all.suggestedFilename()).toBe('gia-report.xlsx');
      await all.saveAs(join(dir, 'all.xlsx'));
      const book = new ExcelJSmod.Workbook();
      await book.xlsx.readFile(join(dir, 'all.xlsx'));
      expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '问题']);
      expect(book.getWorksheet('汇总')!.rowCount).toBe(2 + 2); // two header rows, the two readable reports

      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('in Chromium too, every fixture gets the findings of lint -f json (the browser\'s own decoders, inflater, regular expressions)', { timeout: 300_000 }, async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required when CI is set: apt-get install -y chromium`).toBe(true);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const context = await browser.newContext({ offline: true });
      const p = await context.newPage();
      p.setDefaultTimeout(120_000);
      await p.goto(`file://${PAGE}`);
      for (const file of fixtureInputs().filter((f) => !f.endsWith('.pdf'))) {
        const name = basename(file);
        const cli = (await runCli(['lint', file, '-f', 'json'], { cwd: dirname(file) })).out.split(file).join(name);
        const got = await p.evaluate(
          async ([b64, n]) => {
            const bin = atob(b64!);
            const bytes = new Uint8Array(bin.length);
            for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
            const g = (globalThis as unknown as { giaPage: PageApi }).giaPage;
            return g.lintJson(await g.lintFiles([{ name: n!, bytes }], 'zh-CN'), 'zh-CN');
          },
          [readFileSync(file).toString('base64'), name] as const,
        );
        expect(got, relative(FIXTURES, file)).toBe(cli);
      }
    } finally {
      await browser.close();
    }
  });
});
