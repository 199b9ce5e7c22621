// Browser stand-in for node:crypto: createHash('sha256') (the readers' source digest), by
// @noble/hashes (audited, synchronous; WebCrypto's digest is asynchronous only).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export function createHash(algorithm: string): { update(data: Uint8Array): { digest(enc: 'hex'): string } } {
  if (algorithm !== 'sha256') throw new Error(`createHash: only sha256 in the page, not ${algorithm}`);
  return {
    update(data: Uint8Array) {
      const hex = bytesToHex(sha256(data));
      return {
        digest(enc: 'hex') {
          if (enc !== 'hex') throw new Error(`digest: only hex in the page, not ${String(enc)}`);
          return hex;
        },
      };
    },
  };
}
