// Report metadata from the text: organ and year from the title, year from the statistics period,
// publication date where the document states one.
import type { Paragraph, ReportMeta } from '../types.js';

const TITLE_RE = /^(.{2,60}?)(\d{4})\s*年\s*(?:度)?\s*(?:政府信息公开|政务公开|信息公开)/;
/** Year first: "2019年上海市人民政府办公厅政府信息公开工作年度报告". */
const TITLE_YEAR_FIRST = /^(\d{4})\s*年\s*(?:度)?\s*(\S{2,40}?)(?:政府信息公开|政务公开|信息公开)工作年度报告/;
const PERIOD_RE = /统计期限?(?:为|是)?\s*(?:自|从)?\s*(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-)\s*(\d{4})\s*年\s*12\s*月\s*31\s*日/;
const ISO_DATE = /(?:发布(?:日期|时间)|成文日期|日期)\s*[:：]?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;
const CN_DATE = /^\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$/;

const CN_DIGITS: Record<string, number> = { '〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 4 && [...s].every((c) => c in CN_DIGITS)) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  // 十, 十二, 二十, 二十一, 三十一
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  return CN_DIGITS[s] ?? NaN;
}

function iso(y: number, m: number, d: number): string | null {
  if (!(y > 1990 && y < 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads organ, year, title and publication date from the report's paragraphs. */
export function extractMeta(paragraphs: Paragraph[]): ReportMeta {
  const meta: ReportMeta = { organ: null, year: null, published: null, title: null };
  // The title may be broken over the first few lines ("…2021年政府信息公开" / "工作年度报告").
  const head = paragraphs.slice(0, 12);
  for (let i = 0; i < head.length && !meta.title; i++) {
    // candidates: the paragraph alone, then joined with the next short ones
    let joined = head[i]!.text.replace(/^(?:标题|题目)\s*[:：]\s*/, '');
    for (let k = 0; k < 3 && !meta.title; k++) {
      const yf = TITLE_YEAR_FIRST.exec(joined.replace(/^\ufeff/, ''));
      const m = yf ? ([yf[0], yf[2], yf[1]] as unknown as RegExpExecArray) : TITLE_RE.exec(joined);
      if (m) {
        // a title broken before its end ("…2021年政府信息公开" / "工作年度报告"): take the short rest
        for (let x = i + k + 1; x < head.length && !/报告/.test(joined.slice(m[0].length)) && x <= i + 3; x++) {
          if (head[x]!.text.length > 20 || !/报告\s*$/.test(head[x]!.text)) break;
          joined += head[x]!.text;
        }
        const end = joined.indexOf('报告', m[0].length);
        meta.title = (end > 0 && end < 80 ? joined.slice(0, end + 2) : m[0]).trim();
        meta.organ = m[1]!.replace(/^[\s\ufeff]+|[\s（(]+$/g, '').replace(/^关于/, '') || null;
        meta.year = Number(m[2]);
        meta.yearSource = 'title';
        break;
      }
      const next = head[i + k + 1];
      if (!next || next.text.length > 60 || joined.length > 80) break;
      joined += next.text;
    }
  }
  const all = paragraphs.map((p) => p.text).join('\n');
  const period = PERIOD_RE.exec(all);
  if (period && period[1] === period[2]) {
    if (meta.year === null) {
      meta.year = Number(period[1]);
      meta.yearSource = 'period';
    }
  }
  const isoDate = ISO_DATE.exec(all);
  if (isoDate) meta.published = iso(Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3]));
  if (!meta.published) {
    // a date alone on a line near the end, as signed reports close ("2022年1月19日")
    for (const p of paragraphs.slice(-8).reverse()) {
      const m = CN_DATE.exec(p.text);
      if (m) {
        meta.published = iso(cnNumber(m[1]!), cnNumber(m[2]!), cnNumber(m[3]!));
        if (meta.published) break;
      }
    }
  }
  return meta;
}
