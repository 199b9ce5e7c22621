// OLE compound files (D0 CF 11 E0): a Word 97–2003 .doc, or an encrypted OOXML package (a .docx
// saved with a password is an OLE container holding "EncryptionInfo" and "EncryptedPackage").
import { GiaError } from '../errors.js';

export function isOle(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** Directory entry names are UTF-16LE; look for the encryption streams' names in the bytes. */
export function isEncryptedOle(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const name of ['EncryptedPackage', 'EncryptionInfo']) {
    if (buf.indexOf(Buffer.from(name, 'utf16le')) >= 0 || buf.indexOf(Buffer.from(name, 'latin1')) >= 0) return true;
  }
  return false;
}

/** The fatal error for an OLE file given as a report. */
export function oleError(bytes: Uint8Array, path: string): GiaError {
  return isEncryptedOle(bytes) ? new GiaError('E_ENCRYPTED', { file: path }) : new GiaError('E_LEGACY_DOC', { file: path });
}
