// Run-level rules in the rule contract (issue 11): a rule that declares `reads` and `checkRun` is
// run by the engine over a whole run — registered, it finds things from the CLI with no CLI change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineRule } from '../src/rules/define.js';
import { registerRule, RULES, findRule } from '../src/rules/index.js';
import { cutSlice, runLevelRules } from '../src/engine/run.js';
import { analyzeBytes } from '../src/engine/analyze.js';
import { readFileSync } from 'node:fs';
import { runCli } from './helpers/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = join(ROOT, 'fixtures/cross-year'); // 阿合奇 2021 (本年新收 5) and a derived 2022 (本年新收 4)
const RECEIVED = { table: 'requests', row: 'received', column: 'total' };

/** A made-up run-level rule: 本年新收 fell from the year before (reads one cell no built-in rule reads). */
const receivedDrop = defineRule({
  id: 'GIA490',
  name: 'received-drop',
  severity: 'error',
  tags: ['cross-year'],
  description: { 'zh-CN': '本年新收申请数少于上一年。', en: 'Fewer new requests than the year before.' },
  messages: {
    fewer: { 'zh-CN': '{cell}为 {actual}，上一年 {prevFile} 为 {expected}。', en: '{cell} is {actual}; {prevFile} had {expected}.' },
  },
  reads: () => [RECEIVED],
  checkRun(ctx) {
    for (const a of ctx.reports) {
      for (const b of ctx.reports) {
        if (b.year !== a.year - 1) continue;
        const cur = a.slice();
        const prev = b.slice();
        const now = ctx.value(cur, RECEIVED);
        const before = ctx.value(prev, RECEIVED);
        if (now === null || before === null || now >= before) continue;
        ctx.emit(cur, { messageId: 'fewer', ...RECEIVED, actual: now, expected: before, data: { prevFile: prev.path.split('/').pop()! }, files: [prev.path], related: [{ ...RECEIVED, report: prev }] });
      }
    }
  },
});

interface JsonFinding {
  file: string;
  ruleId: string;
  row: string | null;
  column: string | null;
  message: string;
  files?: string[];
  related?: { label: string; pos?: { line?: number } }[];
}

async function lintJson(): Promise<{ code: number; findings: JsonFinding[] }> {
  const r = await runCli(['lint', DIR, '-f', 'json', '--jobs', '1', '--no-progress', '--locale', 'en']);
  const findings = (JSON.parse(r.out) as { files: { diagnostics: JsonFinding[] }[] }).files.flatMap((x) => x.diagnostics);
  return { code: r.code, findings };
}

describe('a registered run-level rule', () => {
  const before = RULES.length;
  let without: { code: number; findings: JsonFinding[] };
  beforeAll(async () => {
    without = await lintJson();
    registerRule(receivedDrop);
  });
  afterAll(() => {
    // leave the registry as the other tests of this file found it
    (RULES as unknown as unknown[]).splice(RULES.indexOf(receivedDrop as never), 1);
  });

  it('is in the registry, in id order, and among the run-level rules', () => {
    expect(RULES.length).toBe(before + 1);
    expect(findRule('received-drop')).toBe(receivedDrop);
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(runLevelRules().map((r) => r.id)).toEqual(['GIA402', 'GIA403', 'GIA490']);
  });

  it('makes the engine keep the cell it declares in every slice', async () => {
    const r = await analyzeBytes(readFileSync(join(DIR, 'akqi-2021.txt')), 'akqi-2021.txt');
    expect(cutSlice(r)!.tables.requests!.cells.received).toEqual({ total: { value: 5, kind: 'number', pos: expect.any(Object) } });
    expect(cutSlice(r, runLevelRules().filter((x) => x.id !== 'GIA490'))!.tables.requests!.cells.received).toBeUndefined();
  });

  it('finds the drop from the CLI over two years of reports, counted in the exit code', async () => {
    expect(without.findings.filter((d) => d.ruleId === 'GIA490')).toEqual([]);
    expect(without.code).toBe(0); // the pair has only the GIA402/GIA403 warnings and infos
    const { code, findings } = await lintJson();
    const drop = findings.filter((d) => d.ruleId === 'GIA490');
    expect(drop).toHaveLength(1);
    expect(drop[0]).toMatchObject({ file: expect.stringMatching(/akqi-2022\.derived\.txt$/), row: 'received', column: 'total', files: [expect.stringMatching(/akqi-2021\.txt$/)] });
    expect(drop[0]!.message).toMatch(/ is 4; akqi-2021\.txt had 5\.$/);
    expect(drop[0]!.related![0]!.label).toMatch(/^akqi-2021\.txt: /);
    expect(drop[0]!.related![0]!.pos?.line).toBeGreaterThan(0);
    expect(code).toBe(1); // an error-level run-level finding counts like any other
    // the built-in cross-year findings are still there
    expect(findings.filter((d) => d.ruleId === 'GIA402').length).toBe(without.findings.filter((d) => d.ruleId === 'GIA402').length);
  });

  it('can be turned off like any rule', async () => {
    const r = await runCli(['lint', DIR, '-f', 'json', '--jobs', '1', '--no-progress', '--rule', 'received-drop=off']);
    expect(r.out).not.toContain('GIA490');
  });
});
