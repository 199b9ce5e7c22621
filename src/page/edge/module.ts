// Browser stand-in for node:module: src/version.ts reads the tool's name and version from
// package.json through createRequire; in the page they are put in by its build
// (scripts/bundle-page.mjs defines __GIA_PACKAGE__ from package.json).
declare const __GIA_PACKAGE__: { name: string; version: string };

export function createRequire(_url: string | URL): (id: string) => unknown {
  return (id: string) => {
    if (/(^|\/)package\.json$/.test(id)) return __GIA_PACKAGE__;
    throw new Error(`require(${id}) in the page`);
  };
}
