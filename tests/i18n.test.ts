// Chinese throughout, English with --locale en (issue 14): the catalogues, commander's messages,
// --help, fatal reasons and `rules` in one language.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CommanderError } from 'commander';
import { runCli } from './helpers/cli.js';
import { CATALOGUES, fatalText, placeholders } from '../src/i18n/index.js';
import { commanderMessage } from '../src/cli/commander.js';

const SEED = resolve(__dirname, '../fixtures/akqi-2021/akqi-2021.txt');
const BAD = resolve(__dirname, '../fixtures/docx-bad');
const run = (args: string[]) => runCli(args, {});

/**
 * Latin words left in a message once the technical tokens a Chinese user types or sees as such are
 * taken out: option names, placeholders, file names, format and rule names, rule ids, locale codes.
 */
function englishWords(text: string, extra: string[] = []): string[] {
  let s = text;
  for (const x of extra.filter((x) => x.length > 3)) s = s.split(x).join(' ');
  s = s
    .replace(/\w+(?:\.(?:<[^>]*>|\w+))+/g, ' ') // JSON paths: tables.<表>.reading, limits.maxCells
    .replace(/--?[\w-]+(?:=\S*)?/g, ' ') // options
    .replace(/<[^>]*>|\[[^\]]*=[^\]]*\]/g, ' ') // <MB>, <name[=file]>
    .replace(/\S*[\\/]\S*/g, ' ') // paths
    .replace(/\S+\.(?:txt|docx?|xml|html?|xlsx|csv|jsonl?|sarif|odt|ods|zip|pdf|ofd|wps|xls|et)\b/gi, ' ') // file names
    .replace(/\b(?:max|min|zip)[A-Z]\w*\b/g, ' ') // limit names
    .replace(/\bGIA\d{3}\b|\b[a-z]+(?:-[a-z]+)+\b|\bzh-CN\b|\bgia-\d{4}\b/g, ' '); // rule ids, kebab-case names, locales
  for (const x of extra.filter((x) => x.length <= 3)) s = s.replace(new RegExp(`\\b${x}\\b`, 'g'), ' ');
  const allowed = new Set(['gia', 'report', 'docx', 'xml', 'zip', 'html', 'json', 'jsonl', 'csv', 'xlsx', 'sarif', 'stylish', 'text', 'auto', 'lint', 'convert', 'rules', 'page', 'Tab', 'JavaScript', 'long', 'wide', 'error', 'warning', 'info', 'off', 'API', 'UTF', 'BOM', 'XLSX', 'JSON', 'Lines', 'CSV', 'HTML', 'Excel', 'Word', 'maxDepth', 'stdin', 'doc', 'XML', 'MB', 'files', 'fmt', 'id', 'en', 'body', 'limits', 'maxInputBytes', 'maxCells', 'pdf', 'PDF', 'soffice', 'ocrmypdf', 'OpenDocument', 'OFD', 'WPS', 'odt', 'ods', 'wps', 'xls', 'ofd', 'tables', 'reading', 'keys', 'labels']);
  return (s.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w));
}

describe('catalogues', () => {
  it('every locale has the same keys, and each message the same placeholders', () => {
    const walk = (o: unknown, path: string, out: Map<string, string>): void => {
      if (typeof o === 'string') out.set(path, placeholders(o).join(','));
      else if (Array.isArray(o)) out.set(path, `[${o.length}]`);
      else for (const [k, v] of Object.entries(o as object)) walk(v, `${path}.${k}`, out);
    };
    const zh = new Map<string, string>();
    const en = new Map<string, string>();
    walk(CATALOGUES['zh-CN'], '', zh);
    walk(CATALOGUES.en, '', en);
    // help titles translate commander's English: en has none on purpose
    const keys = (m: Map<string, string>) => [...m.keys()].filter((k) => !k.startsWith('.help.titles.')).sort();
    expect(keys(en)).toEqual(keys(zh));
    for (const k of keys(zh)) expect(en.get(k), k).toBe(zh.get(k));
  });

  it('the zh-CN catalogue has no English sentence (only technical tokens)', () => {
    const zh = CATALOGUES['zh-CN'];
    const strings: string[] = [];
    const walk = (o: unknown): void => {
      if (typeof o === 'string') strings.push(o);
      else if (o && typeof o === 'object') for (const v of Object.values(o)) walk(v);
    };
    walk({ ...zh, help: { ...zh.help, titles: Object.values(zh.help.titles) } });
    for (const s of strings) expect(englishWords(s.replace(/\{\w+\}/g, ' ')), s).toEqual([]);
  });
});

