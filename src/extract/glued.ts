// Glued digits: web text that lost its separators ("640020470" for 64 0 0 2 0 4 70). Two pure passes:
// `splitGluedLabels` cuts digit runs out of label tokens before mapping ("规章000规范性文件898989"),
// `resolveGlued` splits each short row's digits into cells using the template's identities, after
// mapping. Nothing is guessed: a run is split only when exactly one split satisfies every identity.
import type { CellDetail, CellRef, Equation, ExtractedTable, FoundRow, RowDef, TableDef, Template, Token } from '../types.js';
import { labelKey, stripNumbering } from '../text/normalize.js';
import { balanced, checkable, sides } from '../templates/equations.js';

// ----- pass 1: digit runs inside label tokens -----

/** A number glued between labels: digits, optional decimals and a unit. */
const RUN = /[0-9０-９]+(?:[.．][0-9０-９]+)?(?:万元|元)?/g;
/** Characters either side of a digit run that are compared with label keys (labels are far shorter). */
const LABEL_WINDOW = 128;
/** A numbering that starts the next label: "2.其他…", "3、…" (= `/^[.．、](?![0-9０-９])/`, see numberingAt). */

/** Label keys a digit run may follow (`before`) or precede (`after`), and the same by their last / first code unit. */
interface LabelKeys {
  before: string[];
  after: string[];
  /** `before` by last code unit: only the keys a text's last letter allows are tried with endsWith. */
  beforeByLast: Map<number, string[]>;
  /** `after` by first code unit, for startsWith. */
  afterByFirst: Map<number, string[]>;
}

const labelKeysOf = new WeakMap<Template, LabelKeys>();

/** Label keys a digit run may follow (row labels) or precede (row, group and table labels); once per template. */
function labelKeys(template: Template): LabelKeys {
  let keys = labelKeysOf.get(template);
  if (!keys) {
    const { before, after } = buildLabelKeys(template);
    const byUnit = (list: string[], at: (k: string) => number): Map<number, string[]> => {
      const m = new Map<number, string[]>();
      for (const k of list) {
        const c = at(k);
        const l = m.get(c);
        if (l) l.push(k);
        else m.set(c, [k]);
      }
      return m;
    };
    // (no key is empty: labels and cores of two letters or more)
    keys = { before, after, beforeByLast: byUnit(before, (k) => k.charCodeAt(k.length - 1)), afterByFirst: byUnit(after, (k) => k.charCodeAt(0)) };
    labelKeysOf.set(template, keys);
  }
  return keys;
}

/** Whether a non-empty key ends with one of `before` (= `before.some((b) => key.endsWith(b))`). */
function endsWithAny(key: string, keys: LabelKeys): boolean {
  const list = keys.beforeByLast.get(key.charCodeAt(key.length - 1));
  if (!list) return false;
  for (const b of list) if (key.endsWith(b)) return true;
  return false;
}

/** Whether a non-empty key starts with one of `after`. */
function startsWithAny(key: string, keys: LabelKeys): boolean {
  const list = keys.afterByFirst.get(key.charCodeAt(0));
  if (!list) return false;
  for (const a of list) if (key.startsWith(a)) return true;
  return false;
}

function buildLabelKeys(template: Template): { before: string[]; after: string[] } {
  const before = new Set<string>();
  const after = new Set<string>();
  for (const t of template.tables) {
    for (const r of t.rows) {
      if (r.labelless) continue;
      for (const l of [r.label, ...(r.aliases ?? [])]) {
        const k = labelKey(l);
        before.add(k);
        after.add(k);
        const core = stripNumbering(k);
        if (core.length >= 4) after.add(core);
        if (core.length >= 2) before.add(core);
      }
    }
    for (const g of t.groups ?? []) after.add(labelKey(g.label));
    for (const h of t.headerTexts ?? []) if (labelKey(h).length >= 4) after.add(labelKey(h));
    for (const a of t.anchors) after.add(labelKey(a));
    if (t.rows.some((r) => r.caption)) for (const r of t.rows) if (r.caption) after.add(labelKey(r.caption));
    after.add(labelKey(`${t.numeral}、${t.label}`));
  }
  // the section headings that follow the tables ("…0 00五、存在的主要问题…"): numbered only, so a
  // narrative number before a bare phrase is never cut off
  for (const sec of template.sections) for (const ph of [sec.label, ...sec.phrases]) after.add(labelKey(`${sec.numeral}、${ph}`));
  return { before: [...before], after: [...after].filter((k) => k.length >= 2) };
}

