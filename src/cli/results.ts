// The results of a run, in input order, kept for what still reads them after the batch: the lint
// formatters, a gathered output's rows, the cross-year findings stored back, --max-warnings.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { FatalResult, FileResult, LintedReport } from '../types.js';
import { isFatal } from '../types.js';
import { GiaError } from '../errors.js';
import { registerTemp, tempNameFor, unregisterTemp } from './io.js';

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
  /** Lets go of the results (removes a temporary file). */
  dispose(): void;
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
    dispose: () => void (list.length = 0),
  };
}

/**
 * Results when nothing after the batch reads more of a report than its counts (a convert without
 * a lint report whose output does not read the results back; the run-level step adds counts): per
 * input its template choice and three counts (a fatal result as it is). A read gives a report
 * without findings ({@link thinReport}'s shape, src/cli/job.ts) with the stored counts.
 */
export function countStore(): ResultStore {
  let counts = new Int32Array(3 * 1024);
  const templates: (LintedReport['template'] | FatalResult)[] = [];
  const put = (i: number, r: FileResult): void => {
    if (isFatal(r)) {
      templates[i] = r;
      return;
    }
    if (3 * i + 3 > counts.length) {
      const c2 = new Int32Array(Math.max(counts.length * 2, 3 * i + 3));
      c2.set(counts);
      counts = c2;
    }
    counts[3 * i] = r.counts.error;
    counts[3 * i + 1] = r.counts.warning;
    counts[3 * i + 2] = r.counts.info;
    templates[i] = r.template;
  };
  const read = (i: number): FileResult | undefined => {
    const t = templates[i];
    if (t === undefined || 'fatal' in t) return t;
    const c = { error: counts[3 * i]!, warning: counts[3 * i + 1]!, info: counts[3 * i + 2]! };
    const source = { path: '', format: 'text' as const, encoding: '', sha256: '', bytes: 0 };
    const meta = { organ: null, year: null, published: null, title: null };
    return { source, template: t, meta, tables: {}, sections: [], paragraphs: [], notes: [], diagnostics: [], counts: c };
  };
  return {
    get length() {
      return templates.length;
    },
    push: (r) => put(templates.length, r),
    get: read,
    set: (i, r) => {
      if (i >= 0 && i < templates.length) put(i, r);
    },
    *[Symbol.iterator]() {
      for (let j = 0; j < templates.length; j++) yield read(j)!;
    },
    dispose: () => void (templates.length = 0),
  };
}

/** Runs with this many inputs or more keep their results in a temporary file ({@link spilledStore}). */
export const SPILL_FROM = 64;

/** Bytes of results gathered before they are written to the temporary file. */
const SPILL_BUFFER = 1 << 20;

/**
 * Results kept in a temporary file (in `dir`, default the system's), each serialised with
 * `v8.serialize` (exact) and read back at each read: what stays in memory is two numbers per input
 * and a 1 MB write buffer, however many inputs there are (10 000 slim results are ~20–50 MB as
 * objects, and V8 let its heap grow to two or three times that). A result stored again is appended
 * (the old bytes stay unused). The file is removed by {@link ResultStore.dispose} and, on Ctrl-C,
 * with the other temporaries. If no temporary file can be made, the results stay serialised in memory.
 */
export async function spilledStore(dir?: string): Promise<ResultStore> {
  const v8 = await import('node:v8'); // not on a one-file lint's start-up path
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const path = tempNameFor(join(dir ?? tmpdir(), 'gia-report-results'));
  let fd: number;
  try {
    fd = openSync(path, 'w+', 0o600);
    registerTemp(path);
  } catch {
    return packedStore();
  }
  let at = new Float64Array(1024); // offset of each result's bytes
  let len = new Uint32Array(1024);
  let n = 0;
  let size = 0; // bytes in the file; the buffer holds what comes after
  const buf = Buffer.allocUnsafe(SPILL_BUFFER);
  let used = 0;
  const fail = (e: unknown): never => {
    throw new GiaError('E_WRITE', { file: path, reason: (e as Error).message });
  };
  const flush = (): void => {
    try {
      for (let off = 0; off < used; ) off += writeSync(fd, buf, off, used - off, size + off);
    } catch (e) {
      fail(e);
    }
    size += used;
    used = 0;
  };
  const append = (b: Buffer): number => {
    if (used + b.length > buf.length) flush();
    const pos = size + used;
    if (b.length > buf.length) {
      try {
        for (let off = 0; off < b.length; ) off += writeSync(fd, b, off, b.length - off, size + off);
      } catch (e) {
        fail(e);
      }
      size += b.length;
    } else {
      b.copy(buf, used);
      used += b.length;
    }
    return pos;
  };
  const put = (i: number, r: FileResult): void => {
    if (i >= at.length) {
      const cap = Math.max(at.length * 2, i + 1);
      const a2 = new Float64Array(cap);
      a2.set(at);
      at = a2;
      const l2 = new Uint32Array(cap);
      l2.set(len);
      len = l2;
    }
    const b = v8.serialize(r);
    at[i] = append(b);
    len[i] = b.length;
  };
  const read = (i: number): FileResult | undefined => {
    if (i < 0 || i >= n || !Number.isInteger(i)) return undefined;
    const pos = at[i]!;
    const l = len[i]!;
    if (pos >= size) return v8.deserialize(buf.subarray(pos - size, pos - size + l)) as FileResult;
    const b = Buffer.allocUnsafe(l);
    for (let off = 0; off < l; ) {
      const got = readSync(fd, b, off, l - off, pos + off);
      if (got === 0) break;
      off += got;
    }
    return v8.deserialize(b) as FileResult;
  };
  let open = true;
  return {
    get length() {
      return n;
    },
    push: (r) => {
      put(n, r);
      n++;
    },
    get: read,
    set: (i, r) => {
      if (i >= 0 && i < n) put(i, r);
    },
    *[Symbol.iterator]() {
      for (let j = 0; j < n; j++) yield read(j)!;
    },
    dispose: () => {
      if (!open) return;
      open = false;
      try {
        closeSync(fd);
      } catch {
        /* closed */
      }
      rmSync(path, { force: true });
      unregisterTemp(path);
    },
  };
}

/** Results serialised in memory (`v8.serialize`), when no temporary file can be made ({@link spilledStore}). */
export async function packedStore(): Promise<ResultStore> {
  const { deserialize, serialize } = await import('node:v8');
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
    dispose: () => void (list.length = 0),
  };
}
