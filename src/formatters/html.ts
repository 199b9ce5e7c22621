// `-f html`: one self-contained page (inline CSS, no scripts, no network) with a summary, then per
// report its tables drawn in the official layout (the model shared with the XLSX writer) with the
// failing cells highlighted and the messages under each table. All text goes through escape-html.
import { relative } from 'node:path';
import escapeHtml from 'escape-html';
import type { Formatter } from './types.js';
import type { Diagnostic, LintedReport, Locale, Severity } from '../types.js';
import { isFatal, resultPath } from '../types.js';
import { TOOL } from '../version.js';
import { cellMarks, layoutReport, markNote, primaryKey, rowsOf, type CellMark, type LayoutCell, type LayoutTable } from '../layout/official.js';
import { getTemplate } from '../templates/index.js';
import { physicalLocation, suspectPlace } from '../layout/location.js';
import type { Template } from '../types.js';

const WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    title: '政府信息公开工作年度报告检查结果',
    files: '文件',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    unreadable: '无法读取',
    error: '错误',
    warning: '警告',
    info: '提示',
    template: '报告格式',
    organ: '机关',
    year: '年度',
    published: '发布日期',
    general: '其他问题',
    clean: '未发现问题',
    notFound: '报告中未找到此表。',
    fix: '建议',
    legend:
      '红底：需要更正的单元格（错误）；黄底：警告；虚线框：所在勾稽关系不成立、但不必改动的单元格；实线框：可能填错的候选单元格之一；蓝底：空白单元格（按 0 计算）。单元格中的上标编号对应表下的说明。',
    index: '文件一览',
    verdict: '结论',
    verdictError: '有错误，需更正',
    verdictWarning: '无错误，有警告',
    verdictClean: '未发现错误',
    verdictFatal: '无法读取',
    where: '位置',
  },
  en: {
    title: 'Government information disclosure annual reports: lint results',
    files: 'files',
    errors: 'errors',
    warnings: 'warnings',
    infos: 'info',
    unreadable: 'unreadable',
    error: 'error',
    warning: 'warning',
    info: 'info',
    template: 'template',
    organ: 'organ',
    year: 'year',
    published: 'published',
    general: 'Other findings',
    clean: 'no problems found',
    notFound: 'This table was not found in the report.',
    fix: 'fix',
    legend:
      'Red: the cell to correct (error); amber: warning; dashed frame: a cell of a failing identity that need not change; solid frame: one of several candidate cells; blue: blank cell (counted as 0). The superscript numbers in a cell refer to the findings under its table.',
    index: 'Files',
    verdict: 'verdict',
    verdictError: 'errors: correct them',
    verdictWarning: 'no errors, warnings',
    verdictClean: 'no errors found',
    verdictFatal: 'unreadable',
    where: 'where',
  },
};

