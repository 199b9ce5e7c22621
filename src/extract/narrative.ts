// Text against tables: figures the narrative states ("共受理5件信息公开申请", "办结…件", "行政复议…件",
// "收取信息处理费…元") compared with the tables. Pure and conservative: a sentence is used only when it
// clearly names the figure; a figure is compared only when the table cells are there.
import type { CellRef, ExtractedReport, SourcePos, Template } from '../types.js';
import { getTemplate } from '../templates/index.js';

/** Which figure a sentence states. */
export type NarrativeFigure = 'received' | 'handled' | 'carriedForward' | 'carriedOver' | 'review' | 'litigation' | 'fee';

/** A figure found in the narrative. */
export interface NarrativeClaim {
  figure: NarrativeFigure;
  value: number;
  /** The words that state it, as written (normalised). */
  quote: string;
  paragraph: number;
  pos: SourcePos;
  /** "新收": counts new requests only (no carried-over reading). */
  newOnly?: boolean;
}

/** A claim that disagrees with the table. */
export interface NarrativeMismatch {
  claim: NarrativeClaim;
  /** The table cell compared (the first one when the table figure is a sum). */
  cell: CellRef;
  /** The table figure. */
  actual: number;
  /** Other numbers of the comparison, e.g. the carried-over count for `received`. */
  parts: Record<string, number>;
}

// (?<!\d): a number starts where its digits start; without it every position inside a long digit
// run is tried and backtracked (quadratic: 13 s on a 75 000-digit "sentence", found by fuzzing)
const NUM = '(?<!\\d)(\\d+(?:,\\d{3})*)';
/** Words that make "收到…件" about something other than disclosure requests. */
const OTHER = /信访|诉求|来信|来电|建议|提案|信箱|咨询|留言|热线|投诉|举报|议案|回复率|网民/;

interface Pattern {
  figure: NarrativeFigure;
  re: RegExp;
  /** The sentence must also match this. */
  needs?: RegExp;
  newOnly?: boolean;
}

const PATTERNS: Pattern[] = [
  // 共收到政府信息公开申请75件 / 共受理5件信息公开申请 / 新收申请74件
  { figure: 'received', re: new RegExp(`(新收)[^，,。；;:：\\d]{0,20}?${NUM}件`), needs: /申请/, newOnly: true },
  { figure: 'received', re: new RegExp(`(?:收到|受理|接收|接到)[^，,。；;:：\\d]{0,20}?${NUM}件`), needs: /申请/ },
  { figure: 'handled', re: new RegExp(`(?:办结|答复)[^，,。；;:：\\d]{0,12}?${NUM}件`), needs: /申请/ },
  { figure: 'carriedForward', re: new RegExp(`结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?${NUM}件|${NUM}件[^，,。；;\\d]{0,6}结转(?:至|到)?下一?年`) },
  { figure: 'carriedOver', re: new RegExp(`上一?年度?结转[^，,。；;:：\\d]{0,10}?${NUM}件`) },
  { figure: 'review', re: new RegExp(`行政复议[^，,。；;:：\\d各]{0,8}?${NUM}(?:件|起|宗)`) },
  { figure: 'litigation', re: new RegExp(`行政诉讼[^，,。；;:：\\d各]{0,8}?${NUM}(?:件|起|宗)`) },
  { figure: 'fee', re: new RegExp(`收取[^，,。；;:：\\d]{0,8}?信息处理费[^，,。；;:：\\d]{0,6}?(\\d+(?:\\.\\d+)?)元`) },
];

const HAS_DIGIT = /\d/;

/** "未发生…行政复议、行政诉讼" states zero cases. */
const NONE_APPEALS = /(?:未发生|没有发生|未出现|没有出现|无)[^，,。；;\d]{0,24}?行政复议/;

function sentences(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .split(/[。；;！!？?]/)
    .filter((s) => s !== '');
}

