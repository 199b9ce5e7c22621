// Injected into the bundles by scripts/bundle.mjs in place of the global `performance`, whose first
// read loads perf_hooks. The code only subtracts performance.now() readings: process.hrtime's clock
// is as monotonic and as fine, and is there without loading anything.
export const performance = {
  now() {
    const [s, ns] = process.hrtime();
    return s * 1e3 + ns / 1e6;
  },
};
