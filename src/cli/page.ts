// `gia-report page`: writes the offline page (built by scripts/bundle-page.mjs into
// dist/page/gia-report.html, shipped in the package) where the user asks, atomically.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../types.js';
import { GiaError } from '../errors.js';
import { format, messages } from '../i18n/index.js';
import { terminalSafe } from '../text/terminal.js';
import { writeFileAtomic } from './io.js';

/**
 * The prebuilt page: dist/page/, next to dist/cli/ where this module is built (and bundled: the
 * bundle's import.meta.url is this module's dist/ URL); from src/cli/ (the tests), the built one in dist/.
 */
export const PAGE_FILE = [new URL('../page/gia-report.html', import.meta.url), new URL('../../dist/page/gia-report.html', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .find((f) => existsSync(f)) ?? fileURLToPath(new URL('../page/gia-report.html', import.meta.url));

/** The page with `locale` as the language it opens in (it opens in Chinese unless told). */
export function pageInLocale(html: string, locale: Locale): string {
  if (locale === 'zh-CN') return html;
  return html.replace('<html lang="zh-CN" data-gia-locale="zh-CN">', `<html lang="${locale}" data-gia-locale="${locale}">`);
}

/** Writes the page to `output` (relative to `cwd`; `-`: stdout) and says where on stderr. */
export async function writePage(
  output: string,
  locale: Locale,
  io: { cwd: string; stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } },
): Promise<void> {
  let html: string;
  try {
    html = await readFile(PAGE_FILE, 'utf8');
  } catch {
    // a checkout whose `npm run build` did not run (the package always has it)
    throw new GiaError('E_NOT_FOUND', { file: PAGE_FILE });
  }
  const text = pageInLocale(html, locale);
  if (output === '-') {
    io.stdout.write(text);
    return;
  }
  const file = resolve(io.cwd, output);
  await writeFileAtomic(file, text);
  const size = `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB`;
  io.stderr.write(`${terminalSafe(format(messages(locale).wrote.page, { file: output, size }))}\n`);
}
