// The official layout of tables 二, 三 and 四 as rows of cells with spans, shared by the XLSX
// writer and the HTML lint report so both draw the same thing, and how findings mark its cells.
import type { Diagnostic, Locale, LintedReport, Severity, Suspect, TableDef, Template } from '../types.js';
import { templateOf } from '../templates/index.js';
import { cellName, suspectSentence } from '../i18n/index.js';
import { cellKey } from './keys.js';

/** What a layout cell shows. */
export type LayoutCellKind = 'title' | 'corner' | 'header' | 'caption' | 'group' | 'label' | 'value';

/** One origin cell of the drawn table (covered positions of a merge have no cell). */
export interface LayoutCell {
  /** 0-based row and column in the table grid (the title row is row 0). */
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  kind: LayoutCellKind;
  /** Text of a label, header, caption or title cell. */
  text?: string;
  /** Value cells: the extracted value (null = blank or missing: drawn empty, never 0). */
  value?: number | null;
  /** Value cells: the raw text as in the source. */
  raw?: string;
  /** Value cells: `count` (integer) or `amount` (decimal, 万元) or `signed`. */
  valueKind?: 'count' | 'amount' | 'signed';
  /** Value cells: the cell key `table.row.column`; label cells: `table.row`. */
  key?: string;
  /** Diagnostics that name this cell (see {@link cellDiagnostics}). */
  diagnostics: Diagnostic[];
  /** Worst severity among them (undefined when none; blank-cell marks do not count). */
  severity?: Severity;
  /** How the diagnostics mark this cell (see {@link cellMarks}), strongest first. */
  marks: CellMark[];
  /** The strongest role among {@link marks} (undefined when none). */
  role?: MarkRole;
}

/**
 * How a diagnostic marks a cell, so that the cell a finding says is wrong is the cell drawn as wrong:
 * - `fix`: the one cell whose change makes every failing identity hold (the suspect): correct it to
 *   {@link CellMark.suspect}`.suggested`;
 * - `finding`: the cell the finding is about when no single cell explains it (also non-arithmetic findings);
 * - `candidate`: one of several cells any one of which, changed, would make the identities hold;
 * - `identity`: a cell of a failing identity (its total, its parts) that another cell explains: not to change;
 * - `blank`: a blank cell of a table with a blank-cell finding (counted as 0).
 */
export type MarkRole = 'fix' | 'finding' | 'candidate' | 'identity' | 'blank';

export interface CellMark {
  d: Diagnostic;
  role: MarkRole;
  /** `fix` and `candidate`: the suggested change of this cell. */
  suspect?: Suspect;
}

const ROLE_RANK: Record<MarkRole, number> = { fix: 5, finding: 4, candidate: 3, identity: 2, blank: 1 };

/** Rule of the blank-cell finding: its cells get the light blank style, not a warning fill. */
export const BLANK_RULE = 'GIA201';

