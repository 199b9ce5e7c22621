// The worker pool of a large batch (src/cli/schedule.ts, src/cli/worker.ts): outcomes come back in
// batches, so the input a worker died on is known from shared memory (JobState), not from which
// outcome is missing. An out-of-memory input in the middle of a batch is its own one-line error;
// the inputs before and after it in the same worker are converted, each once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manyParagraphsDocx } from '../bench/fuzz-lib.mjs';
import { ROOT } from './helpers/spawn.js';

const BIN = join(ROOT, 'bin/gia-report.js');
const TEXT = readFileSync(join(ROOT, 'fixtures/akqi-2021/akqi-2021.txt'), 'utf8');

describe('worker pool with batched outcomes', { timeout: 120_000 }, () => {
  it('an input that exhausts its worker is the only failure; every other input is converted once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-pool-'));
    const names: string[] = [];
    for (let i = 0; i < 24; i++) {
      const name = `r${String(i).padStart(2, '0')}.txt`;
      writeFileSync(join(dir, name), TEXT.replace('阿合奇县', `县${i}`));
      names.push(name);
    }
    writeFileSync(join(dir, 'r10big.docx'), manyParagraphsDocx(8)); // sorts among the text files: a worker has jobs queued before and after it
    const out = join(dir, 'out.jsonl');
    const r = spawnSync(process.execPath, [BIN, 'convert', dir, '-o', out, '--jobs', '2', '--max-memory', '32', '--locale', 'en', '--no-progress'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', GIA_MIN_PARALLEL: '0' },
    });
    expect(r.status).toBe(2);
    const paths = readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { source: { path: string } }).source.path.replace(/^.*\//, ''));
    expect(paths).toEqual(names); // in input order, each once, the hostile one left out
    const failed = r.stderr.split('\n').filter((l) => /exceeds a limit/.test(l));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((l) => l.includes('r10big.docx'))).toBe(true);
    expect(r.stderr).toMatch(/memory used while reading: more than 32 MB/);
    expect(r.stderr).toMatch(/24 report\(s\) read.*1 could not be read/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
