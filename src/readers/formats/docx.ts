// Word 2007+ (.docx): a zip package. The reader (fflate + XML walk) loads only when a .docx is read.
import type { Reader } from '../reader.js';
import { hasExtension } from '../reader.js';

export const docxReader: Reader = {
  format: 'docx',
  extensions: ['.docx'],
  selectable: true,
  label: { 'zh-CN': '.docx', en: '.docx' },
  cost: 4,
  sniff(head) {
    const b = head.bytes;
    if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05 || b[2] === 0x07)) return 'content';
    // not a zip, yet named .docx: the docx reader says why it is not one
    return hasExtension(head.path, this.extensions) ? 'name' : null;
  },
  async read(bytes, ctx) {
    const { readDocx } = await import('../docx.js');
    return readDocx(bytes, { path: ctx.path, sha256: ctx.sha256, bytes: ctx.bytes }, ctx.limits);
  },
};
