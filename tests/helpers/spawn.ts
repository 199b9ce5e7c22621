// Spawns the built CLI like a user runs it, with a heap cap (an unbounded read fails the test
// with an out-of-memory crash, not a slow run) and its peak resident memory measured.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/gia-report.js');

export interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  /** Peak RSS of the whole process (worker threads included), MB; NaN if it died before exiting normally. */
  peakMb: number;
}

/**
 * Runs `gia-report args` in a child process, with `--max-old-space-size=heapMb` unless `heapMb`
 * is null (that V8 flag is process-wide: it overrides the heap limit of worker threads, so a
 * batch test that relies on --max-memory runs without it and asserts the peak instead).
 */
export function spawnCli(args: string[], opts: { cwd?: string; heapMb?: number | null; input?: string | Buffer; timeoutMs?: number } = {}): Spawned {
  const dir = mkdtempSync(join(tmpdir(), 'gia-peak-'));
  const peakFile = join(dir, 'peak');
  try {
    const r = spawnSync(process.execPath, [...(opts.heapMb === null ? [] : [`--max-old-space-size=${opts.heapMb ?? 256}`]), '-r', join(__dirname, 'peak.cjs'), BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      input: opts.input ?? '',
      encoding: 'utf8',
      timeout: opts.timeoutMs ?? 120_000,
      env: { ...process.env, NO_COLOR: '1', GIA_PEAK_FILE: peakFile },
    });
    let peakMb = NaN;
    try {
      peakMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
    } catch {
      /* crashed */
    }
    return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr, peakMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