/** The report's style sheet (the offline page uses it too). */
export const CSS = `
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Zen Hei",SimSun,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 12px}h2{font-size:17px;margin:28px 0 6px;border-bottom:2px solid #444;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}
.summary{display:flex;gap:12px;margin:8px 0 16px;flex-wrap:wrap}
.summary div{border:1px solid #ccc;border-radius:6px;padding:6px 14px;min-width:80px;text-align:center}
.summary b{display:block;font-size:22px}
.summary .n-error b{color:#b00020}.summary .n-warning b{color:#a66300}
.meta{color:#555;font-size:13px;margin:0 0 8px}
table.gia{border-collapse:collapse;margin:6px 0 8px;font-size:13px}
table.gia td,table.gia th{border:1px solid #777;padding:3px 6px;vertical-align:middle}
table.gia th{background:#f2f2f2;font-weight:600;text-align:center}
table.gia th.group{font-weight:500}
table.gia th.label{text-align:left;font-weight:400;background:#fafafa}
table.gia td.value{text-align:right;min-width:3em;font-variant-numeric:tabular-nums}
table.gia td.blank{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f3f3f3 4px,#f3f3f3 8px)}
table.gia .cell-error{background:#ffc7ce !important;outline:2px solid #b00020;outline-offset:-2px;color:#9c0006;font-weight:700}
table.gia .cell-warning{background:#ffe699 !important;outline:2px solid #bf8f00;outline-offset:-2px;color:#7a5200;font-weight:700}
table.gia .cell-info{text-decoration:underline dotted #2f5597}
table.gia td.cell-blank{background:#ddebf7}
table.gia .cell-identity{background:#fdeef0 !important;outline:2px dashed #c00000;outline-offset:-3px}
table.gia .cell-identity.identity-warning,table.gia .cell-candidate.candidate-warning{background:#fff7dd !important;outline-color:#bf8f00}
table.gia .cell-candidate{background:#fdeef0 !important;outline:2px solid #c00000;outline-offset:-3px}
table.gia .cell-identity,table.gia .cell-candidate{color:inherit;font-weight:400}
sup.fn{font-size:10px;line-height:0;margin-left:2px;color:#333;font-weight:600;vertical-align:super}
sup.fn a{color:inherit;text-decoration:none}
table.index{border-collapse:collapse;font-size:13px;margin:6px 0 16px}
table.index td,table.index th{border:1px solid #999;padding:3px 8px}
table.index th{background:#f2f2f2}
table.index td.n{text-align:right;font-variant-numeric:tabular-nums}
.v-error{color:#b00020;font-weight:700}.v-warning{color:#a66300}.v-clean{color:#2e7d32}.v-fatal{color:#b00020}
ol.msgs{margin:4px 0 12px;padding-left:28px;font-size:13px}
ol.msgs li{margin:2px 0}
.where{color:#555;font-size:12px}
@media print{
  body{margin:0}
  a{color:inherit;text-decoration:none}
  section.report{break-before:page}
  section.report:first-of-type{break-before:auto}
  table.gia{break-inside:auto}
  table.gia tr{break-inside:avoid}
  .summary div{border-color:#999}
  table.gia .cell-error,table.gia .cell-warning,table.gia .cell-identity,table.gia .cell-candidate,table.gia td.cell-blank,table.index th,table.gia th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
ul.msgs{margin:4px 0 12px;padding-left:20px;font-size:13px}
ul.msgs li{margin:2px 0}
.sev{display:inline-block;min-width:3em;padding:0 4px;border-radius:3px;font-size:12px;text-align:center;margin-right:4px}
.sev-error{background:#ffc7ce;color:#9c0006}.sev-warning{background:#ffe699;color:#7a5200}.sev-info{background:#dde7f7;color:#2f5597}
.rule{color:#777;font-size:12px}.hint{color:#555;display:block;margin-left:4.4em}
.fatal{color:#b00020}.muted{color:#777;font-style:italic}
footer{margin-top:32px;color:#888;font-size:12px}
`;

function esc(s: string | number | null | undefined): string {
  return escapeHtml(s === null || s === undefined ? '' : String(s));
}

function attr(name: string, value: string | number): string {
  return ` ${name}="${esc(value)}"`;
}

