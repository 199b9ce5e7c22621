// Plain text: what nothing else claims (binary data is refused while decoding: E_BINARY).
import type { Reader } from '../reader.js';
import { decodeBytes } from '../decode.js';
import { readText } from '../text.js';

export const textReader: Reader = {
  format: 'text',
  extensions: ['.txt', '.text'],
  selectable: true,
  label: { 'zh-CN': '.txt', en: '.txt' },
  cost: 1,
  sniff: () => null, // the fallback: chosen when no reader claims the input
  async read(bytes, ctx) {
    const d = decodeBytes(bytes, ctx.path);
    return readText(d.text, { path: ctx.path, sha256: ctx.sha256, bytes: ctx.bytes, encoding: d.encoding, notes: d.notes }, ctx.limits);
  },
};
