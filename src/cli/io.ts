// File-system side of the CLI: reading inputs (files, stdin) within the size limit, safe output
// paths, atomic writes (whole files and streamed ones) and temp-file clean-up.
import { closeSync, constants as fsConstants, createReadStream, fstatSync, lstatSync, readdirSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { GiaError } from '../errors.js';
import { tooLarge } from '../limits.js';
import type { InputSpec } from './inputs.js';

/** A file-system error while reading an input → its one-line GiaError. */
function readError(e: unknown, path: string): GiaError {
  if (e instanceof GiaError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return new GiaError('E_IS_DIRECTORY', { file: path });
  if (code === 'ENOENT' || code === 'ENOTDIR') return new GiaError('E_NOT_FOUND', { file: path });
  return new GiaError('E_UNREADABLE', { file: path, reason: (e as Error).message });
}

/** What a non-regular file is, for its one-line refusal (E_NOT_REGULAR's data). */
function fileKind(s: Stats): { why: string; reason: string } {
  if (s.isFIFO()) return { why: 'fifo', reason: 'a named pipe, FIFO' };
  if (s.isCharacterDevice() || s.isBlockDevice()) return { why: 'device', reason: 'a device' };
  if (s.isSocket()) return { why: 'socket', reason: 'a socket' };
  return { why: 'special', reason: 'a special file' };
}

/** Refuses what is not a regular file (a device, a FIFO, a socket: `stat`'s size means nothing for them). */
function assertRegular(s: Stats, path: string): void {
  if (s.isFile()) return;
  if (s.isDirectory()) throw new GiaError('E_IS_DIRECTORY', { file: path });
  throw new GiaError('E_NOT_REGULAR', { file: path, ...fileKind(s) });
}

/**
 * Opening flags of an input: non-blocking, so opening a FIFO returns at once (and is then
 * refused) instead of waiting forever for a writer; reads of regular files are unaffected.
 */
export const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** Read size of the bounded readers. */
const READ_STEP = 1 << 20;

/** A full read buffer made larger (doubling, at most one byte past `maxBytes`); refused once past the limit. */
function grown(buf: Buffer, path: string, maxBytes: number): Buffer {
  if (buf.length > maxBytes) throw tooLarge(path, 'maxInputBytes', 'input size', null, maxBytes);
  const bigger = Buffer.allocUnsafeSlow(Math.min(maxBytes + 1, Math.max(buf.length * 2, READ_STEP)));
  buf.copy(bigger, 0, 0, buf.length);
  return bigger;
}

/** The `n` bytes read into `buf`, refused when more than `maxBytes` arrived. */
function filled(buf: Buffer, n: number, path: string, maxBytes: number): Buffer {
  if (n > maxBytes) throw tooLarge(path, 'maxInputBytes', 'input size', null, maxBytes);
  return n === buf.length ? buf : buf.subarray(0, n);
}

/**
 * Reads an input's bytes within `maxBytes` whatever `stat` says (a file that grows, a /proc file
 * of size 0): refused as soon as more than `maxBytes` arrive. Non-regular files (devices such as
 * /dev/zero, FIFOs, sockets) are refused with one line; file-system errors become one-line GiaErrors.
 */
export async function readInput(path: string, stdin?: (maxBytes: number) => Promise<Buffer>, maxBytes = Infinity): Promise<Uint8Array> {
  if (path === '-') {
    if (!stdin) throw new GiaError('E_UNREADABLE', { file: '-', why: 'stdin', reason: 'stdin' });
    const bytes = await stdin(maxBytes);
    if (bytes.length > maxBytes) throw tooLarge('-', 'maxInputBytes', 'input size', null, maxBytes); // stdin stops early: "more than"
    return bytes;
  }
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, OPEN_FLAGS);
    const s = await fh.stat();
    assertRegular(s, path);
    // the size limit before reading: a 3 GB file is refused, not loaded
    if (s.size > maxBytes) throw tooLarge(path, 'maxInputBytes', 'input size', s.size, maxBytes);
    let buf: Buffer = Buffer.allocUnsafeSlow(Math.min(s.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) buf = grown(buf, path, maxBytes);
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return filled(buf, n, path, maxBytes);
  } catch (e) {
    throw readError(e, path);
  } finally {
    await fh?.close();
  }
}

/** {@link readInput} for a file, synchronously (worker threads: one job at a time, no thread-pool round trips). */
export function readInputSync(path: string, maxBytes = Infinity): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(path, OPEN_FLAGS);
    const s = fstatSync(fd);
    assertRegular(s, path);
    if (s.size > maxBytes) throw tooLarge(path, 'maxInputBytes', 'input size', s.size, maxBytes);
    let buf: Buffer = Buffer.allocUnsafeSlow(Math.min(s.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) buf = grown(buf, path, maxBytes);
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    return filled(buf, n, path, maxBytes);
  } catch (e) {
    throw readError(e, path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// ---- temporary files: every live one is registered so a signal handler can remove them ----

const liveTemps = new Set<string>();

/**
 * A temporary name next to `path`: hidden (leading `.`) and ending `.tmp`. With `tag` (one per
 * run) the name is predictable, so the main thread can remove what a worker thread left.
 */
export function tempNameFor(path: string, tag?: string): string {
  const dir = dirname(resolve(path));
  return join(dir, `.${basename(path)}.${process.pid}.${tag ?? randomBytes(4).toString('hex')}.tmp`);
}

/** Registers a temporary file written elsewhere (a worker thread), so a signal handler removes it too. */
export function registerTemp(tmp: string): void {
  liveTemps.add(tmp);
}

/** The temporary file is gone or renamed: no longer to be removed. */
export function unregisterTemp(tmp: string): void {
  liveTemps.delete(tmp);
}

/** Removes every temporary file still open (synchronously: safe inside a signal handler). */
export function removeTempFilesSync(): void {
  for (const t of liveTemps) {
    try {
      rmSync(t, { force: true });
    } catch {
      /* best effort */
    }
  }
  liveTemps.clear();
}

// ---- temporaries left by runs that were killed (SIGKILL, power loss): removed when writing there ----

/** `.NAME.PID.TAG.tmp`, as {@link tempNameFor} makes them. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.([0-9a-f]{8})\.tmp$/;
const cleanedDirs = new Set<string>();
const staleRemoved: string[] = [];

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/**
 * Removes the temporaries in `dir` that a process no longer alive left (by the pid in their
 * name; once per directory and run), so a run stopped by SIGKILL leaves nothing behind for long.
 * What was removed is told by {@link takeStaleRemoved}.
 */
export function removeStaleTemps(dir: string): void {
  const abs = resolve(dir);
  if (cleanedDirs.has(abs)) return;
  cleanedDirs.add(abs);
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return; // not there yet: nothing stale
  }
  for (const n of names) {
    const m = TEMP_NAME.exec(n);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || processAlive(pid)) continue;
    const p = join(abs, n);
    try {
      if (!lstatSync(p).isFile()) continue;
      rmSync(p, { force: true });
      staleRemoved.push(p);
    } catch {
      /* gone, or not ours to remove */
    }
  }
}

/** The stale temporaries removed so far (and forgets them): the CLI says so on stderr. */
export function takeStaleRemoved(): string[] {
  return staleRemoved.splice(0);
}

/** Directories already created in this process (one mkdir per directory, not per file: -o DIR with 10 000 outputs). */
const madeDirs = new Set<string>();

/** Writes a file atomically: a temporary file in the same directory, then rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(resolve(path));
  removeStaleTemps(dir);
  const tmp = tempNameFor(path);
  liveTemps.add(tmp);
  try {
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new GiaError('E_WRITE', { file: path, reason: (e as Error).message });
  } finally {
    liveTemps.delete(tmp);
  }
}

/**
 * {@link writeFileAtomic}, synchronously, to the temporary name `tmp` (from {@link tempNameFor}):
 * for worker threads, which write one output at a time.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, tmp: string = tempNameFor(path)): void {
  const dir = dirname(resolve(path));
  liveTemps.add(tmp);
  try {
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new GiaError('E_WRITE', { file: path, reason: (e as Error).message });
  } finally {
    liveTemps.delete(tmp);
  }
}

/**
 * A temporary file beside `path` (hidden, registered so a signal handler removes it), written
 * incrementally: the shared part of {@link AtomicFileWriter} and {@link LineSpill}.
 */
class TempFileWriter {
  protected fh: FileHandle | null = null;
  protected readonly tmp: string;
  private pending: (string | Uint8Array)[] = [];
  private pendingBytes = 0;
  /** `path`: the file this temporary serves (it goes in its directory; errors name it). */
  constructor(readonly path: string) {
    this.tmp = tempNameFor(path);
  }

  async open(): Promise<this> {
    removeStaleTemps(dirname(this.tmp));
    try {
      await mkdir(dirname(this.tmp), { recursive: true });
      liveTemps.add(this.tmp);
      this.fh = await open(this.tmp, 'w');
    } catch (e) {
      liveTemps.delete(this.tmp);
      throw new GiaError('E_WRITE', { file: this.path, reason: (e as Error).message });
    }
    return this;
  }

  /** Buffers small writes; flushes in 256 KB pieces. Strings are written as UTF-8. */
  async write(s: string | Uint8Array): Promise<void> {
    if (!s.length) return;
    this.pending.push(s);
    this.pendingBytes += s.length;
    if (this.pendingBytes >= 1 << 18) await this.flush();
  }

  protected async flush(): Promise<void> {
    if (!this.fh || this.pending.length === 0) return;
    const parts = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    try {
      if (parts.every((p) => typeof p === 'string')) await this.fh.write(parts.join(''));
      else await this.fh.writev(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    } catch (e) {
      throw new GiaError('E_WRITE', { file: this.path, reason: (e as Error).message });
    }
  }

  /** Closes and removes the temporary file; the target is left as it was. */
  async abort(): Promise<void> {
    this.pending = [];
    try {
      await this.fh?.close();
    } catch {
      /* already closed */
    }
    this.fh = null;
    await rm(this.tmp, { force: true });
    liveTemps.delete(this.tmp);
  }
}

/**
 * A file written incrementally to a temporary name and renamed into place by {@link commit}:
 * readers of `path` see the old file or the complete new one, never a partial one.
 */
export class AtomicFileWriter extends TempFileWriter {
  async commit(): Promise<void> {
    try {
      await this.flush();
      await this.fh?.close();
      this.fh = null;
      await rename(this.tmp, this.path);
    } catch (e) {
      await this.abort();
      throw e instanceof GiaError ? e : new GiaError('E_WRITE', { file: this.path, reason: (e as Error).message });
    } finally {
      liveTemps.delete(this.tmp);
    }
  }
}

/**
 * A temporary file of lines written as they come and read back once, next to the output it
 * serves: what a combined output needs of each report waits on disk instead of in memory until
 * the output can be written. {@link abort} deletes it.
 */
export class LineSpill extends TempFileWriter {
  /** Every line written, in order (the file is closed for writing first). */
  async *lines(): AsyncGenerator<string> {
    await this.flush();
    await this.fh?.close();
    this.fh = null;
    const { createInterface } = await import('node:readline'); // only for combined outputs: not on lint's start-up path
    const rl = createInterface({ input: createReadStream(this.tmp, { encoding: 'utf8' }), crlfDelay: Infinity });
    try {
      for await (const line of rl) if (line !== '') yield line;
    } finally {
      rl.close();
    }
  }
}

/** Where {@link writePieces} writes when not to a file: a stream-like `write` (stdout, stderr, a test's capture). */
export interface PieceSink {
  write(s: string | Uint8Array): unknown;
  once?: (ev: 'drain', f: () => void) => unknown;
}

/**
 * Writes an output given in pieces: to a file atomically (streamed through {@link AtomicFileWriter};
 * removed on error), or to a stream in ~1 MB writes, waiting for a full pipe to drain. Bytes are
 * written as they are.
 */
export async function writePieces(pieces: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>, to: string | PieceSink): Promise<void> {
  if (typeof to === 'string') {
    const file = await new AtomicFileWriter(to).open();
    try {
      for await (const p of pieces) await file.write(p);
      await file.commit();
    } catch (e) {
      await file.abort();
      throw e;
    }
    return;
  }
  const send = async (data: string | Uint8Array): Promise<void> => {
    if (to.write(data) === false && typeof to.once === 'function') await new Promise<void>((res) => to.once!('drain', res));
  };
  let buf: string[] = [];
  let len = 0;
  const flush = async (): Promise<void> => {
    if (!len) return;
    const text = buf.join('');
    buf = [];
    len = 0;
    await send(text);
  };
  for await (const p of pieces) {
    if (typeof p !== 'string') {
      await flush();
      await send(p);
      continue;
    }
    buf.push(p);
    len += p.length;
    if (len >= 1 << 20) await flush();
  }
  await flush();
}

/** Real paths of the inputs (files only), for output-is-input checks in O(1) per output. */
export async function inputRealPaths(inputs: InputSpec[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const i of inputs) {
    if (i.path === '-') continue;
    try {
      out.add(await realpath(i.path));
    } catch {
      out.add(resolve(i.path)); // missing input: reported elsewhere
    }
  }
  return out;
}

/** The real path a (possibly not yet existing) path would have: realpath of the nearest existing ancestor + the rest. */
export async function realTarget(p: string): Promise<string> {
  const abs = resolve(p);
  const tail: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const r = await realpath(cur);
      return tail.length ? join(r, ...tail.reverse()) : r;
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return abs;
      tail.push(basename(cur));
      cur = parent;
    }
  }
}

