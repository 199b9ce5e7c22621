// The HTML input of the reader benchmarks (bench/readers.mjs, bench/compare-base.mjs): the committed
// web page fixture, padded to ~110 KB the way real portal pages are heavy — menus of links, inline
// scripts and styles (what a reader must wade through but keeps nothing of).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The padded page as bytes; `root`: the checkout whose fixtures/ it is built from. */
export function benchPage(root) {
  const page = readFileSync(join(root, 'fixtures/html-webpage/shanghai-office-2019.page.html'), 'utf8');
  const menu = (i) =>
    `<div class="menu" id="m${i}"><ul>${Array.from({ length: 12 }, (_, k) => `<li class="item"><a href="/channel/${i}/${k}.html" target="_blank" title="栏目${i}-${k}">政务公开栏目 ${i}-${k}</a></li>`).join('')}</ul></div>\n`;
  const script = (i) => `<script type="text/javascript">var cfg${i} = ${JSON.stringify({ id: i, items: Array.from({ length: 20 }, (_, k) => ({ k, url: `/api/${i}/${k}`, label: `项目${k}` })) })};</script>\n`;
  const style = (i) => `<style>.m${i} li { float: left; margin: 0 ${i}px; } .m${i} a:hover { color: #c00; }</style>\n`;
  let pad = '';
  for (let i = 0; Buffer.byteLength(page + pad) < 110 * 1024; i++) pad += menu(i) + script(i) + style(i);
  return Buffer.from(page.replace('<div class="footer">', `${pad}<div class="footer">`), 'utf8');
}
