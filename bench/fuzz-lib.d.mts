// Types of bench/fuzz-lib.mjs for the TypeScript tests.
export declare const READERS: readonly ('text' | 'html' | 'docx' | 'mapper')[];
export declare const RUNNER_READERS: readonly ('text' | 'html' | 'docx' | 'mapper' | 'pdf')[];
export type Reader = 'text' | 'html' | 'docx' | 'mapper' | 'pdf';
export interface Seeds {
  text: Uint8Array[];
  html: Uint8Array[];
  docx: Uint8Array[];
  pdf: Uint8Array[];
}
export interface FuzzApi {
  analyzeBytes: (bytes: Uint8Array, path: string) => Promise<{ diagnostics: unknown[] }>;
  GiaError: new (...args: never[]) => Error;
  fatalMessage: (e: never, locale: 'zh-CN' | 'en') => string;
  mapTables: (tokens: never, template: never) => Record<string, unknown>;
  templates: Record<string, unknown>;
}
export interface Failure {
  reader: Reader;
  seed: number;
  problem: string;
  case: unknown;
}
export declare function loadSeeds(root: string): Seeds;
export declare function mutate(seed: Uint8Array, ops: unknown[]): Uint8Array;
export declare function docxOf(bodyXml: string, extra?: Record<string, Uint8Array>): Uint8Array;
export declare function pdfOf(content: Uint8Array, opts?: { flate?: boolean; pages?: number }): Uint8Array;
export declare function arbitraryFor(reader: Reader, seeds: Seeds, api: FuzzApi): unknown;
export declare function checkCase(api: FuzzApi, reader: Reader, c: unknown, opts?: { maxMs?: number; clock?: () => number }): Promise<string | null>;
export declare const cpuClock: () => number;
export declare const peakRssMb: () => number;
export declare function campaign(
  api: FuzzApi,
  seeds: Seeds,
  reader: Reader,
  opts: { runs: number; seed?: number; chunk?: number; maxMs?: number; clock?: () => number; onCase?: (c: unknown) => void; onFailure?: (f: Failure) => void; deadline?: number; memoryMb?: () => number; maxMb?: number },
): Promise<{ reader: Reader; runs: number; failures: Failure[]; peakMb: number; peakCase: string | null; memoryExceeded: boolean }>;
export declare function concat(parts: Uint8Array[]): Uint8Array;
export interface RawEntry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  size: number;
  cdSize?: number;
  cdOriginal?: number;
  descriptor?: boolean;
}
export declare function rawZip(entries: RawEntry[]): Uint8Array;
export declare function ratioLieDocx(mb?: number): Uint8Array;
export declare function manyParagraphsDocx(mb?: number): Uint8Array;