/**
 * Splits digit runs out of text tokens when they sit where a row's cells belong: right after a row
 * label ("行政许可3960181其他…"), or right before a row/group/table label ("000023二、上年结转…").
 * A numbering digit glued to the next label ("00000002.其他…") stays with the label. Narrative
 * numbers ("2019年", "共公布…2599条") are left alone.
 */
export function splitGluedLabels(tokens: Token[], template: Template): Token[] {
  const keys = labelKeys(template);
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.kind === 'value' && gluedToNonLabel(out, tok, keys)) {
      // digits the reader cut off the end of a word that is not a row label ("数据1", "附件2",
      // "表3"): part of a header or a caption, never a cell value
      const prev = out.pop()!;
      out.push({ ...prev, text: prev.text + tok.text });
      continue;
    }
    if (tok.kind !== 'text' || !/[0-9０-９]/.test(tok.text) || !/[\u3400-\u9fff]/.test(tok.text)) {
      out.push(tok);
      continue;
    }
    const prev = out[out.length - 1];
    // digits at the start of this token follow a value (same line), or a row label in the token
    // before ("…申请数量 0000000三、本年度…": a space or a line break between a label and its digits)
    let prevIsValue: boolean | undefined; // worked out only for a run at the token's start
    let pieces: { text: string; kind: 'text' | 'value'; offset: number }[] | null = null;
    let last = 0;
    RUN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = RUN.exec(tok.text))) {
      let run = m[0];
      const start = m.index;
      let end = start + run.length;
      // a numbering digit of the next label ("…00000002.其他法律…"): NUMBERING_AFTER at `end`
      if (numberingAt(tok.text, end) && /^[0-9０-９]+$/.test(run)) {
        run = run.slice(0, -1);
        end -= 1;
      }
      if (run === '') continue;
      // only the label text next to the run matters (endsWith / startsWith below): a bounded window
      // keeps a long token with many runs linear instead of quadratic
      // right after a row label, or at the start of the token (after a value or a split run) before a label
      const from = Math.max(last, start - LABEL_WINDOW);
      // a window ending in an ideograph has a key ending in it (NFKC and keyOf keep ideographs): when
      // no row label ends so (most narrative numbers: "投资15万元"), the window need not be keyed
      const z = start > from ? tok.text.charCodeAt(start - 1) : 0;
      const skipKey = ((z >= 0x4e00 && z <= 0x9fff) || (z >= 0x3400 && z <= 0x4dbf)) && !keys.beforeByLast.has(z);
      const beforeKey = skipKey ? '' : labelKey(tok.text.slice(from, start));
      const afterLabel = beforeKey !== '' && endsWithAny(beforeKey, keys);
      if (!afterLabel) {
        const atStart = start === last && (last > 0 || (prevIsValue ??= !!prev && ((prev.kind === 'value' && prev.pos.line === tok.pos.line) || (prev.kind === 'text' && endsWithRowLabel(prev.text, keys)))));
        if (!atStart) continue; // most narrative numbers: the text after them is not keyed
        const afterFull = labelKey(tok.text.slice(end, end + LABEL_WINDOW));
        const afterKey = stripNumbering(afterFull);
        const beforeLabel = afterFull !== '' && (startsWithAny(afterFull, keys) || (afterKey !== '' && startsWithAny(afterKey, keys)));
        if (!beforeLabel) continue;
      }
      pieces ??= [];
      if (start > last) pieces.push({ text: tok.text.slice(last, start), kind: 'text', offset: last });
      pieces.push({ text: run, kind: 'value', offset: start });
      last = end;
    }
    if (pieces === null) {
      out.push(tok);
      continue;
    }
    if (last < tok.text.length) pieces.push({ text: tok.text.slice(last), kind: 'text', offset: last });
    for (const p of pieces) {
      const pos = { ...tok.pos, ...(tok.pos.column !== undefined ? { column: tok.pos.column + p.offset } : {}) };
      out.push({ text: p.text, kind: p.kind, pos, ...(tok.standalone ? { standalone: true } : {}) });
    }
  }
  return out;
}

/** NUMBERING_AFTER at `at` of `text`: ".", "．" or "、" not followed by a digit. */
function numberingAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 0x2e && c !== 0xff0e && c !== 0x3001) return false;
  const d = text.charCodeAt(at + 1);
  return !((d >= 48 && d <= 57) || (d >= 0xff10 && d <= 0xff19));
}

