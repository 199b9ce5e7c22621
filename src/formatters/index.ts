// Formatter registry: explicit imports, one per lint report format.
import type { Formatter } from './types.js';
import { json } from './json.js';
import { stylish } from './stylish.js';

export const FORMATTERS: Record<string, Formatter> = { json, stylish };

export type { Formatter, FormatContext } from './types.js';
