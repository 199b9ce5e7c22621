// Formats a user will try that are not read directly: each is recognised (by content, then by
// name) and refused with one line naming the format and how to convert it; in a folder walk they
// are skipped and listed with that hint. OLE files (Word 97–2003, WPS, Excel 97–2003) are refused
// by ole.ts with the same descriptions.
import { GiaError } from '../../errors.js';
import type { Reader } from '../reader.js';
import { hasExtension } from '../reader.js';

/** One format we refuse: how it is named in messages and what `soffice --convert-to` makes of it. */
export interface OtherFormat {
  /** Skip-reason key (cli/summary.ts lists skipped files with it). */
  key: string;
  /** The name in messages, locale-neutral ("OpenDocument (.odt)"). */
  name: string;
  /** `soffice --headless --convert-to <to>` target we read; absent: no LibreOffice route (OFD). */
  to?: string;
  extensions: readonly string[];
}

export const OTHER_FORMATS: Record<string, OtherFormat> = {
  'legacy-doc': { key: 'legacy-doc', name: 'Word 97–2003 (.doc)', to: 'docx', extensions: ['.doc'] },
  wps: { key: 'wps', name: 'WPS (.wps)', to: 'docx', extensions: ['.wps'] },
  'legacy-xls': { key: 'legacy-xls', name: 'Excel 97–2003 (.xls/.et)', to: 'html', extensions: ['.xls', '.et'] },
  odt: { key: 'odt', name: 'OpenDocument (.odt)', to: 'docx', extensions: ['.odt', '.ott'] },
  ods: { key: 'ods', name: 'OpenDocument (.ods)', to: 'html', extensions: ['.ods'] },
  xlsx: { key: 'xlsx', name: 'Excel (.xlsx)', to: 'html', extensions: ['.xlsx', '.xlsm'] },
  pptx: { key: 'pptx', name: 'PowerPoint (.pptx)', to: 'pdf', extensions: ['.pptx', '.ppt', '.odp', '.dps'] },
  ofd: { key: 'ofd', name: 'OFD (.ofd)', extensions: ['.ofd'] },
};

/** The one-line refusal of a format. */
export function otherFormatError(f: OtherFormat, file: string): GiaError {
  if (!f.to) return new GiaError('E_OFD', { file });
  if (f.key === 'legacy-doc') return new GiaError('E_LEGACY_DOC', { file, to: f.to });
  return new GiaError('E_OTHER_FORMAT', { file, format: f.name, to: f.to });
}

/** The refused format a file's name says, if any. */
export function otherByName(path: string): OtherFormat | undefined {
  return Object.values(OTHER_FORMATS).find((f) => hasExtension(path, f.extensions));
}

/** The refused format of a zip package, from its entry names (whole list, or those seen in the head). */
export function classifyZip(has: (name: string) => boolean): OtherFormat | undefined {
  if (has('word/')) return undefined;
  if (has('mimetypeapplication/vnd.oasis.opendocument.text')) return OTHER_FORMATS.odt;
  if (has('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return OTHER_FORMATS.ods;
  if (has('mimetypeapplication/vnd.oasis.opendocument.presentation')) return OTHER_FORMATS.pptx;
  if (has('OFD.xml')) return OTHER_FORMATS.ofd;
  if (has('xl/')) return OTHER_FORMATS.xlsx;
  if (has('ppt/')) return OTHER_FORMATS.pptx;
  return undefined;
}

const isZip = (b: Uint8Array): boolean => b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05 || b[2] === 0x07);

/** Zip packages that are not Word documents: OpenDocument, Excel, PowerPoint, OFD. */
export const zipOtherReader: Reader & { formatOf(path: string, head?: string): OtherFormat | undefined } = {
  format: 'other-zip',
  extensions: [],
  selectable: false,
  cost: 1,
  skip(path) {
    return this.formatOf(path)?.key ?? 'other';
  },
  formatOf(path, head) {
    return (head !== undefined ? classifyZip((n) => head.includes(n)) : undefined) ?? otherByName(path);
  },
  sniff(head) {
    if (!isZip(head.bytes)) return null;
    return classifyZip((n) => head.text.includes(n)) ? 'content' : null;
  },
  async read(bytes, ctx) {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
    throw otherFormatError(this.formatOf(ctx.path, head) ?? OTHER_FORMATS.xlsx!, ctx.path);
  },
};

/** Files named with a refused format's extension whose content no reader claims (e.g. an .ofd that is not a zip). */
export const namedOtherReader: Reader = {
  format: 'other-named',
  extensions: Object.values(OTHER_FORMATS).flatMap((f) => f.extensions),
  selectable: false,
  cost: 1,
  skip: (path) => otherByName(path)?.key ?? 'other',
  sniff: (head) => (otherByName(head.path) && !isZip(head.bytes) ? 'name' : null),
  async read(_bytes, ctx) {
    throw otherFormatError(otherByName(ctx.path)!, ctx.path);
  },
};
