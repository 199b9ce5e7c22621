// Cell values and label keys (src/text/normalize.ts).
import { describe, expect, it } from 'vitest';
import { cleanCell, isBlankText, isValueText, labelKey, parseValue, stripNumbering } from '../src/text/normalize.js';

describe('parseValue', () => {
  it.each([
    ['0', 0],
    ['707', 707],
    ['17225', 17225],
    ['１２３', 123], // full-width digits
    ['１，２３４', 1234], // full-width comma
    ['3,985,758', 3985758],
    [' 42 ', 42],
    ['\u00a042\u3000', 42],
  ])('%j → %d', (raw, value) => {
    expect(parseValue(raw)).toMatchObject({ kind: 'number', value });
  });

  it.each(['', ' ', '\u00a0', '\u3000', '\t'])('blank %j → null, not 0', (raw) => {
    expect(parseValue(raw)).toEqual({ kind: 'blank', value: null });
  });

  it.each(['—', '——', '-', '－', '–', '/', '／', '无'])('dash %j → 0 (kind dash)', (raw) => {
    expect(parseValue(raw)).toEqual({ kind: 'dash', value: 0 });
  });

  it('units in the cell', () => {
    expect(parseValue('5件')).toMatchObject({ kind: 'number', value: 5, unit: '件' });
    expect(parseValue('160.5964万元', 'amount')).toMatchObject({ value: 160.5964, unit: '万元' });
    expect(parseValue('160.5964万元', 'amount').original).toBeUndefined();
  });

  it('元 → 万元 exactly, keeping the original', () => {
    expect(parseValue('251000元', 'amount')).toMatchObject({ value: 25.1, unit: '元', original: 251000 });
    expect(parseValue('1元', 'amount').value).toBe(0.0001);
    expect(parseValue('123456789.01元', 'amount').value).toBe(12345.678901);
    expect(parseValue('0.3元', 'amount').value).toBe(0.00003);
    expect(parseValue('1,234,567元', 'amount').value).toBe(123.4567);
    expect(parseValue('1.5亿元', 'amount').value).toBe(15000);
    // a count column keeps the number as written
    expect(parseValue('251000元', 'count')).toMatchObject({ value: 251000, unit: '元' });
  });

  it('decimals as written (no float drift)', () => {
    expect(parseValue('879.127651', 'amount')).toMatchObject({ value: 879.127651, decimals: true });
    expect(parseValue('96171.6', 'amount').value).toBe(96171.6);
  });

  it('signed values for 本年增/减', () => {
    expect(parseValue('+3', 'signed')).toMatchObject({ value: 3, signed: true });
    expect(parseValue('-2', 'signed')).toMatchObject({ value: -2, signed: true });
    expect(parseValue('减少2', 'signed')).toMatchObject({ value: -2, signed: true });
    expect(parseValue('增加5', 'signed')).toMatchObject({ value: 5, signed: true });
    expect(parseValue('-0').value).toBe(0);
    expect(Object.is(parseValue('-0').value, -0)).toBe(false);
  });

  it.each(['若干', 'abc', '1,23', '12a', '3.5.1', '1 2 3x'])('invalid %j → null', (raw) => {
    expect(parseValue(raw)).toMatchObject({ kind: 'invalid', value: null });
  });
});

