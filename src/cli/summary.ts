// The end-of-batch tally and summary (stderr), in the user's locale.
import type { FileResult, Locale } from '../types.js';
import { isFatal } from '../types.js';
import { format, messages } from '../i18n/index.js';
import { terminalSafe } from '../text/terminal.js';
import type { SkippedInput } from './inputs.js';

export interface BatchTally {
  total: number;
  done: number;
  read: number;
  withErrors: number;
  withWarnings: number;
  failed: { path: string; message: string }[];
}

export function newTally(total: number): BatchTally {
  return { total, done: 0, read: 0, withErrors: 0, withWarnings: 0, failed: [] };
}

export function tallyResult(t: BatchTally, r: FileResult): void {
  t.done++;
  if (isFatal(r)) {
    t.failed.push({ path: r.path, message: r.fatal.message });
    return;
  }
  t.read++;
  const c = r.counts;
  if (c.error) t.withErrors++;
  if (c.warning) t.withWarnings++;
}

/** `ext:.md` → 扩展名 .md; known codes in the locale; anything else (an OS message) as is. */
function skipReason(reason: string, locale: Locale): string {
  const W = messages(locale).batch;
  if (reason.startsWith('ext:')) return format(W.ext, { ext: reason.slice(4) });
  const os = /^([A-Z][A-Z0-9]+)[:,]/.exec(reason)?.[1]; // an OS message ("EACCES: permission denied, scandir …")
  return W.skip[reason] ?? (os && messages(locale).os[os]) ?? reason;
}

/** The end-of-batch summary (stderr), in the locale. */
export function batchSummary(t: BatchTally, skipped: SkippedInput[], locale: Locale, interrupted: boolean, seconds?: number, opts: { listFailed?: boolean } = {}): string {
  const W = messages(locale).batch;
  const out: string[] = [];
  if (interrupted) out.push(format(W.interrupted, { done: t.done, total: t.total }));
  const rate = seconds && seconds > 0 ? format(W.rate, { seconds: seconds.toFixed(1), rate: (t.done / seconds).toFixed(0) }) : '';
  out.push(format(W.summary, { read: t.read, errors: t.withErrors, warnings: t.withWarnings, failed: t.failed.length, skipped: skipped.length, rate }));
  if (t.failed.length && opts.listFailed !== false) {
    out.push(W.failedHead);
    for (const f of t.failed) out.push(`  ${f.message.startsWith(f.path) ? f.message : `${f.path}: ${f.message}`}`);
  }
  if (skipped.length) {
    out.push(W.skippedHead);
    for (const s of skipped) out.push(format(W.skippedItem, { path: s.path, reason: skipReason(s.reason, locale) }));
  }
  return terminalSafe(out.join('\n')) + '\n'; // paths and messages are shown, never obeyed (no control characters)
}
