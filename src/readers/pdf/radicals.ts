// Text of PDF glyphs to what the author typed. Fonts in browser-printed and some WPS PDFs map
// ideographs to the look-alike radical code points: ⾏ (U+2F8F, KANGXI RADICAL WALK) for 行, ⺠
// (U+2EA0, CJK RADICAL CIVILIAN) for 民. NFKC folds the Kangxi radicals (U+2F00–U+2FDF) and the CJK
// compatibility ideographs, but not the CJK Radicals Supplement (U+2E80–U+2EFF): {@link RADICALS}
// maps those to the ideograph of the same form. Only these glyph-artefact ranges are folded here;
// full-width punctuation and digits stay as the document shows them (label matching applies NFKC itself).

/** CJK Radicals Supplement → the unified ideograph of the same form (where there is one). */
export const RADICALS: ReadonlyMap<number, string> = new Map<number, string>([
  [0x2E81, '厂'], // ⺁
  [0x2E84, '乙'], // ⺄
  [0x2E85, '亻'], // ⺅
  [0x2E86, '冂'], // ⺆
  [0x2E89, '刂'], // ⺉
  [0x2E8B, '㔾'], // ⺋
  [0x2E8E, '兀'], // ⺎
  [0x2E8F, '尣'], // ⺏
  [0x2E90, '尢'], // ⺐
  [0x2E92, '巳'], // ⺒
  [0x2E93, '幺'], // ⺓
  [0x2E94, '彑'], // ⺔
  [0x2E95, '彐'], // ⺕
  [0x2E96, '忄'], // ⺖
  [0x2E97, '㣺'], // ⺗
  [0x2E98, '扌'], // ⺘
  [0x2E99, '攵'], // ⺙
  [0x2E9B, '旡'], // ⺛
  [0x2E9C, '日'], // ⺜
  [0x2E9D, '月'], // ⺝
  [0x2E9E, '歺'], // ⺞
  [0x2E9F, '母'], // ⺟
  [0x2EA0, '民'], // ⺠
  [0x2EA1, '氵'], // ⺡
  [0x2EA2, '氺'], // ⺢
  [0x2EA3, '灬'], // ⺣
  [0x2EA4, '爫'], // ⺤
  [0x2EA5, '爫'], // ⺥
  [0x2EA6, '丬'], // ⺦
  [0x2EA7, '牛'], // ⺧
  [0x2EA8, '犭'], // ⺨
  [0x2EA9, '王'], // ⺩
  [0x2EAA, '疋'], // ⺪
  [0x2EAB, '罒'], // ⺫
  [0x2EAC, '示'], // ⺬
  [0x2EAD, '礻'], // ⺭
  [0x2EAE, '竹'], // ⺮
  [0x2EAF, '糹'], // ⺯
  [0x2EB0, '纟'], // ⺰
  [0x2EB1, '罓'], // ⺱
  [0x2EB2, '罒'], // ⺲
  [0x2EB7, '羊'], // ⺷
  [0x2EB9, '耂'], // ⺹
  [0x2EBA, '肀'], // ⺺
  [0x2EBB, '聿'], // ⺻
  [0x2EBC, '月'], // ⺼
  [0x2EBD, '臼'], // ⺽
  [0x2EBE, '艹'], // ⺾
  [0x2EBF, '艹'], // ⺿
  [0x2EC0, '艹'], // ⻀
  [0x2EC1, '虎'], // ⻁
  [0x2EC2, '衤'], // ⻂
  [0x2EC3, '覀'], // ⻃
  [0x2EC4, '西'], // ⻄
  [0x2EC5, '见'], // ⻅
  [0x2EC6, '角'], // ⻆
  [0x2EC8, '讠'], // ⻈
  [0x2EC9, '贝'], // ⻉
  [0x2ECA, '𧾷'], // ⻊
  [0x2ECB, '车'], // ⻋
  [0x2ECC, '辶'], // ⻌
  [0x2ECD, '辶'], // ⻍
  [0x2ECF, '阝'], // ⻏
  [0x2ED0, '钅'], // ⻐
  [0x2ED1, '長'], // ⻑
  [0x2ED2, '镸'], // ⻒
  [0x2ED3, '长'], // ⻓
  [0x2ED4, '门'], // ⻔
  [0x2ED6, '阝'], // ⻖
  [0x2ED7, '雨'], // ⻗
  [0x2ED8, '青'], // ⻘
  [0x2ED9, '韦'], // ⻙
  [0x2EDA, '页'], // ⻚
  [0x2EDB, '风'], // ⻛
  [0x2EDC, '飞'], // ⻜
  [0x2EDD, '食'], // ⻝
  [0x2EDF, '飠'], // ⻟
  [0x2EE0, '饣'], // ⻠
  [0x2EE2, '马'], // ⻢
  [0x2EE3, '骨'], // ⻣
  [0x2EE4, '鬼'], // ⻤
  [0x2EE5, '鱼'], // ⻥
  [0x2EE6, '鸟'], // ⻦
  [0x2EE7, '卤'], // ⻧
  [0x2EE8, '麦'], // ⻨
  [0x2EE9, '黄'], // ⻩
  [0x2EEA, '黾'], // ⻪
  [0x2EEB, '斉'], // ⻫
  [0x2EEC, '齐'], // ⻬
  [0x2EED, '歯'], // ⻭
  [0x2EEE, '齿'], // ⻮
  [0x2EEF, '竜'], // ⻯
  [0x2EF0, '龙'], // ⻰
  [0x2EF1, '龜'], // ⻱
  [0x2EF2, '亀'], // ⻲
  [0x2EF3, '龟'], // ⻳
]);

/** Kangxi radicals, CJK compatibility ideographs (BMP and supplement), Latin ligatures: NFKC-folded. */
function nfkcRange(cp: number): boolean {
  return (cp >= 0x2f00 && cp <= 0x2fdf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f) || (cp >= 0xfb00 && cp <= 0xfb06);
}

/** One glyph's text, folded: radicals to ideographs, compatibility ideographs by NFKC. */
export function foldGlyph(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2e80 && cp <= 0x2eff) return RADICALS.get(cp) ?? ch;
  if (nfkcRange(cp)) return ch.normalize('NFKC');
  return ch;
}

/** A whole string folded glyph by glyph. */
export function foldText(s: string): string {
  let out = '';
  for (const ch of s) out += foldGlyph(ch);
  return out;
}
