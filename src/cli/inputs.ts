// The inputs of a run: the files, directories and globs named on the command line (and by
// --files-from), expanded in argument order, files that are not reports skipped with a reason,
// and --shard's part of them.
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { SUPPORTED_EXTENSIONS, refusedByName, sniffReader } from '../readers/index.js';
import { OPEN_FLAGS } from './io.js';

/** One input to process: a file path, or `-` for stdin. */
export interface InputSpec {
  path: string;
  /** Path relative to the directory argument (or glob base) it was found under (for mirrored outputs). */
  rel: string;
}

/** A file found in a directory or by a glob that is not a report format we read. */
export interface SkippedInput {
  path: string;
  /** `ext:.md`, `binary`, `empty`, a refused format (`legacy-doc`, `odt`, `xlsx`, … see readers/formats/other.ts), `symlink-loop`, `broken-symlink`, `not-regular`, or an OS message. */
  reason: string;
}

/** True for an argument with glob syntax (`*`, `?`, `[…]`, `{…}`). */
export function isGlob(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

/** The static directory prefix of a glob: `reports/2021/**\/*.txt` → `reports/2021`. */
export function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const out: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (isGlob(p)) break;
    out.push(p);
  }
  if (out.length === 0) return '.';
  return out.join('/') || '/';
}

/**
 * Whether a file found while walking (not named explicitly) is read: a supported extension, or no
 * extension and content that looks like a report (not binary; docx zip, HTML or text). Returns
 * the reason when it is not.
 */
export function sniffUnsupported(path: string): string | null {
  const ext = extname(basename(path)).toLowerCase();
  // an HTML file may be this tool's own lint report (-f html=…) written into an input folder: its head is read
  if (SUPPORTED_EXTENSIONS.includes(ext) && !/^\.x?html?$|^\.shtml$/.test(ext)) return null;
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    const refused = refusedByName(path);
    if (refused) return refused.skip!(path); // .doc, .odt, .xlsx, …: listed with how to convert them
    if (ext !== '' && !/^\.\d+$/.test(ext)) return `ext:${ext}`;
  }
  let head: Buffer;
  try {
    const fd = openSync(path, OPEN_FLAGS);
    try {
      // a glob match may be a link to a device or a FIFO: never read one
      if (!fstatSync(fd).isFile()) return 'not-regular';
      head = Buffer.alloc(4096);
      head = head.subarray(0, readSync(fd, head, 0, 4096, 0));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return SUPPORTED_EXTENSIONS.includes(ext) ? null : (e as Error).message; // a report that cannot be opened: reading it says why
  }
  if (isOwnOutput(head)) return 'own-output';
  if (SUPPORTED_EXTENSIONS.includes(ext)) return null;
  if (head.length === 0) return 'empty';
  const reader = sniffReader(head, path);
  if (reader.skip) return reader.skip(path);
  if (reader.format !== 'text') return null;
  // text: reject binary content (NUL bytes outside UTF-16, control-heavy data)
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16) {
    let ctrl = 0;
    for (const b of head) {
      if (b === 0) return 'binary';
      if (b < 9 || (b > 13 && b < 32)) ctrl++;
    }
    if (ctrl > head.length / 20) return 'binary';
  }
  return null;
}

/** The mark of this tool's own HTML report (src/formatters/html.ts): its generator meta. */
const OWN_OUTPUT = /<meta\s+name="generator"\s+content="gia-report[\s"]/i;

/** Whether a file's first bytes are this tool's own `-f html` report: never read back as an annual report. */
export function isOwnOutput(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  return OWN_OUTPUT.test(head);
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Expands file, directory and glob arguments, in argument order. Directories are walked
 * recursively in name order (supported extensions, and extension-less files sniffed by content);
 * symlinked directories are followed once (a loop or a directory given twice is walked once).
 * Files named explicitly are always taken (reading them reports what is wrong); `-` is stdin.
 */
export async function collectInputs(args: string[], cwd: string = process.cwd()): Promise<{ inputs: InputSpec[]; skipped: SkippedInput[] }> {
  const inputs: InputSpec[] = [];
  const skipped: SkippedInput[] = [];
  const seenDirs = new Set<string>();
  const consider = (p: string, rel: string): void => {
    const why = sniffUnsupported(p);
    if (why) skipped.push({ path: p, reason: why });
    else inputs.push({ path: p, rel });
  };
  const walk = async (dir: string, root: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (e) {
      skipped.push({ path: dir, reason: (e as Error).message });
      return;
    }
    if (seenDirs.has(real)) return; // a symlink loop or a directory given twice
    seenDirs.add(real);
    let entries;
    try {
      entries = (await readdir(dir, { withFileTypes: true })).sort(byName);
    } catch (e) {
      skipped.push({ path: dir, reason: (e as Error).message });
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const s = await stat(p);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch (err) {
          skipped.push({ path: p, reason: (err as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink-loop' : 'broken-symlink' });
          continue;
        }
      }
      if (isDir) await walk(p, root);
      else if (isFile) consider(p, relative(root, p));
      else skipped.push({ path: p, reason: 'not-regular' });
    }
  };
  for (const a of args) {
    if (a === '-') {
      inputs.push({ path: '-', rel: 'stdin' });
      continue;
    }
    let s;
    try {
      s = await stat(resolve(cwd, a));
    } catch {
      s = null;
    }
    if (!s && isGlob(a)) {
      const { glob } = await import('tinyglobby');
      const base = globBase(a);
      const matches = (await glob(a, { cwd, absolute: true, onlyFiles: true, followSymbolicLinks: true, expandDirectories: false })).sort();
      const baseAbs = resolve(cwd, base);
      for (const m of matches) {
        const shown = isAbsolute(a) ? m : relative(cwd, m) || m;
        // a match may be a link to a device or a FIFO (never opened: a FIFO would block)
        let regular: boolean;
        try {
          regular = (await stat(m)).isFile();
        } catch {
          regular = false;
        }
        if (regular) consider(shown, relative(baseAbs, m));
        else skipped.push({ path: shown, reason: 'not-regular' });
      }
      continue;
    }
    if (!s) {
      inputs.push({ path: a, rel: basename(a) }); // reported as not found when read
      continue;
    }
    if (s.isDirectory()) await walk(a, a.length > 1 ? a.replace(/[\\/]+$/, '') : a);
    else inputs.push({ path: a, rel: basename(a) });
  }
  return { inputs, skipped };
}
