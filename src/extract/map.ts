// Template-driven table mapper: the cell stream of any reader → tables keyed as in the spec.
import type { CellDetail, CellKind, ExtractedTable, FoundRow, RowDef, TableDef, Template, Token, UnknownRow } from '../types.js';
import { labelKey, parseValue, stripNumbering } from '../text/normalize.js';
import { alignShortRows } from './align.js';
import { rowMethod } from './reading.js';

/** Consecutive label tokens followed by the cell tokens up to the next label. */
export interface Segment {
  index: number;
  labelTokens: Token[];
  /** labelKey() of the joined label tokens. */
  key: string;
  /** Label text as written (joined, spacing collapsed). */
  text: string;
  run: Token[];
  standalone: boolean;
  /** {@link letterMask} of `key`, once computed. */
  mask?: number;
}

/** Groups the stream into label + cell-run segments. */
export function segmentize(tokens: Token[]): Segment[] {
  const segs: Segment[] = [];
  let cur: Segment | null = null;
  const open = (standalone: boolean): Segment => {
    const s: Segment = { index: segs.length, labelTokens: [], key: '', text: '', run: [], standalone };
    segs.push(s);
    return s;
  };
  for (const t of tokens) {
    if (t.kind === 'text') {
      if (!cur || cur.run.length > 0 || cur.standalone || t.standalone) cur = open(!!t.standalone);
      cur.labelTokens.push(t);
    } else {
      if (!cur) cur = open(false);
      cur.run.push(t);
    }
  }
  for (const s of segs) {
    // the label tokens' texts trimmed and joined (one token: no join)
    const lt = s.labelTokens;
    let text = lt.length === 1 ? lt[0]!.text.trim() : '';
    if (lt.length > 1) for (const t of lt) text += t.text.trim();
    s.text = text;
    s.key = labelKey(text);
  }
  return segs;
}

interface Variant {
  key: string;
  /** How far ahead of the next expected row this variant may match. */
  reach: number;
  /** {@link letterMask} of the key. */
  mask: number;
}

/**
 * A 32-bit set of the letters of a text (bit `code & 31` of each code unit): a key whose set has a
 * bit the other's lacks cannot occur in it, so most row variants are ruled out for a segment
 * without a search.
 */
function letterMask(text: string): number {
  let m = 0;
  for (let i = 0; i < text.length; i++) m |= 1 << (text.charCodeAt(i) & 31);
  return m;
}

/** The letter mask of a segment's key, computed when first needed (a field, not a WeakMap: weak maps keyed by short-lived objects cost the garbage collector more than they save). */
function segMask(seg: Segment): number {
  return (seg.mask ??= letterMask(seg.key));
}

/** Label variants of a row: the official label, aliases, and each without its numbering. */
function variants(row: RowDef): Variant[] {
  const out = new Map<string, number>();
  for (const l of [row.label, ...(row.aliases ?? [])]) {
    const full = labelKey(l);
    const core = stripNumbering(full);
    const strong = core.length >= 4;
    out.set(full, Math.max(out.get(full) ?? 0, strong ? Infinity : full === core ? 0 : 2));
    if (core !== full) out.set(core, Math.max(out.get(core) ?? 0, strong ? Infinity : 0));
  }
  return [...out].map(([key, reach]) => ({ key, reach, mask: letterMask(key) })).sort((a, b) => b.key.length - a.key.length);
}

interface RowMatch {
  row: number;
  at: number;
  variant: string;
  reach: number;
}

/**
 * Rows (at or after `cursor`) whose labels occur in a segment, in label order. A weak label's reach
 * counts from the row matched just before it in the same segment, so a run of labels with no values
 * between them ("（六）其他处理（七）总计" in PDF text, where blank rows leave only their labels) is
 * matched row by row.
 */
function matchRows(seg: Segment, rows: RowDef[], vars: Variant[][], cursor: number): RowMatch[] {
  const found: RowMatch[] = [];
  const letters = segMask(seg);
  for (let j = cursor; j < rows.length; j++) {
    if (rows[j]!.labelless) continue;
    for (const v of vars[j]!) {
      // cannot occur in it (lastIndexOf would say -1): longer, or a letter the key does not have
      if (v.key.length > seg.key.length || (v.mask & ~letters) !== 0) continue;
      const at = seg.key.lastIndexOf(v.key);
      if (at >= 0) {
        found.push({ row: j, at, variant: v.key, reach: v.reach });
        break;
      }
    }
  }
  // keep a chain increasing in both row order and position, preferring later positions
  found.sort((a, b) => a.at - b.at || a.row - b.row);
  const chain: RowMatch[] = [];
  for (const m of found) {
    let k = chain.length;
    while (k > 0 && chain[k - 1]!.row >= m.row) k--;
    const prev = chain[k - 1];
    if (m.row - (prev ? prev.row + 1 : cursor) > m.reach) continue;
    if (prev && m.at < prev.at + prev.variant.length) continue;
    chain.length = k;
    chain.push(m);
  }
  return chain;
}