/**
 * A value token that the reader split off the word before it (same line, no gap between them) while
 * the label text before it (back to the last value) ends with no row label: "数据1" of a Markdown
 * header. "行政许可3960181" (a row label, then its cells) is not.
 */
function gluedToNonLabel(out: Token[], tok: Token, keys: LabelKeys): boolean {
  const prev = out[out.length - 1];
  if (!prev || prev.kind !== 'text' || prev.pos.line !== tok.pos.line) return false;
  if (prev.pos.column === undefined || tok.pos.column === undefined || prev.pos.column + prev.text.length !== tok.pos.column) return false;
  if (!/^[0-9０-９]+$/.test(tok.text)) return false;
  let label = '';
  for (let k = out.length - 1; k >= 0 && out[k]!.kind === 'text' && label.length < LABEL_WINDOW; k--) label = out[k]!.text + label;
  return !endsWithRowLabel(label, keys);
}

/** The text ends with a row label (its key, numbering included or not). */
function endsWithRowLabel(text: string, keys: LabelKeys): boolean {
  const k = labelKey(text.slice(-LABEL_WINDOW));
  return k !== '' && endsWithAny(k, keys);
}

// ----- pass 2: splitting a short row's digits into cells -----

/** Most candidate splits considered for one row. */
const MAX_CANDIDATES = 20000;
/** Recursion steps of {@link splitsOf} for one row before it gives up (null: too many to try). */
const MAX_SPLIT_STEPS = 200000;
/**
 * Work units for splitting the glued runs of one document: every step of cutting chunks, of
 * combining the cuts and of searching the identities costs one (a search step costs one per
 * equation it updates). Past it, the rows still open give up (GIA206 "too many splits", cells
 * null) — deterministically, whatever the machine's speed. Real glued reports use < 0.5 % of it (the four glued fixtures: 624–1 890);
 * without it 1 KB of hostile text (every row 14 ones: 1 716 splits each) took 6 s of CPU.
 */
export const MAX_GLUE_WORK = 500_000;
/** A work budget, shared by everything one document's splitting does. */
export interface GlueWork {
  left: number;
}
/** Candidate splits kept on an outcome for the message. */
const SHOWN = 6;

/** Every way to cut one chunk of digits into `k` cells ("0" is a cell, "05" is not); null when `work` runs out. */
function cuts(chunk: string, k: number, limit: number, work: GlueWork): string[][] | null {
  const out: string[][] = [];
  let spent = false;
  const rec = (at: number, left: number, acc: string[]): void => {
    if (out.length >= limit || spent) return;
    if (--work.left < 0) {
      spent = true;
      return;
    }
    if (left === 0) {
      if (at === chunk.length) out.push([...acc]);
      return;
    }
    const remaining = chunk.length - at;
    if (remaining < left) return;
    const maxLen = chunk[at] === '0' ? 1 : remaining - (left - 1);
    for (let len = 1; len <= maxLen; len++) {
      acc.push(chunk.slice(at, at + len));
      rec(at + len, left - 1, acc);
      acc.pop();
    }
  };
  rec(0, k, []);
  return spent ? null : out;
}

/** Every split of a run's chunks into exactly `n` cells (each chunk gives at least one cell); null when there are more than `limit` or `budget` runs out. */
export function splitsOf(chunks: string[], n: number, limit = MAX_CANDIDATES, budget: GlueWork = { left: MAX_SPLIT_STEPS }): string[][] | null {
  const out: string[][] = [];
  let over = false;
  // the cuts of a chunk into k cells, computed once (they were recomputed for every way of cutting
  // the chunks before it: exponential in the chunk count on hostile input), and a bound on the
  // search steps, so a long run of long chunks gives up instead of running for seconds
  const memo = new Map<number, string[][] | null>();
  const cutsOf = (ci: number, k: number): string[][] | null => {
    const key = ci * (n + 1) + k;
    let cs = memo.get(key);
    if (cs === undefined) {
      const all = cuts(chunks[ci]!, k, limit + 1, budget);
      cs = all === null || all.length > limit ? null : all;
      memo.set(key, cs);
    }
    return cs;
  };
  let steps = 0;
  const rec = (ci: number, left: number, acc: string[]): void => {
    if (over) return;
    if (++steps > MAX_SPLIT_STEPS || --budget.left < 0) {
      over = true;
      return;
    }
    if (ci === chunks.length) {
      if (left === 0) {
        if (out.length >= limit) over = true;
        else out.push([...acc]);
      }
      return;
    }
    const rest = chunks.length - ci - 1;
    const c = chunks[ci]!;
    for (let k = 1; k <= Math.min(c.length, left - rest); k++) {
      const cs = cutsOf(ci, k);
      if (cs === null) {
        over = true;
        return;
      }
      for (const cut of cs) {
        acc.push(...cut);
        rec(ci + 1, left - k, acc);
        acc.length -= cut.length;
        if (over) return;
      }
    }
  };
  rec(0, n, []);
  return over ? null : out;
}

