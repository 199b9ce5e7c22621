// Browser stand-in for node:path: in the page a file is known by its name only (a File has no
// directory), and the page passes '' as the working directory, so names are shown as they are.
export const sep = '/';

export function basename(p: string, ext?: string): string {
  const base = p.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

/** `to` relative to `from`: `to` itself when `from` is empty (the page) or `to` is not under it. */
export function relative(from: string, to: string): string {
  if (!from) return to;
  const base = from.replace(/[\\/]+$/, '') + '/';
  return to.startsWith(base) ? to.slice(base.length) : to;
}