/**
 * The cells of a run that belong to its row: blank placeholders after the row's closing empty line
 * are the next row's merged cells (the seed's tab-only lines), dropped when the row has more cells
 * than `n` (or always, when `n` is undefined).
 */
export function ownCells(run: Token[], n?: number): Token[] {
  const cells = run.filter((t) => t.kind !== 'gap');
  let lastGap = run.length - 1;
  while (lastGap >= 0 && run[lastGap]!.kind !== 'gap') lastGap--;
  if ((n === undefined || cells.length > n) && lastGap >= 0) {
    const after = run.slice(lastGap + 1);
    if (after.length > 0 && after.every((t) => t.kind === 'blank')) return run.slice(0, lastGap).filter((t) => t.kind !== 'gap');
  }
  return cells;
}

export function fitRun(run: Token[], n: number): { cells: (Token | null)[]; extra: Token[]; found: number } {
  let cells = ownCells(run, n);
  // trim surplus blanks at both ends by index (slicing one at a time was quadratic on long blank runs)
  let a = 0;
  let b = cells.length;
  // one cell per line (LibreOffice/Word text): the surplus is the next row's merged-cell placeholders,
  // at the END of the run (they precede its label), so the end is trimmed first; a row of one line
  // (tabs, pipes) has its surplus at the start (an empty label cell)
  const perLine = cells.length > 1 && cells.every((t, k) => k === 0 || (t.pos.line !== undefined && t.pos.line !== cells[k - 1]!.pos.line));
  if (perLine) while (b - a > n && cells[b - 1]!.kind === 'blank') b--;
  while (b - a > n && cells[a]!.kind === 'blank') a++;
  while (b - a > n && cells[b - 1]!.kind === 'blank') b--;
  if (a > 0 || b < cells.length) cells = cells.slice(a, b);
  // layouts where an empty line is an empty cell that the reader did not tell as such: a run of n with
  // empty lines in it. Not where each number stands alone between empty lines (text blocks of a PDF:
  // an empty line after every block, "5 / 1 / 4" after 2.重复申请 is three numbers, not seven cells)
  if (cells.length < n && run.length === n && !blockSeparated(run)) cells = run;
  const found = cells.length;
  const extra = cells.slice(n);
  const fitted: (Token | null)[] = cells.slice(0, n);
  while (fitted.length < n) fitted.push(null);
  return { cells: fitted, extra, found };
}

/** Two numbers or more, each on a line of its own. */
function onePerLine(cells: Token[]): boolean {
  const values = cells.filter((t) => t.kind === 'value');
  return values.length >= 2 && values.every((t, k) => k === 0 || (t.pos.line !== undefined && t.pos.line !== values[k - 1]!.pos.line));
}

/** Every value of the run between empty lines (value, gap, value, gap …): PDF text blocks. */
function blockSeparated(run: Token[]): boolean {
  let values = 0;
  for (let k = 0; k < run.length; k++) {
    if (run[k]!.kind !== 'value') continue;
    values++;
    if (run[k + 1] && run[k + 1]!.kind !== 'gap') return false;
    if (k > 0 && run[k - 1]!.kind !== 'gap') return false;
  }
  return values >= 2;
}

function cellDetail(tok: Token | null, kind: CellKind): CellDetail {
  if (!tok) return { value: null, raw: '', kind: 'missing' };
  const raw = tok.kind === 'gap' ? '' : tok.text;
  const p = parseValue(raw, kind);
  const d: CellDetail = { value: p.value, raw, kind: p.kind };
  // keys in this order (the JSON's): unit and original only when there are
  if (p.unit) d.unit = p.unit;
  if (p.original !== undefined) d.original = p.original;
  d.pos = tok.pos;
  return d;
}