interface VarRow {
  def: RowDef;
  found: FoundRow;
  chunks: string[];
  /** Candidate splits as numbers. */
  cands: number[][];
  /** Candidate splits as written. */
  texts: string[][];
}

interface LinEq {
  eq: Equation;
  /** Constant part of left − right (fixed cells). */
  constant: number;
  /** Per variable row: coefficient of each of its columns in left − right. */
  coef: Map<number, number[]>;
}

/** Sets a cell to a split value, keeping where the run came from. */
function setCell(table: ExtractedTable, row: RowDef, col: string, raw: string, pos: CellDetail['pos']): void {
  const value = Number(raw);
  const d: CellDetail = { value, raw, kind: 'number', ...(pos ? { pos } : {}) };
  table.cells[row.key]![col] = d;
  table.values[row.key]![col] = value;
}

function clearRow(table: ExtractedTable, row: RowDef): void {
  for (const c of row.columns) {
    const pos = table.cells[row.key]![c]?.pos;
    table.cells[row.key]![c] = { value: null, raw: '', kind: 'missing', ...(pos ? { pos } : {}) };
    table.values[row.key]![c] = null;
  }
}

/** Positions of each split cell: the chunk's token position, column moved by the digits before it. */
function positions(table: ExtractedTable, row: RowDef, chunks: string[], parts: string[]): (CellDetail['pos'] | undefined)[] {
  const chunkPos = chunks.map((_, k) => table.cells[row.key]![row.columns[k]!]?.pos);
  const out: (CellDetail['pos'] | undefined)[] = [];
  let ci = 0;
  let used = 0;
  for (const p of parts) {
    while (ci < chunks.length && used >= chunks[ci]!.length) {
      ci++;
      used = 0;
    }
    const base = chunkPos[ci];
    out.push(base ? { ...base, ...(base.column !== undefined ? { column: base.column + used } : {}) } : undefined);
    used += p.length;
  }
  return out;
}

function digitsOnly(t: string): string | null {
  const s = t.normalize('NFKC').trim();
  return /^\d+$/.test(s) ? s : null;
}

/**
 * Splits the glued digit runs of every table in place, using the template's equations:
 * rows whose run has fewer cells than the template and holds only digits. Records the outcome on
 * `FoundRow.glue` (rules GIA205/GIA206 report it). Cells of rows not split are left null.
 */
export function resolveGlued(tables: Record<string, ExtractedTable>, template: Template, work: GlueWork = { left: MAX_GLUE_WORK }): void {
  for (const def of template.tables) {
    const table = tables[def.key];
    if (!table?.found) continue;
    resolveTable(table, def, template.equations.filter((e) => e.table === def.key), work);
  }
}

