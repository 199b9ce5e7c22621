// OLE compound files (D0 CF 11 E0): Word 97–2003 .doc, or a .docx saved with a password. Refused
// with the reason (E_LEGACY_DOC / E_ENCRYPTED); skipped in folder walks.
import type { Reader } from '../reader.js';
import { isOle, oleError } from '../_ole.js';

export const oleReader: Reader = {
  format: 'doc',
  extensions: [],
  selectable: false,
  cost: 1,
  skip: 'legacy-doc',
  sniff: (head) => (isOle(head.bytes) ? 'content' : null),
  async read(bytes, ctx) {
    throw oleError(bytes, ctx.path);
  },
};
