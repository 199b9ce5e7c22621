// Word 2007+ (.docx): a zip package. The reader (fflate + XML walk) loads only when a .docx is read.
import type { Reader } from '../reader.js';
import { hasExtension } from '../reader.js';
import { isGiaError } from '../../errors.js';
import { classifyZip, otherByName, otherFormatError } from './other.js';

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
    const { readDocx, listZip } = await import('../docx.js');
    try {
      return await readDocx(bytes, { path: ctx.path, sha256: ctx.sha256, bytes: ctx.bytes }, ctx.limits);
    } catch (e) {
      // a zip that is not a Word document: an Excel, OpenDocument or OFD package says so, with how to convert it
      if (isGiaError(e) && e.code === 'E_CORRUPT_DOCX' && /not a Word document/.test(String(e.data.reason))) {
        const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
        const names = listZip(bytes, ctx.path, ctx.limits).map((x) => x.name);
        const other = classifyZip((n) => head.includes(n) || names.some((x) => x === n || x.startsWith(n))) ?? otherByName(ctx.path);
        if (other) throw otherFormatError(other, ctx.path);
      }
      throw e;
    }
  },
};
