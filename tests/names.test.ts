// Names (issue 11): a rule's file is named after the rule (file name = rule name = registry key).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';

const src = (p: string): string => fileURLToPath(new URL(`../src/${p}`, import.meta.url));

describe('rule modules are named after their rules', () => {
  it.each(RULES.map((r) => [r.id, r.name]))('%s lives in src/rules/%s.ts', (id, name) => {
    const file = src(`rules/${name}.ts`);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`id: '${id}'`);
    expect(text).toContain(`name: '${name}'`);
  });

  it('the registry imports each rule under its own name', () => {
    const index = readFileSync(src('rules/index.ts'), 'utf8');
    const camel = (s: string): string => s.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    for (const r of RULES) expect(index).toContain(`import ${camel(r.name)} from './${r.name}.js';`);
  });
});
