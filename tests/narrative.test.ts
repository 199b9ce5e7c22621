// Issue 7, part 3: figures in the text against the tables (src/extract/narrative.ts, GIA401).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeBytes } from '../src/engine/analyze.js';
import type { LintedReport } from '../src/types.js';
import { setCell, replaceOnce } from './helpers/edit.js';

const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url)), 'utf8');
const SEED = fixture('akqi-2021/akqi-2021.txt');

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

async function narrative(text: string, path = 'akqi-2021.txt'): Promise<LintedReport['diagnostics']> {
  const r = await analyzeBytes(Buffer.from(text, 'utf8'), path);
  return r.diagnostics.filter((d) => d.ruleId === 'GIA401');
}

describe('narrative-mismatch', () => {
  it('the seed agrees with its tables ("共受理5件信息公开申请", 本年新收 5)', async () => {
    expect(await narrative(SEED)).toEqual([]);
  });

  it('the shanghai report agrees (859 received, 上年度结转 18, 答复 805, 行政复议 7)', async () => {
    expect(await narrative(fixture('shanghai-office-2019/shanghai-office-2019.lo.txt'), 'shanghai.lo.txt')).toEqual([]);
  });

  it('warns when the text says 6 and the table 5, naming the line and the cell', async () => {
    const text = replaceOnce(SEED, '共受理5件信息公开申请', '共受理6件信息公开申请');
    const d = await narrative(text);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', messageId: 'received', table: 'requests', row: 'received', column: 'total', actual: 6, expected: 5 });
    expect(d[0]!.pos?.line).toBe(lineOf(text, '共受理6件'));
    expect(d[0]!.message).toContain(`第${lineOf(text, '共受理6件')}行`);
    expect(d[0]!.message).toContain('表三“一、本年新收政府信息公开申请数量”行“总计”列为 5');
  });

  it('accepts the reading that includes the carried-over requests (新收 4 + 结转 1 = 5)', async () => {
    let text = setCell(SEED, '一、本年新收政府信息公开申请数量', 0, '4');
    text = setCell(text, '一、本年新收政府信息公开申请数量', 6, '4');
    text = setCell(text, '二、上年结转政府信息公开申请数量', 0, '1');
    text = setCell(text, '二、上年结转政府信息公开申请数量', 6, '1');
    expect(await narrative(text)).toEqual([]);
    // "新收" is new requests only: 5 ≠ 4 even with the carried-over one
    const d = await narrative(replaceOnce(text, '共受理5件信息公开申请', '新收信息公开申请5件'));
    expect(d.map((x) => x.messageId)).toEqual(['received']);
  });

  it('checks 办结, 结转下年度, 行政复议 and 行政诉讼 figures', async () => {
    const text = replaceOnce(
      SEED,
      '均按时答复，未发生漏办、迟办情况。',
      '均按时答复，未发生漏办、迟办情况。全年办结信息公开申请4件，结转下年度继续办理1件。本年度发生政府信息公开行政复议2件，行政诉讼1起。',
    );
    const d = await narrative(text);
    // table 三: （七）总计 5, 结转 0; table 四 all 0
    expect(d.map((x) => `${x.messageId}:${x.actual}/${x.expected}`).sort()).toEqual(['carriedForward:1/0', 'handled:4/5', 'litigation:1/0', 'review:2/0']);
  });

  it('takes "未发生…行政复议、行政诉讼" as zero cases', async () => {
    const sentence = '本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。';
    const text = replaceOnce(SEED, '均按时答复，未发生漏办、迟办情况。', `均按时答复，未发生漏办、迟办情况。${sentence}`);
    expect(await narrative(text)).toEqual([]);
    const d = await narrative(setCell(text, '复议后起诉', 4, '1'));
    expect(d.map((x) => x.messageId)).toEqual(['review']);
  });

  it('stays quiet on sentences about other things (letters, mailboxes, proposals)', async () => {
    const text = replaceOnce(SEED, '均按时答复，未发生漏办、迟办情况。', '均按时答复，未发生漏办、迟办情况。共收到群众来信12件，收到网民留言申请回复30件。');
    expect(await narrative(text)).toEqual([]);
  });
});
