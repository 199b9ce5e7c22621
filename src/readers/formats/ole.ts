// OLE compound files (D0 CF 11 E0): Word 97–2003 .doc, WPS .wps, Excel 97–2003 .xls/.et, or a .docx
// saved with a password. Refused with the reason (E_ENCRYPTED, or the format and how to convert
// it); skipped in folder walks and listed with that hint.
import type { Reader } from '../reader.js';
import { isEncryptedOle, isOle } from '../_ole.js';
import { GiaError } from '../../errors.js';
import { OTHER_FORMATS, otherByName, otherFormatError } from './other.js';

function oleFormat(path: string) {
  const f = otherByName(path);
  return f && (f.key === 'wps' || f.key === 'legacy-xls' || f.key === 'pptx') ? f : OTHER_FORMATS['legacy-doc']!;
}

export const oleReader: Reader = {
  format: 'doc',
  extensions: [],
  selectable: false,
  cost: 1,
  skip: (path) => oleFormat(path).key,
  sniff: (head) => (isOle(head.bytes) ? 'content' : null),
  async read(bytes, ctx) {
    if (isEncryptedOle(bytes)) throw new GiaError('E_ENCRYPTED', { file: ctx.path });
    throw otherFormatError(oleFormat(ctx.path), ctx.path);
  },
};