/** A table drawn in the official layout. */
export interface LayoutTable {
  key: TableDef['key'];
  numeral: string;
  /** `二、主动公开政府信息情况`. */
  title: string;
  /** Short sheet name: `二 主动公开`. */
  sheetName: string;
  rows: number;
  cols: number;
  /** Rows at the top (title included) that stay frozen when scrolling. */
  frozenRows: number;
  /** Label columns at the left. */
  labelCols: number;
  cells: LayoutCell[];
  /** Whether the report had this table at all. */
  found: boolean;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The worst severity of some diagnostics. */
export function worstSeverity(diags: Diagnostic[]): Severity | undefined {
  let best: Severity | undefined;
  for (const d of diags) if (!best || RANK[d.severity] > RANK[best]) best = d.severity;
  return best;
}

/**
 * Which layout keys each diagnostic names:
 * table+row+column → that cell; table+row → the row's label cell (`table.row`; a label-less row:
 * all its cells); table+column → that column's cells of the related rows, or when nothing is
 * related of the table's `layout.columnRows` (表三: the rows requests-balance relates, 一、二、
 * （七）总计、四), or of every row.
 */
function namedKeys(template: Template, d: Diagnostic): string[] {
  const def = template.tables.find((t) => t.key === d.table);
  if (!def) return [];
  if (d.row && d.column) return [cellKey(def.key, d.row, d.column)];
  if (d.row) {
    const row = def.rows.find((r) => r.key === d.row);
    return row?.labelless ? row.columns.map((c) => cellKey(def.key, row.key, c)) : [`${def.key}.${d.row}`];
  }
  if (!d.column) return [];
  const related = (d.related ?? []).filter((x) => (x.table ?? def.key) === def.key && x.column === d.column && x.row);
  const rows = related.length
    ? related.map((x) => x.row!)
    : def.drawing.columnRows
      ? def.drawing.columnRows
      : def.rows.filter((r) => r.columns.includes(d.column!)).map((r) => r.key);
  return rows.filter((row) => def.rows.some((r) => r.key === row && r.columns.includes(d.column!))).map((row) => cellKey(def.key, row, d.column!));
}

/**
 * How each diagnostic marks the layout cells (see {@link MarkRole}). An arithmetic finding with one
 * suspect marks the suspect `fix` and its own cells `identity`; with several suspects, each
 * `candidate` and its own cells `identity`; with none, its own cells `finding`. A blank-cell finding
 * marks every blank cell of its table `blank` (when `report` is given) and names no label. Marks of
 * a cell are sorted strongest first.
 */
export function cellMarks(template: Template, diagnostics: Diagnostic[], report?: Pick<LintedReport, 'tables'>): Map<string, CellMark[]> {
  const out = new Map<string, CellMark[]>();
  const add = (key: string, m: CellMark): void => {
    const list = out.get(key) ?? [];
    if (!list.some((x) => x.d === m.d && x.role === m.role)) list.push(m);
    out.set(key, list);
  };
  const blankTables = new Set<string>();
  for (const d of diagnostics) {
    if (d.ruleId === BLANK_RULE) {
      // blanks get one light style on the cells themselves, never a warning on a label
      if (d.table && report?.tables?.[d.table]) blankTables.add(d.table);
      continue;
    }
    const own = namedKeys(template, d);
    const suspects = d.suspects ?? [];
    const suspectKeys = suspects.map((x) => cellKey(x.table, x.row, x.column));
    if (suspects.length === 0) for (const k of own) add(k, { d, role: 'finding' });
    else {
      const role: MarkRole = suspects.length === 1 ? 'fix' : 'candidate';
      suspects.forEach((x, i) => add(suspectKeys[i]!, { d, role, suspect: x }));
      for (const k of own) if (!suspectKeys.includes(k)) add(k, { d, role: 'identity' });
    }
  }
  if (report) {
    for (const tableKey of blankTables) {
      const def = template.tables.find((t) => t.key === tableKey);
      const t = report.tables?.[tableKey];
      if (!def || !t) continue;
      const d = diagnostics.find((x) => x.ruleId === BLANK_RULE && x.table === tableKey)!;
      for (const row of def.rows) for (const c of row.columns) if (t.cells[row.key]?.[c]?.kind === 'blank') add(cellKey(def.key, row.key, c), { d, role: 'blank' });
    }
  }
  for (const list of out.values()) list.sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role]);
  return out;
}

/** The diagnostics that name each layout key (every role), in the order of {@link cellMarks}. */
export function cellDiagnostics(template: Template, diagnostics: Diagnostic[], report?: Pick<LintedReport, 'tables'>): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const [k, marks] of cellMarks(template, diagnostics, report)) out.set(k, [...new Set(marks.map((m) => m.d))]);
  return out;
}

/**
 * The key a diagnostic leads to (a link from a list of findings): its single suspect, else the first
 * cell it marks. Undefined when it marks no cell.
 */
export function primaryKey(marks: Map<string, CellMark[]>, d: Diagnostic): string | undefined {
  if (d.suspects?.length === 1) {
    const s = d.suspects[0]!;
    const k = cellKey(s.table, s.row, s.column);
    if (marks.has(k)) return k;
  }
  let best: { k: string; rank: number } | undefined;
  for (const [k, list] of marks) {
    const m = list.find((x) => x.d === d);
    if (m && (!best || ROLE_RANK[m.role] > best.rank)) best = { k, rank: ROLE_RANK[m.role] };
  }
  return best?.k;
}

