// `gia-report … | head`: the reader closes the pipe early; the CLI stops quietly (no EPIPE stack
// trace on stderr), with the exit code of a program stopped by SIGPIPE.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/gia-report.js');

function closedAfterFirstChunk(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy()); // what `head -c 1` does
    child.on('close', (code) => done({ code, err }));
  });
}

describe('a closed stdout pipe', () => {
  it('ends the run quietly: no stack trace, exit 141', async () => {
    // enough JSON Lines to overflow a pipe's buffer (each report is ~60 KB on one line)
    const files = Array.from({ length: 6 }, () => 'fixtures/akqi-2021/akqi-2021.txt');
    const r = await closedAfterFirstChunk(['convert', '--no-progress', '--jobs', '1', ...files]);
    expect(r.err).not.toMatch(/EPIPE|Error|at /);
    expect(r.code).toBe(141);
  }, 60_000);
});