describe('commander in the user language', () => {
  // the English commander writes (v14), and what the user reads instead: fails if commander rewords one
  const cases: [string, string, string, string][] = [
    ['commander.unknownOption', "error: unknown option '--frobnicate'", '未知选项 --frobnicate', "unknown option '--frobnicate'"],
    ['commander.unknownOption', "error: unknown option '--formt'\n(Did you mean --format?)", '未知选项 --formt（是否要用 --format？）', "unknown option '--formt' (did you mean --format?)"],
    ['commander.missingArgument', "error: missing required argument 'files'", '缺少要处理的报告：请给出报告文件或目录（- 表示标准输入）', 'no report given: name report files or directories (- for stdin)'],
    ['commander.optionMissingArgument', "error: option '--to <format>' argument missing", '选项 --to <format> 缺少取值', "option '--to <format>' argument missing"],
    ['commander.invalidArgument', "error: option '--to <format>' argument 'pdf' is invalid. Allowed choices are json, csv, xlsx.", '选项 --to <format> 的取值 pdf 无效，可选：json, csv, xlsx', "option '--to <format>' argument 'pdf' is invalid: one of json, csv, xlsx"],
    ['commander.unknownCommand', "error: unknown command 'lnt'\n(Did you mean lint?)", '未知命令 lnt（是否要用 lint？）', "unknown command 'lnt' (did you mean lint?)"],
    ['commander.excessArguments', "error: too many arguments for 'rules'. Expected 0 arguments but got 1.", '参数过多：应为 0 个，实际 1 个', 'too many arguments: expected 0, got 1'],
  ];
  for (const [code, message, zh, en] of cases) {
    it(`${code}: ${message.split('\n')[0]}`, () => {
      const e = new CommanderError(1, code, message);
      expect(commanderMessage(e, 'zh-CN')).toBe(zh);
      expect(commanderMessage(e, 'en')).toBe(en);
    });
  }

  it('the wording parsed is what commander writes today', async () => {
    const r = await run(['lint', '--formt', 'stylish', SEED]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('gia-report: 参数错误：未知选项 --formt（是否要用 --format？）\n');
    const c = await run(['convert', '--to', 'pdf', SEED]);
    expect(c.err).toBe('gia-report: 参数错误：选项 --to <format> 的取值 pdf 无效，可选：json, csv, xlsx\n');
    const x = await run(['rules', 'extra']);
    expect(x.err).toBe('gia-report: 参数错误：参数过多：应为 0 个，实际 1 个\n');
  });
});

describe('a zh-CN run prints no English', () => {
  it('a bad option, a missing argument, an unknown command: one Chinese line, exit 2', async () => {
    for (const args of [['lint', '--frobnicate', SEED], ['lint'], ['convert'], ['lnt', SEED], ['lint', '--locale', 'fr', SEED], ['lint', '--rule', 'GIA999=error', SEED], ['lint', '-f', 'pdf', SEED], ['lint', '--max-warnings', 'many', SEED], ['convert', '--layout', 'wide', SEED], ['lint', '--jobs', '0', SEED]]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      const lines = r.err.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(/^gia-report: 参数错误：/);
      expect(englishWords(lines[0]!.replace(/^gia-report: /, ''), [SEED, 'GIA999', 'fr', 'many', 'pdf', 'lnt']), args.join(' ')).toEqual([]);
    }
  });

  it('the same in English with --locale en', async () => {
    const r = await run(['--locale', 'en', 'lint', '--frobnicate', SEED]);
    expect(r.err).toBe("gia-report: Bad option: unknown option '--frobnicate'\n");
    const m = await run(['--locale', 'en', 'lint']);
    expect(m.err).toBe('gia-report: Bad option: no report given: name report files or directories (- for stdin)\n');
  });

  it('a damaged or wrong .docx: the reason in Chinese too', async () => {
    for (const f of ['truncated.docx', 'not-a-zip.docx', 'no-document.docx']) {
      const r = await run(['lint', join(BAD, f)]);
      expect(r.code, f).toBe(2);
      const line = r.out.split('\n').find((l) => l.includes('无法读取'))!;
      expect(line, f).toMatch(/不是有效的 \.docx 文件：/);
      expect(englishWords(line, [join(BAD, f), f]), f).toEqual([]);
    }
    const t = await run(['lint', join(BAD, 'truncated.docx')]);
    expect(t.out).toContain('zip 压缩包不完整或已损坏');
    const n = await run(['lint', join(BAD, 'no-document.docx')]);
    expect(n.out).toContain('压缩包中没有 word/document.xml（不是 Word 文档）');
    const e = await run(['--locale', 'en', 'lint', join(BAD, 'no-document.docx')]);
    expect(e.out).toContain('no word/document.xml in the archive (not a Word document)');
  });

  it('limits and OS errors are explained in Chinese', () => {
    expect(fatalText('E_TOO_LARGE', { file: 'a.txt', limit: 'maxInputBytes', max: 1048576, actual: 3 * 1048576, reason: 'input size: 3 MB, limit 1 MB' }, 'zh-CN')).toBe(
      'a.txt 超出限制（文件大小 3 MB，上限 1 MB（maxInputBytes；可用 --max-input-size <MB> 调高））。',
    );
    expect(fatalText('E_TOO_LARGE', { file: '-', limit: 'maxInputBytes', max: 1049, reason: 'x' }, 'zh-CN')).toContain('文件大小 超过 1049 字节');
    expect(fatalText('E_WRITE', { file: 'out.csv', reason: "EACCES: permission denied, open 'out.csv'" }, 'zh-CN')).toBe('无法写入 out.csv：没有权限');
    expect(fatalText('E_WRITE', { file: 'out.csv', reason: "EACCES: permission denied, open 'out.csv'" }, 'en')).toBe("Cannot write out.csv: EACCES: permission denied, open 'out.csv'".replace(/EACCES.*/, 'permission denied'));
  });

  it('`rules` prints severities in Chinese (the JSON keeps the machine values)', async () => {
    const r = await run(['rules']);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('编号\t名称\t默认级别\t说明');
    const sev = new Set(lines.slice(1).map((l) => l.split('\t')[2]));
    expect([...sev].every((s) => ['错误', '警告', '提示'].includes(s!))).toBe(true);
    for (const l of lines.slice(1)) expect(englishWords(l.split('\t').slice(2).join(' ')), l).toEqual([]);
    const j = JSON.parse((await run(['rules', '--format', 'json'])).out) as { severity: string }[];
    expect(new Set(j.map((x) => x.severity))).toEqual(new Set(['error', 'warning', 'info']));
    const e = await run(['--locale', 'en', 'rules']);
    expect(e.out.split('\n')[1]!.split('\t')[2]).toMatch(/^(error|warning|info)$/);
  });

  it('--help of every command is Chinese only; English with --locale en', async () => {
    for (const args of [['--help'], ['lint', '--help'], ['convert', '--help'], ['rules', '--help'], ['page', '--help']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^用法：/);
      for (const line of r.out.split('\n')) expect(englishWords(line), `${args.join(' ')}: ${line}`).toEqual([]);
      const e = await run(['--locale', 'en', ...args]);
      expect(e.out).toMatch(/^Usage:/);
      expect(e.out.replace('政府信息公开工作年度报告', '')).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

const OLD_2018 = '某县人民政府2018年政府信息公开工作年度报告\n一、概述\n2018年，我县认真贯彻落实《中华人民共和国政府信息公开条例》。\n二、主动公开政府信息情况\n本年度主动公开政府信息1200条。\n三、依申请公开政府信息情况\n本年度共受理政府信息公开申请15件。\n四、政府信息公开的收费及减免情况\n本年度未收取费用。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n本年度无行政复议和行政诉讼。\n六、政府信息公开工作存在的主要问题及改进情况\n附件：政府信息公开情况统计表\n指标名称\t单位\t统计数\n一、主动公开情况\n（一）主动公开政府信息数\t条\t1200\n其中：主动公开规范性文件数\t条\t12\n制发规范性文件总数\t件\t12\n三、依申请公开情况\n（一）收到申请数\t件\t15\n1.当面申请数\t件\t5\n2.传真申请数\t件\t0\n3.网络申请数\t件\t10\n4.信函申请数\t件\t0\n（二）申请办结数\t件\t15\n1.按时办结数\t件\t15\n2.延期办结数\t件\t0\n（三）申请答复数\t件\t15\n1.属于已主动公开范围数\t件\t3\n2.同意公开答复数\t件\t8\n3.同意部分公开答复数\t件\t1\n4.不同意公开答复数\t件\t1\n5.不属于本行政机关公开数\t件\t1\n6.申请信息不存在数\t件\t1\n四、行政复议数量\t件\t0\n（一）维持具体行政行为数\t件\t0\n（二）被依法纠错数\t件\t0\n（三）其他情形数\t件\t0\n五、行政诉讼数量\t件\t0\n（一）维持具体行政行为或者驳回原告诉讼请求数\t件\t0\n（二）被依法纠错数\t件\t0\n（三）其他情形数\t件\t0\n';

describe('misleading messages', () => {
  it('a report of a year before 2019 is named as such, with the formats covered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gia-i18n-'));
    const p = join(dir, 'old-2018.txt');
    // the layout of the 2008–2018 statistical table (政府信息公开情况统计表: 指标名称/单位/统计数), synthetic figures
    writeFileSync(p, OLD_2018);
    const r = await run(['lint', p]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('2019 年以前的旧格式年度报告（2018 年度）');
    expect(r.out).toContain('2019 年试行格式和 2021 年');
    expect(r.out).not.toContain('请确认这是政府信息公开工作年度报告');
    // a text with no report at all keeps the question
    const q = join(dir, 'letter.txt');
    writeFileSync(q, '关于召开会议的通知\n各单位：定于下周一开会。\n');
    expect((await run(['lint', q])).out).toContain('请确认这是政府信息公开工作年度报告');
    expect(readFileSync(p, 'utf8')).toBe(OLD_2018); // input untouched
  });
});