const NOTE_WORDS: Record<Locale, Record<'fix' | 'candidate' | 'identity' | 'blank' | 'blankNote' | 'identityNote' | 'identityFix' | 'identitySeveral' | 'sep' | 'none', string>> = {
  'zh-CN': {
    fix: '请更正本格：现为 {current}，应为 {suggested}（改后各项勾稽关系都成立）。',
    candidate: '可能填错：现为 {current}，改为 {suggested} 可使各项勾稽关系成立；只需改动其中一个单元格。',
    identity: '勾稽关系不成立',
    identityNote: '本格所在的勾稽关系不成立：{identity}',
    identityFix: '可能填错的是{cell}（现为 {current}，应为 {suggested}），本格不必改动。',
    identitySeveral: '改动其中任一单元格可使其成立：{cells}。',
    blank: '空白',
    blankNote: '空白单元格：核对时按 0 计算；没有的请填 0。',
    sep: '；',
    none: '空白',
  },
  en: {
    fix: 'Correct this cell: it is {current}; {suggested} makes every identity add up.',
    candidate: 'Possibly wrong: it is {current}; {suggested} would make the identities add up. Change only one of the candidates.',
    identity: 'identity fails',
    identityNote: 'An identity of this cell fails: {identity}',
    identityFix: 'The likely wrong cell is {cell} (it is {current}, should be {suggested}); this cell need not change.',
    identitySeveral: 'Changing any one of these makes it hold: {cells}.',
    blank: 'blank',
    blankNote: 'Blank cell: counted as 0 in the checks; write 0 where there is nothing.',
    sep: '; ',
    none: 'blank',
  },
};

function fillIn(s: string, data: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (data[k] === undefined ? m : String(data[k])));
}

/** A finding's message without its suspect sentence: the identity that fails. */
export function identitySentence(template: Template, locale: Locale, d: Diagnostic): string {
  if (!d.suspects) return d.message;
  const s = suspectSentence(template, locale, d.suspects);
  return d.message.replace(s, '').trim();
}

/**
 * The note of a marked cell (the xlsx cell note, the HTML tooltip and footnote): per mark, what it
 * means for this cell: the value to write (`fix`), the identity and where to look (`identity`).
 */
export function markNote(template: Template, marks: CellMark[], locale: Locale, severityWord: (s: Severity) => string): string {
  const W = NOTE_WORDS[locale];
  const lines: string[] = [];
  const fixes = new Map<string, string[]>(); // one "correct this cell" line, then the identities it fixes
  for (const m of marks) {
    const d = m.d;
    const tag = `[${severityWord(d.severity)}]`;
    if (m.role === 'fix' || m.role === 'candidate') {
      const head = `${tag} ${fillIn(m.role === 'fix' ? W.fix : W.candidate, { current: m.suspect!.current ?? W.none, suggested: m.suspect!.suggested })}`;
      let group = fixes.get(head);
      if (!group) {
        fixes.set(head, (group = []));
        lines.push(head);
      }
      const line = `  ${d.ruleId} ${identitySentence(template, locale, d)}`;
      if (!group.includes(line)) {
        group.push(line);
        // keep the group's lines together under its head
        const at = lines.indexOf(head) + group.length;
        lines.splice(at, 0, line);
      }
    } else if (m.role === 'identity') {
      const ss = d.suspects ?? [];
      const name = (x: Suspect) => cellName(template, locale, x.table, x.row, x.column);
      const where =
        ss.length === 1
          ? fillIn(W.identityFix, { cell: name(ss[0]!), current: ss[0]!.current ?? W.none, suggested: ss[0]!.suggested })
          : fillIn(W.identitySeveral, { cells: ss.map((x) => `${name(x)}（${x.current ?? W.none}→${x.suggested}）`).join(W.sep) });
      lines.push(`[${W.identity}] ${d.ruleId} ${fillIn(W.identityNote, { identity: identitySentence(template, locale, d) })}${where}`);
    } else if (m.role === 'blank') {
      lines.push(`[${W.blank}] ${d.ruleId} ${W.blankNote}`);
    } else lines.push(`${tag} ${d.ruleId} ${d.message}`);
  }
  return lines.join('\n');
}

/** Builds the cells of one table; `place` receives origin cells without diagnostics. */
type Place = (cell: Omit<LayoutCell, 'diagnostics' | 'marks'>) => void;

function drawCaptioned(def: TableDef, place: Place, value: (row: string, col: string) => Omit<LayoutCell, 'diagnostics' | 'marks' | 'r' | 'c' | 'rowSpan' | 'colSpan'>): { rows: number; cols: number; frozen: number } {
  const width = 1 + Math.max(...def.rows.map((r) => r.columns.length));
  let r = 1;
  let caption: string | undefined;
  let header = '';
  for (const row of def.rows) {
    const thisHeader = row.columns.join('|');
    if (row.caption !== caption) {
      caption = row.caption;
      place({ r, c: 0, rowSpan: 1, colSpan: width, kind: 'caption', text: caption ?? '' });
      r++;
      header = '';
    }
    if (thisHeader !== header) {
      header = thisHeader;
      place({ r, c: 0, rowSpan: 1, colSpan: 1, kind: 'header', text: def.drawing.header ?? '' });
      row.columns.forEach((k, i) => {
        const col = def.columns.find((x) => x.key === k)!;
        const last = i === row.columns.length - 1;
        place({ r, c: 1 + i, rowSpan: 1, colSpan: last ? width - 1 - i : 1, kind: 'header', text: col.label });
      });
      r++;
    }
    place({ r, c: 0, rowSpan: 1, colSpan: 1, kind: 'label', text: row.label, key: `${def.key}.${row.key}` });
    row.columns.forEach((k, i) => {
      const last = i === row.columns.length - 1;
      place({ r, c: 1 + i, rowSpan: 1, colSpan: last ? width - 1 - i : 1, ...value(row.key, k) });
    });
    r++;
  }
  return { rows: r, cols: width, frozen: 1 };
}