/** Refuses an output path that is one of the inputs (same file after resolving links). */
export async function assertNotInput(out: string, inputs: InputSpec[] | Set<string>): Promise<void> {
  const reals = inputs instanceof Set ? inputs : await inputRealPaths(inputs);
  if (reals.has(await realTarget(out))) throw new GiaError('E_OUTPUT_IS_INPUT', { file: out });
}

/**
 * Where the output for an input goes under `outDir`: its relative path with the extension
 * replaced, with `..`, `.`, empty and absolute segments dropped so nothing can leave `outDir`.
 */
export function mirroredPath(outDir: string, rel: string, ext: string, keepExt = false): string {
  const parts = rel.split(/[\\/]+/).filter((p) => p !== '' && p !== '.' && p !== '..' && !/^[A-Za-z]:$/.test(p));
  let name = parts.pop() ?? 'stdin';
  if (!keepExt) name = name.replace(/(.)\.[^.]+$/, '$1');
  return join(outDir, ...parts, name + ext);
}

/**
 * Output paths for every input under `outDir`, in input order, checked before anything is
 * written: inside `outDir` (also after resolving symlinks of existing directories), not an
 * input, and unique (`a.txt` and `a.html` in one folder → `a.txt.json`, `a.html.json`).
 */
export async function planMirroredOutputs(outDir: string, inputs: InputSpec[], ext: string): Promise<string[]> {
  const root = resolve(outDir);
  const rootReal = await realTarget(root);
  const first = inputs.map((i) => mirroredPath(root, i.rel, ext));
  const count = new Map<string, number>();
  for (const t of first) count.set(t, (count.get(t) ?? 0) + 1);
  const used = new Set<string>();
  const targets = inputs.map((i, k) => {
    let t = count.get(first[k]!)! > 1 ? mirroredPath(root, i.rel, ext, true) : first[k]!;
    for (let n = 2; used.has(t); n++) t = mirroredPath(root, `${i.rel}~${n}`, ext, true);
    used.add(t);
    return t;
  });
  const reals = await inputRealPaths(inputs);
  for (const d of new Set(targets.map((t) => dirname(t)))) removeStaleTemps(d); // the jobs write there
  const dirChecked = new Map<string, string>();
  for (const t of targets) {
    const d = dirname(t);
    let dReal = dirChecked.get(d);
    if (dReal === undefined) {
      dReal = await realTarget(d);
      dirChecked.set(d, dReal);
    }
    if (dReal !== rootReal && !dReal.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep)) {
      throw new GiaError('E_WRITE', { file: t, why: 'outsideOutputDir', reason: 'outside the output directory' });
    }
    if (reals.has(join(dReal, basename(t)))) throw new GiaError('E_OUTPUT_IS_INPUT', { file: t });
  }
  return targets;
}

/** True if the path is an existing directory, or ends with a slash. */
export async function isDirectoryTarget(p: string): Promise<boolean> {
  if (/[\\/]$/.test(p)) return true;
  try {
    return (await lstat(p)).isDirectory();
  } catch {
    return false;
  }
}
