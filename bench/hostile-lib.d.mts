// Types of bench/hostile-lib.mjs for the TypeScript tests.
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
