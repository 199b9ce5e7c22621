// `-f sarif`: SARIF 2.1.0 for code-scanning tools. Rules from rule metadata; template locations as
// logicalLocations; a physical region only for text inputs (line/column); unreadable files as
// toolExecutionNotifications. Pure: no I/O.
import { relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { FormatContext, Formatter } from './types.js';
import type { Diagnostic, FileResult, LintedReport, Locale, Severity } from '../types.js';
import { isFatal, resultPath } from '../types.js';
import { RULES } from '../rules/index.js';
import { arrayPieces } from './_array-pieces.js';
import { TOOL } from '../version.js';

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

/** A file name as a relative URI reference (forward slashes, percent-encoded). */
function fileUri(path: string, cwd: string): string {
  const rel = path === '-' ? 'stdin' : relative(cwd, path) || path;
  return rel.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
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
function reportResults(r: FileResult, ctx: FormatContext, index: Map<string, number>): Record<string, unknown>[] {
  if (isFatal(r)) return [];
  const locale: Locale = ctx.locale;
  const uri = fileUri(resultPath(r), ctx.cwd);
  const report = r as LintedReport;
  const text = report.source.format === 'text';
  const shown = ctx.quiet ? report.diagnostics.filter((d) => d.severity === 'error') : report.diagnostics;
  return shown.map((d) => {
    const fqn = logicalName(d);
    const label = humanLabel(d);
    const line = text ? d.pos?.line : undefined;
    const page = d.pos?.page;
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
          physicalLocation: { artifactLocation: { uri }, ...(region ? { region } : {}) },
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
export function sarifLog(results: Parameters<Formatter>[0], ctx: Parameters<Formatter>[1], opts: SarifOptions = {}, withResults = true): Record<string, unknown> {
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
  for (const r of results) {
    if (isFatal(r)) {
      notifications.push({
        level: 'error',
        message: { text: r.fatal.message },
        descriptor: { id: r.fatal.code },
        locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(resultPath(r), ctx.cwd) } } }],
      });
    } else if (withResults) out.push(...reportResults(r, ctx, RULE_INDEX));
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
            ...(base ? { informationUri: base } : {}),
            rules,
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
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
export function* sarifPieces(results: FileResult[], ctx: FormatContext): Generator<string> {
  yield* arrayPieces(sarifLog(results, ctx, {}, false), 'results', 4, (function* () {
    for (const r of results) yield reportResults(r, ctx, RULE_INDEX);
  })());
}
