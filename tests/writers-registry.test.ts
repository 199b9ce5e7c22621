// The writer registry (src/writers/index.ts): a new --to format is one writer file and one registry
// line. A made-up Markdown writer (tests/helpers/markdown-writer.ts) is registered and the CLI
// writes it to stdout, to a file named by its extension, and one file per input, as it does the
// built-in formats; its name joins --to's choices and the extension checks.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITERS, registerWriter, writerByName, writerOfExtension } from '../src/writers/index.js';
import { analyzeBytes } from '../src/engine/analyze.js';
import { MD_HEAD, markdownWriter } from './helpers/markdown-writer.js';
import { runCli } from './helpers/cli.js';

const A = 'fixtures/akqi-2021/akqi-2021.txt';
const B = 'fixtures/cross-year/akqi-2022.derived.txt';

/** The line the made-up writer should give for a file, from the analysis itself (organ, year, template, findings). */
async function lineOf(path: string, extraDiagnostics = 0): Promise<string> {
  const r = await analyzeBytes(readFileSync(path), path);
  return `| ${path} | ${r.meta.organ ?? ''} | ${r.meta.year ?? ''} | ${r.template.id} | ${r.diagnostics.length + extraDiagnostics} |\n`;
}

describe('writer registry', () => {
  const before = [...WRITERS];
  beforeAll(() => registerWriter(markdownWriter));
  afterAll(() => {
    WRITERS.splice(0, WRITERS.length, ...before);
  });

  it('lists the built-in writers with their extensions', () => {
    expect(before.map((w) => w.name)).toEqual(['json', 'csv', 'xlsx']);
    expect(writerOfExtension('.JSONL')?.name).toBe('json');
    expect(writerOfExtension('.md')?.name).toBe('md');
    expect(writerByName('md')).toBe(markdownWriter);
  });

  it('a registered writer is a --to choice and writes one report to stdout', async () => {
    const help = await runCli(['--locale', 'en', 'convert', '--help']);
    expect(help.out.replace(/\s+/g, ' ')).toContain('(choices: json, csv, xlsx, md)');
    const r = await runCli(['convert', '--no-progress', '--to', 'md', A]);
    expect(r.code).not.toBe(2);
    expect(r.out).toBe(MD_HEAD + (await lineOf(A)));
  });

  it('combines several reports through its frame (to stdout and to a file named by its extension)', async () => {
    const lines = (await lineOf(A)) + (await lineOf(B));
    const r = await runCli(['convert', '--no-progress', '--to', 'md', A, B]);
    expect(r.out.startsWith(MD_HEAD)).toBe(true);
    // the two years of one organ: the cross-year findings are added to the reports (not to the writer's lines, which its jobs encoded)
    expect(r.out).toBe(MD_HEAD + lines);
    const d = mkdtempSync(join(tmpdir(), 'gia-md-'));
    const f = await runCli(['convert', '--no-progress', '-o', join(d, 'all.markdown'), A, B]);
    expect(f.code).not.toBe(2);
    expect(readFileSync(join(d, 'all.markdown'), 'utf8')).toBe(MD_HEAD + lines);
    const none = await runCli(['convert', '--no-progress', '-o', join(d, 'none.md'), join(d, 'missing.txt')]);
    expect(none.code).toBe(2);
  });

  it('writes one file per input under -o DIR with its extension', async () => {
    const d = mkdtempSync(join(tmpdir(), 'gia-md-'));
    const r = await runCli(['convert', '--no-progress', '--to', 'md', '-o', join(d, 'out') + '/', A, B]);
    expect(r.code).not.toBe(2);
    expect(readdirSync(join(d, 'out')).sort()).toEqual(['akqi-2021.md', 'akqi-2022.derived.md']);
    expect(readFileSync(join(d, 'out', 'akqi-2021.md'), 'utf8')).toBe(MD_HEAD + (await lineOf(A)));
  });

  it('takes part in the extension checks and the layout check', async () => {
    const d = mkdtempSync(join(tmpdir(), 'gia-md-'));
    const clash = await runCli(['--locale', 'en', 'convert', '--to', 'md', '-o', join(d, 'x.json'), A]);
    expect(clash.code).toBe(2);
    expect(clash.err).toContain(join(d, 'x.md'));
    const unknown = await runCli(['--locale', 'en', 'convert', '-o', join(d, 'x.txt2'), A]);
    expect(unknown.err).toContain('.json .jsonl .csv .xlsx .md .markdown');
    const wide = await runCli(['convert', '--to', 'md', '--layout', 'wide', A]);
    expect(wide.code).toBe(2);
  });
});
