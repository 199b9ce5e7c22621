// File-system side of the CLI: expanding inputs, reading them, atomic writes.
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { GiaError } from '../errors.js';
import { SUPPORTED_EXTENSIONS } from '../readers/index.js';

/** One input to process: a file path, or `-` for stdin. */
export interface InputSpec {
  path: string;
  /** Path relative to the directory argument it was found under (for mirrored outputs). */
  rel: string;
}

/** Expands file and directory arguments (directories recursively, supported extensions only). */
export async function collectInputs(args: string[]): Promise<{ inputs: InputSpec[]; skipped: string[] }> {
  const inputs: InputSpec[] = [];
  const skipped: string[] = [];
  const seenDirs = new Set<string>();
  const walk = async (dir: string, root: string): Promise<void> => {
    const real = await realpath(dir);
    if (seenDirs.has(real)) return; // a symlink loop or a directory given twice
    seenDirs.add(real);
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const s = await stat(p);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch {
          skipped.push(p);
          continue;
        }
      }
      if (isDir) await walk(p, root);
      else if (isFile) {
        if (SUPPORTED_EXTENSIONS.includes(extname(e.name).toLowerCase())) inputs.push({ path: p, rel: p.slice(root.length + 1) });
        else skipped.push(p);
      }
    }
  };
  for (const a of args) {
    if (a === '-') {
      inputs.push({ path: '-', rel: 'stdin' });
      continue;
    }
    let s;
    try {
      s = await stat(a);
    } catch {
      inputs.push({ path: a, rel: basename(a) }); // reported as not found when read
      continue;
    }
    if (s.isDirectory()) await walk(a, resolve(a) === a ? a : a.replace(/\/+$/, ''));
    else inputs.push({ path: a, rel: basename(a) });
  }
  return { inputs, skipped };
}

/** Reads an input's bytes; maps file-system errors to one-line GiaErrors. */
export async function readInput(path: string, stdin?: () => Promise<Buffer>): Promise<Uint8Array> {
  if (path === '-') {
    if (!stdin) throw new GiaError('E_UNREADABLE', { file: '-', reason: 'stdin' });
    return stdin();
  }
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new GiaError('E_IS_DIRECTORY', { file: path });
    return await readFile(path);
  } catch (e) {
    if (e instanceof GiaError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new GiaError('E_NOT_FOUND', { file: path });
    throw new GiaError('E_UNREADABLE', { file: path, reason: (e as Error).message });
  }
}

/** Writes a file atomically: a temporary file in the same directory, then rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(resolve(path));
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new GiaError('E_WRITE', { file: path, reason: (e as Error).message });
  }
}

/** Refuses an output path that is one of the inputs (same file after resolving links). */
export async function assertNotInput(out: string, inputs: InputSpec[]): Promise<void> {
  let outReal = resolve(out);
  try {
    outReal = await realpath(out);
  } catch {
    /* does not exist yet */
  }
  for (const i of inputs) {
    if (i.path === '-') continue;
    let inReal = resolve(i.path);
    try {
      inReal = await realpath(i.path);
    } catch {
      /* missing input: reported elsewhere */
    }
    if (inReal === outReal) throw new GiaError('E_OUTPUT_IS_INPUT', { file: out });
  }
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
