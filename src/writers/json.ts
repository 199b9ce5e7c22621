// The JSON output contract of `convert --to json` (schema/report.schema.json).
import type { Diagnostic, ExtractedTable, LintedReport } from '../types.js';
import { SCHEMA_VERSION, TOOL } from '../version.js';

/** A diagnostic with every contract field present (null when not applicable), in a stable order. */
export function diagnosticJson(d: Diagnostic, file?: string): Record<string, unknown> {
  return {
    ...(file !== undefined ? { file } : {}),
    ruleId: d.ruleId,
    ruleName: d.ruleName,
    severity: d.severity,
    table: d.table ?? null,
    row: d.row ?? null,
    column: d.column ?? null,
    message: d.message,
    hint: d.hint ?? null,
    expected: d.expected ?? null,
    actual: d.actual ?? null,
    labels: d.labels ?? null,
    location: d.pos ?? null,
    messageId: d.messageId,
    data: d.data,
    ...(d.suspects ? { suspects: d.suspects } : {}),
    ...(d.files ? { files: d.files } : {}),
    ...(d.related ? { related: d.related } : {}),
  };
}

function tableJson(t: ExtractedTable): Record<string, unknown> {
  return {
    found: t.found,
    location: t.pos ?? null,
    values: t.values,
    cells: t.cells,
    rows: t.rows,
    missingRows: t.missingRows,
    unknownRows: t.unknownRows,
    ...(t.missingColumns.length ? { missingColumns: t.missingColumns } : {}),
    reading: t.reading ?? null,
  };
}

/** One report as the public JSON object (key order is part of the contract). */
export function reportJson(r: LintedReport): Record<string, unknown> {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    source: r.source,
    template: r.template.id,
    templateDetection: { by: r.template.by, scores: r.template.scores, evidence: r.template.evidence ?? [], ...(r.template.layout ? { layout: r.template.layout } : {}) },
    meta: { organ: r.meta.organ, year: r.meta.year, published: r.meta.published, title: r.meta.title },
    tables: Object.fromEntries(Object.entries(r.tables).map(([k, t]) => [k, tableJson(t)])),
    sections: r.sections.map((s) => ({ key: s.key, found: s.found, heading: s.heading ?? null, numbered: s.numbered ?? null, location: s.pos ?? null })),
    diagnostics: r.diagnostics.map((d) => diagnosticJson(d)),
  };
}