function drawGroupedRows(def: TableDef, place: Place, value: (row: string, col: string) => Omit<LayoutCell, 'diagnostics' | 'marks' | 'r' | 'c' | 'rowSpan' | 'colSpan'>): { rows: number; cols: number; frozen: number } {
  const L = 3; // label columns: 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密
  const cols = def.columns;
  const width = L + cols.length;
  const { corner, header, columnGroups = [], rowSpan } = def.drawing;
  const grouped = new Set(columnGroups.flatMap((g) => g.members));
  place({ r: 1, c: 0, rowSpan: 3, colSpan: L, kind: 'corner', text: corner ?? '' });
  place({ r: 1, c: L, rowSpan: 1, colSpan: cols.length, kind: 'header', text: header ?? '' });
  cols.forEach((col, i) => {
    if (!grouped.has(col.key)) place({ r: 2, c: L + i, rowSpan: 2, colSpan: 1, kind: 'header', text: col.label });
  });
  for (const g of columnGroups) {
    const members = cols.filter((c) => g.members.includes(c.key));
    const first = cols.findIndex((c) => c.key === members[0]?.key);
    if (members.length) place({ r: 2, c: L + first, rowSpan: 1, colSpan: members.length, kind: 'header', text: g.label });
  }
  cols.forEach((col, i) => {
    if (grouped.has(col.key)) place({ r: 3, c: L + i, rowSpan: 1, colSpan: 1, kind: 'header', text: col.label });
  });
  const start = 4;
  const resultsFrom = rowSpan ? def.rows.findIndex((x) => x.key === rowSpan.from) : -1;
  const resultsTo = rowSpan ? def.rows.findIndex((x) => x.key === rowSpan.to) : -1;
  const groups = def.groups ?? [];
  const resultsGroup = rowSpan ? groups.find((g) => g.key === rowSpan.group) : undefined;
  def.rows.forEach((row, i) => {
    const r = start + i;
    const inResults = resultsGroup && i >= resultsFrom && i <= resultsTo && resultsFrom >= 0;
    if (inResults && i === resultsFrom) place({ r, c: 0, rowSpan: resultsTo - resultsFrom + 1, colSpan: 1, kind: 'group', text: resultsGroup!.label });
    const g = row.group ? groups.find((x) => x.key === row.group) : undefined;
    if (g) {
      const members = def.rows.filter((x) => x.group === row.group);
      if (members[0] === row) place({ r, c: 1, rowSpan: members.length, colSpan: 1, kind: 'group', text: g.label });
      place({ r, c: 2, rowSpan: 1, colSpan: 1, kind: 'label', text: row.label, key: `${def.key}.${row.key}` });
    } else if (inResults) {
      place({ r, c: 1, rowSpan: 1, colSpan: 2, kind: 'label', text: row.label, key: `${def.key}.${row.key}` });
    } else {
      place({ r, c: 0, rowSpan: 1, colSpan: L, kind: 'label', text: row.label, key: `${def.key}.${row.key}` });
    }
    cols.forEach((col, j) => {
      if (row.columns.includes(col.key)) place({ r, c: L + j, rowSpan: 1, colSpan: 1, ...value(row.key, col.key) });
    });
  });
  return { rows: start + def.rows.length, cols: width, frozen: 4 };
}