function resolveTable(table: ExtractedTable, def: TableDef, equations: Equation[], work: GlueWork): void {
  const vars: VarRow[] = [];
  let blanksDropped = false;
  for (const row of def.rows) {
    const fr = table.rows[row.key];
    if (!fr?.runTexts || fr.runTexts.length >= row.columns.length) continue;
    // text laid out in columns (pdftotext -layout): a word is one cell, never glued digits ("258 12 1 1" is not 2 5 8 1 2 1 1)
    if (fr.by === 'columns') continue;
    const raw = fr.runTexts.join(' ');
    const chunks = fr.runTexts.map(digitsOnly);
    const digitCount = chunks.reduce((a, c) => a + (c?.length ?? 0), 0);
    if (chunks.some((c) => c === null)) {
      // decimals or units glued together ("13575394432.52元"): not split by digits alone
      if (fr.runTexts.some((t) => /\d{2,}/.test(t))) {
        fr.glue = { status: 'ambiguous', raw, options: [], optionCount: 0 };
        clearRow(table, row);
      }
      continue;
    }
    if (digitCount < row.columns.length) {
      blanksDropped = true;
      continue; // a genuinely short row (cell-count reports it)
    }
    // the row's own step bound, within what is left of the document's
    const rowWork = { left: Math.min(MAX_SPLIT_STEPS, Math.max(0, work.left)) };
    const texts = splitsOf(chunks as string[], row.columns.length, MAX_CANDIDATES, rowWork);
    work.left -= Math.min(MAX_SPLIT_STEPS, Math.max(0, work.left)) - Math.max(0, rowWork.left);
    if (texts === null) {
      fr.glue = { status: 'gaveUp', raw };
      clearRow(table, row);
      continue;
    }
    vars.push({ def: row, found: fr, chunks: chunks as string[], texts, cands: texts.map((t) => t.map(Number)) });
  }
  if (vars.length === 0) return;

  // A row with a single possible split (as many digits as cells) is taken — unless the table shows that its
  // blank cells vanished from the text (some row has fewer digits than cells) and the split breaks an identity
  // within the row: then "25812  11" may be 258 12 _ _ 1 1 _ rather than 2 5 8 1 2 1 1 with a total of 1. That
  // is a reading failure, not the author's error: the row is left empty and reported, never invented.
  const open: VarRow[] = [];
  for (const v of vars) {
    if (v.cands.length === 1) {
      const failing = blanksDropped ? rowIdentityFailing(v, equations) : undefined;
      if (!failing) apply(table, v, 0);
      else {
        v.found.glue = { status: 'rowConflict', raw: v.found.runTexts!.join(' '), options: [v.cands[0]!], optionCount: 1, failing: [{ ...failing.anchor, rule: failing.rule }] };
        clearRow(table, v.def);
      }
    } else if (v.cands.length === 0) {
      v.found.glue = { status: 'conflict', raw: v.found.runTexts!.join(' ') };
      clearRow(table, v.def);
    } else open.push(v);
  }
  if (open.length === 0) return;

  const eqs = linearise(table, equations, open);
  const giveUp = (): void => {
    for (const v of open) {
      v.found.glue = { status: 'gaveUp', raw: v.found.runTexts!.join(' '), optionCount: v.cands.length };
      clearRow(table, v.def);
    }
  };
  const full = search(open, eqs, work);
  if (full === 'budget') return giveUp();
  if (full.some((s) => s.size > 0)) {
    open.forEach((v, i) => {
      const opts = [...full[i]!];
      if (opts.length === 1) apply(table, v, opts[0]!);
      else {
        v.found.glue = { status: 'ambiguous', raw: v.found.runTexts!.join(' '), options: opts.slice(0, SHOWN).map((k) => v.cands[k]!), optionCount: opts.length };
        clearRow(table, v.def);
      }
    });
    return;
  }
  // no split satisfies every identity: which single identity, dropped, leaves a consistent split?
  const failing: LinEq[] = [];
  const nearOpts: Set<number>[][] = [];
  for (const e of eqs) {
    const r = search(open, eqs.filter((x) => x !== e), work);
    if (r === 'budget') return giveUp();
    if (r.some((s) => s.size > 0)) {
      failing.push(e);
      nearOpts.push(r);
    }
  }
  open.forEach((v, i) => {
    const raw = v.found.runTexts!.join(' ');
    if (failing.length === 0) {
      v.found.glue = { status: 'conflict', raw, optionCount: v.cands.length };
    } else {
      const opts = new Set<number>();
      for (const r of nearOpts) for (const k of r[i]!) opts.add(k);
      v.found.glue = {
        status: 'near',
        raw,
        options: [...opts].slice(0, SHOWN).map((k) => v.cands[k]!),
        optionCount: opts.size,
        failing: failing.map((e) => ({ ...e.eq.anchor, rule: e.eq.rule })),
      };
    }
    clearRow(table, v.def);
  });
}

/** The first equation made only of this row's cells that the row's single split breaks (e.g. 合计 ≠ the sum of its parts). */
function rowIdentityFailing(v: VarRow, equations: Equation[]): Equation | undefined {
  const key = v.def.key;
  const value = (r: CellRef): number | null => v.cands[0]![v.def.columns.indexOf(r.column)] ?? null;
  for (const eq of equations) {
    if (![...eq.left, ...eq.right].every((r) => r.row === key)) continue;
    const { left, right } = sides(eq, value);
    if (!balanced(left, right)) return eq;
  }
  return undefined;
}

