// Formatter registry: one lazy loader per lint report format, so a run loads only what it prints.
import type { Formatter, Pieces } from './types.js';

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

/** The formats that can be written piece by piece (file by file) without holding the whole text. */
const PIECES_LOADERS: Record<string, () => Promise<Pieces>> = {
  json: async () => (await import('./json.js')).jsonPieces,
  sarif: async () => (await import('./sarif.js')).sarifPieces,
  stylish: async () => (await import('./stylish.js')).stylishPieces,
};

/** The piece-by-piece form of a format, when it has one. */
export async function loadPieces(name: string): Promise<Pieces | undefined> {
  return PIECES_LOADERS[name]?.();
}

export type { Formatter, FormatContext, Pieces, ResultList } from './types.js';
