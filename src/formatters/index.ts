// Formatter registry: explicit imports, one per lint report format.
import type { Formatter } from './types.js';
import { html } from './html.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export const FORMATTERS: Record<string, Formatter> = { html, json, sarif, stylish };

export type { Formatter, FormatContext } from './types.js';