function apply(table: ExtractedTable, v: VarRow, k: number): void {
  const parts = v.texts[k]!;
  const pos = positions(table, v.def, v.chunks, parts);
  v.def.columns.forEach((c, j) => setCell(table, v.def, c, parts[j]!, pos[j]));
  v.found.glue = { status: 'split', raw: v.found.runTexts!.join(' '), values: v.cands[k]!, optionCount: v.cands.length };
  v.found.cellsFound = v.def.columns.length;
}

/** Equations as left − right = constant + Σ coef·cell over the open rows; skipped when not {@link checkable} (the open rows' cells unknown). */
function linearise(table: ExtractedTable, equations: Equation[], open: VarRow[]): LinEq[] {
  const varIndex = new Map(open.map((v, i) => [v.def.key, i]));
  const asRead = { cell: (r: CellRef) => table.cells[r.row]?.[r.column], value: (r: CellRef) => table.values[r.row]?.[r.column] ?? null };
  const out: LinEq[] = [];
  for (const eq of equations) {
    const isVar = (r: CellRef) => varIndex.has(r.row);
    const refs = [...eq.left, ...eq.right];
    if (!refs.some(isVar)) continue;
    if (!checkable(eq, asRead, isVar)) continue;
    const l: LinEq = { eq, constant: 0, coef: new Map() };
    const add = (r: CellRef, sign: number) => {
      const vi = varIndex.get(r.row);
      if (vi === undefined) {
        l.constant += sign * (table.values[r.row]?.[r.column] ?? 0);
        return;
      }
      const cols = open[vi]!.def.columns;
      const c = l.coef.get(vi) ?? cols.map(() => 0);
      c[cols.indexOf(r.column)]! += sign;
      l.coef.set(vi, c);
    };
    eq.left.forEach((r) => add(r, 1));
    eq.right.forEach((r) => add(r, -1));
    out.push(l);
  }
  return out;
}

/**
 * Depth-first search over the open rows' candidate splits, with the residual of every equation
 * bounded by what the remaining rows can still contribute, and memoised on the residuals.
 * Returns, per row, the candidates that lie on at least one consistent assignment.
 */
function search(open: VarRow[], eqs: LinEq[], work: GlueWork): Set<number>[] | 'budget' {
  const n = open.length;
  // the contributions below: one unit per candidate and equation
  work.left -= open.reduce((a, v) => a + v.cands.length, 0) * Math.max(1, eqs.length);
  if (work.left < 0) return 'budget';
  // contribution of each candidate of each row to each equation
  const contrib: number[][][] = open.map((v, i) =>
    v.cands.map((cand) => eqs.map((e) => {
      const c = e.coef.get(i);
      return c ? c.reduce((a, k, j) => a + k * cand[j]!, 0) : 0;
    })),
  );
  // bounds of what rows depth..n-1 can still add to each equation
  const lo: number[][] = Array.from({ length: n + 1 }, () => eqs.map(() => 0));
  const hi: number[][] = Array.from({ length: n + 1 }, () => eqs.map(() => 0));
  for (let d = n - 1; d >= 0; d--) {
    eqs.forEach((_, e) => {
      const vals = contrib[d]!.map((c) => c[e]!);
      lo[d]![e] = lo[d + 1]![e]! + Math.min(...vals);
      hi[d]![e] = hi[d + 1]![e]! + Math.max(...vals);
    });
  }
  const good: Set<number>[] = open.map(() => new Set());
  const memo = new Map<string, boolean>();
  const cost = 1 + eqs.length;
  const rec = (d: number, res: number[]): boolean => {
    if ((work.left -= cost) < 0) throw new Budget();
    for (let e = 0; e < eqs.length; e++) if (res[e]! + lo[d]![e]! > 1e-9 || res[e]! + hi[d]![e]! < -1e-9) return false;
    if (d === n) return true;
    const key = `${d}|${res.join(',')}`;
    const seen = memo.get(key);
    if (seen !== undefined) return seen;
    let ok = false;
    const cs = contrib[d]!;
    for (let k = 0; k < cs.length; k++) {
      const next = res.map((r, e) => r + cs[k]![e]!);
      if (rec(d + 1, next)) {
        good[d]!.add(k);
        ok = true;
      }
    }
    memo.set(key, ok);
    return ok;
  };
  try {
    rec(0, eqs.map((e) => e.constant));
  } catch (e) {
    if (e instanceof Budget) return 'budget';
    throw e;
  }
  return good;
}

class Budget extends Error {}
