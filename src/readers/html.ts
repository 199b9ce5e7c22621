// HTML reader: not yet implemented (issue 3).
import type { SourceDoc } from '../types.js';
import { GiaError } from '../errors.js';

export async function readHtml(_bytes: Uint8Array, base: { path: string; sha256: string; bytes: number }): Promise<SourceDoc> {
  throw new GiaError('E_UNKNOWN_FORMAT', { file: base.path });
}
