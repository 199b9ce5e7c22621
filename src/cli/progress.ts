// A one-line progress bar for batch runs on a TTY stderr: done/total, reports per second, ETA,
// failures so far. Redrawn in place (\r + erase line), at most every `intervalMs`, cleared at the end.
import type { Locale } from '../types.js';
import { messages } from '../i18n/index.js';

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Progress is shown only on a TTY, unless --no-progress, and only for more than one input. */
export function shouldShowProgress(stream: ProgressStream, enabled: boolean, total: number): boolean {
  return enabled && !!stream.isTTY && total > 1;
}


/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export class ProgressBar {
  done = 0;
  failed = 0;
  private readonly start: number;
  private last = -Infinity;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    readonly total: number,
    private readonly opts: { locale: Locale; now?: () => number; intervalMs?: number; width?: number } = { locale: 'zh-CN' },
  ) {
    this.start = this.now();
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** The bar's text for the current state (pure: no writing). */
  line(): string {
    const W = messages(this.opts.locale).progress;
    const elapsed = (this.now() - this.start) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const left = this.total - this.done;
    const eta = rate > 0 ? formatDuration(left / rate) : '--:--';
    const frac = this.total ? this.done / this.total : 1;
    const cols = this.opts.width ?? 20;
    const filled = Math.round(frac * cols);
    const bar = '█'.repeat(filled) + '░'.repeat(cols - filled);
    const parts = [`${bar} ${this.done}/${this.total} ${Math.floor(frac * 100)}%`, `${rate.toFixed(rate < 10 ? 1 : 0)}/s`, `${W.eta} ${eta}`];
    if (this.failed) parts.push(W.failed.replace('{n}', String(this.failed)));
    return parts.join(' · ');
  }

  /** Counts one finished input and redraws (throttled). */
  tick(failed = false): void {
    this.done++;
    if (failed) this.failed++;
    this.render(this.done === this.total);
  }

  render(force = false): void {
    const t = this.now();
    if (!force && t - this.last < (this.opts.intervalMs ?? 100)) return;
    this.last = t;
    let s = this.line();
    const max = (this.stream.columns ?? 80) - 1;
    if (s.length > max) s = s.slice(0, max);
    this.stream.write(`\r${s}\x1b[K`);
    this.shown = true;
  }

  /** Erases the bar (before other output on the same stream, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
