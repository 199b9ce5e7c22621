// Browser stand-in for node:buffer: Buffer from the `buffer` package (feross/buffer, Node's API in
// plain JavaScript; esbuild also injects it for the global `Buffer` the readers use) and isUtf8 by
// the WHATWG decoder in fatal mode.
import { Buffer } from 'buffer';

export { Buffer };

const strict = new TextDecoder('utf-8', { fatal: true });

export function isUtf8(bytes: Uint8Array | ArrayBuffer): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
