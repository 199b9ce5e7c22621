// `-f sarif`: SARIF 2.1.0 for code-scanning tools. Rules from rule metadata; template locations as
// logicalLocations; a physical region only for text inputs (line/column); unreadable files as
// toolExecutionNotifications. Pure: no I/O.
import { dirname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import type { FormatContext, Formatter, ResultList } from './types.js';
import type { Diagnostic, FileResult, LintedReport, Locale, Severity } from '../types.js';
import { isFatal, resultPath } from '../types.js';
import { RULES } from '../rules/index.js';
import { arrayPieces } from './_array-pieces.js';
import { TOOL } from '../version.js';
import { getTemplate } from '../templates/index.js';
import { humanLocation } from '../layout/location.js';

/** The base id every artifact URI is relative to (`originalUriBaseIds` gives its absolute URI). */
export const SRCROOT = '%SRCROOT%';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF levels of our severities. */
export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** The repository-relative documentation page of a rule. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/**
 * Absolute base URI of the repository (SARIF requires absolute `informationUri`/`helpUri`): the
 * package's `homepage`, else its `repository` URL, with a trailing slash. Undefined when neither is
 * set: the formatter then leaves both out and keeps the repo-relative doc path in `properties`.
 */
function packageBaseUri(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url)('../../package.json') as { homepage?: string; repository?: string | { url?: string } };
    const raw = pkg.homepage ?? (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url);
    if (!raw) return undefined;
    const url = raw.replace(/^git\+/, '').replace(/\.git$/, '').replace(/#.*$/, '');
    return /^https?:\/\//.test(url) ? url.replace(/\/?$/, '/') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The directory the artifact URIs are relative to: the working directory when every input lies
 * under it (the usual CI checkout), else the deepest directory all inputs share — so no URI climbs
 * out with `../`, which code-scanning services cannot map.
 */
export function sarifRoot(paths: string[], cwd: string): string {
  const abs = paths.filter((p) => p !== '-').map((p) => resolve(cwd, p));
  const base = resolve(cwd);
  const under = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep);
  if (abs.every((p) => under(p, base))) return base;
  let root = dirname(abs[0]!);
  while (!abs.every((p) => under(p, root)) && dirname(root) !== root) root = dirname(root);
  return root;
}

/** An artifact location: the input's path relative to `root` (forward slashes, percent-encoded), based on {@link SRCROOT}. */
function artifact(path: string, cwd: string, root: string): { uri: string; uriBaseId?: string } {
  if (path === '-') return { uri: 'stdin' };
  const rel = relative(root, resolve(cwd, path)) || path;
  return { uri: rel.split(sep).join('/').split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The absolute URI of a directory, with its trailing slash (SARIF requires one on a base). */
function dirUri(dir: string): string {
  return pathToFileURL(dir).href.replace(/\/?$/, '/');
}

function logicalName(d: Diagnostic): string | undefined {
  const parts = [d.table, d.row, d.column].filter((x): x is string => !!x);
  return parts.length ? parts.join('/') : undefined;
}

function humanLabel(d: Diagnostic): string | undefined {
  const l = d.labels;
  if (!l) return undefined;
  const parts = [l.table, l.row, l.column].filter((x): x is string => !!x);
  return parts.length ? parts.join(' · ') : undefined;
}

export interface SarifOptions {
  /** Absolute base URI the docs/rules pages live under (default: the package's homepage or repository). */
  baseUri?: string;
}

/** SARIF `results` of one report (none for an unreadable input: it is a notification). */
function reportResults(r: FileResult, ctx: FormatContext, index: Map<string, number>, root: string): Record<string, unknown>[] {
  if (isFatal(r)) return [];
  const locale: Locale = ctx.locale;
  const artifactLocation = artifact(resultPath(r), ctx.cwd, root);
  const report = r as LintedReport;
  const template = getTemplate(report.template.id);
  const shown = ctx.quiet ? report.diagnostics.filter((d) => d.severity === 'error') : report.diagnostics;
  return shown.map((d) => {
    const fqn = logicalName(d);
    const label = humanLabel(d);
    // a line is known for text and HTML (the line of the cell's element); a Word table cell has none, a PDF
    // cell its page: the place in words goes in the location's message
    const line = d.pos?.line;
    const page = d.pos?.page;
    const place = humanLocation(d, template, locale);
    const region =
      line !== undefined
        ? { startLine: line, ...(d.pos?.column !== undefined ? { startColumn: d.pos.column } : {}) }
        : page !== undefined
          ? { properties: { page, ...(d.pos?.bbox ? { bbox: d.pos.bbox } : {}) } } // PDF: the page (and box, points from the top-left)
          : undefined;
    const ruleIndex = index.get(d.ruleId);
    return {
      ruleId: d.ruleId,
      ...(ruleIndex !== undefined ? { ruleIndex } : {}),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.hint && d.severity !== 'info' ? `${d.message} ${locale === 'zh-CN' ? '建议：' : 'Fix: '}${d.hint}` : d.message },
      locations: [
        {
          physicalLocation: { artifactLocation, ...(region ? { region } : {}) },
          ...(place ? { message: { text: place } } : {}),
          ...(fqn ? { logicalLocations: [{ fullyQualifiedName: fqn, ...(label ? { name: label } : {}), kind: 'element' }] } : {}),
        },
      ],
      properties: {
        ruleName: d.ruleName,
        ...(d.table ? { table: d.table } : {}),
        ...(d.row ? { row: d.row } : {}),
        ...(d.column ? { column: d.column } : {}),
        ...(d.expected !== undefined ? { expected: d.expected } : {}),
        ...(d.actual !== undefined ? { actual: d.actual } : {}),
        ...(label ? { label } : {}),
        template: report.template.id,
      },
    };
  });
}

const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));

