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
