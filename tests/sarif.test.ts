// -f sarif: validated against the SARIF 2.1.0 JSON schema shipped in fixtures/schemas (see its SOURCE.md).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sarif, sarifLog, sarifRoot } from '../src/formatters/sarif.js';
import { pathToFileURL } from 'node:url';
import { loadFormatter } from '../src/formatters/index.js';
import { RULES } from '../src/rules/index.js';
import type { FileResult } from '../src/types.js';
import { analyzeText, fixturePath, fixtureText } from './helpers/report.js';

const schema = JSON.parse(readFileSync(fixturePath('schemas', 'sarif-2.1.0.json'), 'utf8')) as object;
// unicodeRegExp: false — the rtm.5 schema's `language` pattern has a stray ']' that the 'u' flag rejects.
// ajv-draft-04 and ajv-formats are CommonJS: load them with require so the types line up under NodeNext.
const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function defect(): string {
  const t = fixtureText('akqi-2021', 'akqi-2021.txt');
  const i = t.indexOf('一、本年新收政府信息公开申请数量');
  const j = t.indexOf('\t5\n', i);
  return t.slice(0, j) + '\t6\n' + t.slice(j + 3);
}

async function results(): Promise<FileResult[]> {
  const bad = await analyzeText(defect(), {}, fixturePath('akqi-2021', 'akqi 2021 bad.txt'));
  return [bad, { path: fixturePath('missing', '缺失.txt'), fatal: { code: 'E_NOT_FOUND', message: '找不到文件 缺失.txt：请检查路径。' } }];
}

const ctx = { locale: 'zh-CN' as const, color: false, cwd: fixturePath(), quiet: false };

type Run = {
  tool: { driver: { name: string; version: string; informationUri?: string; rules: { id: string; name: string; helpUri?: string; defaultConfiguration: { level: string }; shortDescription: { text: string }; fullDescription: { text: string } }[] } };
  results: {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } }; logicalLocations?: { fullyQualifiedName: string; name?: string }[] }[];
  }[];
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; descriptor: { id: string } }[] }[];
};