/** The SARIF log object (exported for tests and programmatic use). `withResults: false` leaves `results` empty (see {@link sarifPieces}). */
export function sarifLog(results: ResultList, ctx: Parameters<Formatter>[1], opts: SarifOptions = {}, withResults = true): Record<string, unknown> {
  const locale: Locale = ctx.locale;
  const base = opts.baseUri ?? packageBaseUri();
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.name,
    shortDescription: { text: r.description[locale] },
    fullDescription: { text: `${r.description[locale]} ${locale === 'zh-CN' ? '详见' : 'See'} ${ruleDocPath(r.id)}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    ...(base ? { helpUri: new URL(ruleDocPath(r.id), base).href } : {}),
    help: { text: `${ruleDocPath(r.id)}`, markdown: `[${r.id} ${r.name}](${base ? new URL(ruleDocPath(r.id), base).href : ruleDocPath(r.id)})` },
    properties: { tags: r.tags, docs: ruleDocPath(r.id), description: { 'zh-CN': r.description['zh-CN'], en: r.description.en } },
  }));
  const out: Record<string, unknown>[] = [];
  const notifications: Record<string, unknown>[] = [];
  const root = sarifRoot(Array.from(results, resultPath), ctx.cwd);
  for (const r of results) {
    if (isFatal(r)) {
      notifications.push({
        level: 'error',
        message: { text: r.fatal.message },
        descriptor: { id: r.fatal.code },
        locations: [{ physicalLocation: { artifactLocation: artifact(resultPath(r), ctx.cwd, root) } }],
      });
    } else if (withResults) out.push(...reportResults(r, ctx, RULE_INDEX, root));
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            // SARIF wants an absolute URL: the repository when package.json names one, else the package's registry page
            informationUri: base ?? `https://www.npmjs.com/package/${TOOL.name}`,
            rules,
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: dirUri(root) } },
        results: out,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

export const sarif: Formatter = (results, ctx) => JSON.stringify(sarifLog(results, ctx), null, 2) + '\n';

/**
 * The SARIF log in pieces, one per report: the log around an empty `results` array, and each
 * report's results as they appear in {@link sarif}'s text (pretty JSON at the array's depth), so a
 * 10 000-file run never holds every result object or the whole text. The pieces joined are that text.
 */
export function* sarifPieces(results: ResultList, ctx: FormatContext): Generator<string> {
  yield* arrayPieces(sarifLog(results, ctx, {}, false), 'results', 4, (function* () {
    const root = sarifRoot(Array.from(results, resultPath), ctx.cwd);
    for (const r of results) yield reportResults(r, ctx, RULE_INDEX, root);
  })());
}