function formatNumber(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** What the page needs to draw one report's cells: its template and the number of each finding. */
interface Notes {
  template: Template | undefined;
  locale: Locale;
  /** Number of each finding shown in the lists (1-based, per report). */
  number: Map<Diagnostic, number>;
  /** Anchor of the list item of finding number `n`. */
  item: (n: number) => string;
}

/**
 * One table cell: th for labels/headers, td for values. A marked cell gets the class of its
 * strongest mark (the cell to correct in its severity's colour; other cells of a failing identity
 * framed; blank cells light blue), the note as its tooltip, and — visible on screen and in print —
 * the numbers of its findings in the list under the table.
 */
function cellHtml(c: LayoutCell, anchor: (key: string) => string, notes: Notes): string {
  const classes: string[] = [c.kind];
  const isValue = c.kind === 'value';
  if (isValue && (c.value === null || c.value === undefined)) classes.push('blank');
  const strong = c.role === 'fix' || c.role === 'finding';
  if (c.role && c.role !== 'blank') classes.push(`mark-${c.role}`);
  if (c.role === 'identity' || c.role === 'candidate') classes.push(`cell-${c.role}`);
  if (c.severity && strong) classes.push(`cell-${c.severity}`);
  if (c.severity && (c.role === 'identity' || c.role === 'candidate')) classes.push(`${c.role}-${c.severity}`);
  if (c.role === 'blank') classes.push('cell-blank');
  const tag = isValue ? 'td' : 'th';
  const nums = [...new Set(c.marks.filter((m) => m.role !== 'blank').map((m) => m.d))]
    .map((d) => notes.number.get(d))
    .filter((n): n is number => n !== undefined)
    .sort((x, y) => x - y);
  if (nums.length) classes.push('has-fn');
  let a = attr('class', classes.join(' '));
  if (c.rowSpan > 1) a += attr('rowspan', c.rowSpan);
  if (c.colSpan > 1) a += attr('colspan', c.colSpan);
  if (c.key) a += attr('data-key', c.key);
  if (c.key && c.marks.length) a += attr('id', anchor(c.key));
  if (c.marks.length && notes.template) a += attr('title', markNote(notes.template, c.marks, notes.locale, (s) => WORDS[notes.locale][s]!));
  if (!isValue && c.kind !== 'label') a += attr('scope', c.colSpan > 1 ? 'colgroup' : 'col');
  const text = isValue ? formatNumber(c.value) : (c.text ?? '');
  const fn = nums.length ? `<sup class="fn">${nums.map((n) => `<a href="#${esc(notes.item(n))}">${n}</a>`).join(',')}</sup>` : '';
  return `<${tag}${a}>${esc(text)}${fn}</${tag}>`;
}

function tableHtml(t: LayoutTable, locale: Locale, anchor: (key: string) => string, notes: Notes): string {
  const rows = rowsOf(t).slice(1); // the title row is the heading
  const body = rows.map((cells) => `<tr>${cells.map((c) => cellHtml(c, anchor, notes)).join('')}</tr>`).join('\n');
  return `<table class="gia" data-table="${esc(t.key)}">\n${body}\n</table>${t.found ? '' : `<p class="muted">${esc(WORDS[locale].notFound!)}</p>`}`;
}

function sevBadge(s: Severity, locale: Locale): string {
  return `<span class="sev sev-${s}">${esc(WORDS[locale][s]!)}</span>`;
}

function messageHtml(d: Diagnostic, locale: Locale, n: number, id: string, link?: string): string {
  const W = WORDS[locale];
  // the place of the cell to correct when one cell explains the finding (as the message says), else the finding's own
  const one = suspectPlace(d);
  const where = physicalLocation(one ? one.pos : d.pos, locale);
  const text = link ? `<a href="#${esc(link)}">${esc(d.message)}</a>` : esc(d.message);
  const hint = d.hint && d.severity !== 'info' ? `<span class="hint">${esc(W.fix!)}: ${esc(d.hint)}</span>` : '';
  return `<li value="${n}" id="${esc(id)}">${sevBadge(d.severity, locale)}${text} <span class="rule">${esc(d.ruleId)} ${esc(d.ruleName)}${where ? ` · <span class="where">${esc(where)}</span>` : ''}</span>${hint}</li>`;
}

function reportHtml(r: LintedReport, n: number, locale: Locale, cwd: string, quiet: boolean): string {
  const W = WORDS[locale];
  const file = relative(cwd, r.source.path) || r.source.path;
  const counts = r.counts;
  const anchor = (key: string): string => `r${n}-${key}`;
  const shown = (ds: Diagnostic[]): Diagnostic[] => (quiet ? ds.filter((d) => d.severity === 'error') : ds);
  const template = getTemplate(r.template.id);
  const marks: Map<string, CellMark[]> = template ? cellMarks(template, r.diagnostics, r) : new Map();
  const layouts = layoutReport(r);
  // number the findings in the order they are listed: table by table, then the others
  const listed: Diagnostic[] = [];
  for (const t of layouts) listed.push(...shown(r.diagnostics.filter((d) => d.table === t.key)));
  const rest = shown(r.diagnostics.filter((d) => !listed.includes(d)));
  listed.push(...rest);
  const number = new Map(listed.map((d, i) => [d, i + 1]));
  const itemId = (k: number): string => `r${n}-m${k}`;
  const notes: Notes = { template, locale, number, item: itemId };
  const parts: string[] = [];
  parts.push(`<section class="report" id="report-${n}">`);
  parts.push(`<h2>${esc(file)}</h2>`);
  const meta = [
    `${W.template}: ${r.template.id}`,
    `${W.organ}: ${r.meta.organ ?? '—'}`,
    `${W.year}: ${r.meta.year ?? '—'}`,
    `${W.published}: ${r.meta.published ?? '—'}`,
    `${W.errors}: ${counts.error}`,
    `${W.warnings}: ${counts.warning}`,
    `${W.infos}: ${counts.info}`,
  ];
  parts.push(`<p class="meta">${meta.map(esc).join(' · ')}</p>`);
  const list = (ds: Diagnostic[]): string =>
    `<ol class="msgs">${ds
      .map((d) => {
        const k = primaryKey(marks, d);
        return messageHtml(d, locale, number.get(d)!, itemId(number.get(d)!), k ? anchor(k) : undefined);
      })
      .join('')}</ol>`;
  for (const t of layouts) {
    parts.push(`<h3>${esc(t.title)}</h3>`);
    parts.push(tableHtml(t, locale, anchor, notes));
    const here = shown(r.diagnostics.filter((d) => d.table === t.key));
    if (here.length) parts.push(list(here));
  }
  if (rest.length) parts.push(`<h3>${esc(W.general!)}</h3>${list(rest)}`);
  if (shown(r.diagnostics).length === 0) parts.push(`<p class="muted">${esc(W.clean!)}</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

/** The index of a page of several files: file (linked to its section), verdict, counts. */
function indexHtml(results: Parameters<Formatter>[0], locale: Locale, cwd: string): string {
  const W = WORDS[locale];
  const rows = results.map((r, i) => {
    const file = relative(cwd, resultPath(r)) || resultPath(r);
    const link = `<a href="#report-${i}">${esc(file)}</a>`;
    if (isFatal(r)) return `<tr><td>${link}</td><td class="v-fatal">${esc(W.verdictFatal!)}</td><td class="n"></td><td class="n"></td><td class="n"></td></tr>`;
    const c = r.counts;
    const [cls, word] = c.error ? ['v-error', W.verdictError!] : c.warning ? ['v-warning', W.verdictWarning!] : ['v-clean', W.verdictClean!];
    return `<tr><td>${link}</td><td class="${cls}">${esc(word)}</td><td class="n">${c.error}</td><td class="n">${c.warning}</td><td class="n">${c.info}</td></tr>`;
  });
  const head = `<tr><th scope="col">${esc(W.files!)}</th><th scope="col">${esc(W.verdict!)}</th><th scope="col">${esc(W.errors!)}</th><th scope="col">${esc(W.warnings!)}</th><th scope="col">${esc(W.infos!)}</th></tr>`;
  return `<h2 class="index-title">${esc(W.index!)}</h2>\n<table class="index">\n${head}\n${rows.join('\n')}\n</table>`;
}

/** The boxes at the top: files, errors, warnings, info (and unreadable files when there are any). */
export function summaryHtml(results: Parameters<Formatter>[0], locale: Locale): string {
  const W = WORDS[locale];
  const total = { error: 0, warning: 0, info: 0 };
  let fatal = 0;
  for (const r of results) {
    if (isFatal(r)) {
      fatal++;
      continue;
    }
    const c = r.counts;
    total.error += c.error;
    total.warning += c.warning;
    total.info += c.info;
  }
  const box = (cls: string, n: number, label: string): string => `<div class="${cls}"><b>${n}</b>${esc(label)}</div>`;
  return [
    box('n-files', results.length, W.files!),
    box('n-error', total.error, W.errors!),
    box('n-warning', total.warning, W.warnings!),
    box('n-info', total.info, W.infos!),
    ...(fatal ? [box('n-fatal', fatal, W.unreadable!)] : []),
  ].join('');
}

/** The section of result `i`: its tables with the cells marked and the findings, or the one line of an unreadable file. */
export function resultHtml(r: Parameters<Formatter>[0][number], i: number, ctx: Pick<Parameters<Formatter>[1], 'locale' | 'cwd' | 'quiet'>): string {
  if (isFatal(r)) {
    const file = relative(ctx.cwd, resultPath(r)) || resultPath(r);
    return `<section class="report" id="report-${i}"><h2>${esc(file)}</h2><p class="fatal">${esc(r.fatal.message)}</p></section>`;
  }
  return reportHtml(r, i, ctx.locale, ctx.cwd, ctx.quiet);
}

/** The legend of the marks, the index of several files and their sections: the page's body after the summary. */
export function resultsBodyHtml(results: Parameters<Formatter>[0], ctx: Pick<Parameters<Formatter>[1], 'locale' | 'cwd' | 'quiet'>): string {
  const W = WORDS[ctx.locale];
  const body = results.map((r, i) => resultHtml(r, i, ctx)).join('\n');
  return `<p class="meta legend">${esc(W.legend!)}</p>
${results.length > 1 ? indexHtml(results, ctx.locale, ctx.cwd) + '\n' : ''}${body}`;
}

export const html: Formatter = (results, ctx) => {
  const W = WORDS[ctx.locale];
  return `<!DOCTYPE html>
<html lang="${ctx.locale === 'zh-CN' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`${TOOL.name} ${TOOL.version}`)}">
<title>${esc(W.title!)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(W.title!)}</h1>
<div class="summary">${summaryHtml(results, ctx.locale)}</div>
${resultsBodyHtml(results, ctx)}
<footer>${esc(`${TOOL.name} ${TOOL.version}`)}</footer>
</body>
</html>
`;
};
