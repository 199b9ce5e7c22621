// Every rule has docs/rules/<id>.md with a 中文 and an English section; no page documents a rule that does not exist.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULES } from '../src/rules/index.js';

const DOCS = fileURLToPath(new URL('../docs/rules/', import.meta.url));

function sections(md: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = md.split(/^## +/m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    out.set(p.slice(0, nl).trim(), p.slice(nl + 1));
  }
  return out;
}

describe('rule docs', () => {
  it.each(RULES.map((r) => [r.id, r.name] as const))('%s %s has a page with both language sections', (id, name) => {
    const file = `${DOCS}${id}.md`;
    expect(existsSync(file), `docs/rules/${id}.md is missing`).toBe(true);
    const md = readFileSync(file, 'utf8');
    expect(md.split('\n')[0], 'first line: "# <id> <name>"').toBe(`# ${id} ${name}`);
    const s = sections(md);
    for (const lang of ['中文', 'English']) {
      expect(s.has(lang), `docs/rules/${id}.md lacks "## ${lang}"`).toBe(true);
      const body = s.get(lang)!;
      // What, why, and a wrong and a right example (two fenced blocks).
      expect(body.replace(/```[\s\S]*?```/g, '').trim().length, `${id} ${lang}: no text`).toBeGreaterThan(40);
      expect((body.match(/```/g) ?? []).length, `${id} ${lang}: needs a wrong and a right example`).toBeGreaterThanOrEqual(4);
    }
    expect(s.get('中文')!).toMatch(/[\u4e00-\u9fff]/);
  });

  it('has no page for a rule that does not exist', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md'));
    const orphans = pages.filter((f) => !ids.has(f.replace(/\.md$/, '')));
    expect(orphans, 'doc pages without a rule').toEqual([]);
  });
});

describe('README', () => {
  const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
  const first = /```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');

  it('opens with the two commands a new user types: install + run on a fixture, and the tests', async () => {
    expect(first).toHaveLength(2);
    const m = /^npm ci && npx gia-report (.+)$/.exec(first[0]!);
    expect(m, first[0]).not.toBeNull();
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));
    expect(pkg.bin['gia-report']).toBe('bin/gia-report.js'); // what npx runs after npm ci
    const args = m![1]!.split(/\s+/);
    for (const a of args.filter((x) => x.includes('/'))) expect(existsSync(fileURLToPath(new URL(`../${a}`, import.meta.url))), a).toBe(true);
    const { runCli } = await import('./helpers/cli.js');
    expect((await runCli(args, { cwd: fileURLToPath(new URL('..', import.meta.url)) })).code).toBe(0);
    expect(first[1]).toBe('npm test');
    expect(pkg.scripts.test).toBeTruthy();
  });

  it('says how to run gia-report without a global install, and has a section in Chinese', () => {
    expect(readme).toMatch(/npx gia-report/);
    expect(readme).toMatch(/npm link/);
    expect(readme).toMatch(/## 给办公室用户/);
    expect(readme).toMatch(/PowerShell/);
  });

  it('tables are not split by a stray blank line (every table row follows a table row or a header)', () => {
    const lines = readme.split('\n');
    lines.forEach((l, i) => {
      if (/^\|.*\|$/.test(l) && !/^\|[-| ]+\|$/.test(l) && i > 1 && lines[i - 1] === '' && !/^\|[-| ]+\|$/.test(lines[i + 1] ?? '')) {
        throw new Error(`README line ${i + 1}: a table row without its header: ${l}`);
      }
    });
  });

  it('user docs carry no internal markers and link the spec inside docs/', () => {
    const docs = fileURLToPath(new URL('../docs/', import.meta.url));
    const pages = [`${docs}spec.md`, ...readdirSync(DOCS).map((f) => `${DOCS}${f}`)];
    for (const p of pages) {
      const md = readFileSync(p, 'utf8');
      expect(md, p).not.toMatch(/\[(?:implied|official|real)\]/);
      expect(md, p).not.toMatch(/spec\/templates\.md|templates spec/);
    }
    expect(readFileSync(`${DOCS}GIA301.md`, 'utf8')).toContain('](../spec.md)');
  });
});
