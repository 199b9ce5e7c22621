// Browser stand-in for node:zlib (the page bundle aliases node:zlib here): the one call the docx
// reader makes, inflateRawSync with maxOutputLength and info, done by fflate's streaming Inflate.
// Node's engine reports how many input bytes the deflate stream used (padding after its end does
// not count toward the compression ratio); fflate does not say, so every input byte counts here:
// the ratio check is then on all the entry's bytes, and the output stays bounded by maxOutputLength
// (a too-large output stops inflating as soon as it passes the bound, as zlib's does).
import { Inflate } from 'fflate';
import { Buffer } from 'buffer';

export function inflateRawSync(input: Uint8Array, opts: { maxOutputLength?: number; info?: boolean } = {}): unknown {
  const max = opts.maxOutputLength ?? Infinity;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Inflate((chunk) => {
    total += chunk.length;
    if (total > max) {
      const e = new RangeError(`Cannot create a Buffer larger than ${max} bytes`) as RangeError & { code: string };
      e.code = 'ERR_BUFFER_TOO_LARGE';
      throw e;
    }
    chunks.push(chunk.slice());
  });
  // small steps, so a bomb stops after at most one step's output past the bound
  const STEP = 4096;
  if (input.length === 0) stream.push(input, true);
  for (let i = 0; i < input.length; i += STEP) stream.push(input.subarray(i, i + STEP), i + STEP >= input.length);
  const buffer = Buffer.concat(chunks, total);
  return opts.info ? { buffer, engine: { bytesWritten: input.length } } : buffer;
}
