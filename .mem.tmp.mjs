// scratch: peak RSS and CPU of outputs for N files, base vs new build, alternated
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { corpus } from './bench/corpus.mjs';
const [format, n, which = 'jsonl,csv,lint,wide,dir,xlsx', builds = 'base,new'] = process.argv.slice(2);
const work = '/tmp/s4batch/work';
const c = corpus(work, format, Number(n));
const bins = { base: '/tmp/s4batch/base/bin/gia-report.js', new: '/work/s4-batch/bin/gia-report.js' };
const outs = {
  jsonl: (o) => ['convert', c.dir, '-o', join(o, 'all.jsonl')],
  csv: (o) => ['convert', c.dir, '--to', 'csv', '-o', join(o, 'all.csv')],
  wide: (o) => ['convert', c.dir, '--to', 'csv', '--layout', 'wide', '-o', join(o, 'wide.csv')],
  dir: (o) => ['convert', c.dir, '-o', join(o, 'out') + '/'],
  xlsx: (o) => ['convert', c.dir, '--to', 'xlsx', '-o', join(o, 'book.xlsx')],
  lint: (o) => ['lint', c.dir, '-f', `json=${join(o, 'lint.json')}`],
};
for (const w of which.split(',')) {
  for (const b of builds.split(',')) {
    const o = join(work, `o-${b}`);
    rmSync(o, { recursive: true, force: true });
    const la = loadavg()[0].toFixed(1);
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, bins[b], ...outs[w](o), '--no-progress', ...(process.env.JOBS ? ['--jobs', process.env.JOBS] : [])], { encoding: 'utf8', env: { ...process.env } });
    const num = (re) => Number(re.exec(r.stderr)?.[1]);
    const cpu = num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/);
    const wall = /Elapsed \(wall clock\) time.*: (.*)/.exec(r.stderr)?.[1];
    console.log(`${format} ${n} ${w.padEnd(5)} ${b.padEnd(4)} rss ${(num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024).toFixed(0)} MB cpu ${cpu.toFixed(1)} s wall ${wall} exit ${r.status} load ${la}`);
    rmSync(o, { recursive: true, force: true });
  }
}