function emptyTable(def: TableDef): ExtractedTable {
  const values: ExtractedTable['values'] = {};
  const cells: ExtractedTable['cells'] = {};
  for (const r of def.rows) {
    values[r.key] = {};
    cells[r.key] = {};
    for (const c of r.columns) {
      values[r.key]![c] = null;
      cells[r.key]![c] = { value: null, raw: '', kind: 'missing' };
    }
  }
  return { key: def.key, found: false, values, cells, rows: {}, missingRows: def.rows.map((r) => r.key), unknownRows: [], missingColumns: [] };
}

function hasValue(run: Token[]): boolean {
  return run.some((t) => t.kind === 'value');
}

/** What the mapper derives from a table definition, computed once per template (see {@link planOf}). */
interface TablePlan {
  /** Label variants of each row. */
  vars: Variant[][];
  /** Keys of the table's anchors. */
  anchors: string[];
  /** Keys of the anchors of the tables after this one (they close it). */
  laterAnchors: string[];
  /** Header, group and caption keys without numbering: labels that are not unknown rows. */
  known: string[];
  /** Cell kind of each column. */
  kinds: Map<string, CellKind>;
  /** Key of each column's label (the requests table's header check). */
  columnKeys: { key: string; label: string }[];
  /** Numbered headings of the sections after the tables (五, 六 and on): they close a table region. */
  closers: string[];
}

const plans = new WeakMap<Template, TablePlan[]>();

function planOf(template: Template): TablePlan[] {
  let p = plans.get(template);
  if (!p) {
    p = template.tables.map((def, ti) => ({
      vars: def.rows.map(variants),
      anchors: def.anchors.map(labelKey),
      laterAnchors: template.tables.slice(ti + 1).flatMap((t) => t.anchors.map(labelKey)),
      known: [...(def.headerTexts ?? []), ...(def.groups ?? []).map((g) => g.label), ...def.rows.map((r) => r.caption ?? '')]
        .filter(Boolean)
        .map((t) => stripNumbering(labelKey(t))),
      kinds: new Map(def.columns.map((c) => [c.key, c.kind ?? 'count'] as const)),
      columnKeys: def.columns.map((c) => ({ key: c.key, label: labelKey(c.label) })),
      closers: closersOf(template),
    }));
    plans.set(template, p);
  }
  return p;
}

/** Numbered heading keys ("五、存在的主要问题…") of the sections after the last table's section. */
function closersOf(template: Template): string[] {
  const lastTable = Math.max(...template.tables.map((t) => template.sections.findIndex((s) => s.numeral === t.numeral)));
  return template.sections.slice(lastTable + 1).flatMap((s) => [...new Set([s.label, ...s.phrases])].map((p) => labelKey(`${s.numeral}、${p}`)));
}

/** Finds where a table starts: an anchor, or a strong row label followed by values. */
function findStart(def: TableDef, segs: Segment[], from: number, plan: TablePlan): number {
  const { anchors, vars } = plan;
  // an anchor (a caption or header only the table has) wins over a row label seen earlier,
  // which may be narrative such as "主动公开规章13件，行政规范性文件60件"
  for (let i = from; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.standalone && s.key.length > 40) continue; // a narrative paragraph, not a caption
    if (anchors.some((a) => s.key.includes(a))) return i;
  }
  // no anchor (an excerpt, a table without its captions): a cell that is just a row label, with values
  for (let i = from; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.standalone || !hasValue(s.run) || s.labelTokens.length === 0) continue;
    const last = labelKey(s.labelTokens[s.labelTokens.length - 1]!.text);
    for (let j = 0; j < def.rows.length; j++) {
      const v = vars[j]!.find((x) => x.reach === Infinity && last.endsWith(x.key));
      if (v && last.length <= v.key.length + 4) return i;
    }
  }
  return -1;
}

/** Length of the longest common subsequence of two short strings. */
function lcs(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const ch of a) {
    const cur = [0];
    for (let j = 0; j < b.length; j++) cur.push(ch === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, cur[j]!));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * A label with values that matches no row, read where the next expected row stands: taken as that
 * row when it carries the same numbering ("2.") and most of its words, in order (a label misprinted
 * or clipped in the source: "2.其他法律行政止公开" for 2.其他法律行政法规禁止公开). Returns the
 * matched tail of the key (GIA111 names it), or null.
 */
function nearLabel(key: string, row: RowDef | undefined): string | null {
  if (!row || row.labelless) return null;
  const official = labelKey(row.label);
  const core = stripNumbering(official);
  const numbering = official.slice(0, official.length - core.length);
  if (numbering === '' || core.length < 4) return null;
  const at = key.lastIndexOf(numbering);
  if (at < 0) return null;
  const tail = key.slice(at);
  const tailCore = tail.slice(numbering.length);
  if (tailCore.length < 3 || tailCore.length > core.length + 4) return null;
  const common = lcs(tailCore, core);
  return common >= 0.6 * core.length && common >= 0.75 * tailCore.length ? tail : null;
}