describe('sarif formatter', () => {
  it('is registered', async () => {
    expect(await loadFormatter('sarif')).toBe(sarif);
  });

  it('validates against the SARIF 2.1.0 schema (with and without a repository base URI)', async () => {
    const rs = await results();
    const plain = JSON.parse(sarif(rs, ctx));
    expect(validate(plain), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const withBase = sarifLog(rs, ctx, { baseUri: 'https://example.org/gia-report/blob/main/' });
    expect(validate(withBase), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const clean = JSON.parse(sarif([await analyzeText(fixtureText('akqi-2021', 'akqi-2021.txt'))], { ...ctx, locale: 'en' }));
    expect(validate(clean), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema rejects a broken log (the validation is real)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('describes the tool and every rule from rule metadata', async () => {
    const log = sarifLog(await results(), ctx, { baseUri: 'https://example.org/gia-report/blob/main/' }) as { version: string; runs: Run[] };
    expect(log.version).toBe('2.1.0');
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('gia-report');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.informationUri).toBe('https://example.org/gia-report/blob/main/');
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const r301 = driver.rules.find((r) => r.id === 'GIA301')!;
    expect(r301.name).toBe('requests-balance');
    expect(r301.defaultConfiguration.level).toBe('error');
    expect(r301.shortDescription.text).toBe(RULES.find((r) => r.id === 'GIA301')!.description['zh-CN']);
    expect(r301.fullDescription.text).toContain('docs/rules/GIA301.md');
    expect(r301.helpUri).toBe('https://example.org/gia-report/blob/main/docs/rules/GIA301.md');
    for (const r of driver.rules) expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
  });

  it('places results: ruleIndex, level, logical location, text line/column, relative uri', async () => {
    const log = sarifLog(await results(), ctx) as { runs: Run[] };
    const run = log.runs[0]!;
    const r302 = run.results.find((r) => r.ruleId === 'GIA302')!;
    expect(run.tool.driver.rules[r302.ruleIndex]!.id).toBe('GIA302');
    expect(r302.level).toBe('error');
    expect(r302.message.text).toContain('总计');
    const loc = r302.locations[0]!;
    expect(loc.logicalLocations![0]!.fullyQualifiedName).toBe('requests/received/total');
    expect(loc.logicalLocations![0]!.name).toContain('一、本年新收政府信息公开申请数量');
    expect(loc.physicalLocation.artifactLocation.uri).toBe('akqi-2021/akqi%202021%20bad.txt');
    expect(loc.physicalLocation.region).toEqual({ startLine: 93, startColumn: 2 });
    const r301 = run.results.find((r) => r.ruleId === 'GIA301')!;
    expect(r301.locations[0]!.logicalLocations![0]!.fullyQualifiedName).toBe('requests/natural');
    const info = run.results.find((r) => r.ruleId === 'GIA108')!;
    expect(info.level).toBe('note');
    expect(info.locations[0]!.logicalLocations).toBeUndefined();
  });

  it('reports unreadable files as tool execution notifications, not results', async () => {
    const log = sarifLog(await results(), ctx) as { runs: Run[] };
    const inv = log.runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toHaveLength(1);
    expect(inv.toolExecutionNotifications[0]).toMatchObject({ level: 'error', descriptor: { id: 'E_NOT_FOUND' } });
    expect(log.runs[0]!.results.every((r) => !r.locations[0]!.physicalLocation.artifactLocation.uri.includes('missing'))).toBe(true);
  });

  it('URIs are relative to an originalUriBaseIds root, never ../; informationUri is absolute', async () => {
    const rs = await results();
    // inputs under the working directory: the root is the working directory
    const log = sarifLog(rs, ctx) as { runs: (Run & { originalUriBaseIds: Record<string, { uri: string }> })[] };
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe(pathToFileURL(fixturePath()).href.replace(/\/?$/, '/'));
    const loc = run.results[0]!.locations[0]!.physicalLocation.artifactLocation as { uri: string; uriBaseId?: string };
    expect(loc).toEqual({ uri: 'akqi-2021/akqi%202021%20bad.txt', uriBaseId: '%SRCROOT%' });
    expect(new URL(loc.uri, run.originalUriBaseIds['%SRCROOT%']!.uri).pathname).toBe(new URL(pathToFileURL(fixturePath('akqi-2021', 'akqi 2021 bad.txt'))).pathname);
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    // inputs outside it (run from a subfolder): the root is their common directory, no URI climbs out
    const sub = sarifLog(rs, { ...ctx, cwd: fixturePath('akqi-2021') }) as typeof log;
    const uris = JSON.stringify(sub).match(/"uri": ?"[^"]*"/g) ?? [];
    expect(uris.length).toBeGreaterThan(0);
    for (const u of uris) expect(u).not.toContain('..');
    expect(sub.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(pathToFileURL(fixturePath()).href.replace(/\/?$/, '/'));
    expect(sarifRoot(['/a/b/x.txt', '/a/c/y.txt'], '/z')).toBe('/a');
    expect(validate(sub), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('HTML results get a region (the line of the cell); Word results the place in words', async () => {
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const { fixtureBytes } = await import('./helpers/report.js');
    const h = await analyzeBytes(fixtureBytes('shanghai-office-2019', 'shanghai-office-2019.html'), fixturePath('shanghai-office-2019', 'shanghai-office-2019.html'));
    const w = await analyzeBytes(fixtureBytes('docx-merged', 'shanghai-office-2019.merged.docx'), fixturePath('docx-merged', 'shanghai-office-2019.merged.docx'));
    const log = sarifLog([h, w], ctx) as { runs: Run[] };
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = log.runs[0]!.results as (Run['results'][number] & { locations: { message?: { text: string } }[] })[];
    const html203 = results.find((r) => r.ruleId === 'GIA203' && r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('.html'))!;
    const d = h.diagnostics.find((x) => x.ruleId === 'GIA203')!;
    expect(html203.locations[0]!.physicalLocation.region).toEqual({ startLine: d.pos!.line });
    expect(html203.locations[0]!.message!.text).toMatch(/^表二“政府集中采购”行“采购总金额”列 · 第1个表格第\d+行第\d+个单元格$/);
    const docx = results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('.docx') && r.ruleId === 'GIA201');
    expect(docx.length).toBeGreaterThan(0);
    for (const r of docx) {
      expect(r.locations[0]!.physicalLocation.region).toBeUndefined();
      expect(r.locations[0]!.message!.text).toMatch(/第\d+个表格第\d+行第\d+个单元格/);
    }
  });
});

describe('sarifPieces (large runs write SARIF report by report)', () => {
  it('joins to the exact text of the sarif formatter: results, none, unreadable inputs, quiet', async () => {
    const { sarif, sarifPieces } = await import('../src/formatters/sarif.js');
    const { analyzeBytes } = await import('../src/engine/analyze.js');
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const seed = readFileSync(resolve(__dirname, '../fixtures/akqi-2021/akqi-2021.txt'));
    const a = await analyzeBytes(seed, '/w/a.txt', {});
    const b = await analyzeBytes(Buffer.from(seed.toString('utf8').replace(/(\t)(\d+)(\n)/, '$1999$3')), '/w/b.txt', {});
    const fatal = { path: '/w/x.txt', fatal: { code: 'E_EMPTY', message: 'x.txt: empty' } };
    type Results = Parameters<typeof sarif>[0];
    for (const results of [[a, fatal, b], [], [fatal], [a]] as Results[]) {
      for (const quiet of [false, true]) {
        const ctx = { locale: 'zh-CN' as const, color: false, cwd: '/w', quiet };
        const pieces = [...sarifPieces(results, ctx)];
        expect(pieces.join('')).toBe(sarif(results, ctx));
        const withResults = results.filter((r) => 'diagnostics' in r && r.diagnostics.some((d) => !quiet || d.severity === 'error')).length;
        expect(pieces).toHaveLength(2 + withResults);
      }
    }
  });
});

describe('arrayPieces (the JSON and SARIF reports written piece by piece)', () => {
  it('joins to JSON.stringify of the document with the array filled, at any depth, empty groups skipped', async () => {
    const { arrayPieces } = await import('../src/formatters/_array-pieces.js');
    const items = [{ a: 1, b: ['x', { c: 'é\n"' }] }, { a: 2 }, { a: 3, z: null }];
    const cases: [object, (arr: object[]) => object, string, number][] = [
      [{ v: 1, files: [] }, (arr) => ({ v: 1, files: arr }), 'files', 2],
      [{ runs: [{ tool: {}, results: [], after: 'x' }] }, (arr) => ({ runs: [{ tool: {}, results: arr, after: 'x' }] }), 'results', 4],
    ];
    for (const [frame, filled, key, depth] of cases) {
      for (const groups of [[], [[]], [[items[0]!], [], [items[1]!, items[2]!]]] as object[][][]) {
        const text = [...arrayPieces(frame, key, depth, groups)].join('');
        expect(text).toBe(JSON.stringify(filled(groups.flat()), null, 2) + '\n');
      }
    }
  });
});
