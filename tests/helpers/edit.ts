// Seeded defects: small, checked edits of a fixture's text (each throws if the edit cannot apply).

/** Replaces the k-th value line ("\t5") after the line holding `label` (one cell per line, the seed's layout). */
export function setCell(text: string, label: string, k: number, value: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(label));
  if (at < 0) throw new Error(`no line with ${label}`);
  let seen = -1;
  for (let i = at + 1; i < lines.length; i++) {
    if (/^\t\d+$/.test(lines[i]!)) seen++;
    if (seen === k) {
      lines[i] = `\t${value}`;
      return lines.join('\n');
    }
  }
  throw new Error(`no value ${k} after ${label}`);
}

/** Replaces `from`, which must occur exactly once. */
export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}
