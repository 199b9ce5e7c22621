// CPU per report, in one process, on a list of files (one path per line in LIST):
//   node bench/cpu.mjs FORMAT floor LIST
//     the floor of FORMAT, every file once:
//       html  read the file, decode UTF-8, htmlparser2's Parser with an empty handler
//       docx  read the file, fflate unzipSync of word/document.xml alone, decode, htmlparser2's Parser
//             in XML mode with an empty handler
//       text  read the file, decode UTF-8 (fatal), split into lines
//   node bench/cpu.mjs FORMAT steady LIST [passes]
//     after a warm-up, alternating passes over the files of: the floor, gia-report's reader alone
//     (readBytes) and the whole analysis (analyzeBytes: read + extract + lint); the minimum per phase
// Prints one line of JSON: CPU ms per report (process.cpuUsage: all threads of the process, GC included).
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';

const [format, mode, list, passesArg] = process.argv.slice(2);
const files = readFileSync(list ?? '/dev/null', 'utf8').split('\n').filter(Boolean);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const utf8 = new TextDecoder('utf-8', { fatal: true });
const FLOORS = {
  html: (p) => new Parser({}).end(readFileSync(p).toString('utf8')),
  docx: (p) => {
    const xml = unzipSync(readFileSync(p), { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'];
    new Parser({}, { xmlMode: true }).end(utf8.decode(xml));
  },
  text: (p) => utf8.decode(readFileSync(p)).split(/\r?\n/),
};
const floor = FLOORS[format];
if (!floor || !files.length || (mode !== 'floor' && mode !== 'steady')) {
  console.error('usage: node bench/cpu.mjs html|docx|text floor|steady LIST [passes]');
  process.exit(2);
}

if (mode === 'floor') {
  const t0 = cpu();
  for (const p of files) floor(p);
  console.log(JSON.stringify({ reports: files.length, floor: (cpu() - t0) / files.length }));
} else {
  const dist = new URL('../dist/', import.meta.url);
  const { readBytes } = await import(new URL('readers/index.js', dist).href);
  const { analyzeBytes } = await import(new URL('engine/analyze.js', dist).href);
  const phases = {
    floor,
    read: (p) => readBytes(readFileSync(p), p),
    analyze: (p) => analyzeBytes(readFileSync(p), p),
  };
  // warm-up (JIT, lazy imports), on the last files of the list
  for (let i = 0; i < Math.min(60, files.length); i++) for (const f of Object.values(phases)) await f(files[files.length - 1 - i]);
  const best = { floor: Infinity, read: Infinity, analyze: Infinity };
  const passes = Number(passesArg ?? 3);
  for (let k = 0; k < passes; k++) {
    for (const [name, f] of Object.entries(phases)) {
      const t0 = cpu();
      for (const p of files) await f(p);
      best[name] = Math.min(best[name], (cpu() - t0) / files.length);
    }
  }
  console.log(JSON.stringify({ reports: files.length, passes, ...best }));
}
