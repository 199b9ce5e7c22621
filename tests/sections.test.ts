// Issue 12 class 6: section heading variants (template data), Markdown and bold markup. GIA107 never
// asks for a section that is there, and still reports one that is not.
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import type { LintedReport } from '../src/types.js';
import { expectedOf, fixtureText, mismatches } from './helpers/report.js';
import { replaceOnce } from './helpers/edit.js';

const AKQI = fixtureText('akqi-2021', 'akqi-2021.txt');
const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '其他需要报告的事项'];
const NUMBERED = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

async function lint(text: string): Promise<LintedReport> {
  return analyzeBytes(Buffer.from(text, 'utf8'), 'sections.txt');
}

/** akqi-2021 with each heading line rewritten by `f` (numbered first). */
function rewrite(f: (numbered: string) => string): string {
  let t = AKQI;
  HEADINGS.forEach((h, i) => (t = t.replace(new RegExp(`^${h}$`, 'm'), f(NUMBERED[i]!))));
  return t;
}

const sectionFindings = (r: LintedReport) => r.diagnostics.filter((d) => ['GIA107', 'GIA108'].includes(d.ruleId)).map((d) => d.message);

describe('section heading variants', () => {
  it.each([
    ['五、存在的主要问题及整改措施'],
    ['五、存在的主要问题及明年工作计划'],
    ['五、政府信息公开工作存在的主要问题及改进情况'],
    ['五．存在的主要问题及整改情况'],
  ])('%s is section 五', async (h) => {
    const r = await lint(replaceOnce(AKQI, '五、存在的主要问题及改进情况', h));
    expect(r.sections.find((s) => s.key === 'problems')).toMatchObject({ found: true, numbered: true, heading: h });
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA107').map((d) => d.message)).toEqual([]);
  });

  it.each([
    ['Markdown ## headings', (h: string) => `## ${h}`],
    ['Markdown ### headings', (h: string) => `### ${h}`],
    ['bold **…**', (h: string) => `**${h}**`],
    ['bold __…__', (h: string) => `__${h}__`],
    ['<strong> left as text', (h: string) => `<strong>${h}</strong>`],
  ])('%s: every section found and numbered, the tables unchanged', async (_, f) => {
    const r = await lint(rewrite(f));
    expect(r.sections.map((s) => [s.key, s.found, s.numbered])).toEqual(['overview', 'proactive', 'requests', 'appeals', 'problems', 'other'].map((k) => [k, true, true]));
    expect(sectionFindings(r)).toEqual([]);
    expect(mismatches(r, expectedOf('akqi-2021'))).toEqual([]);
  });

  it('a section that is really missing is still reported (GIA107)', async () => {
    const r = await lint(AKQI.replace(/^五、存在的主要问题及改进情况$/m, '').replace(/^其他需要报告的事项$/m, '## 六、其他需要报告的事项'));
    expect(r.diagnostics.filter((d) => d.ruleId === 'GIA107').map((d) => d.data.numeral)).toEqual(['五']);
  });

  it('flattened web text: 五、存在的主要问题及明年工作计划 run into the text closes table 四 and is section 五', async () => {
    const r = await lint(fixtureText('pingtan-gaj-2024', 'pingtan-gaj-2024.mixed.txt'));
    expect(r.sections.find((s) => s.key === 'problems')!.found).toBe(true);
    expect(sectionFindings(r)).toEqual([]);
  });
});