/** The segments of each mapped table's region (for {@link settleShortRows}). */
const regions = new WeakMap<ExtractedTable, { segs: Segment[]; start: number; to: number }>();

/** The segment after a table's region: the next table's anchor or a closing section heading. */
function regionEnd(segs: Segment[], start: number, plan: TablePlan): number {
  for (let i = start + 1; i < segs.length; i++) {
    const k = segs[i]!.key;
    if (plan.laterAnchors.some((a) => k.includes(a)) || plan.closers.some((c) => k.includes(c))) return i;
  }
  return segs.length;
}

/**
 * Rows of a text reading that the mapper did not find in order but whose label stands in the
 * table's region all the same (PDF text whose reading order was lost: plain pdftotext prints a
 * table's labels apart from its numbers, in another order, and may cut a label where another
 * column's text runs in): the row is there, its numbers cannot be told. Marked found and unread
 * (GIA002), never missing (GIA103 would tell the author to add a row the report has). A label is
 * seen when its numbering and the start of its words stand in the region: at least 45 % of them,
 * five or more, and no other row's label starts so; or, interleaved with the letters of a group label
 * set beside it, all its words in order within twice their length. Once one row is seen out of order, the order
 * of the text says nothing about the rows not seen at all either: they are unread too; so is a row
 * whose label's end or start stands over numbers as a label of its own (cut at the page edge), and
 * every row of a table found by its heading in text of which no row was read.
 */
function settleDisordered(table: ExtractedTable, def: TableDef, template: Template): void {
  const region = regions.get(table);
  if (!region || table.missingRows.length === 0) return;
  const found = Object.values(table.rows);
  if (found.length > 0 && found.every((r) => r.by === 'grid')) return; // a real table: a row not there is not there
  const span = region.segs.slice(region.start, region.to + 1);
  if (found.length === 0 && span.some((s) => s.labelTokens.some((t) => t.pos.gridRow !== undefined) || s.run.some((t) => t.pos.gridRow !== undefined))) return;
  const plan = planOf(template)[template.tables.indexOf(def)];
  if (!plan) return;
  const keys = region.segs.slice(region.start, region.to).map((s) => s.key);
  // the segment that ends the region: its words before the next table's heading
  const endKey = region.segs[region.to]?.key;
  if (endKey) {
    const cut = Math.min(...[...plan.laterAnchors, ...plan.closers].map((a) => endKey.indexOf(a)).filter((x) => x >= 0));
    if (cut > 0 && cut < Infinity) keys.push(endKey.slice(0, cut));
  }
  const labels = def.rows.map((r) => (r.labelless ? '' : labelKey(r.label)));
  const seen = (j: number): string | null => {
    const exact = plan.vars[j]!.find((v) => v.key.length > 0 && keys.some((k) => k.includes(v.key) && (stripNumbering(v.key).length >= 4 || k === v.key)));
    if (exact) return exact.key;
    const full = labels[j]!;
    const core = stripNumbering(full);
    const numbering = full.slice(0, full.length - core.length);
    if (!numbering || core.length < 5) return null;
    const need = Math.max(5, Math.ceil(core.length * 0.45));
    for (const k of keys) {
      for (let at = k.indexOf(numbering); at >= 0; at = k.indexOf(numbering, at + 1)) {
        const from = at + numbering.length;
        let n = 0;
        while (n < core.length && k[from + n] === core[n]) n++;
        if (n >= need) {
          const prefix = full.slice(0, numbering.length + n);
          if (!labels.some((l, i) => i !== j && l.startsWith(prefix))) return prefix;
        }
        // the label interleaved with a group label set in a column beside it (（三1.属）不于国予公家秘开密):
        // its words in order within twice their length, and no other row's with this numbering so
        const window = k.slice(from, from + 2 * core.length + 2);
        const within = (c: string): boolean => {
          let q = 0;
          for (let p = 0; p < window.length && q < c.length; p++) if (window[p] === c[q]) q++;
          return q === c.length;
        };
        if (core.length >= 4 && within(core) && !labels.some((l, i) => i !== j && l.startsWith(numbering) && within(stripNumbering(l)))) return k.slice(at, from + window.length);
      }
    }
    return null;
  };
  // a row's label seen out of the table's order; or no row of the table read at all (its heading
  // found, its rows glued into the header or cut away): the text says nothing about any row
  let outOfOrder = found.length === 0;
  for (const key of [...table.missingRows]) {
    const j = def.rows.findIndex((r) => r.key === key);
    const row = def.rows[j];
    if (!row || row.labelless) continue;
    const hit = seen(j);
    if (hit === null) continue;
    table.rows[key] = { label: row.label, matched: hit, cellsFound: 0, by: 'tokens', unread: '', disordered: 'out-of-order' };
    table.missingRows = table.missingRows.filter((k) => k !== key);
    outOfOrder = true;
  }
  // nor a row whose label's end or start stands over numbers as a label of its own (the label cut
  // at the page edge: 府信息公开申请数量 for 一、本年新收政府信息公开申请数量)
  const cut = table.unknownRows.filter((u) => u.values.length > 0).map((u) => labelKey(u.label)).filter((k) => k.length >= 4);
  for (const key of [...table.missingRows]) {
    const row = def.rows.find((r) => r.key === key)!;
    const full = labelKey(row.label);
    if (!outOfOrder && !cut.some((k) => full.endsWith(k) || full.startsWith(k))) continue;
    table.rows[key] = { label: row.label, matched: '', cellsFound: 0, by: 'tokens', unread: '', disordered: 'not-found' };
    table.missingRows = table.missingRows.filter((k) => k !== key);
  }
}

