// The results of a run, in input order, kept for what still reads them after the batch: the lint
// formatters, a gathered output's rows, the cross-year findings stored back, --max-warnings.
import type { FileResult } from '../types.js';
import { isFatal } from '../types.js';

/**
 * The results of a run, by input index. Reads give the stored result (from a packed store: a fresh
 * object at each read, so a changed result is stored back with {@link ResultStore.set}).
 */
export interface ResultStore extends Iterable<FileResult> {
  readonly length: number;
  /** Appends the next input's result. */
  push(r: FileResult): void;
  get(i: number): FileResult | undefined;
  /** Replaces the result of input `i` (cross-year findings added). */
  set(i: number, r: FileResult): void;
}

/** Results as objects (small runs; whole reports for the formatters that draw tables). */
export function objectStore(): ResultStore {
  const list: FileResult[] = [];
  return {
    get length() {
      return list.length;
    },
    push: (r) => void list.push(r),
    get: (i) => list[i],
    set: (i, r) => void (list[i] = r),
    [Symbol.iterator]: () => list[Symbol.iterator](),
  };
}

/** Runs with this many inputs or more keep their results packed ({@link packedStore}). */
export const PACK_FROM = 64;

/**
 * Results with each readable report's (slim) result serialised (`v8.serialize`: exact, off the
 * JavaScript heap), deserialised at each read. A 10 000-file lint run holds ~5 KB of small objects
 * and strings per report otherwise, and V8 lets its heap grow to two or three times what is live:
 * ~100 MB of peak RSS. Unreadable inputs stay objects (they are small).
 */
export async function packedStore(): Promise<ResultStore> {
  const { deserialize, serialize } = await import('node:v8'); // not on a one-file lint's start-up path
  const list: (FileResult | Buffer)[] = [];
  const pack = (r: FileResult): FileResult | Buffer => (isFatal(r) ? r : serialize(r));
  const unpack = (v: FileResult | Buffer | undefined): FileResult | undefined => (Buffer.isBuffer(v) ? (deserialize(v) as FileResult) : v);
  return {
    get length() {
      return list.length;
    },
    push: (r) => void list.push(pack(r)),
    get: (i) => unpack(list[i]),
    set: (i, r) => void (list[i] = pack(r)),
    *[Symbol.iterator]() {
      for (let j = 0; j < list.length; j++) yield unpack(list[j])!;
    },
  };
}
