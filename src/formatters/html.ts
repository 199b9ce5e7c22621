// `-f html`: one self-contained page (inline CSS, no scripts, no network) with a summary, then per
// report its tables drawn in the official layout (the model shared with the XLSX writer) with the
// failing cells highlighted and the messages under each table. All text goes through escape-html.
import { relative } from 'node:path';
import escapeHtml from 'escape-html';
import type { Formatter } from './types.js';
import type { Diagnostic, LintedReport, Locale, Severity } from '../types.js';
import { isFatal, resultPath } from '../types.js';
import { countSeverities } from '../engine/lint.js';
import { TOOL } from '../version.js';
import { layoutReport, rowsOf, type LayoutCell, type LayoutTable } from '../writers/_layout.js';

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
    line: '第{line}行',
    legend: '红色：错误；黄色：警告。鼠标悬停在单元格上可查看说明。',
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
    line: 'line {line}',
    legend: 'Red: error; amber: warning. Hover over a cell to read the message.',
  },
};

const CSS = `
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

function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (data[k] === undefined ? m : String(data[k])));
}

function attr(name: string, value: string | number): string {
  return ` ${name}="${esc(value)}"`;
}

function formatNumber(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** One table cell: th for labels/headers, td for values; highlighted when a diagnostic names it. */
function cellHtml(c: LayoutCell, anchor: (key: string) => string): string {
  const classes: string[] = [c.kind];
  const isValue = c.kind === 'value';
  if (isValue && (c.value === null || c.value === undefined)) classes.push('blank');
  if (c.severity) classes.push(`cell-${c.severity}`);
  const tag = isValue ? 'td' : 'th';
  let a = attr('class', classes.join(' '));
  if (c.rowSpan > 1) a += attr('rowspan', c.rowSpan);
  if (c.colSpan > 1) a += attr('colspan', c.colSpan);
  if (c.key) a += attr('data-key', c.key);
  if (c.key && c.diagnostics.length) a += attr('id', anchor(c.key));
  if (c.diagnostics.length) a += attr('title', c.diagnostics.map((d) => d.message).join('\n'));
  if (!isValue && c.kind !== 'label') a += attr('scope', c.colSpan > 1 ? 'colgroup' : 'col');
  const text = isValue ? formatNumber(c.value) : (c.text ?? '');
  return `<${tag}${a}>${esc(text)}</${tag}>`;
}

function tableHtml(t: LayoutTable, locale: Locale, anchor: (key: string) => string): string {
  const rows = rowsOf(t).slice(1); // the title row is the heading
  const body = rows.map((cells) => `<tr>${cells.map((c) => cellHtml(c, anchor)).join('')}</tr>`).join('\n');
  return `<table class="gia" data-table="${esc(t.key)}">\n${body}\n</table>${t.found ? '' : `<p class="muted">${esc(WORDS[locale].notFound!)}</p>`}`;
}

function sevBadge(s: Severity, locale: Locale): string {
  return `<span class="sev sev-${s}">${esc(WORDS[locale][s]!)}</span>`;
}

function messageHtml(d: Diagnostic, locale: Locale, link?: string): string {
  const W = WORDS[locale];
  const where = d.pos?.line !== undefined ? fill(W.line!, { line: d.pos.line }) : '';
  const text = link ? `<a href="#${esc(link)}">${esc(d.message)}</a>` : esc(d.message);
  const hint = d.hint && d.severity !== 'info' ? `<span class="hint">${esc(W.fix!)}: ${esc(d.hint)}</span>` : '';
  return `<li>${sevBadge(d.severity, locale)}${text} <span class="rule">${esc(d.ruleId)} ${esc(d.ruleName)}${where ? ` · ${esc(where)}` : ''}</span>${hint}</li>`;
}

function reportHtml(r: LintedReport, n: number, locale: Locale, cwd: string, quiet: boolean): string {
  const W = WORDS[locale];
  const file = relative(cwd, r.source.path) || r.source.path;
  const counts = countSeverities(r.diagnostics);
  const anchor = (key: string): string => `r${n}-${key}`;
  const shown = (ds: Diagnostic[]): Diagnostic[] => (quiet ? ds.filter((d) => d.severity === 'error') : ds);
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
  const layouts = layoutReport(r);
  const placed = new Set<Diagnostic>();
  for (const t of layouts) {
    parts.push(`<h3>${esc(t.title)}</h3>`);
    parts.push(tableHtml(t, locale, anchor));
    // Messages of this table, each linked to the first cell it marks.
    const firstKey = new Map<Diagnostic, string>();
    for (const c of t.cells) for (const d of c.diagnostics) if (!firstKey.has(d) && c.key) firstKey.set(d, c.key);
    const here = shown(r.diagnostics.filter((d) => d.table === t.key));
    here.forEach((d) => placed.add(d));
    if (here.length) parts.push(`<ul class="msgs">${here.map((d) => messageHtml(d, locale, firstKey.has(d) ? anchor(firstKey.get(d)!) : undefined)).join('')}</ul>`);
  }
  const rest = shown(r.diagnostics.filter((d) => !placed.has(d)));
  if (rest.length) parts.push(`<h3>${esc(W.general!)}</h3><ul class="msgs">${rest.map((d) => messageHtml(d, locale)).join('')}</ul>`);
  if (shown(r.diagnostics).length === 0) parts.push(`<p class="muted">${esc(W.clean!)}</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

export const html: Formatter = (results, ctx) => {
  const W = WORDS[ctx.locale];
  const total = { error: 0, warning: 0, info: 0 };
  let fatal = 0;
  for (const r of results) {
    if (isFatal(r)) {
      fatal++;
      continue;
    }
    const c = countSeverities(r.diagnostics);
    total.error += c.error;
    total.warning += c.warning;
    total.info += c.info;
  }
  const box = (cls: string, n: number, label: string): string => `<div class="${cls}"><b>${n}</b>${esc(label)}</div>`;
  const summary = [
    box('n-files', results.length, W.files!),
    box('n-error', total.error, W.errors!),
    box('n-warning', total.warning, W.warnings!),
    box('n-info', total.info, W.infos!),
    ...(fatal ? [box('n-fatal', fatal, W.unreadable!)] : []),
  ].join('');
  const body = results
    .map((r, i) => {
      if (isFatal(r)) {
        const file = relative(ctx.cwd, resultPath(r)) || resultPath(r);
        return `<section class="report" id="report-${i}"><h2>${esc(file)}</h2><p class="fatal">${esc(r.fatal.message)}</p></section>`;
      }
      return reportHtml(r, i, ctx.locale, ctx.cwd, ctx.quiet);
    })
    .join('\n');
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
<div class="summary">${summary}</div>
<p class="meta">${esc(W.legend!)}</p>
${body}
<footer>${esc(`${TOOL.name} ${TOOL.version}`)}</footer>
</body>
</html>
`;
};