/**
 * Maps the stream onto the template's tables, in order: 二 (proactive), 三 (requests), 四 (appeals).
 * Never throws: what is not found is recorded as missing rows or tables.
 */
export function mapTables(tokens: Token[], template: Template): Record<string, ExtractedTable> {
  const segs = segmentize(tokens);
  const out: Record<string, ExtractedTable> = {};
  const tablePlans = planOf(template);
  let from = 0;
  template.tables.forEach((def, ti) => {
    const table = emptyTable(def);
    out[def.key] = table;
    const plan = tablePlans[ti]!;
    const { vars, known } = plan;
    const start = findStart(def, segs, from, plan);
    if (start < 0) return;
    table.found = true;
    table.pos = segs[start]!.labelTokens[0]?.pos ?? segs[start]!.run[0]?.pos;
    let cursor = 0;
    let headerText = '';
    let end = start;
    // the region ends at the next table's anchor or a closing heading: found once, for the loop and regions
    const stop = regionEnd(segs, start, plan);
    for (let i = start; i < stop; i++) {
      const seg = segs[i]!;
      end = i;
      const row = def.rows[cursor];
      if (row?.labelless) {
        if (hasValue(seg.run) || seg.run.filter((t) => t.kind !== 'gap').length >= row.columns.length) {
          assign(table, def, plan.kinds, cursor, seg, seg.text, '');
          cursor++;
        } else headerText += seg.key;
      } else {
        let matches = matchRows(seg, def.rows, vars, cursor);
        if (matches.length === 0 && hasValue(seg.run)) {
          const near = nearLabel(seg.key, def.rows[cursor]);
          if (near) matches = [{ row: cursor, at: seg.key.length - near.length, variant: near, reach: 0 }];
        }
        if (matches.length === 0) {
          if (cursor === 0) headerText += seg.key;
          if (hasValue(seg.run) && !known.some((k) => k && seg.key.endsWith(k))) {
            const own = ownCells(seg.run);
            while (own.length && own[own.length - 1]!.kind === 'blank') own.pop();
            const u: UnknownRow = { label: seg.text, values: own.map((t) => t.text) };
            if (seg.labelTokens[0]) u.pos = seg.labelTokens[0].pos;
            table.unknownRows.push(u);
          }
        } else {
          if (cursor === 0) headerText += seg.key.slice(0, matches[0]!.at);
          matches.forEach((m, k) => {
            const last = k === matches.length - 1;
            assign(table, def, plan.kinds, m.row, last ? seg : null, seg.text, m.variant);
          });
          cursor = matches[matches.length - 1]!.row + 1;
        }
      }
      if (cursor >= def.rows.length) break;
    }
    from = end + 1;
    regions.set(table, { segs, start, to: stop });
    alignShortRows(table, def);
    if (def.key === 'requests') {
      table.missingColumns = plan.columnKeys.filter((c) => !headerText.includes(c.label)).map((c) => c.key);
    }
  });
  return out;
}

