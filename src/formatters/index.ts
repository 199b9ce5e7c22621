// Formatter registry: one lazy loader per lint report format, so a run loads only what it prints.
import type { Formatter } from './types.js';

export const FORMATTER_LOADERS: Record<string, () => Promise<Formatter>> = {
  html: async () => (await import('./html.js')).html,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  stylish: async () => (await import('./stylish.js')).stylish,
};

/** Names of the lint report formats (`-f NAME`). */
export const FORMAT_NAMES = Object.keys(FORMATTER_LOADERS);

/** Loads a formatter by name; undefined for an unknown name. */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return FORMATTER_LOADERS[name]?.();
}

export type { Formatter, FormatContext } from './types.js';
