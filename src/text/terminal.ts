// Text from documents (file names, headings, quoted source text, archive names) on its way to a
// terminal: control characters could retitle the window, clear the screen or forge output lines.

/** C0 controls but tab and line feed, DEL, and C1 controls (ESC, CSI, OSC…). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The text with every control character shown instead of obeyed: C0 as its Unicode control
 * picture (ESC → ␛, CR → ␍, BEL → ␇), DEL as ␡, C1 as U+FFFD. Tab and line feed are kept.
 */
export function terminalSafe(s: string): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(s)) return s;
  return s.replace(CONTROL, (c) => {
    const n = c.charCodeAt(0);
    if (n < 0x20) return String.fromCharCode(0x2400 + n);
    if (n === 0x7f) return '\u2421';
    return '\ufffd';
  });
}
