// The catalogue type (the shape of zh-CN.ts) and the catalogue of a locale.
import type { Locale } from '../types.js';
import { zhCN } from './zh-CN.js';
import { en } from './en.js';

/** Every user-facing string, by area; each locale's file is checked against it at compile time. */
export type Catalogue = typeof zhCN;

export const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };

/** The strings of a locale. */
export function messages(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}
