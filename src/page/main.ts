// The offline page's script (bundled by scripts/bundle-page.mjs into dist/page/gia-report.html):
// the engine for the page test (globalThis.giaPage) and, in a browser, the page itself.
import { lintFiles, lintJson, reportsCsv, reportsJson, reportsXlsx } from './engine.js';
import { startPage } from './ui.js';
import { TOOL } from '../version.js';

const api = { lintFiles, lintJson, reportsCsv, reportsJson, reportsXlsx, tool: TOOL };
(globalThis as unknown as { giaPage: typeof api }).giaPage = api;

if (typeof document !== 'undefined') startPage(document);