/** The numbers of short rows kept from the glued-digit pass (for GIA002's raw text). */
const shortRuns = new WeakMap<FoundRow, string[]>();

/** Stores a matched row's cells (or marks it found with no cells when `seg` is null). */
function assign(table: ExtractedTable, def: TableDef, kinds: Map<string, CellKind>, rowIndex: number, seg: Segment | null, label: string, variant: string): void {
  const row = def.rows[rowIndex]!;
  const { cells, extra, found } = fitRun(seg?.run ?? [], row.columns.length);
  const labelTok = seg?.labelTokens[seg.labelTokens.length - 1];
  const fr: FoundRow = { label: label.replace(/\s+/g, ''), matched: variant, cellsFound: found };
  const placed = cells.filter((t): t is Token => t !== null);
  fr.by = rowMethod(placed.length ? placed : (seg?.labelTokens ?? []));
  if (labelTok) fr.pos = labelTok.pos;
  else if (seg?.run[0]) fr.pos = seg.run[0].pos;
  if (extra.length) fr.extra = extra.map((t) => t.text);
  // for src/extract/glued.ts: not when the numbers stand one per line (a cell per line, each block
  // of PDF text its own line): digits on separate lines were never run together
  if (seg && found < row.columns.length && found > 0) {
    const texts = cells.slice(0, found).map((t) => t!.text);
    if (onePerLine(cells.slice(0, found) as Token[])) shortRuns.set(fr, texts);
    else fr.runTexts = texts;
  }
  table.rows[row.key] = fr;
  const missing = table.missingRows;
  for (let k = missing.indexOf(row.key); k >= 0; k = missing.indexOf(row.key, k)) missing.splice(k, 1);
  const rowCells = table.cells[row.key]!;
  const rowValues = table.values[row.key]!;
  for (let k = 0; k < row.columns.length; k++) {
    const c = row.columns[k]!;
    const d = cellDetail(cells[k] ?? null, kinds.get(c) ?? 'count');
    rowCells[c] = d;
    rowValues[c] = d.value;
  }
}

/**
 * Rows of a text reading (not a real table) with fewer numbers than columns, that neither the
 * column positions nor the glued-digit pass could place: which cell each number belongs to is not
 * known, so the row's cells are left null and the row is marked `unread` (GIA002 reports it) instead
 * of the numbers being put in the first cells. Rows of a real table keep their cells (a missing
 * `<td>` is the author's: GIA105).
 */
/**
 * The row's own identities (its total = the sum of its columns) hold with the cells as read, and it
 * has at least one: then the few numbers after them are not its (a footnote mark, a page number).
 * Not for a row's worth of numbers or more after them: other rows' numbers run in (PDF text printed
 * column by column), and the first of them only happen to balance (zeros always do).
 */
function rowIdentitiesHold(t: ExtractedTable, row: RowDef, template: Template): boolean {
  const own = template.equations.filter((e) => [...e.left, ...e.right].every((r) => r.table === t.key && r.row === row.key));
  const sum = (refs: { column: string }[]) => refs.reduce((a, r) => a + (t.values[row.key]![r.column] ?? 0), 0);
  return own.length > 0 && own.every((e) => Math.abs(sum(e.left) - sum(e.right)) < 1e-6);
}

export function settleShortRows(tables: Record<string, ExtractedTable>, template: Template): void {
  for (const def of template.tables) {
    const t = tables[def.key];
    if (!t?.found) continue;
    settleDisordered(t, def, template);
    for (const row of def.rows) {
      const fr = t.rows[row.key];
      if (!fr || fr.by === 'grid' || fr.glue) continue;
      if (fr.cellsFound < row.columns.length) fr.unread = (fr.runTexts ?? shortRuns.get(fr) ?? []).map((x) => x.trim()).filter(Boolean).join(' ');
      else if (fr.extra?.length && !(fr.extra.length < row.columns.length && rowIdentitiesHold(t, row, template))) {
        // more numbers than columns in a text row (numbers of other rows run in, PDF text whose
        // order was lost): which of them are this row's is not known
        fr.unread = [...row.columns.map((c) => t.cells[row.key]![c]!.raw), ...fr.extra].map((x) => x.trim()).filter(Boolean).join(' ');
      } else continue;
      for (const c of row.columns) {
        const pos = t.cells[row.key]![c]?.pos;
        t.cells[row.key]![c] = { value: null, raw: '', kind: 'missing', ...(pos ? { pos } : {}) };
        t.values[row.key]![c] = null;
      }
    }
  }
}