/** Figures the narrative states, in document order. */
export function narrativeClaims(report: ExtractedReport): NarrativeClaim[] {
  const out: NarrativeClaim[] = [];
  report.paragraphs.forEach((p, pi) => {
    if (!p.text.includes('件') && !p.text.includes('元') && !p.text.includes('行政复议')) return;
    for (const s of sentences(p.text)) {
      // every pattern holds a number: a sentence without a digit can only say "no appeals"
      const digit = HAS_DIGIT.test(s);
      for (const pat of digit ? PATTERNS : []) {
        const m = pat.re.exec(s);
        if (!m) continue;
        if (pat.needs && !pat.needs.test(s)) continue;
        // the request figures: 申请 near the number, nothing else being counted
        if (pat.figure === 'received' || pat.figure === 'handled') {
          const around = s.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12);
          if (!/申请/.test(around) || OTHER.test(m[0]) || !/公开|依申请/.test(s)) continue;
        }
        if (pat.figure === 'received' && !pat.newOnly && s[m.index - 1] === '新') continue; // 新收到: the 新收 pattern has it
        const raw = m.slice(1).find((g) => g !== undefined && /\d/.test(g));
        if (raw === undefined) continue;
        out.push({ figure: pat.figure, value: Number(raw.replace(/,/g, '')), quote: m[0], paragraph: pi, pos: p.pos, ...(pat.newOnly ? { newOnly: true } : {}) });
      }
      const none = digit ? null : NONE_APPEALS.exec(s);
      if (none) {
        out.push({ figure: 'review', value: 0, quote: s.slice(none.index, none.index + none[0].length + 8), paragraph: pi, pos: p.pos });
        if (/行政诉讼/.test(s.slice(none.index))) out.push({ figure: 'litigation', value: 0, quote: s.slice(none.index), paragraph: pi, pos: p.pos });
      }
    }
  });
  return out;
}

/** Claims that disagree with the tables (both readings of "收到申请…件" are accepted); the cells compared are the template's `figures`. */
export function narrativeMismatches(report: ExtractedReport, template: Template | undefined = getTemplate(report.template.id)): NarrativeMismatch[] {
  const fig = template?.figures ?? {};
  const ref = (figure: string): CellRef => fig[figure] ?? { table: '', row: '', column: '' };
  const v = (r: CellRef): number | null => {
    const c = report.tables[r.table]?.cells[r.row]?.[r.column];
    if (!c || c.kind === 'missing' || c.kind === 'invalid') return null;
    return c.value;
  };
  const out: NarrativeMismatch[] = [];
  const seen = new Set<string>();
  for (const claim of narrativeClaims(report)) {
    const key = `${claim.figure}|${claim.value}|${claim.paragraph}`;
    if (seen.has(key)) continue;
    seen.add(key);
    switch (claim.figure) {
      case 'received': {
        const rec = v(ref('received'));
        const carried = v(ref('carriedOver'));
        if (rec === null) break;
        const ok = claim.value === rec || (!claim.newOnly && carried !== null && claim.value === rec + carried);
        if (!ok) out.push({ claim, cell: ref('received'), actual: rec, parts: { carried: carried ?? 0, withCarried: rec + (carried ?? 0) } });
        break;
      }
      case 'handled':
      case 'carriedForward':
      case 'carriedOver': {
        const cell = ref(claim.figure);
        const actual = v(cell);
        if (actual !== null && actual !== claim.value) out.push({ claim, cell, actual, parts: {} });
        break;
      }
      case 'review': {
        const cell = ref('review');
        const actual = v(cell);
        if (actual !== null && actual !== claim.value) out.push({ claim, cell, actual, parts: {} });
        break;
      }
      case 'litigation': {
        const d = v(ref('direct'));
        const a = v(ref('afterReview'));
        if (d === null && a === null) break;
        const sum = (d ?? 0) + (a ?? 0); // a blank total counts as 0 (spec §7)
        if (sum !== claim.value) out.push({ claim, cell: ref('direct'), actual: sum, parts: { direct: d ?? 0, afterReview: a ?? 0 } });
        break;
      }
      case 'fee': {
        // fees charged while the tables show no request at all
        const rec = v(ref('received'));
        const carried = v(ref('carriedOver'));
        if (claim.value > 0 && rec === 0 && (carried ?? 0) === 0) out.push({ claim, cell: ref('received'), actual: 0, parts: {} });
        break;
      }
    }
  }
  return out;
}
