// Preloaded into a spawned CLI (`node -r tests/helpers/peak.cjs …`): writes the process's peak
// resident set size (KB, worker threads included) to $GIA_PEAK_FILE when it exits.
process.on('exit', () => {
  if (process.env.GIA_PEAK_FILE) require('node:fs').writeFileSync(process.env.GIA_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
