// A made-up `--to md` writer (a Markdown table, one line per report), written as a new format's
// writer file would be: the registry test adds it with one registerWriter call (the line it would
// take in WRITERS) and checks that the CLI drives it like the built-in writers.
import type { Writer } from '../../src/writers/index.js';

export const MD_HEAD = '| file | organ | year | template | diagnostics |\n|---|---|---|---|---|\n';

export const markdownWriter: Writer = {
  name: 'md',
  ext: '.md',
  extensions: ['.md', '.markdown'],
  encode(r, part) {
    const line = `| ${r.source.path} | ${r.meta.organ ?? ''} | ${r.meta.year ?? ''} | ${r.template.id} | ${r.diagnostics.length} |\n`;
    return part === 'one' ? MD_HEAD + line : line;
  },
  frame() {
    let n = 0;
    return { part: 'line', add: (c) => (n++ === 0 ? [MD_HEAD, c] : [c]), end: () => (n === 0 ? MD_HEAD : '') };
  },
};
