// `-f stylish` (default): grouped by file, one line per finding, then a summary. Colour only via ctx.
import { relative } from 'node:path';
import type { FormatContext, Formatter, ResultList } from './types.js';
import type { Diagnostic, Locale, Severity } from '../types.js';
import { isFatal, resultPath } from '../types.js';
import { cellName, format, messages } from '../i18n/index.js';
import { getTemplate } from '../templates/index.js';
import { terminalSafe as safe } from '../text/terminal.js';
import { physicalLocation, suspectPlace } from '../layout/location.js';

function where(d: Diagnostic, locale: Locale): string {
  // a grid cell (counted as a person counts) is easier to find than a line of HTML, which may hold the whole table
  return safe(physicalLocation(d.pos, locale)); // a quote of the source may hold control characters
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

/** The colour functions stylish uses; chalk's when colour is on (loaded lazily), identity otherwise. */
export interface Paint {
  red: Style;
  yellow: Style;
  blue: Style;
  green: Style;
  dim: Style;
  underline: Style;
}
type Style = ((s: string) => string) & { bold: (s: string) => string };

const plainStyle: Style = Object.assign((s: string) => s, { bold: (s: string) => s });
const PLAIN: Paint = { red: plainStyle, yellow: plainStyle, blue: plainStyle, green: plainStyle, dim: plainStyle, underline: plainStyle };

/** Loads chalk only when colour is wanted: it costs start-up time on every plain run. */
export async function loadPaint(color: boolean): Promise<Paint> {
  if (!color) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 }) as unknown as Paint;
}

/**
 * The report file by file (then the summary line), so a 100 000-file run is written as it is
 * rendered instead of held as one string; the pieces joined are {@link stylish}'s text.
 */
export function* stylishPieces(results: ResultList, ctx: FormatContext): Generator<string> {
  const c = ctx.paint ?? PLAIN;
  const M = messages(ctx.locale);
  const W = M.stylish;
  const sevColor: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  let out: string[] = [];
  const piece = (): string => {
    const text = out.map((l) => l + '\n').join('');
    out = [];
    return text;
  };
  const total = { error: 0, warning: 0, info: 0 };
  let fatal = 0;
  for (const r of results) {
    // everything from the document or the file system is shown, never obeyed: no control characters reach the terminal
    const file = safe(relative(ctx.cwd, resultPath(r)) || resultPath(r));
    if (isFatal(r)) {
      fatal++;
      out.push(`${c.underline(file)}`, `  ${c.red(W.fatal!)}  ${safe(r.fatal.message)}`, '');
      yield piece();
      continue;
    }
    const counts = r.counts;
    total.error += counts.error;
    total.warning += counts.warning;
    total.info += counts.info;
    const shown = ctx.quiet ? r.diagnostics.filter((d) => d.severity === 'error') : r.diagnostics;
    const hidden = r.diagnostics.length - shown.length;
    const head = safe([r.template.id, r.meta.organ, r.meta.year].filter((x) => x !== null && x !== undefined).join(' · '));
    out.push(`${c.underline(file)}  ${c.dim(head)}`);
    // -q hides warnings and notes: say so, never "no problems" over hidden ones
    if (shown.length === 0) out.push(`  ${c.green(hidden ? W.cleanQuiet : W.clean)}`);
    if (hidden) out.push(`  ${c.dim(format(W.hiddenByQuiet, { warnings: counts.warning, infos: counts.info }))}`);
    const whereWidth = Math.max(0, ...shown.map((d) => width(where(d, ctx.locale))));
    for (const d of shown) {
      const sev = sevColor[d.severity](pad(M.severity[d.severity], ctx.locale === 'zh-CN' ? 4 : 7));
      out.push(`  ${c.dim(pad(where(d, ctx.locale), whereWidth))}  ${sev}  ${safe(d.message)}  ${c.dim(`${d.ruleId} ${d.ruleName}`)}`);
      if (d.hint && d.severity !== 'info') out.push(`  ${' '.repeat(whereWidth)}  ${' '.repeat(ctx.locale === 'zh-CN' ? 4 : 7)}  ${c.dim(`${W.hint}: ${safe(d.hint)}`)}`);
      const tpl = d.suspects?.length ? getTemplate(r.template.id) : undefined;
      if (tpl) {
        const one = suspectPlace(d);
        const at = one ? physicalLocation(one.pos, ctx.locale) : '';
        const cells = d.suspects!.map((s) => `${cellName(tpl, ctx.locale, s.table, s.row, s.column)} ${s.current ?? '—'} → ${s.suggested}${at ? format(W.suspectAt, { at }) : ''}`).join(W.listSep);
        out.push(`  ${' '.repeat(whereWidth)}  ${' '.repeat(ctx.locale === 'zh-CN' ? 4 : 7)}  ${c.dim(`${W.suspect}: ${safe(cells)}`)}`);
      }
    }
    out.push('');
    yield piece();
  }
  let summary = format(W.summary, { files: results.length, errors: total.error, warnings: total.warning, infos: total.info });
  if (fatal) summary += format(W.fatalSummary, { fatal });
  out.push(summary);
  const v = verdict({ ...total, fatal }, ctx.locale, ctx.maxWarnings ?? null);
  out.push(v.ok ? c.green.bold(v.text) : c.red.bold(v.text));
  yield piece();
}

/**
 * The last line of a run, in words a clerk acts on: `✖ 有 2 个错误，请更正后再提交` or
 * `✔ 未发现错误，可以提交（另有 3 条提示）`. `ok` agrees with the exit code: errors, unreadable
 * files, or more warnings than --max-warnings allows make it false.
 */
export function verdict(t: { error: number; warning: number; info: number; fatal: number }, locale: Locale, maxWarnings: number | null): { ok: boolean; text: string } {
  const V = messages(locale).verdict;
  if (t.error && t.fatal) return { ok: false, text: format(V.errorsAndFatal, { errors: t.error, fatal: t.fatal }) };
  if (t.error) return { ok: false, text: format(V.errors, { errors: t.error }) };
  if (t.fatal) return { ok: false, text: format(V.fatal, { fatal: t.fatal }) };
  if (maxWarnings !== null && t.warning > maxWarnings) return { ok: false, text: format(V.tooManyWarnings, { warnings: t.warning, max: maxWarnings }) };
  const notes = [...(t.warning ? [format(V.warnings, { n: t.warning })] : []), ...(t.info ? [format(V.infos, { n: t.info })] : [])];
  return { ok: true, text: notes.length ? format(V.cleanWith, { notes: notes.join(V.and) }) : V.clean };
}

export const stylish: Formatter = (results, ctx) => [...stylishPieces(results, ctx)].join('');
