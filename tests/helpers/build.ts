// Builds an ExtractedReport in code, for rule tests: every cell 0 unless told otherwise.
import type { CellDetail, ExtractedReport, ExtractedTable, FoundRow, FoundSection, ReaderNote, ReportMeta, TableReading, TemplateChoice } from '../../src/types.js';
import { getTemplate } from '../../src/templates/index.js';
import { parseValue } from '../../src/text/normalize.js';
import { lintReport } from '../../src/engine/lint.js';
import type { Locale, LintedReport } from '../../src/types.js';

export type CellInput = number | string | null;

export interface BuildOptions {
  template?: 'gia-2019' | 'gia-2021';
  choice?: Partial<TemplateChoice>;
  meta?: Partial<ReportMeta>;
  /** Cells to set: table → row → column → number, raw text (parsed), or null (blank). */
  cells?: Record<string, Record<string, Record<string, CellInput>>>;
  /** Rows not found, as `table/row`. */
  missingRows?: string[];
  /** Tables not found. */
  missingTables?: string[];
  unknownRows?: { table: string; label: string; values: string[] }[];
  missingColumns?: string[];
  /** Rows with fewer/more cells found than the template has: `table/row` → count (and extras). */
  cellsFound?: Record<string, { found: number; extra?: string[] }>;
  /** Facts merged into found rows: `table/row` → FoundRow fields (e.g. `unread`, `glue`, `by`). */
  rowFacts?: Record<string, Partial<FoundRow>>;
  /** Table readings: table → reading (absent: none set). */
  readings?: Record<string, TableReading>;
  /** Rows matched through this label variant: `table/row` → matched key. */
  matched?: Record<string, string>;
  /** Sections: key → false (not found) or 'unnumbered'. */
  sections?: Record<string, false | 'unnumbered'>;
  paragraphs?: string[];
  notes?: ReaderNote[];
}

export function buildReport(o: BuildOptions = {}): ExtractedReport {
  const template = getTemplate(o.template ?? 'gia-2021')!;
  const tables: Record<string, ExtractedTable> = {};
  for (const def of template.tables) {
    const kinds = new Map(def.columns.map((c) => [c.key, c.kind ?? 'count'] as const));
    const t: ExtractedTable = { key: def.key, found: !o.missingTables?.includes(def.key), values: {}, cells: {}, rows: {}, missingRows: [], unknownRows: [], missingColumns: [] };
    def.rows.forEach((r, i) => {
      t.values[r.key] = {};
      t.cells[r.key] = {};
      const missing = !t.found || o.missingRows?.includes(`${def.key}/${r.key}`);
      if (missing) t.missingRows.push(r.key);
      else {
        const cf = o.cellsFound?.[`${def.key}/${r.key}`];
        t.rows[r.key] = { label: r.label, matched: o.matched?.[`${def.key}/${r.key}`] ?? '', cellsFound: cf?.found ?? r.columns.length, pos: { line: 100 + i }, ...(cf?.extra ? { extra: cf.extra } : {}), ...o.rowFacts?.[`${def.key}/${r.key}`] };
      }
      r.columns.forEach((c, k) => {
        const input = o.cells?.[def.key]?.[r.key]?.[c];
        let d: CellDetail;
        if (missing) d = { value: null, raw: '', kind: 'missing' };
        else {
          const raw = input === undefined ? '0' : input === null ? '' : String(input);
          const p = parseValue(raw, kinds.get(c));
          d = { value: p.value, raw, kind: p.kind, pos: { line: 100 + i, column: 1 + k * 4 }, ...(p.unit ? { unit: p.unit } : {}), ...(p.original !== undefined ? { original: p.original } : {}) };
        }
        t.cells[r.key]![c] = d;
        t.values[r.key]![c] = d.value;
      });
    });
    t.unknownRows = (o.unknownRows ?? []).filter((u) => u.table === def.key).map((u) => ({ label: u.label, values: u.values, pos: { line: 99 } }));
    if (def.key === 'requests') t.missingColumns = o.missingColumns ?? [];
    const reading = o.readings?.[def.key];
    if (reading) t.reading = reading;
    tables[def.key] = t;
  }
  const sections: FoundSection[] = template.sections.map((s, i) => {
    const st = o.sections?.[s.key];
    if (st === false) return { key: s.key, found: false };
    return { key: s.key, found: true, heading: st === 'unnumbered' ? s.label : `${s.numeral}、${s.label}`, numbered: st !== 'unnumbered', pos: { line: 10 * (i + 1) }, paragraphIndex: i };
  });
  const paragraphs = (o.paragraphs ?? [...template.sections.map((s) => `${s.numeral}、${s.label}`), '本年度未收取信息处理费。']).map((text, i) => ({ text, pos: { line: i + 1 } }));
  return {
    source: { path: 'built.txt', format: 'text', encoding: 'utf-8', sha256: '0'.repeat(64), bytes: 0 },
    template: { id: template.id, by: 'labels', scores: { [template.id]: 3 }, evidence: template.markers.slice(0, 3), ...o.choice },
    meta: { organ: '某县人民政府办公室', year: template.id === 'gia-2019' ? 2019 : 2021, published: template.id === 'gia-2019' ? '2020-01-20' : '2022-01-20', title: null, ...o.meta },
    tables,
    sections,
    paragraphs,
    notes: o.notes ?? [],
  };
}

export function lintBuilt(o: BuildOptions = {}, locale: Locale = 'zh-CN'): LintedReport {
  return lintReport(buildReport(o), { locale });
}
