// The bundled CLI (scripts/bundle.mjs, built by `npm run build`): bin/gia-report.js loads it with its
// V8 code cache, and it behaves as the modules of dist/ do.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/gia-report.js');
const SEED = join(ROOT, 'fixtures/akqi-2021/akqi-2021.txt');

describe('bundle', () => {
  it('exists, is fresh and its code cache is accepted by this Node', async () => {
    const { loadBundle } = (await import(pathToFileURL(join(ROOT, 'bin/_bundle.js')).href)) as {
      loadBundle: (name: string) => { exports: Record<string, unknown>; script: { cachedDataRejected?: boolean } } | null;
    };
    for (const name of ['cli', 'worker']) {
      const b = loadBundle(name);
      expect(b, name).not.toBeNull();
      expect(b!.script.cachedDataRejected, name).toBe(false);
    }
    expect(typeof loadBundle('cli')!.exports['main']).toBe('function');
  });

  it('the bin (bundle) and dist/cli/main.js (modules) print the same lint, JSON and exit code', () => {
    const viaModules = (args: string[]) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/cli/main.js')).href)}); process.exitCode = await main(${JSON.stringify(args)});`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    for (const args of [['lint', SEED], ['lint', '-f', 'json', SEED], ['convert', SEED], ['lint', join(ROOT, 'fixtures/shanghai-office-2019/shanghai-office-2019.html')]]) {
      const a = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const b = viaModules(args);
      expect(a.status, args.join(' ')).toBe(b.status);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout.length).toBeGreaterThan(100);
    }
  });
});
