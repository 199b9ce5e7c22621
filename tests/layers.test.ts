// Layers without upward imports (issue 11): every `import` of src/ (type-only and dynamic ones
// included) goes to its own directory or to a lower layer, and a `_` module stays private to its
// directory. A new directory of src/ needs a place here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Lowest first. A module may import from its own layer's directory and from any layer listed
 * before it, never from one after it (nor from another directory of the same rank).
 */
const LAYERS: string[][] = [
  ['types', 'version'], // shared data types; the package version
  ['errors'],
  ['limits'],
  ['text'], // label keys, cell values, the positional column method, terminal-safe text: below everything that reads
  ['i18n'],
  ['templates'], // the formats as data, their equations
  ['extract'], // a read document → template tables, metadata, sections, narrative claims
  ['readers'], // bytes → SourceDoc
  ['rules'], // per-report and run-level rules, the suspects search
  ['engine'], // read → extract → lint; the run-level step
  ['layout'], // the official drawing, cell keys, locations in words
  ['writers'], // JSON, CSV, xlsx
  ['formatters'], // lint report formats
  ['page'], // the offline page
  ['cli'], // the only code that touches the process
  ['index'], // the library's entry point
];

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const rank = new Map<string, number>(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as [string, number])));

/** The layer of a path under src/: its top directory, or a top-level file's name without extension. */
function layerOf(rel: string): string {
  const top = rel.split(/[\\/]/)[0]!;
  return top.replace(/\.(ts|js)$/, '');
}

/** Every module specifier a source text imports or re-exports (static, type-only, dynamic, `typeof import`). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const res = [/\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm];
  for (const re of res) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return name.endsWith('.ts') ? [p] : [];
  });
}

interface Edge {
  file: string;
  spec: string;
  from: string;
  to: string;
}

/** Imports of a `_`-prefixed module (private to its directory) from another top directory of src/. */
function privateImports(files: { file: string; text: string }[]): Edge[] {
  const bad: Edge[] = [];
  for (const { file, text } of files) {
    const from = layerOf(relative(SRC, file));
    for (const spec of specifiers(text)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(SRC, resolve(dirname(file), spec));
      const to = layerOf(target);
      if (to !== from && /(^|[\\/])_[^\\/]*$/.test(target)) bad.push({ file: relative(SRC, file), spec, from, to });
    }
  }
  return bad;
}

/** Imports that go up a layer (or to an unknown directory). */
function upward(files: { file: string; text: string }[]): Edge[] {
  const bad: Edge[] = [];
  for (const { file, text } of files) {
    const from = layerOf(relative(SRC, file));
    for (const spec of specifiers(text)) {
      if (!spec.startsWith('.')) continue; // packages and node: builtins
      const target = relative(SRC, resolve(dirname(file), spec));
      if (target.startsWith('..')) continue;
      const to = layerOf(target);
      if (to === from) continue;
      const a = rank.get(from);
      const b = rank.get(to);
      if (a === undefined || b === undefined || b >= a) bad.push({ file: relative(SRC, file), spec, from, to });
    }
  }
  return bad;
}

describe('layers', () => {
  const files = sources(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  it('every directory of src/ has a layer', () => {
    const unknown = [...new Set(files.map((f) => layerOf(relative(SRC, f.file))))].filter((l) => !rank.has(l));
    expect(unknown).toEqual([]);
  });

  it('no import goes up a layer', () => {
    expect(upward(files).map((e) => `${e.file}: ${e.spec} (${e.from} → ${e.to})`)).toEqual([]);
  });

  it('no module imports a private (`_`) module of another directory', () => {
    expect(privateImports(files).map((e) => `${e.file}: ${e.spec}`)).toEqual([]);
  });

  it('finds the private imports it is meant to find', () => {
    const fake = (rel: string, text: string) => ({ file: join(SRC, rel), text });
    const found = privateImports([
      fake('engine/x.ts', "import { a } from '../rules/_suspects.js';"),
      fake('readers/pdf/x.ts', "import { b } from '../_grid.js';"), // the same top directory
      fake('rules/x.ts', "import { c } from './_identity.js';"),
    ]);
    expect(found.map((e) => e.spec)).toEqual(['../rules/_suspects.js']);
  });

  it('finds the kinds of upward import it is meant to find', () => {
    const fake = (rel: string, text: string) => ({ file: join(SRC, rel), text });
    const found = upward([
      fake('templates/x.ts', "import type { RuleSettings } from '../engine/lint.js';"),
      fake('rules/x.ts', "export { a } from '../cli/main.js';"),
      fake('extract/x.ts', "const m = await import('../readers/index.js');"),
      fake('readers/x.ts', "let l: typeof import('../writers/csv.js') | undefined;"),
      fake('text/x.ts', "import {\n  a,\n  b,\n} from '../templates/index.js';"),
      fake('engine/x.ts', "import { x } from './lint.js';\nimport { y } from '../rules/index.js';\nimport z from 'node:path';"),
    ]);
    expect(found.map((e) => `${e.from}→${e.to}`)).toEqual(['templates→engine', 'rules→cli', 'extract→readers', 'readers→writers', 'text→templates']);
  });
});
