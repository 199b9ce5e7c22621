// Pretty JSON written piece by piece: a document whose one big array is filled in as it goes.

/**
 * The text of `JSON.stringify(doc, null, 2) + '\n'` where `doc` is `frame` with `frame`'s array
 * under `"key": []` (empty in the frame, at the given depth) holding every item of `groups`, in
 * pieces: the frame up to the array, one piece per group of items, then the rest. A large report
 * is written as it is rendered, never held as one object tree or string. The frame must have
 * exactly one `"key": []` (JSON text has no raw newline inside strings, so indenting line starts
 * is safe).
 */
export function* arrayPieces(frame: object, key: string, depth: number, groups: Iterable<object[]>): Generator<string> {
  const text = JSON.stringify(frame, null, 2) + '\n';
  const hole = `${JSON.stringify(key)}: []`;
  const at = text.indexOf(hole);
  const pad = ' '.repeat(2 * depth);
  yield text.slice(0, at) + hole.slice(0, -1);
  let first = true;
  for (const items of groups) {
    if (items.length === 0) continue;
    yield items.map((item) => (first ? ((first = false), '\n') : ',\n') + JSON.stringify(item, null, 2).replace(/^/gm, pad)).join('');
  }
  yield (first ? ']' : `\n${' '.repeat(2 * depth - 2)}]`) + text.slice(at + hole.length);
}
