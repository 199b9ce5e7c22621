// SourceDoc → ExtractedReport: metadata, template choice, tables, sections. Pure.
import type { ExtractedReport, SourceDoc, TemplateChoice } from '../types.js';
import { extractMeta } from '../extract/meta.js';
import { mapTables, settleShortRows } from '../extract/map.js';
import { assessReadings } from '../extract/reading.js';
import { resolveGlued, splitGluedLabels } from '../extract/glued.js';
import { findSections } from '../extract/sections.js';
import { attachQuotes } from '../extract/quote.js';
import { detectTemplate, getTemplate } from '../templates/index.js';
import { GiaError } from '../errors.js';

export interface ExtractOptions {
  /** Force a template id instead of detecting it. */
  template?: string;
}

/** Reads everything the rules need from a document. */
export function extractReport(doc: SourceDoc, opts: ExtractOptions = {}): ExtractedReport {
  const meta = extractMeta(doc.paragraphs);
  let choice: TemplateChoice;
  if (opts.template && opts.template !== 'auto') {
    if (!getTemplate(opts.template)) throw new GiaError('E_BAD_OPTION', { reason: `--template ${opts.template}` });
    choice = { id: opts.template, by: 'forced', scores: {} };
  } else {
    let labelText = '';
    for (const t of doc.tokens) if (t.kind === 'text') labelText += t.text;
    choice = detectTemplate(labelText, meta.year);
  }
  let template = getTemplate(choice.id)!;
  const tokens = splitGluedLabels(doc.tokens, template);
  let tables = mapTables(tokens, template);
  // a layout variant (spec §5 hybrid): tried only when every row it replaces is missing, taken when
  // every row it has instead was found with cells
  for (const layout of template.layouts ?? []) {
    if (!tables[layout.table]?.found || !layout.replaces.every((k) => tables[layout.table]!.missingRows.includes(k))) continue;
    const alt = getTemplate(choice.id, layout.id)!;
    const altTables = mapTables(tokens, alt);
    if (layout.rows.every((r) => (altTables[layout.table]!.rows[r.key]?.cellsFound ?? 0) > 0)) {
      template = alt;
      tables = altTables;
      choice = { ...choice, layout: layout.id };
      break;
    }
  }
  resolveGlued(tables, template); // glued digit runs → cells, only where the identities allow one split
  settleShortRows(tables, template); // text rows still short of cells: null, reported by GIA002 (never guessed)
  assessReadings(tables, template);
  attachQuotes(tables, doc.paragraphs); // a place on a very long line is shown by a quote, not a column
  return {
    source: { path: doc.path, format: doc.format, encoding: doc.encoding, sha256: doc.sha256, bytes: doc.bytes },
    template: choice,
    meta,
    tables,
    sections: findSections(doc.paragraphs, template.sections),
    paragraphs: doc.paragraphs,
    notes: doc.notes ?? [],
  };
}
