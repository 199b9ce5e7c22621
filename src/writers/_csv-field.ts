// RFC 4180 fields and lines, exactly as csv-stringify writes them with the options this project
// uses (delimiter `,`, quote `"`, record delimiter `\n`, no forced quoting): a field is quoted when
// it holds a quote, a comma, CR or LF, and its quotes are doubled; a number is written as
// JavaScript prints it; null and undefined are empty. csv-stringify validates and casts every
// field through its general options (~2 µs a field, 40 % of a text report's CSV time for 200
// lines); this is the same text (tests/csv-quote.test.ts checks it against csv-stringify on random
// fields and reads it back with csv-parse), except that a field with a CR and no LF is quoted too
// (csv-stringify leaves it bare, and csv-parse then ends the record inside the field).

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (!NEEDS_QUOTES.test(v)) return v;
  return `"${v.replaceAll('"', '""')}"`;
}

/** One CSV record and its line end. */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    if (i) out += ',';
    out += csvField(fields[i]);
  }
  return out + '\n';
}

/** Records as CSV text, each line ended (`header` first when given): what csv-stringify's `stringify(records, { header, columns, record_delimiter: '\n' })` gives. */
export function csvText(records: readonly (readonly (string | number | null | undefined)[])[], header?: readonly string[] | null): string {
  let out = header ? csvLine(header) : '';
  for (const r of records) out += csvLine(r);
  return out;
}
