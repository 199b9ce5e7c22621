// The offline page's script (bundled by scripts/bundle-page.mjs into dist/page/gia-report.html):
// the engine for the page test (globalThis.giaPage) and, in a browser, the page itself.
import { download, downloadFormats, lintFiles, lintJson } from './engine.js';
import { startPage } from './ui.js';
import { TOOL } from '../version.js';

const api = { lintFiles, lintJson, download, downloadFormats, tool: TOOL };
(globalThis as unknown as { giaPage: typeof api }).giaPage = api;

if (typeof document !== 'undefined') startPage(document);