function drawGroupedColumns(def: TableDef, place: Place, value: (row: string, col: string) => Omit<LayoutCell, 'diagnostics' | 'marks' | 'r' | 'c' | 'rowSpan' | 'colSpan'>): { rows: number; cols: number; frozen: number } {
  // Columns are `group.result`; groups of a layout column group sit under one more header (行政诉讼).
  const umbrella = (g: string) => def.drawing.columnGroups?.find((x) => x.members.includes(g));
  const groups: string[] = [];
  for (const c of def.columns) {
    const g = c.key.split('.')[0]!;
    if (!groups.includes(g)) groups.push(g);
  }
  const per = def.columns.length / groups.length;
  const groupLabel = (g: string): string => def.columns.find((c) => c.key.startsWith(g + '.'))!.label.split('·')[0]!;
  const resultLabel = (k: string): string => def.columns.find((c) => c.key === k)!.label.split('·')[1]!;
  groups.forEach((g, gi) => {
    const c0 = gi * per;
    const over = umbrella(g);
    if (!over) {
      place({ r: 1, c: c0, rowSpan: 1, colSpan: per, kind: 'header', text: groupLabel(g) });
      def.columns.filter((c) => c.key.startsWith(g + '.')).forEach((c, i) => place({ r: 2, c: c0 + i, rowSpan: 2, colSpan: 1, kind: 'header', text: resultLabel(c.key) }));
    } else {
      const under = groups.filter((x) => over.members.includes(x));
      if (g === under[0]) place({ r: 1, c: c0, rowSpan: 1, colSpan: per * under.length, kind: 'header', text: over.label });
      place({ r: 2, c: c0, rowSpan: 1, colSpan: per, kind: 'header', text: groupLabel(g) });
      def.columns.filter((c) => c.key.startsWith(g + '.')).forEach((c, i) => place({ r: 3, c: c0 + i, rowSpan: 1, colSpan: 1, kind: 'header', text: resultLabel(c.key) }));
    }
  });
  def.rows.forEach((row, ri) => {
    def.columns.forEach((col, j) => {
      if (row.columns.includes(col.key)) place({ r: 4 + ri, c: j, rowSpan: 1, colSpan: 1, ...value(row.key, col.key) });
    });
  });
  return { rows: 4 + def.rows.length, cols: def.columns.length, frozen: 4 };
}

/** Draws one table of a report (or an empty one when `report` is absent) in the official layout. */
export function layoutTable(def: TableDef, report?: LintedReport, marks?: Map<string, CellMark[]>): LayoutTable {
  const cells: LayoutCell[] = [];
  const place: Place = (cell) => {
    const list = cell.key ? (marks?.get(cell.key) ?? []) : [];
    const diagnostics = [...new Set(list.map((m) => m.d))];
    const severity = worstSeverity(list.filter((m) => m.role !== 'blank').map((m) => m.d));
    const role = list[0]?.role;
    cells.push({ ...cell, diagnostics, marks: list, ...(severity ? { severity } : {}), ...(role ? { role } : {}) });
  };
  const t = report?.tables[def.key];
  const value = (row: string, col: string): Omit<LayoutCell, 'diagnostics' | 'marks' | 'r' | 'c' | 'rowSpan' | 'colSpan'> => {
    const cell = t?.cells[row]?.[col];
    const colDef = def.columns.find((x) => x.key === col);
    return {
      kind: 'value',
      value: t?.values[row]?.[col] ?? null,
      raw: cell?.raw ?? '',
      valueKind: colDef?.kind ?? 'count',
      key: cellKey(def.key, row, col),
    };
  };
  const kind = def.drawing.kind;
  const draw = kind === 'captioned' ? drawCaptioned : kind === 'grouped-rows' ? drawGroupedRows : drawGroupedColumns;
  const { rows, cols, frozen } = draw(def, place, value);
  const title = `${def.numeral}、${def.label}`;
  cells.unshift({ r: 0, c: 0, rowSpan: 1, colSpan: cols, kind: 'title', text: title, diagnostics: [], marks: [] });
  const labelCols = kind === 'captioned' ? 1 : kind === 'grouped-rows' ? 3 : 0;
  return {
    key: def.key,
    numeral: def.numeral,
    title,
    sheetName: def.drawing.sheetName,
    rows,
    cols,
    frozenRows: frozen,
    labelCols,
    cells,
    found: !!t?.found,
  };
}

/** The three tables of a report in its template's official layout, diagnostics attached to their cells. */
export function layoutReport(report: LintedReport): LayoutTable[] {
  const template = templateOf(report); // a layout variant (hybrid) is drawn with the rows it has
  if (!template) return [];
  const marks = cellMarks(template, report.diagnostics, report);
  return template.tables.map((def) => layoutTable(def, report, marks));
}

/** Cells of a layout table grouped by row, each row sorted by column. */
export function rowsOf(t: LayoutTable): LayoutCell[][] {
  const rows: LayoutCell[][] = Array.from({ length: t.rows }, () => []);
  for (const c of t.cells) rows[c.r]!.push(c);
  for (const r of rows) r.sort((a, b) => a.c - b.c);
  return rows;
}

/** Display width of a text: CJK and full-width characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u201c\u201d]/.test(ch) ? 2 : 1;
  return w;
}
