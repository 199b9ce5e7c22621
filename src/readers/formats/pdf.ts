// PDF: by the %PDF- header (anywhere in the first 1 KB, as readers allow). The engine (PDFium as
// WebAssembly) loads only when a PDF is read.
import type { Reader } from '../reader.js';

export const pdfReader: Reader = {
  format: 'pdf',
  extensions: ['.pdf'],
  selectable: true,
  label: { 'zh-CN': '.pdf', en: '.pdf' },
  cost: 8,
  sniff(head) {
    const i = head.text.indexOf('%PDF-');
    if (i >= 0 && i < 1024) return 'content';
    return null;
  },
  async read(bytes, ctx) {
    const { readPdf } = await import('../pdf/index.js');
    return readPdf(bytes, ctx);
  },
};
