// HTML pages: by markup in the head, or by an HTML extension with at least one tag.
import type { Reader } from '../reader.js';

const TAG = /<\/?(?:p|div|table|tr|td|th|span|br|body|head|meta|h[1-6]|strong|b|font)\b[^>]*>/gi;

export const htmlReader: Reader = {
  format: 'html',
  extensions: ['.htm', '.html', '.xhtml', '.shtml'],
  selectable: true,
  label: { 'zh-CN': '.html', en: '.html' },
  cost: 4,
  sniff(head) {
    if (/^\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)/i.test(head.text)) return 'content';
    const tags = head.text.match(TAG)?.length ?? 0;
    if (tags >= 3) return 'content';
    return tags >= 1 && /\.x?html?$|\.shtml$/i.test(head.path) ? 'name' : null;
  },
  async read(bytes, ctx) {
    const { readHtml } = await import('../html.js');
    return readHtml(bytes, { path: ctx.path, sha256: ctx.sha256, bytes: ctx.bytes }, ctx.limits);
  },
};