describe('isValueText / isBlankText / cleanCell', () => {
  it('tells values from labels', () => {
    expect(isValueText('707')).toBe(true);
    expect(isValueText('—')).toBe(true);
    expect(isValueText('251000元')).toBe(true);
    expect(isValueText('行政许可')).toBe(false);
    expect(isValueText('')).toBe(false);
    expect(isBlankText('\t\u00a0\u3000 ')).toBe(true);
    expect(isBlankText('0')).toBe(false);
    expect(cleanCell(' １２\u3000')).toBe('12');
  });

  it('isBlankText is the regular expression it replaced, on every BMP character alone and after a space', () => {
    const BLANK = /^[\s\u00a0\u3000\u200b\ufeff]*$/;
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(isBlankText(ch)).toBe(BLANK.test(ch));
      expect(isBlankText(` ${ch}`)).toBe(BLANK.test(` ${ch}`));
    }
    expect(isBlankText('')).toBe(true);
  });

  it('isValueText equals its definition (cleaned text that parses as a number or a dash) on random strings', () => {
    const pool = [...'0123456789０１２３４５６７８９,.，．+-－—–/／\\ \u3000\u00a0²¹万亿元件项个条次宗份人增加减少无行政许可规章（）()、：一二三①㈠⑴xX'];
    let seed = 12345;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const definition = (raw: string): boolean => {
      const t = cleanCell(raw);
      return t !== '' && ['number', 'dash'].includes(parseValue(t, 'amount').kind);
    };
    for (let i = 0; i < 20000; i++) {
      let w = '';
      for (let k = rnd(7); k >= 0; k--) w += pool[rnd(pool.length)];
      expect(isValueText(w), JSON.stringify(w)).toBe(definition(w));
    }
  });

  it('isValueText takes digit strings as before', () => {
    expect(['0', '00', '12345678901234567890', '0012'].every(isValueText)).toBe(true);
    expect(['1e3', '12a', '1 2x', '\u0661'].some(isValueText)).toBe(false);
  });
});

describe('labelKey', () => {
  it('unifies brackets, width, quotes, spaces and numbering punctuation', () => {
    expect(labelKey('（三）不予公开')).toBe(labelKey('(三)不予公开'));
    expect(labelKey('3.危及“三安全一稳定”')).toBe(labelKey('3、危及"三安全一稳定"'));
    expect(labelKey('1．属于国家秘密')).toBe(labelKey('1.属于国家秘密'));
    expect(labelKey('商业 企业')).toBe('商业企业');
    expect(labelKey('本年收费金额（单位：万元）')).toBe(labelKey('本年收费金额(单位万元)'));
  });
  it('stripNumbering removes 一、 (三) 1.', () => {
    expect(stripNumbering(labelKey('一、本年新收政府信息公开申请数量'))).toBe('本年新收政府信息公开申请数量');
    expect(stripNumbering(labelKey('（三）不予公开'))).toBe('不予公开');
    expect(stripNumbering(labelKey('8.属于行政查询事项'))).toBe('属于行政查询事项');
  });
});

describe('labelKey against its definition', () => {
  // The definition: NFKC, then white space/quotes/colons dropped, brackets unified, 、,， after a digit → "."
  const reference = (text: string): string =>
    text
      .normalize('NFKC')
      .replace(/[\s\u00a0\u3000\u200b\ufeff“”"'‘’「」『』:：]+/g, '')
      .replace(/[【〔［]/g, '(')
      .replace(/[】〕］]/g, ')')
      .replace(/(?<=\d)[、,，]/g, '.');

  it('equals the definition for every BMP code unit, alone and next to digits, CJK and spaces', () => {
    const bad: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `1${ch}`, `${ch}、`, `表${ch} 2，`, `（${ch}）：`, `9${ch}${ch}，x`]) {
        if (labelKey(text) !== reference(text)) bad.push(text);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('equals the definition on random strings (long ones, surrogate pairs and lone halves included)', () => {
    const alphabet = [...'0123456789１２３、,，.。 \t\n\u3000\u00a0“”"\'：:【】〔〕［］()（）一二三四五六申请数量ＡＢabc\ud840\udc00\ud840\udfff\u0301ｶﾞ'];
    alphabet.push('\ud800', '\udc01'); // lone surrogate halves
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const bad: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const len = i % 100 === 0 ? 5000 + rnd(20000) : rnd(60);
      let text = '';
      for (let k = 0; k < len; k++) text += alphabet[rnd(alphabet.length)];
      if (labelKey(text) !== reference(text)) bad.push(text);
    }
    expect(bad.slice(0, 3)).toEqual([]);
  });
});
